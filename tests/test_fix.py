"""`draftlint fix`: byte-faithful txt/md, in-run docx edits, verification, atomic writes."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from docx_build import field, ins, make_docx, para, read_members, run
from draftlint.cli import main
from draftlint.config import Config
from draftlint.fix import StripOptions, choose, fix_file, fix_text, verify
from draftlint.model import Finding, Severity
from draftlint.rules import load_rules
from draftlint.run import Runner
from draftlint.writers import WriteError, commit, fingerprint, stage
from draftlint.writers.docx import rebuild

RULES = load_rules()
BAD = "始终保持廉沽本色,学校 严格落实安全工作责任制。\n开展了走访、调研。。。\n"
GOOD = "始终保持廉洁本色，学校严格落实安全工作责任制。\n开展了走访、调研……\n"


@pytest.fixture(scope="module")
def runner() -> Runner:
    return Runner.create(Config(), debug=True)


def fix_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["fix", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ txt / md

def test_nothing_to_fix_leaves_the_file_untouched(cwd, capsys):
    path = cwd / "clean.txt"
    data = "全年共完成调研报告三篇。\r\n第二行。".encode("gb18030")
    path.write_bytes(data)
    before = fingerprint(path)
    code, _, _ = fix_cli(capsys, "clean.txt")
    assert code == 0
    assert path.read_bytes() == data and fingerprint(path) == before


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"), ("gb18030", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\n"),
])
def test_fix_is_byte_faithful(cwd, capsys, encoding, bom, newline):
    path = cwd / "a.txt"
    path.write_bytes(bom + BAD.replace("\n", newline).encode(encoding))
    code, out, _ = fix_cli(capsys, "a.txt")
    assert code == 1, out
    assert path.read_bytes() == bom + GOOD.replace("\n", newline).encode(encoding)


def test_mixed_newlines_stay_mixed(cwd, capsys):
    path = cwd / "a.txt"
    path.write_bytes("第一行没有问题。\r\n讲课生动活波\n末行。\r\n".encode())
    fix_cli(capsys, "a.txt")
    assert path.read_bytes() == "第一行没有问题。\r\n讲课生动活泼\n末行。\r\n".encode()


def test_markdown_fix_maps_to_source_columns_and_keeps_markup(cwd, capsys):
    path = cwd / "a.md"
    path.write_text("# 标题\n\n常怀**律已**之心，学校 严格落实。\n- [讲课生动活波](https://example.org/a,b)\n",
                    encoding="utf-8")
    fix_cli(capsys, "a.md")
    assert path.read_text(encoding="utf-8") == (
        "# 标题\n\n常怀**律己**之心，学校严格落实。\n- [讲课生动活泼](https://example.org/a,b)\n")


def test_diff_shows_and_writes_nothing(cwd, capsys):
    path = cwd / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    code, out, _ = fix_cli(capsys, "--diff", "a.txt")
    assert code == 1
    assert "--- a/a.txt" in out and "+始终保持廉洁本色" in out and "-开展了走访、调研。。。" in out
    assert path.read_text(encoding="utf-8") == BAD


def test_check_exits_1_without_writing(cwd, capsys):
    (cwd / "a.txt").write_text(BAD, encoding="utf-8")
    (cwd / "b.txt").write_text(GOOD, encoding="utf-8")
    assert fix_cli(capsys, "--check", "a.txt")[0] == 1
    assert (cwd / "a.txt").read_text(encoding="utf-8") == BAD
    assert fix_cli(capsys, "--check", "b.txt")[0] == 0


def test_backup_and_permissions(cwd, capsys):
    path = cwd / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chmod(path, 0o640)
    fix_cli(capsys, "--backup", "a.txt")
    assert (cwd / "a.txt.bak").read_text(encoding="utf-8") == BAD
    assert path.read_text(encoding="utf-8") == GOOD
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in cwd.iterdir() if "draftlint-tmp" in p.name]


def test_a_symlink_is_fixed_where_it_points_and_stays_a_link(cwd, capsys):
    real = cwd / "real.txt"
    real.write_text(BAD, encoding="utf-8")
    link = cwd / "link.txt"
    link.symlink_to("real.txt")
    code, _, _ = fix_cli(capsys, "link.txt")
    assert code == 1
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8") == GOOD
    assert not [p for p in cwd.iterdir() if "draftlint-tmp" in p.name]


def test_select_and_ignore(cwd, capsys):
    path = cwd / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    fix_cli(capsys, "--select", "typo", "a.txt")
    assert path.read_text(encoding="utf-8").startswith("始终保持廉洁本色,学校 严格")
    fix_cli(capsys, "--ignore", "layout", "a.txt")
    assert path.read_text(encoding="utf-8").startswith("始终保持廉洁本色，学校 严格")


def _fixable_cases():
    for rule in RULES:
        fixed = rule.examples.get("fixed", ())
        for i, (bad, good) in enumerate(zip(rule.examples.get("bad", ()), fixed)):
            yield pytest.param(rule, bad, good, id=f"{rule.id}-{i}")


@pytest.mark.parametrize("rule,bad,good", list(_fixable_cases()))
def test_every_fixable_example_is_fixed_to_its_fixed_text(tmp_path, rule, bad, good):
    text = bad.replace("⟦", "").replace("⟧", "")
    path = tmp_path / "example.txt"
    path.write_text(text + "\n", encoding="utf-8")
    one = Runner.create(Config(), [rule.id], debug=True)
    result = fix_file(one, path, "example.txt")
    assert result.error is None
    assert path.read_text(encoding="utf-8") == good + "\n"


def test_after_fix_check_reports_no_fixable_finding(cwd, capsys, runner):
    path = cwd / "report.txt"
    path.write_text(BAD + "说话直接了当，从不甘败下风\n每组七、八个人\n", encoding="utf-8")
    fix_cli(capsys, "report.txt")
    findings, _ = runner.check_file(path, "report.txt")
    assert not [f for f in findings if f.fixable]


def test_choose_drops_overlaps_and_disagreements():
    def f(col, end, sugg, rule="r"):
        return Finding("p", rule, "typo", Severity.ERROR, "body", 1, col, 1, end, "x", "m",
                       sugg, True)
    chosen, skipped = choose([f(1, 3, "a"), f(2, 4, "b"), f(5, 6, "c", "r1"),
                              f(5, 6, "d", "r2"), f(8, 9, "e"), f(8, 9, "e", "r2")])
    assert [(c.column, c.suggestion) for c in chosen] == [(1, "a"), (8, "e")]
    assert {why for _, why in skipped} == {"overlaps another fix", "rules disagree on the fix",
                                           "same fix as another rule"}


def test_verify_reports_a_fix_that_did_not_take_or_created_a_finding():
    def f(rule, text):
        return Finding("p", rule, "typo", Severity.ERROR, "body", 1, 1, 1, 2, text, "m", "y", True)
    a, b = f("typo.confusion", "廉沽"), f("layout.stray-space", " ")
    assert verify([a, b], [a], [b]) is None
    assert "did not take" in verify([a], [a], [a])
    assert "new finding" in verify([a], [a], [f("typo.suspect", "廉")])


alphabet = st.sampled_from(list("学校严格落实工作廉沽律已生动活波，。、,.;:!? 　()（）…") +
                           ["。。。", "三、四", "..."])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(alphabet, min_size=1, max_size=30).map("".join))
def test_property_fix_never_adds_a_fixable_finding(runner, text):
    from draftlint.readers.text import document_from_text
    before, _ = runner.lint_document(document_from_text(text, "p.txt"))
    new_text, result = fix_text(runner, text, "txt", "p.txt")
    after, _ = runner.lint_document(document_from_text(new_text, "p.txt"))
    old = {(f.rule, f.text) for f in before if f.fixable}
    assert {(f.rule, f.text) for f in after if f.fixable} <= old


# ------------------------------------------------------------------ faults

def test_changed_on_disk_is_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("原文", encoding="utf-8")
    stamp = fingerprint(path)
    tmp = stage(path, "新文".encode())
    path.write_text("别人改过的原文", encoding="utf-8")
    with pytest.raises(WriteError, match="changed on disk"):
        commit(tmp, path, stamp)
    assert path.read_text(encoding="utf-8") == "别人改过的原文"
    assert not tmp.exists()


def test_permission_error_mid_write_leaves_the_original(cwd, capsys, monkeypatch):
    path = cwd / "a.txt"
    path.write_text(BAD, encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = fix_cli(capsys, "a.txt")
    assert code == 2 and "Permission denied" in err
    assert path.read_text(encoding="utf-8") == BAD
    assert not [p for p in cwd.iterdir() if "draftlint-tmp" in p.name]


# ------------------------------------------------------------------ docx

def _docx(tmp_path: Path, name: str = "d.docx") -> Path:
    body = (para(run("始终保持廉", "<w:b/>"), run("沽本色,学校"),
                 run(" 严格落实安全工作责任制。", '<w:color w:val="FF0000"/>'))
            + para("第二段讲课生动活波。")
            + para(field("PAGE", "讲课生动活波"))
            + para(ins(run("讲课生动活波"))))
    return make_docx(tmp_path, body, headers=[para("页眉廉沽本色")], name=name)


def test_docx_fix_edits_inside_runs_and_keeps_other_parts_raw(tmp_path, runner):
    import docx
    path = _docx(tmp_path)
    original = path.read_bytes()
    result = fix_file(runner, path, "d.docx")
    assert result.error is None and result.written
    assert len(result.applied) == 5
    reasons = {why for _, why in result.skipped}
    assert not reasons  # field and tracked-change hits are not fixable at all
    d = docx.Document(str(path))
    p1 = d.paragraphs[0]
    assert p1.text == "始终保持廉洁本色，学校严格落实安全工作责任制。"
    assert [(r.text, bool(r.bold), r.font.color.rgb is not None) for r in p1.runs] == [
        ("始终保持廉洁", True, False), ("本色，学校", False, False),
        ("严格落实安全工作责任制。", False, True)]
    assert d.paragraphs[2].text.endswith("讲课生动活波")  # a field result is not edited
    assert d.sections[0].header.paragraphs[0].text == "页眉廉洁本色"
    # untouched members: same names, order, compression and raw compressed bytes
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(path) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        new = path.read_bytes()
        for ia, ib in zip(a.infolist(), b.infolist()):
            assert ia.compress_type == ib.compress_type
            if ia.filename in ("word/document.xml", "word/header1.xml"):
                continue
            raw_a = original[ia.header_offset:ia.header_offset + 30 + len(ia.filename) + ia.compress_size]
            raw_b = new[ib.header_offset:ib.header_offset + 30 + len(ib.filename) + ib.compress_size]
            assert raw_a == raw_b, ia.filename
    findings, _ = runner.check_file(path, "d.docx")
    assert not [f for f in findings if f.fixable]


def test_docx_with_nothing_to_fix_is_not_rewritten(tmp_path, runner):
    path = make_docx(tmp_path, para("全年共完成调研报告三篇。"))
    data, stamp = path.read_bytes(), fingerprint(path)
    result = fix_file(runner, path, "d.docx")
    assert not result.changed and not result.written
    assert path.read_bytes() == data and fingerprint(path) == stamp


def test_docx_diff_and_check_write_nothing(cwd, capsys):
    path = _docx(cwd)
    data = path.read_bytes()
    code, out, _ = fix_cli(capsys, "--diff", "d.docx")
    assert code == 1 and "+[body:1] 始终保持廉洁本色，学校严格落实" in out
    assert fix_cli(capsys, "--check", "d.docx")[0] == 1
    assert path.read_bytes() == data


def test_docx_edited_parts_keep_identical_xml_elsewhere(tmp_path, runner):
    path = _docx(tmp_path)
    before = read_members(path)
    fix_file(runner, path, "d.docx")
    after = read_members(path)
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"word/document.xml", "word/header1.xml"}
    assert after["word/document.xml"].startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")


class _Unseekable(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def test_rebuild_copies_members_with_data_descriptors():
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.xml", "<a>甲</a>" * 50)
        zf.writestr("b.xml", "<b/>")
    data = bytes(sink.buf)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("a.xml").flag_bits & 0x08
    out = rebuild(data, {"b.xml": b"<b>new</b>"})
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        assert zf.testzip() is None
        assert zf.read("a.xml") == ("<a>甲</a>" * 50).encode()
        assert zf.read("b.xml") == b"<b>new</b>"


# ------------------------------------------------------------------ opt-in removals

def test_strip_options_in_docx(tmp_path, runner):
    from docx_build import comment_range, dele, vml_watermark
    import docx
    body = (para("全年完成投资12亿元。") + para(comment_range(0, run("请核实")))
            + para(run("隐藏内容", "<w:vanish/>"))
            + para("下载更多精品文档请访问 www.xxwenku.com")
            + para(ins(run("新增一句。")), dele("删除的话")))
    path = make_docx(tmp_path, body, headers=[para(vml_watermark("某某文库 WWW.WENKU.COM"))],
                     comments=[(0, "张三", para("原有批注"))], core={"creator": "某某文库网"})
    members = set(read_members(path))
    plain = fix_file(runner, path, "d.docx")
    assert not plain.changed  # nothing is removed unless asked for
    result = fix_file(runner, path, "d.docx", strip=StripOptions(True, True, True))
    assert result.error is None and result.written and len(result.removed) >= 5
    assert set(read_members(path)) == members  # no part added or dropped
    findings, _ = runner.check_file(path, "d.docx")
    assert not [f for f in findings if f.category in ("watermark", "residue")]
    assert [p.text for p in docx.Document(str(path)).paragraphs] == [
        "全年完成投资12亿元。", "请核实", "", "新增一句。"]


def test_strip_watermark_lines_in_text(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_text("全年完成投资12亿元。\n下载更多精品文档请访问 www.xxwenku.com\n末行。\n",
                    encoding="utf-8")
    result = fix_file(runner, path, "a.txt", strip=StripOptions(watermarks=True))
    assert result.error is None and result.removed
    assert path.read_text(encoding="utf-8") == "全年完成投资12亿元。\n末行。\n"


def test_status_lines_follow_the_language(cwd, capsys):
    (cwd / "a.txt").write_text("始终保持廉沽本色。\n", encoding="utf-8")
    assert main(["fix", "--lang", "zh", "a.txt"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("a.txt：已修正 1 处\n")
    assert err == "共检查 1 个文件，已修正 1 个，0 个文件出错\n"
    assert main(["fix", "--lang", "en", "--check", "a.txt"]) == 0
    assert capsys.readouterr().err == "1 file(s) checked, 0 would fix, 0 file error(s)\n"
