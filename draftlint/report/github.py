"""The GitHub Actions reporter: one `::error`/`::warning`/`::notice` workflow command per finding."""

from __future__ import annotations

from typing import TextIO

from ..i18n import t
from ..model import Finding, Report, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """Escape a command's message: `%` first, then CR and LF (GitHub's toolkit rules)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a property value: as a message, plus `:` and `,` which delimit properties."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding.

    A finding outside the body (a .docx footer, the properties) names its part in the
    title, since `line` then counts that part's paragraphs, not lines of the file.
    """
    title = f.rule if f.part == "body" else f"{f.rule} ({f.part})"
    props = [
        ("file", f.path), ("line", str(f.line)), ("col", str(f.column)),
        ("endLine", str(f.end_line)), ("endColumn", str(f.end_column)), ("title", title),
    ]
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND[f.severity]} {head}::{escape_data(f.message)}"


def render(report: Report, stream: TextIO) -> None:
    """Write one annotation per finding and per error, then a plain summary line."""
    for f in report.findings:
        stream.write(annotation(f) + "\n")
    for e in report.errors:
        stream.write(f"::error file={escape_property(e.path)}::{escape_data(e.message)}\n")
    stream.write(t("summary_line", report.lang, files=len(report.files),
                   findings=len(report.findings), errors=len(report.errors)) + "\n")
