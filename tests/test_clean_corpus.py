"""Finished reports full of look-alikes (tests/clean/) must yield zero findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint import lint_paths

CLEAN = Path(__file__).parent / "clean"


@pytest.mark.parametrize("path", sorted(p for p in CLEAN.iterdir() if p.is_file()),
                         ids=lambda p: p.name)
def test_clean_document_has_no_findings(path):
    report = lint_paths([path], config={})
    assert report.errors == []
    assert [(f.rule, f.line, f.text) for f in report.findings] == []


def test_clean_examples_folder_document_has_no_findings():
    path = Path(__file__).parent.parent / "examples" / "情况通报-定稿.txt"
    report = lint_paths([path], config={})
    assert [(f.rule, f.line, f.text) for f in report.findings] == []
