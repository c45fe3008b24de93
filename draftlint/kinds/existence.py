"""The `existence` kind: flag every match of a set of patterns or words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from . import LintContext, check_options

# A user pattern with catastrophic backtracking must not hang a run: each block is
# matched with this timeout and a TimeoutError becomes a rule error for the file.
PATTERN_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Existence:
    """Options: `patterns` (regex module syntax) or `words`; `ignore_case`.

    All patterns are joined into one alternation, earlier ones first, so at any
    position the first listed alternative wins ("X月X日" before a bare "X"). A
    named group `hit` narrows the flagged span inside a wider match.
    """

    compiled: Any

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Existence":
        """Compile the patterns or words into one regex."""
        check_options("existence", options,
                      {"patterns": list, "words": list, "ignore_case": bool})
        patterns = list(options.get("patterns", []))
        words = list(options.get("words", []))
        if not patterns and not words:
            raise ValueError("type 'existence' needs 'patterns' or 'words'")
        if not all(isinstance(p, str) and p for p in patterns + words):
            raise ValueError("'patterns' and 'words' must be non-empty strings")
        alternatives = [f"(?:{p})" for p in patterns]
        alternatives += [regex.escape(w) for w in sorted(words, key=len, reverse=True)]
        flags = regex.VERSION1 | regex.MULTILINE
        if options.get("ignore_case"):
            flags |= regex.IGNORECASE
        try:
            compiled = regex.compile("|".join(alternatives), flags)
        except regex.error as exc:
            raise ValueError(f"invalid pattern: {exc}") from None
        return cls(compiled)

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield one hit per match (or per `hit` group) in each block."""
        finditer = self.compiled.finditer
        has_hit_group = "hit" in self.compiled.groupindex
        for block in blocks:
            if not block.text:
                continue
            for m in finditer(block.text, timeout=PATTERN_TIMEOUT_S):
                if has_hit_group and m.start("hit") >= 0:
                    start, end = m.span("hit")
                else:
                    start, end = m.span()
                if end > start:
                    yield Hit(block, start, end)
