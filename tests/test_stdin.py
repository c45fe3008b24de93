"""Editors: `draftlint check - --stdin-filename NAME` reads the document from stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from draftlint.cli import main
from draftlint.model import FINDING_FIELDS
from tests.docx_build import make_docx, para, run


def check_stdin(monkeypatch, capsys, data: bytes, *argv: str) -> tuple[int, str, str]:
    """Run `draftlint check - …` in-process with `data` as the real stdin bytes."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["check", "-", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_from_stdin_uses_the_given_name(cwd, monkeypatch, capsys):
    src = "# 总结\n\n**全年**撰写调研文章X篇。\n"
    code, out, _ = check_stdin(monkeypatch, capsys, src.encode("utf-8"),
                               "--stdin-filename", "docs/总结.md", "--format", "json", "--isolated")
    assert code == 1
    rep = json.loads(out)
    (f,) = [f for f in rep["findings"] if f["rule"] == "placeholder.unfilled"]
    assert f["path"] == "docs/总结.md"
    # Markdown columns: the ** markers count, as in the file the editor shows.
    assert (f["line"], f["column"], f["text"]) == (3, src.splitlines()[2].index("X") + 1, "X")
    assert rep["summary"]["files"] == 1


def test_same_findings_as_the_file_on_disk(cwd, monkeypatch, capsys):
    src = "（一）工作开展情况\n撰写调研文章X篇,完成报告两篇。\n（三）下一步打算\n"
    (cwd / "a.md").write_text(src, encoding="utf-8")
    main(["check", "a.md", "--format", "json", "--isolated"])
    from_file = capsys.readouterr().out
    _, from_stdin, _ = check_stdin(monkeypatch, capsys, src.encode("utf-8"),
                                   "--stdin-filename", "a.md", "--format", "json", "--isolated")
    assert from_stdin == from_file


def test_without_a_name_stdin_is_text(cwd, monkeypatch, capsys):
    code, out, _ = check_stdin(monkeypatch, capsys, "撰写调研文章X篇\n".encode("gb18030"),
                               "--format", "json", "--isolated")
    rep = json.loads(out)
    assert code == 1 and rep["findings"][0]["path"] == "<stdin>"
    assert rep["findings"][0]["text"] == "X"


def test_docx_bytes_from_stdin(cwd, monkeypatch, capsys, tmp_path):
    doc = make_docx(tmp_path, para(run("全年撰写调研文章X篇。")), name="src.docx")
    code, out, _ = check_stdin(monkeypatch, capsys, doc.read_bytes(),
                               "--stdin-filename", "报告.docx", "--format", "json", "--isolated")
    rep = json.loads(out)
    assert code == 1
    assert [(f["path"], f["text"]) for f in rep["findings"]] == [("报告.docx", "X")]


def test_unreadable_stdin_is_an_error_entry(cwd, monkeypatch, capsys):
    code, out, _ = check_stdin(monkeypatch, capsys, b"not a zip",
                               "--stdin-filename", "a.docx", "--format", "json", "--isolated")
    rep = json.loads(out)
    assert code == 2 and rep["errors"][0]["path"] == "a.docx"


def test_config_applies_to_the_stdin_name(cwd, monkeypatch, capsys):
    (cwd / ".draftlint.toml").write_text(
        'exclude = ["vendor/"]\n[per-file-ignores]\n"templates/*.md" = ["placeholder"]\n',
        encoding="utf-8")
    data = "撰写调研文章X篇\n".encode("utf-8")
    for name in ("vendor/a.md", "templates/t.md"):
        code, out, _ = check_stdin(monkeypatch, capsys, data, "--stdin-filename", name,
                                   "--format", "json")
        assert code == 0 and json.loads(out)["findings"] == [], name
    code, _, _ = check_stdin(monkeypatch, capsys, data, "--stdin-filename", "docs/a.md",
                             "--format", "json")
    assert code == 1


@pytest.mark.parametrize("argv, needle", [
    (["check", "-", "a.md"], "cannot be combined"),
    (["check", "a.md", "--stdin-filename", "x.md"], "needs `-`"),
])
def test_stdin_usage_errors(cwd, capsys, argv, needle):
    (cwd / "a.md").write_text("正文。\n", encoding="utf-8")
    assert main([*argv, "--isolated"]) == 2
    assert needle in capsys.readouterr().err


def test_json_for_editors_is_stable(cwd):
    """A real pipe into the installed entry point: the contract's keys, in order, UTF-8."""
    proc = subprocess.run(
        [sys.executable, "-m", "draftlint", "check", "-", "--stdin-filename", "x.md",
         "--format", "json", "--isolated", "--lang", "en"],
        input="撰写调研文章X篇\n".encode("utf-8"), capture_output=True, cwd=cwd)
    assert proc.returncode == 1, proc.stderr
    rep = json.loads(proc.stdout.decode("utf-8"))
    assert list(rep) == ["version", "findings", "errors", "summary"] and rep["version"] == 1
    assert tuple(rep["findings"][0]) == FINDING_FIELDS
    assert list(rep["summary"]) == ["files", "findings", "errors", "by_category"]
    assert "撰写".encode("utf-8") not in proc.stdout or "X" in rep["findings"][0]["text"]
    assert proc.stderr == b""
