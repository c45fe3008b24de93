"""The `concealed` kind: text a reader marked as not shown (hidden, invisible) that says something.

Unlike `presence`, it skips spans that hold only spaces (a hidden blank, a 1-pt spacer),
which are harmless, and merges adjacent marked spans into one finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from . import LintContext, check_options


@dataclass(frozen=True)
class Concealed:
    """Options: `mark` (mark kinds, e.g. "hidden" or ["invisible"]), `min_chars` (default 1)."""

    marks: tuple[str, ...]
    min_chars: int

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Concealed":
        """Validate `mark` and `min_chars`."""
        check_options("concealed", options, {"mark": (str, list), "min_chars": int},
                      required=("mark",))
        marks = options["mark"]
        marks = (marks,) if isinstance(marks, str) else tuple(marks)
        if not marks or not all(isinstance(m, str) and m for m in marks):
            raise ValueError("option 'mark' of type 'concealed' needs mark kind names")
        return cls(marks, max(1, int(options.get("min_chars", 1))))

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield each run of marked text with at least `min_chars` non-space characters."""
        for block in blocks:
            spans = sorted((m.start, m.end) for m in block.marks
                           if m.kind in self.marks and m.end > m.start)
            merged: list[list[int]] = []
            for s, e in spans:
                if merged and s <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            text = block.text
            for s, e in merged:
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if sum(1 for ch in text[s:e] if not ch.isspace()) >= self.min_chars:
                    yield Hit(block, s, e)
