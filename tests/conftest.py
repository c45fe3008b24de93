"""Fixtures shared by the command-line tests, and the --update-golden option."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser):
    """`pytest --update-golden` rewrites tests/golden/*.json from the current output."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the expected JSON of tests/golden/ (review with git diff)")


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch) -> Path:
    """Run in an empty folder with no config above it, outside GitHub Actions, in a neutral locale."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return tmp_path
