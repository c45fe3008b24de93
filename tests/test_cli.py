"""The command line: exit codes, formats, languages, rule docs, folder walking, selection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import draftlint
from draftlint.cli import main
from draftlint.rules import load_rules

CLEAN = "全年共完成调研报告三篇。\n"
SLOT = "撰写调研文章X篇\n"
PENDING = "主要成效：待补充\n"  # placeholder.pending is a warning


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", *argv)
    return code, json.loads(out)


# ------------------------------------------------------------------ basics

def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"draftlint {draftlint.__version__}"


def test_python_dash_m(cwd: Path):
    write(cwd / "a.txt", SLOT)
    proc = subprocess.run([sys.executable, "-m", "draftlint", "check", "--isolated",
                           "--format", "plain", "a.txt"], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 1
    assert "a.txt:1:7: error [placeholder.unfilled]" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "draftlint", "explain", "no.such"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and "no.such" in proc.stderr


# ------------------------------------------------------------------ exit codes

def test_clean_file_exits_0(cwd: Path, capsys):
    write(cwd / "ok.txt", CLEAN)
    code, data = check_json(capsys, "ok.txt")
    assert code == 0 and data["findings"] == [] and data["errors"] == []


def test_placeholder_exits_1(cwd: Path, capsys):
    write(cwd / "slot.txt", SLOT)
    code, data = check_json(capsys, "slot.txt")
    assert code == 1
    assert [f["rule"] for f in data["findings"]] == ["placeholder.unfilled"]


def test_missing_file_exits_2_and_others_are_reported(cwd: Path, capsys):
    write(cwd / "slot.txt", SLOT)
    code, data = check_json(capsys, "missing.txt", "slot.txt")
    assert code == 2
    assert data["errors"] == [{"path": "missing.txt", "message": "no such file or directory"}]
    assert [f["path"] for f in data["findings"]] == ["slot.txt"]
    assert data["summary"]["files"] == 1


def test_a_file_reached_twice_is_checked_once(cwd: Path, capsys):
    write(cwd / "docs/a.txt", SLOT)
    code, data = check_json(capsys, "docs/a.txt", "./docs/a.txt", "docs", "docs/")
    assert code == 1
    assert data["summary"]["files"] == 1
    assert [f["path"] for f in data["findings"]] == ["docs/a.txt"]


def test_config_with_isolated_is_a_usage_error(cwd: Path, capsys):
    write(cwd / "a.txt", SLOT)
    write(cwd / "my.toml", 'select = ["placeholder"]\n')
    code, out, err = run(capsys, "check", "--config", "my.toml", "--isolated", "a.txt")
    assert code == 2 and out == ""
    assert err == ("draftlint: error: --config and --isolated cannot be used together "
                   "(--isolated reads no configuration)\n")


def test_fix_refuses_standard_input_in_one_line(cwd: Path, capsys):
    code, out, err = run(capsys, "fix", "--isolated", "-", "--lang", "zh")
    assert code == 2 and out == ""
    assert err.startswith("draftlint：错误：fix 不读取标准输入") and err.count("\n") == 1


def test_fail_on(cwd: Path, capsys):
    write(cwd / "pending.txt", PENDING)
    code, data = check_json(capsys, "pending.txt")
    assert [f["severity"] for f in data["findings"]] == ["warning"]
    assert code == 0  # a warning does not fail by default
    assert check_json(capsys, "--fail-on", "warning", "pending.txt")[0] == 1
    assert check_json(capsys, "--fail-on", "info", "pending.txt")[0] == 1
    assert check_json(capsys, "--fail-on", "error", "pending.txt")[0] == 0


def test_fail_on_info_with_an_info_finding(cwd: Path, capsys):
    write(cwd / "pending.txt", PENDING)
    write(cwd / "cfg.toml", '[rules."placeholder.pending"]\nseverity = "info"\n')
    code, out, _ = run(capsys, "check", "--config", "cfg.toml", "--format", "json",
                       "--fail-on", "warning", "pending.txt")
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "info"
    code, _, _ = run(capsys, "check", "--config", "cfg.toml", "--format", "json",
                     "--fail-on", "info", "pending.txt")
    assert code == 1


def test_bad_fail_on_value_is_a_usage_error(cwd: Path, capsys):
    write(cwd / "ok.txt", CLEAN)
    code, _, err = run(capsys, "check", "--fail-on", "fatal", "ok.txt")
    assert code == 2 and "fail-on" in err


# ------------------------------------------------------------------ formats and languages

@pytest.mark.parametrize("fmt", ["auto", "rich", "plain", "json", "sarif", "github"])
def test_every_format(cwd: Path, capsys, fmt: str):
    write(cwd / "slot.txt", SLOT)
    code, out, _ = run(capsys, "check", "--isolated", "--format", fmt, "slot.txt")
    assert code == 1
    assert "\x1b[" not in out  # capsys is not a terminal: no colour codes
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt in ("auto", "plain"):  # auto on a pipe is plain
        assert out.startswith("slot.txt:1:7: error [placeholder.unfilled]")
    if fmt == "github":
        assert out.startswith("::error file=slot.txt,line=1,col=7,")
    if fmt == "rich":
        assert "⟦X⟧" in out


def test_auto_is_github_under_actions(cwd: Path, capsys, monkeypatch):
    write(cwd / "slot.txt", SLOT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "check", "--isolated", "slot.txt")
    assert out.startswith("::error ")


def test_unknown_format_is_a_usage_error(cwd: Path, capsys):
    write(cwd / "ok.txt", CLEAN)
    code, _, err = run(capsys, "check", "--format", "xml", "ok.txt")
    assert code == 2 and "xml" in err


def test_lang_changes_messages(cwd: Path, capsys):
    write(cwd / "slot.txt", SLOT)
    _, zh = check_json(capsys, "--lang", "zh", "slot.txt")
    _, en = check_json(capsys, "--lang", "en", "slot.txt")
    assert "未填写" in zh["findings"][0]["message"]
    assert "Unfilled placeholder" in en["findings"][0]["message"]
    code, out, _ = run(capsys, "check", "--isolated", "--format", "plain", "--lang", "zh", "slot.txt")
    assert "共检查 1 个文件" in out


# ------------------------------------------------------------------ rules and explain

def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules", "--isolated")
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines()[1:-1]}
    assert listed == {r.id for r in load_rules()}
    header = out.splitlines()[0].split()
    assert header[:4] == ["id", "category", "severity", "state"]


def test_rules_json(capsys):
    code, out, _ = run(capsys, "rules", "--isolated", "--json")
    data = json.loads(out)
    assert code == 0 and {d["id"] for d in data} == {r.id for r in load_rules()}
    one = next(d for d in data if d["id"] == "placeholder.unfilled")
    assert one["category"] == "placeholder" and one["severity"] == "error"
    assert one["enabled"] is True and one["summary"]


def test_rules_shows_off_after_ignore(cwd: Path, capsys):
    write(cwd / ".draftlint.toml", 'ignore = ["placeholder.pending"]\n')
    code, out, _ = run(capsys, "rules", "--json")
    state = {d["id"]: d["enabled"] for d in json.loads(out)}
    assert state["placeholder.pending"] is False and state["placeholder.unfilled"] is True


def test_explain_shows_examples(capsys):
    code, out, _ = run(capsys, "explain", "placeholder.unfilled", "--lang", "en")
    assert code == 0
    rule = next(r for r in load_rules() if r.id == "placeholder.unfilled")
    assert out.startswith("placeholder.unfilled")
    assert "Why" in out and "How to fix" in out and "Flagged" in out and "Not flagged" in out
    for example in (*rule.examples["bad"], *rule.examples["good"]):
        assert example in out  # bad ones keep their ⟦ ⟧ on a pipe
    assert rule.messages["en"] in out and rule.messages["zh"] in out


def test_explain_in_chinese(capsys):
    code, out, _ = run(capsys, "explain", "placeholder.blank", "--lang", "zh")
    assert code == 0 and "原因" in out and "会报告" in out and "不报告" in out
    assert "[ ] 完成初稿" in out  # rule text is never parsed as rich markup


def test_explain_unknown_rule(capsys):
    code, out, err = run(capsys, "explain", "no.such")
    assert code == 2 and out == ""
    assert "unknown rule 'no.such'" in err or "未知规则 'no.such'" in err
    assert "draftlint rules" in err


# ------------------------------------------------------------------ folders

def test_folder_walking(cwd: Path, capsys):
    for name in ("a.txt", "b.md", "c.markdown", "sub/d.txt"):
        write(cwd / "drafts" / name, SLOT)
    write(cwd / "drafts" / "~$locked.docx", "not a zip")
    write(cwd / "drafts" / ".hidden" / "e.txt", SLOT)
    write(cwd / "drafts" / "notes.rst", SLOT)
    write(cwd / "drafts" / "image.png", "x")
    code, data = check_json(capsys, "drafts")
    assert code == 1
    assert data["errors"] == []
    files = sorted({f["path"] for f in data["findings"]})
    assert files == ["drafts/a.txt", "drafts/b.md", "drafts/c.markdown", "drafts/sub/d.txt"]
    assert data["summary"]["files"] == 4


def test_folder_walking_reads_docx(cwd: Path, capsys):
    from tests.docx_build import make_docx, para
    (cwd / "drafts").mkdir()
    make_docx(cwd / "drafts", para("撰写调研文章X篇"), name="报告.docx")
    code, data = check_json(capsys, "drafts")
    assert data["errors"] == []
    assert [(f["path"], f["part"], f["text"]) for f in data["findings"]] == \
        [("drafts/报告.docx", "body", "X")]


# ------------------------------------------------------------------ selection

def test_select_and_ignore_prefixes(cwd: Path, capsys):
    write(cwd / "mixed.txt", "撰写调研文章X篇\n主要成效：待补充\n")
    _, both = check_json(capsys, "mixed.txt")
    assert {f["rule"] for f in both["findings"]} >= {"placeholder.unfilled", "placeholder.pending"}
    _, only = check_json(capsys, "--select", "placeholder.pending", "mixed.txt")
    assert {f["rule"] for f in only["findings"]} == {"placeholder.pending"}
    _, pack = check_json(capsys, "--select", "placeholder", "--ignore", "placeholder.unfilled",
                         "mixed.txt")
    assert "placeholder.unfilled" not in {f["rule"] for f in pack["findings"]}
    assert "placeholder.pending" in {f["rule"] for f in pack["findings"]}
    code, none = check_json(capsys, "--ignore", "placeholder", "mixed.txt")
    assert not [f for f in none["findings"] if f["category"] == "placeholder"]


def test_unknown_selector_exits_2(cwd: Path, capsys):
    write(cwd / "ok.txt", CLEAN)
    code, out, err = run(capsys, "check", "--isolated", "--select", "nosuch", "ok.txt")
    assert code == 2 and "nosuch" in err and out == ""
    code, _, err = run(capsys, "check", "--isolated", "--ignore", "placeholder.nosuch", "ok.txt")
    assert code == 2 and "placeholder.nosuch" in err
