"""The `substitution` kind: flag a wrong form and suggest the right one (swaps or patterns)."""

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

# Same guard as `existence`: a slow pattern from a pack outside draftlint's own rules
# becomes a rule error, not a hang.
PATTERN_TIMEOUT_S = 2.0

# Marks whose text is not prose: inline code (`a,b`), Word fields (PAGE).
DEFAULT_SKIP_MARKS = ("code", "field")


@dataclass(frozen=True)
class Substitution:
    """Options: `swap`, `patterns`, `replace`, `protect`, `skip_lines`, `skip_marks`.

    * `swap` alone: every literal key found in a block is a hit, its value the suggestion.
    * `patterns`: each match (or its named group `hit`) is a hit; the suggestion is
      `swap[matched text]` when `swap` is given, else `replace` expanded against the
      match (`\\1`, `\\g<name>`), else none.
    * `translate = true` (with `swap` of single characters and `patterns`): the suggestion
      is the matched text with every swap key replaced, so one hit can cover a pair:
      (亿元) → （亿元）.
    * `protect`: patterns whose matches are off limits (URLs, e-mail, file names);
      a hit overlapping one is dropped. `skip_marks` does the same for reader marks
      (a hit touching inline code counts too: the blank in "运行 `make`" is the code's).
    * `skip_lines`: patterns for whole blocks left alone (aligned table columns, forms).
    """

    compiled: Any
    swap: Mapping[str, str]
    replace: str | None
    protect: Any
    skip_marks: tuple[str, ...]
    literal: bool
    skip_lines: Any = None
    # Built from draftlint's own (tested) rule packs: no per-block regex timeout.
    trusted: bool = False
    # str.translate table of a `translate` rule, else None.
    table: Mapping[int, str] | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Substitution":
        """Validate and compile the options once, at rule load."""
        check_options("substitution", options, {
            "swap": dict, "patterns": list, "replace": str, "protect": list,
            "skip_marks": list, "skip_lines": list, "ignore_case": bool, "translate": bool,
        })
        swap = dict(options.get("swap", {}))
        patterns = list(options.get("patterns", []))
        if not swap and not patterns:
            raise ValueError("type 'substitution' needs 'swap' or 'patterns'")
        if not all(isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()):
            raise ValueError("'swap' must map non-empty strings to strings")
        if any(k == v for k, v in swap.items()):
            raise ValueError("'swap' maps a form to itself")
        if not all(isinstance(p, str) and p for p in patterns):
            raise ValueError("'patterns' must be non-empty strings")
        if "replace" in options and swap and patterns:
            raise ValueError("give either 'swap' or 'replace' for the patterns, not both")
        table = None
        if options.get("translate"):
            if not patterns or not swap or any(len(k) != 1 for k in swap):
                raise ValueError("'translate' needs 'patterns' and a 'swap' of single characters")
            table = str.maketrans(swap)
        flags = regex.VERSION1 | regex.MULTILINE
        if options.get("ignore_case"):
            flags |= regex.IGNORECASE
        literal = not patterns
        if literal:
            # Longest key first, so "。。。" wins over "。。" at the same position.
            alternatives = [regex.escape(k) for k in sorted(swap, key=len, reverse=True)]
        else:
            alternatives = [f"(?:{p})" for p in patterns]
        try:
            compiled = cached_compile("|".join(alternatives), flags)
            protect = [str(p) for p in options.get("protect", [])]
            protect_re = cached_compile("|".join(f"(?:{p})" for p in protect),
                                       flags) if protect else None
            lines = [str(p) for p in options.get("skip_lines", [])]
            lines_re = cached_compile("|".join(f"(?:{p})" for p in lines),
                                     flags) if lines else None
        except regex.error as exc:
            raise ValueError(f"invalid pattern: {exc}") from None
        skip = options.get("skip_marks", list(DEFAULT_SKIP_MARKS))
        if not all(isinstance(s, str) for s in skip):
            raise ValueError("'skip_marks' must be a list of strings")
        return cls(compiled, swap, options.get("replace"), protect_re, tuple(skip), literal,
                   lines_re, is_bundled(base_dir), table)

    def _suggest(self, m: Any, text: str) -> str | None:
        if self.table is not None:
            return text.translate(self.table)
        if self.swap:
            return self.swap.get(text)
        if self.replace is not None:
            return m.expand(self.replace)
        return None

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield one hit per match outside code, fields and protected spans."""
        finditer = self.compiled.finditer
        timeout = None if self.trusted else PATTERN_TIMEOUT_S
        if timeout is not None:
            # Passing timeout= at all costs about 0.4 µs per call (per block and
            # rule), so only a pack from outside draftlint pays for the guard.
            finditer = functools.partial(finditer, timeout=timeout)
        has_hit_group = "hit" in self.compiled.groupindex
        # On a long document, only the blocks holding a literal every match needs.
        may = literals.candidates(self.compiled, doc, blocks)
        if may is not None:
            blocks = [b for b, ok in zip(blocks, may) if ok]
        for block in blocks:
            text = block.text
            if not text:
                continue
            protected: tuple[list, list] | None = None
            for m in finditer(text):
                if has_hit_group and m.start("hit") >= 0:
                    start, end = m.span("hit")
                else:
                    start, end = m.span()
                if end <= start:
                    continue
                if protected is None:  # computed lazily: most blocks have no match
                    if self.skip_lines is not None and self.skip_lines.search(
                            text, timeout=timeout):
                        break
                    protected = self._protected(block)
                if any(a < end and start < b for a, b in protected[1]) or \
                        any(a <= end and start <= b for a, b in protected[0]):
                    continue
                yield Hit(block, start, end, suggestion=self._suggest(m, text[start:end]))

    def _protected(self, block: Block) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(spans of skipped marks, spans of protected patterns) in the block."""
        marks = [(mk.start, mk.end) for mk in block.marks
                 if mk.kind in self.skip_marks and mk.end > mk.start]
        spans = []
        if self.protect is not None:
            timeout = None if self.trusted else PATTERN_TIMEOUT_S
            spans = [m.span() for m in self.protect.finditer(block.text, timeout=timeout)]
        return marks, spans
