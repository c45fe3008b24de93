"""The engine: findings from hits, de-duplication, crashing and slow rules, the public API."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from draftlint import lint_paths, lint_text
from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds.existence import Existence
from draftlint.model import FINDING_FIELDS, Hit
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules, rule_index
from draftlint.suppress import covers

RULES = rule_index(load_rules())


def test_covers_is_the_one_exception_test():
    assert covers("拍摄X光片", "X光", 2, 3)
    assert covers("纪律已经", "纪律已", 1, 3)
    assert not covers("律已之心", "纪律已", 0, 2)
    assert not covers("X光", "X光片", 0, 1)


def test_one_slot_one_finding():
    findings = lint_text("会议定于X月X日召开", select=["placeholder"])
    assert [f.text for f in findings] == ["X月X日"]


class _Boom:
    def check(self, doc, blocks, ctx):
        raise RuntimeError("kaboom")
        yield  # pragma: no cover


def test_a_crashing_rule_becomes_an_error_and_others_still_run():
    good = RULES["placeholder.unfilled"]
    bad = dataclasses.replace(good, id="placeholder.boom", kind=_Boom())
    doc = document_from_text("撰写调研文章X篇", "a.txt")
    findings, errors = lint(doc, [bad, good], Config(), context_for(Config()))
    assert [f.text for f in findings] == ["X"]
    assert errors[0].message == ("internal error in rule placeholder.boom on file a.txt: "
                                 "RuntimeError: kaboom")
    with pytest.raises(RuntimeError):
        lint(doc, [bad], Config(), context_for(Config()), debug=True)


def test_a_catastrophic_pattern_times_out_instead_of_hanging(monkeypatch):
    monkeypatch.setattr("draftlint.kinds.existence.PATTERN_TIMEOUT_S", 0.2)
    slow = Existence.from_options({"patterns": ["(a|aa)+$"]}, Path("."))
    rule = dataclasses.replace(RULES["placeholder.unfilled"], id="custom.slow", kind=slow)
    doc = document_from_text("a" * 40 + "!", "a.txt")
    findings, errors = lint(doc, [rule], Config(), context_for(Config()))
    assert findings == []
    assert errors[0].message.startswith("rule custom.slow timed out")


def test_findings_follow_the_contract(tmp_path):
    path = tmp_path / "报告 一.txt"
    path.write_text("标题\n撰写调研文章X篇\n", encoding="utf-8")
    report = lint_paths([path], select=["placeholder"])
    [f] = report.findings
    record = f.to_dict()
    assert tuple(record) == FINDING_FIELDS
    assert record["path"] == str(path)
    assert (record["line"], record["column"], record["end_line"], record["end_column"]) == (2, 7, 2, 8)
    assert report.summary() == {"files": 1, "findings": 1, "errors": 0,
                                "by_category": {"placeholder": 1}}
    assert report.exit_code() == 1


def test_one_unreadable_file_does_not_hide_the_others(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("XX市工作总结", encoding="utf-8")
    broken = tmp_path / "b.txt"
    broken.write_bytes(b"\x00\x01binary")
    report = lint_paths([broken, tmp_path / "missing.md", good], select=["placeholder"])
    assert [f.text for f in report.findings] == ["XX"]
    assert [e.message for e in report.errors] == [
        "no such file or directory",
        "binary file (contains NUL bytes); not a text document",
    ]
    assert report.exit_code() == 2


def test_folders_are_walked_for_documents_only(tmp_path):
    for name in ("a.txt", "b.md", "c.markdown", "~$d.docx", "e.pdf", ".hidden/f.txt", "sub/g.txt"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("无占位符", encoding="utf-8")
    report = lint_paths([tmp_path])
    names = sorted(Path(f).relative_to(tmp_path).as_posix() for f in report.files)
    assert names == ["a.txt", "b.md", "c.markdown", "sub/g.txt"]
    assert not report.errors


def test_hits_outside_the_block_are_impossible():
    doc = document_from_text("某某", "a.txt")
    hit = Hit(doc.blocks[0], 0, 2)
    assert doc.blocks[0].text[hit.start:hit.end] == "某某"


def test_lint_text_markdown_and_unknown_format():
    [f] = lint_text("# XX中学\n", format="md", select=["placeholder"])
    assert (f.column, f.text) == (3, "XX")
    with pytest.raises(ValueError):
        lint_text("x", format="pdf")


def test_nothing_is_reported_inside_markdown_inline_code():
    findings = lint_text("代码 `XX` 与 XX 市", format="md", select=["placeholder"])
    assert [(f.column, f.text) for f in findings] == [(11, "XX")]
