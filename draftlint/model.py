"""Core data types: parts, severities, blocks, documents, hits, findings and reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

# The contract's parts, in the order the rich report groups them.
PARTS: tuple[str, ...] = (
    "body", "header", "footer", "footnote", "endnote", "textbox",
    "comment", "revision", "properties", "file",
)

# Parts that hold the document's running text; rules default to these.
TEXT_PARTS: tuple[str, ...] = ("body", "header", "footer", "footnote", "endnote", "textbox")

# The contract's categories, in the order summaries list them.
CATEGORIES: tuple[str, ...] = (
    "placeholder", "typo", "number", "numbering", "date",
    "watermark", "punctuation", "layout", "residue",
)


class Severity(enum.IntEnum):
    """How serious a finding is; the order lets `--fail-on` compare levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        """Return the severity called `name` ("error", "warning" or "info")."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r}; expected one of: error, warning, info"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Mark:
    """A reader-known span of a block: hidden, inserted, deleted, code, link, placeholder…"""

    kind: str
    start: int
    end: int
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Block:
    """One unit of text (a line of .txt/.md, a .docx paragraph) and where it is.

    `origin`, when set, gives the source column (0-based code point) of every
    character of `text`, plus one trailing entry for the end; `source` is then the
    raw source line, so a finding's `text` is the source slice, not the cleaned one.
    """

    part: str
    line: int
    text: str
    style: str = ""
    origin: tuple[int, ...] | None = None
    source: str | None = None
    marks: tuple[Mark, ...] = ()
    ref: Any = None

    def column(self, offset: int) -> int:
        """1-based source column of character `offset` (may equal len(text))."""
        if self.origin is None:
            return offset + 1
        return self.origin[offset] + 1

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source (start, end) code-point offsets of text[start:end]."""
        if self.origin is None:
            return start, end
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def source_text(self) -> str:
        """The raw line the block came from (its text when nothing was cleaned)."""
        return self.text if self.source is None else self.source

    def marks_of(self, kind: str) -> Iterable[Mark]:
        """The marks of one kind, in order."""
        return (m for m in self.marks if m.kind == kind)


@dataclass(slots=True)
class Directive:
    """An inline `draftlint-disable`/`enable` comment found by a reader."""

    line: int
    action: str  # "disable", "enable", "disable-next-line"
    ids: tuple[str, ...]  # empty means every rule


@dataclass(slots=True)
class Document:
    """A read document: its blocks in reading order and what a writer needs back."""

    path: str
    format: str  # "txt", "md", "docx"
    blocks: list[Block]
    directives: list[Directive] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    handle: Any = None  # reader-specific: encoding/BOM/newline, or the docx package

    def blocks_in(self, parts: Iterable[str]) -> list[Block]:
        """The blocks whose part is one of `parts`, in reading order."""
        wanted = set(parts)
        return [b for b in self.blocks if b.part in wanted]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a kind yields: a span of one block, and optionally a fix and message fields."""

    block: Block
    start: int
    end: int
    suggestion: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)


# The contract's field order; to_dict() emits exactly these keys in this order.
FINDING_FIELDS: tuple[str, ...] = (
    "path", "rule", "category", "severity", "part", "line", "column",
    "end_line", "end_column", "text", "message", "suggestion", "fixable",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One record of the findings contract, plus the context reporters show."""

    path: str
    rule: str
    category: str
    severity: Severity
    part: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message: str
    suggestion: str | None = None
    fixable: bool = False
    # Not part of the contract: the source line and the span in it, for excerpts.
    context: str = field(default="", compare=False)
    context_span: tuple[int, int] = field(default=(0, 0), compare=False)
    style: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract record, keys in contract order."""
        return {
            "path": self.path, "rule": self.rule, "category": self.category,
            "severity": str(self.severity), "part": self.part, "line": self.line,
            "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "text": self.text, "message": self.message,
            "suggestion": self.suggestion, "fixable": self.fixable,
        }

    def sort_key(self) -> tuple:
        """Order: path, then part in contract order, then position, then rule."""
        part_rank = PARTS.index(self.part) if self.part in PARTS else len(PARTS)
        return (self.path, part_rank, self.line, self.column, self.end_column, self.rule)


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be checked (or a rule that failed on it)."""

    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The contract's error record."""
        return {"path": self.path, "message": self.message}


@dataclass(slots=True)
class Report:
    """The result of one run: findings, errors and what reporters summarise."""

    findings: list[Finding]
    errors: list[FileError]
    files: list[str]
    fail_on: Severity = Severity.ERROR
    lang: str = "en"
    rules: Mapping[str, Any] = field(default_factory=dict)  # id -> Rule, for docs

    def by_category(self) -> dict[str, int]:
        """Finding counts per category, in contract order, zero counts left out."""
        counts = {c: 0 for c in CATEGORIES}
        for f in self.findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        return {c: n for c, n in counts.items() if n}

    def summary(self) -> dict[str, Any]:
        """The contract's summary object."""
        return {
            "files": len(self.files), "findings": len(self.findings),
            "errors": len(self.errors), "by_category": self.by_category(),
        }

    def exit_code(self) -> int:
        """0 clean, 1 a finding at or above fail-on, 2 an error (errors win)."""
        if self.errors:
            return 2
        if any(f.severity >= self.fail_on for f in self.findings):
            return 1
        return 0
