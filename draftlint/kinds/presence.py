"""The `presence` kind: flag what a reader marked (a block style or a mark kind)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from . import LintContext, check_options


@dataclass(frozen=True)
class Presence:
    """Options: `style` (block styles, a trailing `*` matches a prefix) or `mark` (mark kinds).

    A style match flags the whole block (a watermark shape, a comment paragraph);
    a mark match flags the mark's span (hidden text, a content control's placeholder).
    """

    styles: tuple[str, ...]
    marks: tuple[str, ...]

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Presence":
        """Validate `style`/`mark` (strings or lists of strings)."""
        check_options("presence", options, {"style": (str, list), "mark": (str, list)})
        styles = options.get("style", [])
        marks = options.get("mark", [])
        styles = (styles,) if isinstance(styles, str) else tuple(styles)
        marks = (marks,) if isinstance(marks, str) else tuple(marks)
        if not styles and not marks:
            raise ValueError("type 'presence' needs 'style' or 'mark'")
        return cls(styles, marks)

    def _style_matches(self, style: str) -> bool:
        return any(style == s or (s.endswith("*") and style.startswith(s[:-1]))
                   for s in self.styles)

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield whole blocks with a matching style and spans of matching marks."""
        for block in blocks:
            if self.styles and self._style_matches(block.style) and block.text.strip():
                start = len(block.text) - len(block.text.lstrip())
                yield Hit(block, start, len(block.text.rstrip()))
                continue
            for mark in block.marks:
                if mark.kind in self.marks and mark.end > mark.start:
                    yield Hit(block, mark.start, mark.end)
