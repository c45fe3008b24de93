"""Property-based tests: arbitrary text and .docx never crash a reader or any rule kind, findings point at real source text, and a file's findings do not depend on the rest of the run.

The CI budget is small; a long campaign: `HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py`
(or DRAFTLINT_FUZZ_EXAMPLES=N for any number of examples per test).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from docx_build import cell, comment_range, dele, ins, make_docx, para, run, sdt, table
from draftlint.config import Config
from draftlint.engine import context_for
from draftlint.model import Document, Finding
from draftlint.readers import read_document
from draftlint.readers.markdown import document_from_markdown
from draftlint.readers.text import document_from_text, split_lines
from draftlint.rules import load_rules
from draftlint.run import Runner

_LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
EXAMPLES = int(os.environ.get("DRAFTLINT_FUZZ_EXAMPLES", 3000 if _LONG else 60))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

# Every pack selected by name: rules that are off by default (date.stale) run too,
# and debug=True makes a crashing kind raise instead of becoming a FileError.
PACKS = sorted({r.id.split(".")[0] for r in load_rules()})
CONFIG = Config()
RUNNER = Runner.create(CONFIG, select=PACKS, debug=True,
                       ctx=context_for(CONFIG, report_year=2024, authors=("张三",),
                                       company=("某某科技有限公司",)))

# Fragments that wake the rules up: slots, dates, numbers and totals, numbering,
# punctuation pairs, ads and contacts, repeated characters, Markdown syntax, directives,
# and the characters that split or hide text (\r, \x0b, \u2028, zero-width, combining).
TOKENS = [
    "X", "XX", "x", "某某", "××", "○○", "[姓名]", "（此处填写）", "______", "2024年", "2023年",
    "13月", "2月30日", "2024年5月1日", "2024-13-01", "第一", "第三", "一、", "二、", "四、",
    "（一）", "（三）", "1.", "3.", "合计", "总计", "其中", "分别为", "共", "人", "项", "100",
    "50", "30", "20", "12.5", "%", "％", "同比增长", "，", "。", "、", "：", "；", "“", "”",
    "‘", "’", "（", "）", "(", ")", "《", "》", "【", "】", "「", "」", "…", "——", "!!", "？？",
    "http://www.example.com/a", "www.abc.cn", "QQ：12345678", "微信公众号", "关注我们",
    "免费下载", "更多资料", "13800138000", "１２３", "ＡＢＣ", "的的", "在在在", "工作作",
    "在", "了", "报告", "总结", "述职", "我", "张三", "某某科技有限公司", "\r", "\n", "\r\n",
    "\x0b", "\x0c", "\u2028", "\u2029", "\u200b", "\ufeff", "\t", " ", "\u3000", "e\u0301",
    "\u0301", "\U0001F600", "𠀀", "# ", "## ", "- ", "* ", "> ", "1. ", "| 合计 | 100 |",
    "|---|---|", "`X`", "**", "_", "[链接](http://a.cn)", "![图](x.png)", "<!-- draftlint-disable -->",
    "<!-- draftlint-enable -->", "<!-- draftlint-disable-next-line placeholder -->", "\\",
]
ANY_CHAR = st.characters(exclude_categories=("Cs",))
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
FRAGMENT = st.one_of(st.sampled_from(TOKENS), st.text(ANY_CHAR, max_size=4), CJK)
TEXT = st.lists(FRAGMENT, max_size=80).map("".join)


def check_against_lines(findings: list[Finding], text: str) -> None:
    """Every finding lies inside its line and its `text` is that line's slice."""
    lines = split_lines(text)
    for f in findings:
        assert f.part == "body" and f.end_line == f.line
        assert 1 <= f.line <= len(lines), f
        line = lines[f.line - 1]
        assert 1 <= f.column <= f.end_column <= len(line) + 1, f
        assert line[f.column - 1:f.end_column - 1] == f.text, f


def check_against_blocks(findings: list[Finding], doc: Document) -> None:
    """Every finding names an existing (part, line) and its `text` is that block's source slice."""
    blocks = {}
    for b in doc.blocks:
        blocks.setdefault((b.part, b.line), b)
    for f in findings:
        block = blocks.get((f.part, f.line))
        assert block is not None, f
        source = block.source_text()
        assert 1 <= f.column <= f.end_column <= len(source) + 1, f
        assert source[f.column - 1:f.end_column - 1] == f.text, f


@FUZZ
@given(TEXT)
def test_any_text_lints_as_txt(text):
    findings, errors = RUNNER.lint_document(document_from_text(text, "a.txt"))
    assert errors == []
    check_against_lines(findings, text)


@FUZZ
@given(TEXT)
def test_any_text_lints_as_markdown(text):
    findings, errors = RUNNER.lint_document(document_from_markdown(text, "a.md"))
    assert errors == []
    check_against_lines(findings, text)


@FUZZ
@given(st.binary(max_size=200) | TEXT.map(lambda s: s.encode("utf-8"))
       | TEXT.map(lambda s: s.encode("gb18030", errors="replace")))
def test_any_bytes_read_or_refused_cleanly(data):
    """Any bytes as .txt/.md: a Document or a ReadError through the normal run, never a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("a.txt", "a.md"):
            path = Path(tmp) / name
            path.write_bytes(data)
            findings, errors = RUNNER.check_file(path, name)
            assert all("internal error" not in e.message for e in errors)
            assert len(errors) <= 1 and (not errors or not findings)


# ------------------------------------------------------------------ .docx

def _xml_ok(ch: str) -> bool:
    o = ord(ch)
    return ch in "\t\n\r" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


XML_TEXT = st.lists(FRAGMENT, max_size=12).map(lambda parts: "".join(c for c in "".join(parts)
                                                                      if _xml_ok(c)))
RPR = st.sampled_from(["", "<w:b/>", "<w:vanish/>", "<w:noProof/>", '<w:color w:val="FFFFFF"/>',
                       '<w:sz w:val="2"/>', '<w:highlight w:val="yellow"/>'])
SPECIAL_RUN = st.sampled_from(["<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>",
                               "<w:r><w:noBreakHyphen/></w:r>",
                               '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'])


@st.composite
def inline(draw) -> str:
    """One inline element: a run, a tracked change, a content control or a special run."""
    choice = draw(st.integers(0, 9))
    text = draw(XML_TEXT)
    if choice <= 5:
        return run(text, draw(RPR))
    if choice == 6:
        return ins(run(text, draw(RPR)))
    if choice == 7:
        return dele(text)
    if choice == 8:
        return sdt(run(text), placeholder=draw(st.booleans()))
    return draw(SPECIAL_RUN)


PARAGRAPH = st.builds(lambda runs, style: para(*runs, style=style) if runs else "<w:p/>",
                      st.lists(inline(), max_size=6),
                      st.sampled_from([None, "Heading1", "Heading2", "ListParagraph", "Title"]))


@st.composite
def body(draw, depth: int = 0) -> str:
    """Paragraphs and (possibly nested, possibly ragged) tables."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            rows = draw(st.lists(st.lists(body(depth + 1), min_size=1, max_size=3),
                                 min_size=1, max_size=3))
            out.append(table(*[[cell(c or "<w:p/>") for c in row] for row in rows]))
        else:
            out.append(draw(PARAGRAPH))
    return "".join(out)


DOCX = st.fixed_dictionaries({
    "body": body(),
    "headers": st.lists(PARAGRAPH, max_size=2),
    "footers": st.lists(PARAGRAPH, max_size=2),
    "footnotes": st.none() | st.lists(PARAGRAPH, max_size=2),
    "comment": st.none() | XML_TEXT,
    "core": st.dictionaries(st.sampled_from(["title", "creator", "lastModifiedBy", "keywords",
                                             "description"]), XML_TEXT, max_size=3),
})


def build_docx(folder: Path, spec: dict, name: str = "f.docx") -> Path:
    body_xml = spec["body"]
    comments = None
    if spec["comment"] is not None:
        body_xml += para(comment_range(0, run("批注处")))
        comments = [(0, "张三", para(spec["comment"]))]
    return make_docx(folder, body_xml, name=name, headers=[h for h in spec["headers"]],
                     footers=list(spec["footers"]), footnotes=spec["footnotes"],
                     comments=comments, core=spec["core"])


@FUZZ
@given(DOCX)
def test_any_docx_structure_reads_and_lints(spec):
    with tempfile.TemporaryDirectory() as tmp:
        path = build_docx(Path(tmp), spec)
        doc = read_document(path, "f.docx")
        findings, errors = RUNNER.lint_document(doc)
    assert errors == []
    check_against_blocks(findings, doc)


# ------------------------------------------------------------------ independence

@FUZZ
@given(TEXT, st.lists(st.tuples(st.sampled_from(["txt", "md"]), TEXT), min_size=1, max_size=3),
       st.none() | DOCX)
def test_findings_do_not_depend_on_the_other_files(text, others, docx_spec):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.md").write_text(text, encoding="utf-8", newline="")
        names = []
        for i, (suffix, other) in enumerate(others):
            (folder / f"o{i}.{suffix}").write_text(other, encoding="utf-8", newline="")
            names.append(f"o{i}.{suffix}")
        if docx_spec is not None:
            build_docx(folder, docx_spec, "o.docx")
            names.append("o.docx")
        a = str(folder / "a.md")
        alone = RUNNER.run([a])
        # `a` in the middle of the run: after one other file, before the rest.
        together = RUNNER.run([str(folder / names[0]), a,
                               *(str(folder / n) for n in names[1:])])
    mine = [f.to_dict() for f in together.findings if f.path == alone.files[0]]
    assert mine == [f.to_dict() for f in alone.findings]
    # A refused file (e.g. one holding NUL bytes) is refused the same way in both runs.
    assert [e for e in together.errors if e.path == alone.files[0]] == alone.errors
