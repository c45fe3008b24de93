"""Reporters render a Report to a stream; REPORTERS maps a format name to its renderer."""

from __future__ import annotations

from typing import Callable, TextIO

from ..model import Report


def _json(report: Report, stream: TextIO) -> None:
    from .jsonfmt import render
    render(report, stream)


def _plain(report: Report, stream: TextIO) -> None:
    from .plain import render
    render(report, stream)


def _rich(report: Report, stream: TextIO) -> None:
    from .annotated import render
    render(report, stream)


def _sarif(report: Report, stream: TextIO) -> None:
    from .sarif import render
    render(report, stream)


def _github(report: Report, stream: TextIO) -> None:
    from .github import render
    render(report, stream)


def _html(report: Report, stream: TextIO) -> None:
    from .html import render
    render(report, stream)


REPORTERS: dict[str, Callable[[Report, TextIO], None]] = {
    "json": _json,
    "plain": _plain,
    "rich": _rich,
    "sarif": _sarif,
    "github": _github,
    "html": _html,
}
