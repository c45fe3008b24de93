"""Parallel checking (-j/--jobs): output identical to a serial run, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftlint.cli import main
from draftlint.config import Config
from draftlint.run import PARALLEL_MIN_FILES, Runner, default_jobs
from tests.docx_build import make_docx, para, run

LINES = [
    "撰写调研文章X篇。",
    "全年共完成调研报告三篇。",
    "举办培训班XX期,参训人员120人次。",
    "（一）工作开展情况",
    "（三）下一步打算",
    "坚持严于律已，做到廉沽自律。",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    """40 drafts in nested folders (md, txt, one docx, one unreadable docx), out of name order."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    root = tmp_path / "drafts"
    for i in range(40):
        folder = root / f"d{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        body = [LINES[(i + k) % len(LINES)] for k in range(i % 5 + 1)]
        suffix = ".md" if i % 2 else ".txt"
        (folder / f"{39 - i:02d}-稿{suffix}").write_text("\n".join(body) + "\n", encoding="utf-8")
    make_docx(root / "d1", para(run("全年撰写调研文章X篇。")), name="报告.docx")
    (root / "d2" / "坏.docx").write_bytes(b"not a zip")
    return root


def check_json(capsys, *argv: str) -> tuple[int, str]:
    code = main(["check", "--format", "json", "--isolated", *argv])
    return code, capsys.readouterr().out


def test_jobs_give_byte_identical_json(tree, capsys):
    code1, serial = check_json(capsys, "drafts", "-j", "1")
    code2, two = check_json(capsys, "drafts", "-j", "2")
    code3, four = check_json(capsys, "drafts", "--jobs", "4")
    assert serial == two == four
    assert code1 == code2 == code3 == 2  # the unreadable .docx
    rep = json.loads(serial)
    assert rep["summary"]["files"] == 42 and rep["summary"]["findings"] > 40
    assert [e["path"] for e in rep["errors"]] == ["drafts/d2/坏.docx"]


def test_order_is_the_input_order(tree, capsys):
    """Given files keep the command line's order; folders are walked sorted."""
    files = sorted(str(p.relative_to(tree.parent)) for p in tree.rglob("*稿*"))
    files.reverse()
    _, rep_serial = check_json(capsys, *files, "-j", "1")
    _, rep_parallel = check_json(capsys, *files, "-j", "3")
    assert rep_serial == rep_parallel
    paths = []
    for f in json.loads(rep_parallel)["findings"]:
        if not paths or paths[-1] != f["path"]:
            paths.append(f["path"])
    assert paths == [p for p in files if p in set(paths)]


def test_plain_and_sarif_are_identical_too(tree, capsys):
    for fmt in ("plain", "sarif"):
        main(["check", "--format", fmt, "--isolated", "drafts", "-j", "1"])
        serial = capsys.readouterr().out
        main(["check", "--format", fmt, "--isolated", "drafts", "-j", "2"])
        assert capsys.readouterr().out == serial, fmt


def test_runner_api_parallel_equals_serial(tree):
    runner = Runner.create(Config(), select=["placeholder", "typo"], lang="zh")
    serial = runner.run(["drafts"], jobs=1)
    parallel = runner.run(["drafts"], jobs=2)
    assert serial.findings == parallel.findings
    assert serial.errors == parallel.errors and serial.files == parallel.files
    # Worker processes rebuilt the same selection and language.
    assert {f.category for f in parallel.findings} <= {"placeholder", "typo"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.message) for f in parallel.findings)


def test_progress_is_reported_for_every_file(tree):
    seen: list[tuple[int, int, str]] = []
    report = Runner.create(Config()).run(["drafts"], progress=lambda i, n, p: seen.append((i, n, p)),
                                         jobs=2)
    assert [s[2] for s in seen[:-1]] == report.files
    assert seen[-1] == (len(report.files), len(report.files), "")


def test_few_files_stay_serial(tmp_path, monkeypatch):
    """Below PARALLEL_MIN_FILES no pool is started (start-up would cost more than it saves)."""
    import concurrent.futures

    monkeypatch.chdir(tmp_path)
    for i in range(PARALLEL_MIN_FILES - 1):
        (tmp_path / f"{i}.md").write_text("撰写调研文章X篇。\n", encoding="utf-8")

    def no_pool(*a, **k):
        raise AssertionError("a process pool was started for a few files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    report = Runner.create(Config()).run(["."], jobs=8)
    assert len(report.files) == PARALLEL_MIN_FILES - 1


def test_jobs_must_be_positive(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "-j", "0", "."]) == 2
    assert default_jobs() >= 1
