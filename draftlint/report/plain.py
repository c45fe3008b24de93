"""The plain reporter: `path:line:col: severity [rule] message`, one finding a line."""

from __future__ import annotations

from typing import TextIO

from ..i18n import error_line, t
from ..model import Report
from .printable import printable


def location(f) -> str:
    """`path:line:col`, with the part named when it is not the body (`a.docx[footer]:2:1`)."""
    part = "" if f.part == "body" else f"[{f.part}]"
    return f"{printable(f.path)}{part}:{f.line}:{f.column}"


def render(report: Report, stream: TextIO) -> None:
    """Write one line per finding and per error, then a one-line summary."""
    for f in report.findings:
        # A message never spans lines: a line-based consumer must see one record.
        message = printable(f.message.replace("\n", " "))
        stream.write(f"{location(f)}: {f.severity} [{f.rule}] {message}\n")
    for e in report.errors:
        # `path: error: message`, in Chinese `path：错误：消息` (the message localized too).
        stream.write(error_line(printable(e.path), printable(e.message), report.lang) + "\n")
    stream.write(t("summary_line", report.lang, files=len(report.files),
                   findings=len(report.findings), errors=len(report.errors)) + "\n")
