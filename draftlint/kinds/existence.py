"""The `existence` kind: flag every match of a set of patterns or words."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from .. import literals
from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from . import LintContext, check_options, is_bundled

# A pattern with catastrophic backtracking must not hang a run: each block is matched
# with this timeout and a TimeoutError becomes a rule error for the file. Patterns of
# draftlint's own packs (tested in CI; a config cannot add patterns) skip it: the guard
# costs about 1.3 µs per call, i.e. per block and rule, and slows matching itself.
PATTERN_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Existence:
    """Options: `patterns` (regex module syntax) or `words`; `ignore_case`.

    All patterns are joined into one alternation, earlier ones first, so at any
    position the first listed alternative wins ("X月X日" before a bare "X"). A
    named group `hit` narrows the flagged span inside a wider match.
    """

    compiled: Any
    # Built from draftlint's own (tested) rule packs: no per-block regex timeout.
    trusted: bool = False

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
            compiled = cached_compile("|".join(alternatives), flags)
        except regex.error as exc:
            raise ValueError(f"invalid pattern: {exc}") from None
        return cls(compiled, is_bundled(base_dir))

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield one hit per match (or per `hit` group) in each block."""
        finditer = self.compiled.finditer
        if not self.trusted:
            # Passing timeout= at all costs about 0.4 µs per call (per block and
            # rule), so only a pack from outside draftlint pays for the guard.
            finditer = functools.partial(finditer, timeout=PATTERN_TIMEOUT_S)
        has_hit_group = "hit" in self.compiled.groupindex
        # On a long document, only the blocks holding a literal every match needs.
        may = literals.candidates(self.compiled, doc, blocks)
        if may is not None:
            blocks = [b for b, ok in zip(blocks, may) if ok]
        for block in blocks:
            text = block.text
            if not text:
                continue
            if has_hit_group:
                for m in finditer(text):
                    if m.start("hit") >= 0:
                        start, end = m.span("hit")
                    else:
                        start, end = m.span()
                    if end > start:
                        yield Hit(block, start, end)
            else:
                for m in finditer(text):
                    start, end = m.span()
                    if end > start:
                        yield Hit(block, start, end)
