"""Baselines: `draftlint baseline` records findings, `check --baseline` reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftlint import baseline
from draftlint.cli import main

SLOT = "撰写调研文章X篇。"
OTHER_SLOT = "举办培训班XX期。"


def write(path: Path, *lines: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def check(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", "--isolated", "-j", "1", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out)


def record(capsys, *argv: str) -> int:
    code = main(["baseline", "--isolated", *argv])
    capsys.readouterr()
    return code


def test_baseline_accepts_todays_findings(cwd, capsys):
    write(cwd / "docs/a.md", "# 总结", SLOT)
    write(cwd / "docs/b.txt", OTHER_SLOT)
    code, before = check(capsys, "docs")
    assert code == 1 and before["summary"]["findings"] == 2
    assert record(capsys, "docs", "-o", "bl.json") == 0
    code, after = check(capsys, "docs", "--baseline", "bl.json")
    assert code == 0 and after["findings"] == [] and after["summary"]["files"] == 2


def test_baseline_file_has_no_line_numbers_and_is_stable(cwd, capsys):
    write(cwd / "a.md", SLOT, "其他内容。", SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    first = (cwd / "bl.json").read_bytes()
    data = json.loads(first)
    assert data["version"] == 1 and data["findings"] == 2
    (entry,) = data["entries"]  # the two identical findings share one entry…
    assert entry["count"] == 2  # …with a count
    assert set(entry) == {"path", "rule", "text", "context", "count"}
    assert entry["path"] == "a.md" and entry["text"] == "X"
    record(capsys, "a.md", "-o", "bl.json")
    assert (cwd / "bl.json").read_bytes() == first


def test_matching_survives_lines_moving(cwd, capsys):
    write(cwd / "a.md", "# 总结", SLOT, OTHER_SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    # New lines above, the two lines swapped, the line re-indented and re-spaced.
    write(cwd / "a.md", "# 年度总结", "", "前言一段。", "前言二段。", OTHER_SLOT, "  撰写调研文章 X篇。")
    code, rep = check(capsys, "a.md", "--baseline", "bl.json")
    assert code == 0, rep["findings"]


def test_new_findings_still_fail(cwd, capsys):
    write(cwd / "a.md", SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    write(cwd / "a.md", SLOT, "完成项目XX个。")
    code, rep = check(capsys, "a.md", "--baseline", "bl.json")
    assert code == 1
    assert [(f["line"], f["text"]) for f in rep["findings"]] == [(2, "XX")]


def test_duplicates_are_counted(cwd, capsys):
    write(cwd / "a.md", SLOT, SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    write(cwd / "a.md", SLOT, SLOT, SLOT)
    code, rep = check(capsys, "a.md", "--baseline", "bl.json")
    assert code == 1 and len(rep["findings"]) == 1


def test_same_text_in_a_new_sentence_is_new(cwd, capsys):
    """The context hash ties an entry to its line's text: X in another sentence is new."""
    write(cwd / "a.md", SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    write(cwd / "a.md", SLOT, "走访企业X家。")
    code, rep = check(capsys, "a.md", "--baseline", "bl.json")
    assert [(f["line"], f["text"]) for f in rep["findings"]] == [(2, "X")]


def test_other_file_same_finding_is_new(cwd, capsys):
    write(cwd / "a.md", SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    write(cwd / "b.md", SLOT)
    code, rep = check(capsys, "a.md", "b.md", "--baseline", "bl.json")
    assert code == 1 and [f["path"] for f in rep["findings"]] == ["b.md"]


def test_paths_are_normalised(cwd, capsys):
    write(cwd / "docs/a.md", SLOT)
    record(capsys, "./docs", "-o", "bl.json")
    code, _ = check(capsys, "docs/a.md", "--baseline", "bl.json")
    assert code == 0


def test_baseline_also_works_in_plain_output(cwd, capsys):
    write(cwd / "a.md", SLOT)
    record(capsys, "a.md", "-o", "bl.json")
    code = main(["check", "--format", "plain", "--isolated", "a.md", "--baseline", "bl.json"])
    out, err = capsys.readouterr()
    assert code == 0 and "0 finding" in out
    assert "1 finding(s) accepted by the baseline" in err


@pytest.mark.parametrize("content, needle", [
    (None, "not found"),
    ("{not json", "not valid JSON"),
    ('{"version": 9, "entries": []}', "not a draftlint baseline"),
    ('{"version": 1, "entries": [{"path": "a.md"}]}', "entry 0"),
])
def test_unusable_baseline_is_a_usage_error(cwd, capsys, content, needle):
    write(cwd / "a.md", SLOT)
    if content is not None:
        (cwd / "bl.json").write_text(content, encoding="utf-8")
    code = main(["check", "--isolated", "--format", "plain", "a.md", "--baseline", "bl.json"])
    _, err = capsys.readouterr()
    assert code == 2 and needle in err


def test_filter_keeps_order_and_counts(cwd):
    import draftlint

    findings = draftlint.lint_text(f"{SLOT}\n{OTHER_SLOT}\n{SLOT}\n", path="a.txt",
                                   select=["placeholder"])
    base = baseline.load_data(baseline.build(findings[:1]))
    kept, accepted = baseline.filter_findings(findings, base)
    assert accepted == 1 and kept == findings[1:]


def test_a_mistyped_path_does_not_replace_a_good_baseline(cwd, capsys):
    write(cwd / "docs/a.md", SLOT)
    assert record(capsys, "docs", "-o", "keep.json") == 0
    before = (cwd / "keep.json").read_bytes()
    code = main(["baseline", "--isolated", "doc", "-o", "keep.json"])  # docs/ mistyped
    err = capsys.readouterr().err
    assert code == 2
    assert "doc: error:" in err and "keep.json not written: 1 file(s) could not be checked" in err
    assert (cwd / "keep.json").read_bytes() == before


def test_an_output_in_a_missing_folder_is_one_line_and_exit_2(cwd, capsys):
    write(cwd / "a.md", SLOT)
    code = main(["baseline", "--isolated", "a.md", "-o", "no/such/dir/b.json"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("draftlint: error: no/such/dir/b.json: cannot create a file in no/such/dir")
    assert err.count("\n") == 1 and "Traceback" not in err
