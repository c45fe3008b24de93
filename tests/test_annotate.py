"""`draftlint annotate`: one Word comment per body finding, anchored on exactly its text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docx_build import cell, comment_range, make_docx, para, run, table
from draftlint.annotate import annotate_file, default_output
from draftlint.cli import main
from draftlint.config import Config
from draftlint.readers.docx import read
from draftlint.run import Runner


@pytest.fixture(scope="module")
def runner() -> Runner:
    return Runner.create(Config(), lang="en", debug=True)


def _fixture(tmp_path: Path, **kw) -> Path:
    body = (para(run("始终保持廉", "<w:b/>"), run("沽本色,学校"),
                 run(" 严格落实安全工作责任制。", '<w:color w:val="FF0000"/>'))
            + para("撰写调研文章X篇，讲课生动活波。")
            + table([cell("每组七、八个人"), cell("合计")]))
    return make_docx(tmp_path, body, headers=[para("页眉廉沽本色")], **kw)


def _draftlint_comments(doc) -> dict[str, dict]:
    return {c["id"]: c for c in doc.meta["comments"] if c["author"] == "draftlint"}


def _anchored_texts(doc, ids) -> dict[str, str]:
    """Comment id -> the body text its range covers."""
    out = {}
    for b in doc.blocks:
        if b.part != "body":
            continue
        for m in b.marks_of("comment"):
            if m.data.get("id") in ids:
                out[m.data["id"]] = b.text[m.start:m.end]
    return out


def test_one_comment_per_body_finding_on_exactly_its_text(tmp_path, runner):
    import docx
    path = _fixture(tmp_path)
    original = path.read_bytes()
    findings, _ = runner.check_file(path, "test.docx")
    body = [f for f in findings if f.part == "body"]
    others = [f for f in findings if f.part != "body"]
    assert body and others
    result = annotate_file(runner, path, "test.docx")
    assert result.error is None and result.out == default_output(path)
    assert path.read_bytes() == original  # the input is never written
    out = read(result.out, "out.docx")
    ours = _draftlint_comments(out)
    assert len(ours) == len(body) + 1
    texts = _anchored_texts(out, set(ours))
    anchored = sorted(texts[c] for c in texts if not ours[c]["text"].startswith("draftlint"))
    assert anchored == sorted(f.text for f in body)
    summary = next(c for c in ours.values() if c["text"].startswith("draftlint"))
    assert "header" in summary["text"] and "廉沽" in summary["text"]
    # the text itself is unchanged, and formatting survives the run splits
    assert [b.text for b in out.blocks if b.part == "body"] == \
        [b.text for b in read(path, "in.docx").blocks if b.part == "body"]
    d = docx.Document(str(result.out))
    assert [(r.text, bool(r.bold)) for r in d.paragraphs[0].runs if r.text][:2] == [
        ("始终保持", True), ("廉", True)]
    assert all(c.author == "draftlint" for c in d.comments)


def test_existing_comments_are_kept_and_ids_do_not_collide(tmp_path, runner):
    body = para(comment_range(0, run("请核实")), run("讲课生动活波"))
    path = make_docx(tmp_path, body, comments=[(0, "张三", para("原有批注"))])
    result = annotate_file(runner, path, "test.docx", tmp_path / "out.docx")
    assert result.error is None
    out = read(tmp_path / "out.docx", "out.docx")
    authors = sorted(c["author"] for c in out.meta["comments"])
    assert authors[:1] == ["draftlint"] and "张三" in authors
    ids = [c["id"] for c in out.meta["comments"]]
    assert len(ids) == len(set(ids))
    ours = _draftlint_comments(out)
    assert "生动活波" in _anchored_texts(out, set(ours)).values()


def test_comments_part_is_created_with_relationship_and_content_type(tmp_path, runner):
    import zipfile
    path = make_docx(tmp_path, para("讲课生动活波"))
    result = annotate_file(runner, path, "test.docx")
    with zipfile.ZipFile(result.out) as zf:
        names = zf.namelist()
        assert "word/comments.xml" in names
        assert b"/word/comments.xml" in zf.read("[Content_Types].xml")
        assert b"comments.xml" in zf.read("word/_rels/document.xml.rels")
    with zipfile.ZipFile(path) as zf:
        assert "word/comments.xml" not in zf.namelist()


def test_cli_never_overwrites_the_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = _fixture(tmp_path)
    data = path.read_bytes()
    assert main(["annotate", "--isolated", "test.docx", "-o", "test.docx"]) == 2
    assert path.read_bytes() == data
    assert main(["annotate", "--isolated", "test.docx"]) == 0
    assert (tmp_path / "test.draftlint.docx").exists()
    assert "comment(s) (" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_converts_annotated_and_fixed_copies(tmp_path, runner):
    from draftlint.fix import fix_file
    path = _fixture(tmp_path)
    annotated = annotate_file(runner, path, "test.docx").out
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(path.read_bytes())
    assert fix_file(runner, fixed, "fixed.docx").error is None
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), str(annotated), str(fixed)],
                   check=True, capture_output=True, timeout=240)
    for name in (annotated.stem, "fixed"):
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000


def _range_siblings(path: Path, cid: str) -> tuple[str, str, str]:
    """Local names of what precedes the range start, follows the range end, and the end's parent."""
    import zipfile

    from lxml import etree
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    crs = next(e for e in root.iter(w + "commentRangeStart") if e.get(w + "id") == cid)
    cre = next(e for e in root.iter(w + "commentRangeEnd") if e.get(w + "id") == cid)
    ref = cre.getnext()
    assert ref.find(w + "commentReference").get(w + "id") == cid
    name = lambda el: etree.QName(el).localname if el is not None else ""
    after = crs.getnext()
    first = after.find(w + "fldChar") if after is not None and name(after) == "r" else None
    return (name(after) if first is None else "fldChar:" + first.get(w + "fldCharType"),
            name(cre.getparent()), name(ref.getparent()))


def test_a_finding_in_a_field_result_is_anchored_around_the_whole_field(tmp_path, runner):
    from docx_build import field
    # A DATE field's result is rebuilt whenever Word opens the file: a range inside it
    # would be lost with it.
    body = (para("2025年度个人述职报告") + para("述职人：王建华")
            + para(field('DATE \\@ "yyyy年M月d日"', "2019年12月20日")))
    path = make_docx(tmp_path, body)
    result = annotate_file(runner, path, "test.docx", tmp_path / "out.docx")
    assert result.error is None
    assert [f.text for f in result.anchored if f.text == "2019年12月20日"] == ["2019年12月20日"]
    out = read(tmp_path / "out.docx", "out.docx")
    ours = _draftlint_comments(out)
    cid = next(c for c, v in ours.items() if "2019年12月20日" in v["text"])
    assert _anchored_texts(out, {cid}) == {cid: "2019年12月20日"}
    assert _range_siblings(tmp_path / "out.docx", cid) == ("fldChar:begin", "p", "p")


def test_a_prompt_in_a_content_control_is_anchored_around_the_control(tmp_path, runner):
    from docx_build import sdt
    body = para("联系人：", sdt(run("单击或点击此处输入文字"), sid=9), "，电话：0571-86001234")
    path = make_docx(tmp_path, body)
    result = annotate_file(runner, path, "test.docx", tmp_path / "out.docx")
    assert result.error is None and len(result.anchored) == 1
    out = read(tmp_path / "out.docx", "out.docx")
    [cid] = _draftlint_comments(out)
    assert _anchored_texts(out, {cid}) == {cid: "单击或点击此处输入文字"}
    assert _range_siblings(tmp_path / "out.docx", cid) == ("sdt", "p", "p")
