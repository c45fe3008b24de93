"""The `balance` kind: quotes and brackets that do not pair within a paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from . import LintContext, check_options

# Full-width <-> half-width forms of the same bracket: “（…)” is one pair written
# in two widths, not two unpaired marks.
_WIDTH = {"（": "(", "）": ")", "［": "[", "］": "]", "｛": "{", "｝": "}",
          "(": "（", ")": "）", "[": "［", "]": "］", "{": "｛", "}": "｝"}

# A closing bracket right after a list marker at a boundary has no opener by design:
# "1）加强学习" ✓ (ignored) / "（1）加强学习" ✗ (a real pair, handled normally).
_MARKER_BEFORE = cached_compile(
    r"(?:^|[\s。；，：、;,:])[ \t]*(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3}|[①-⑳]|[ⅰ-ⅹⅠ-Ⅻ]{1,4})$")

# An apostrophe is a closing single quote after a Latin letter: don’t ✓ (ignored) /
# 他说‘好’ ✗ (a real quote).
_LATIN_BEFORE = cached_compile(r"[A-Za-z0-9]$")

# Quotes look the same open and shut to a hurried typist; brackets do not.
_QUOTES = {"“": "”", "‘": "’"}

REPORTS = ("unpaired", "mixed")

# Message fields per problem: rules write "{zh}" / "{en}" to say which one it is.
PROBLEMS = {
    "unpaired": {"zh": "没有配对的另一半", "en": "has no matching mark"},
    "reversed": {"zh": "方向写反了（前后引号用成了同一个）",
                 "en": "points the wrong way (the quotation is closed with an opening mark)"},
    "mixed": {"zh": "与配对的另一半全角半角不一致", "en": "pairs with a mark of the other width"},
}


def _fields(problem: str) -> dict[str, Any]:
    # Where “…“ should close is a guess (the second mark may open a new quotation
    # whose closer is missing), so that suggestion is shown but never applied.
    return {"problem": problem, **PROBLEMS[problem], "fixable": problem != "reversed"}


@dataclass(frozen=True)
class Balance:
    """Options: `pairs` (two-character strings, opener then closer), `report`.

    `report = "unpaired"` (default) yields unclosed openers, stray closers and a
    quotation closed with an opening mark (“…“, one hit at the second mark);
    `report = "mixed"` yields a bracket pair written in two widths (（…)), at the
    mark of the wrong width, with the right one as suggestion. Code marks are
    skipped; a table row's cells ("\\t"-joined) are balanced separately; an
    opener left open at the end of a line that the next line closes is one
    sentence wrapped, not an error.
    """

    openers: Mapping[str, str]  # opener -> closer
    closers: Mapping[str, str]  # closer -> opener
    report: str
    skip_marks: tuple[str, ...]
    marks_re: Any = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Balance":
        """Validate `pairs` (e.g. ["“”", "（）"]) and `report`."""
        check_options("balance", options, {"pairs": list, "report": str, "skip_marks": list},
                      required=("pairs",))
        pairs = options["pairs"]
        if not pairs or not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1]
                                for p in pairs):
            raise ValueError("'pairs' must be two-character strings of distinct marks, "
                             "e.g. [\"“”\", \"（）\"]")
        report = options.get("report", "unpaired")
        if report not in REPORTS:
            raise ValueError(f"unknown report {report!r}; expected one of: {', '.join(REPORTS)}")
        skip = tuple(options.get("skip_marks", ["code", "field"]))
        chars = "".join(sorted({c for p in pairs for c in p} | {"\t"}))
        marks_re = cached_compile("[" + regex.escape(chars) + "]")
        return cls({p[0]: p[1] for p in pairs}, {p[1]: p[0] for p in pairs}, report, skip,
                   marks_re)

    # ------------------------------------------------------------------ scanning

    def _matches(self, opener: str, closer: str) -> bool:
        """True when `closer` shuts `opener`, in either width."""
        want = self.openers.get(opener)
        return closer == want or _WIDTH.get(closer) == want

    def _scan(self, block: Block) -> tuple[list[tuple[int, int, str | None, str]],
                                             list[tuple[int, str]], list[tuple[int, str]]]:
        """Walk one block: (hits, openers left open at its end, closers before any opener).

        A hit is (start, end, suggestion, problem); problem is "unpaired", "reversed"
        or "mixed". Leading stray closers and trailing open openers are returned
        apart, so a neighbouring line can cancel them.
        """
        text = block.text
        skipped = [(m.start, m.end) for m in block.marks if m.kind in self.skip_marks]
        hits: list[tuple[int, int, str | None, str]] = []
        stack: list[tuple[int, str]] = []
        leading: list[tuple[int, str]] = []
        counts: dict[str, int] | None = None
        table = block.style == "table-row"
        for m in self.marks_re.finditer(text):  # only the marks, not every character
            i, ch = m.start(), m.group()
            if table and ch == "\t":
                # Each cell stands alone: flush what this cell left open.
                hits.extend((p, p + 1, None, "unpaired") for p, _ in stack)
                stack.clear()
                continue
            is_open = ch in self.openers
            is_close = ch in self.closers
            if not (is_open or is_close):
                continue
            if skipped and any(a <= i < b for a, b in skipped):
                continue
            if is_open and ch in _QUOTES and stack and stack[-1][1] == ch:
                # “…“: nested same quotes are legal only if the block's quotes balance.
                if counts is None:
                    counts = {c: text.count(c) for c in "“”‘’"}
                if counts[ch] > counts[_QUOTES[ch]]:
                    hits.append((i, i + 1, _QUOTES[ch], "reversed"))
                    stack.pop()
                    continue
            if is_open:
                stack.append((i, ch))
                continue
            # A closer: find the innermost opener it shuts.
            depth = next((k for k in range(len(stack) - 1, -1, -1)
                          if self._matches(stack[k][1], ch)), None)
            if depth is None:
                if ch in (")", "）") and _MARKER_BEFORE.search(text, max(0, i - 8), i):
                    continue
                if ch == "’" and _LATIN_BEFORE.search(text, max(0, i - 1), i):
                    continue
                opener = self.closers[ch]
                if ch in ("”", "’"):
                    if counts is None:
                        counts = {c: text.count(c) for c in "“”‘’"}
                    if counts[ch] > counts[opener] and ch in text[i + 1:]:
                        # ”…”: an opening quote typed as a closing one.
                        hits.append((i, i + 1, opener, "reversed"))
                        stack.append((i, opener))
                        continue
                if not stack and not hits:
                    leading.append((i, ch))
                else:
                    hits.append((i, i + 1, None, "unpaired"))
                continue
            # Openers above the match were never closed.
            for p, _ in stack[depth + 1:]:
                hits.append((p, p + 1, None, "unpaired"))
            p, opener = stack[depth]
            del stack[depth:]
            if ch != self.openers.get(opener):
                hits.append(self._mixed(text, p, opener, i, ch))
        return hits, stack, leading

    def _mixed(self, text: str, p: int, opener: str, i: int, closer: str
               ) -> tuple[int, int, str | None, str]:
        """The mark of the wrong width in a two-width pair, with the right width."""
        inner = text[p + 1:i]
        chinese = regex.search(r"\p{Han}", inner) is not None
        # In Chinese text the full-width mark is right: （说明) -> ) becomes ）.
        if chinese == (closer in "）］｝"):
            return p, p + 1, _WIDTH[opener], "mixed"
        return i, i + 1, _WIDTH[closer], "mixed"

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield the hits this rule reports (unpaired or mixed), block by block."""
        prev: tuple[Block, list[tuple[int, str]]] | None = None
        pending: list[Hit] = []
        for block in blocks:
            if not block.text:
                yield from pending
                pending, prev = [], None
                continue
            hits, still_open, leading = self._scan(block)
            # A line that leaves “ open and a next line that starts by closing it is
            # one sentence wrapped: “加强 / 学习” cancels out.
            if prev is not None and prev[0].part == block.part \
                    and prev[0].line + 1 == block.line:
                open_prev = prev[1]
                remaining: list[tuple[int, str]] = []
                for pos, ch in leading:  # the first closer shuts the innermost opener
                    if open_prev and not remaining and self._matches(open_prev[-1][1], ch):
                        open_prev.pop()
                    else:
                        remaining.append((pos, ch))
                leading = remaining
                pending = [h for h in pending if (h.start, h.block.text[h.start]) in open_prev]
            yield from pending
            pending = []
            if self.report == "unpaired":
                for s, e, sugg, problem in hits:
                    if problem != "mixed":
                        yield Hit(block, s, e, sugg, _fields(problem))
                for s, _ in leading:
                    yield Hit(block, s, s + 1, None, _fields("unpaired"))
                pending = [Hit(block, s, s + 1, None, _fields("unpaired"))
                           for s, _ in still_open]
            else:
                for s, e, sugg, problem in hits:
                    if problem == "mixed":
                        yield Hit(block, s, e, sugg, _fields(problem))
            prev = (block, list(still_open))
        yield from pending
