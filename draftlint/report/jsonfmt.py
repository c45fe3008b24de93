"""The JSON reporter: exactly the findings contract (spec/findings-json.md)."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import Report


def to_json(report: Report) -> dict:
    """The contract object: version, findings, errors, summary."""
    return {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "errors": [e.to_dict() for e in report.errors],
        "summary": report.summary(),
    }


def render(report: Report, stream: TextIO) -> None:
    """Write the contract object as UTF-8 JSON (CJK left unescaped)."""
    json.dump(to_json(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
