"""The `dictionary` kind: wrong→right dictionaries (rules/typo/*.txt) matched by hash window."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from ..typo_data import MIN_COUNT, Lexicon, lexicon
from . import LintContext, check_options

# An English word with \b boundaries, digits and underscores counting as word characters,
# so "seperate" ✓ but "seperate_v2" and "x86seperate" ✗. ASCII only: plain `re` suffices.
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]+(?![A-Za-z0-9_])")

# How much worse (in nats of the unigram segmentation score) the corrected window may be
# before a match is taken for a word boundary crossing: 纪律已经 → 纪律己经 loses ~15.
SEGMENT_MARGIN = 6.0
# Characters of context on each side for that comparison.
WINDOW = 5


@dataclass(frozen=True)
class Entry:
    """One dictionary line: the wrong form, its fixes, whether fixing is safe, its contexts."""

    key: str
    fixes: tuple[str, ...]
    suggest_only: bool
    contexts: tuple[str, ...]

    @property
    def fixable(self) -> bool:
        """One fix and no `?`: the engine may apply it."""
        return len(self.fixes) == 1 and not self.suggest_only


def parse_line(line: str) -> Entry | None:
    """Parse `key->fix[,fix2] [?] [!ctx ...]`; None for blank and `#` comment lines."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    head, *rest = line.split()
    key, sep, rhs = head.partition("->")
    if not sep or not key or not rhs:
        raise ValueError(f"malformed dictionary line {line!r}: expected 'wrong->right'")
    fixes = tuple(f for f in rhs.split(",") if f)
    suggest_only = False
    contexts = []
    for token in rest:
        if token == "?":
            suggest_only = True
        elif token.startswith("!") and len(token) > 1:
            contexts.append(token[1:])
        else:
            raise ValueError(f"malformed dictionary line {line!r}: unexpected {token!r}")
    return Entry(key, fixes, suggest_only, tuple(contexts))


def read_dictionary(path: Path) -> list[Entry]:
    """Every entry of one dictionary file, in file order."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                entry = parse_line(line)
            except ValueError as exc:
                raise ValueError(f"{path.name}:{n}: {exc}") from None
            if entry is not None:
                entries.append(entry)
    return entries


def _case_like(word: str, fix: str) -> str | None:
    """`fix` in the case pattern of `word` (recieve/Recieve/RECIEVE); None for mixed case."""
    if word.islower():
        return fix
    if word.isupper():
        return fix.upper()
    if word[0].isupper() and word[1:].islower():
        return fix[0].upper() + fix[1:]
    return None


def _in_context(text: str, start: int, end: int, entry: Entry) -> bool:
    """The covers test for `!ctx`: a context holding the key covers the match."""
    for ctx in entry.contexts:
        offset = ctx.find(entry.key)
        while offset >= 0:
            p = start - offset
            if p >= 0 and text.startswith(ctx, p) and p + len(ctx) >= end:
                return True
            offset = ctx.find(entry.key, offset + 1)
    return False


def _covered(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """A project word (config `words`) covering the span silences it."""
    for w in words:
        p = text.find(w, max(0, start - len(w) + 1))
        while 0 <= p <= start:
            if p + len(w) >= end:
                return True
            p = text.find(w, p + 1)
    return False


def _noproof(block: Block, start: int, end: int) -> bool:
    """Word's "do not check spelling" (w:noProof) over any part of the span."""
    return any(m.kind == "noproof" and m.start < end and m.end > start for m in block.marks)


def _rare_word(lex: Lexicon) -> float:
    """Log-probability of a word at the lexicon's count floor."""
    return math.log(MIN_COUNT) - lex.log_total


def _straddles(back: list[int], start: int, end: int) -> bool:
    """The key is the tail of one word and the head of the next in the best segmentation
    (`back` of Lexicon.best_path), one of them reaching outside the key: 便利律师 reads
    便利/律师, so its 利律 is no misspelling of 利率 (nor 纪律已经's 律已). A real slip
    leaves lone characters instead: 保持廉沽本色 reads 保持/廉/沽/本色."""
    cuts = []  # word boundaries, right to left
    k = len(back) - 1
    while k > 0:
        cuts.append(k)
        k -= back[k]
    cuts.append(0)
    cuts.reverse()
    for left, cut, right in zip(cuts, cuts[1:], cuts[2:]):
        # Words wholly inside the key are its own reading (必需/加强 of 必需加强 ?).
        if start < cut < end and cut - left >= 2 and right - cut >= 2 and \
                (left < start or right > end):
            return True
    return False


def segmentation_ok(text: str, start: int, end: int, fix: str) -> bool:
    """The corrected text must not segment worse than the original (word boundaries).

    "纪律已经" holds 律已 but 纪律/已经 are two good words; 纪律己经 breaks both, so the
    match is a boundary crossing, not a typo. Without the lexicon, say yes.
    """
    lex = lexicon()
    if lex is None:
        return True
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    best, back = lex.best_path(text[lo:hi])
    if _straddles(back, start - lo, end - lo):
        return False
    after_score = lex.score(text[lo:start] + fix + text[end:hi])
    if fix not in lex.logp:
        # The fix is a vetted dictionary word even where the lexicon lacks it (涣然冰释,
        # 计日程功): score it as one rare word in place, not as unknown characters.
        after_score = max(after_score, lex.score(text[lo:start]) + _rare_word(lex)
                          + lex.score(text[end:hi]))
    return after_score >= best[-1] - SEGMENT_MARGIN


@dataclass(frozen=True)
class Dictionary:
    """Options: `dictionary` (a path or list of paths under the rules folder).

    Chinese keys are found at each position by trying the key lengths of the
    position's first character (a hash window); English keys are whole words,
    matched in lower, Title or UPPER case.
    """

    han: Mapping[str, Entry]
    latin: Mapping[str, Entry]
    lengths: Mapping[str, tuple[int, ...]]

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Dictionary":
        """Read and index the dictionary files."""
        check_options("dictionary", options, {"dictionary": (str, list)}, required=["dictionary"])
        names = options["dictionary"]
        names = [names] if isinstance(names, str) else list(names)
        han: dict[str, Entry] = {}
        latin: dict[str, Entry] = {}
        for name in names:
            if not isinstance(name, str) or not name:
                raise ValueError("'dictionary' must name files such as 'typo/confusion.txt'")
            path = base_dir / name
            if not path.is_file():
                raise ValueError(f"dictionary file {name!r} not found in {base_dir}")
            for entry in read_dictionary(path):
                if entry.key.isascii():
                    latin[entry.key.lower()] = entry
                else:
                    han[entry.key] = entry
        lengths: dict[str, set[int]] = {}
        for key in han:
            lengths.setdefault(key[0], set()).add(len(key))
        return cls(han, latin, {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()})

    def _han_hits(self, block: Block, ctx: LintContext) -> Iterator[Hit]:
        text = block.text
        han, lengths = self.han, self.lengths
        i, n = 0, len(text)
        while i < n:
            lens = lengths.get(text[i])
            if lens is None:
                i += 1
                continue
            for length in lens:
                if i + length > n:
                    continue
                entry = han.get(text[i:i + length])
                if entry is None:
                    continue
                end = i + length
                if _in_context(text, i, end, entry):
                    continue
                if ctx.words and _covered(text, i, end, ctx.words):
                    continue
                if _noproof(block, i, end):
                    continue
                if not segmentation_ok(text, i, end, entry.fixes[0]):
                    continue
                yield _hit(block, i, end, entry, entry.fixes)
                i = end - 1  # the longest match at a position wins; no overlaps
                break
            i += 1

    def _latin_hits(self, block: Block, ctx: LintContext) -> Iterator[Hit]:
        text = block.text
        for m in _WORD.finditer(text):
            word = m.group()
            entry = self.latin.get(word.lower())
            if entry is None:
                continue
            fixes = tuple(_case_like(word, f) for f in entry.fixes)
            if None in fixes:
                continue
            s, e = m.span()
            if _in_context(text.lower(), s, e, entry) or _noproof(block, s, e):
                continue
            if ctx.words and _covered(text, s, e, ctx.words):
                continue
            yield _hit(block, s, e, entry, fixes)

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield one hit per dictionary match outside its contexts."""
        for block in blocks:
            if not block.text:
                continue
            if self.han:
                yield from self._han_hits(block, ctx)
            if self.latin:
                yield from self._latin_hits(block, ctx)


def _hit(block: Block, start: int, end: int, entry: Entry, fixes: tuple[str, ...]) -> Hit:
    suggestion = fixes[0] if len(fixes) == 1 else " / ".join(fixes)
    return Hit(block, start, end, suggestion,
               {"fixable": entry.fixable, "fixes": "、".join(fixes)})
