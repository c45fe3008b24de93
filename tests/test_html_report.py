"""`check --format html`: one self-contained page, text escaped, findings marked in place."""

from __future__ import annotations

import re

from docx_build import make_docx, para
from draftlint.cli import main


def _html(capsys, *argv: str) -> tuple[int, str]:
    code = main(["check", "--isolated", "--format", "html", *argv])
    return code, capsys.readouterr().out


def test_page_is_self_contained_escaped_and_marks_findings(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "撰写调研文章X篇<script>alert(1)</script>\n讲课生动活波 & [/x]\n", encoding="utf-8")
    code, page = _html(capsys, "a.txt")
    assert code == 1
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp; [/x]" in page
    # no external resources
    assert not re.search(r"""(?:src|href)=["'](?!#)""", page)
    assert "@import" not in page and "url(" not in page
    # the flagged spans are marked in the text and listed at the side with links
    assert re.search(r'<mark class="error" id="f\d+" title="[^"]*">X</mark>', page)
    assert re.search(r"<mark class=\"error\"[^>]*>生动活波</mark>", page)
    assert page.count('<a href="#f') == page.count("<li>")


def test_docx_parts_are_shown(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_docx(tmp_path, para("全年共完成调研报告三篇。"), headers=[para("页眉廉沽本色")],
              name="r.docx")
    code, page = _html(capsys, "r.docx")
    assert code == 1
    assert '<div class="part">header</div>' in page and ">廉沽</mark>" in page
    assert "全年共完成调研报告三篇。" in page


def test_clean_run_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("全年共完成调研报告三篇。\n", encoding="utf-8")
    code, page = _html(capsys, "--lang", "zh", "a.txt")
    assert code == 0 and "没有发现问题" in page


def test_unreadable_file_falls_back_to_finding_lines(tmp_path, capsys):
    from draftlint.model import Finding, Report, Severity
    from draftlint.report.html import render
    import io
    f = Finding("gone.txt", "typo.confusion", "typo", Severity.ERROR, "body", 3, 3, 3, 5,
                "廉沽", "Misspelling", "廉洁", True, context="保持廉沽本色", context_span=(2, 4))
    out = io.StringIO()
    render(Report([f], [], ["gone.txt"]), out)
    assert '<mark class="error" id="f0" title="Misspelling">廉沽</mark>' in out.getvalue()
