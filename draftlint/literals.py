"""Skip blocks a pattern cannot match: literals every match needs, found in one pass.

A pattern such as "(?:开通|升级)(?:VIP)?会员" cannot match a block that holds none of
"开通会员", "开通VIP会员", "升级会员", "升级VIP会员"; most blocks of a long draft hold no
ad, slot or punctuation slip at all, yet each rule used to run its regex on every
block. `candidates` reads the pattern with the regex module's own parser, derives a
set of strings one of which occurs in the text of every possible match, finds the
blocks holding one with a single search over the joined blocks, and returns them.

Why this is exact: every match of the pattern lies inside one block's text and
consumes, item after item, text that contains one of the derived strings, so a
block without any of them yields no match. The derivation follows only nodes whose
meaning is plain (literal characters, sequences, alternatives, groups, repeats,
zero-width assertions); anything else (classes, properties, fuzzy matching,
backreferences, conditionals …) is "no requirement", and a pattern whose every
alternative cannot be pinned down gets no prefilter at all. Case-insensitive
literals are searched with the regex engine and the very same case flags, so
"(?i:free )" is found however it is written. Blocks are joined with NUL, which no
derived literal contains, so a found literal never straddles two blocks.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Sequence

import regex

# Below this much text the pattern analysis (about 1-5 ms a pattern, once per
# process) costs more than scanning every block.
MIN_CHARS = 50_000

# Bounds on the finite string sets the analysis multiplies out.
_MAX_STRINGS = 32
_MAX_LEN = 12

_SEP = "\x00"

# Characters that no other character matches under any case setting: no character's
# case variants or full case folding holds them (tests/test_scan_speed_paths.py checks
# this against every code point), so under (?i) they still match only themselves.
# "(?i:free templates)" thus still needs a " ".
CASELESS = frozenset(" !\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~")

# pattern (text, flags) -> (plain literals, {case flags: literals}) or None
_REQUIRED: dict[tuple[str, int], Any] = {}


def _parse(pattern: str, flags: int) -> Any:
    """The regex module's own parse tree of a pattern, as compile() builds it."""
    from regex import _regex_core as rc

    global_flags = flags
    for _ in range(4):
        source = rc.Source(pattern)
        info = rc.Info(global_flags, source.char_type, {})
        info.guess_encoding = rc.UNICODE
        source.ignore_space = bool(info.flags & rc.VERBOSE)
        try:
            parsed = rc._parse_pattern(source, info)
        except rc._UnscopedFlagSet:  # an inline global flag: parse again with it
            global_flags = info.global_flags
            continue
        if not source.at_end():
            raise ValueError("unbalanced parenthesis")
        return parsed
    raise ValueError("flags do not settle")


class _Analysis:
    """exact(): the finite set of strings a node can consume (None: unknown or too many);
    required(): strings one of which every match of the node consumes (None: none known).

    A "string" is a tuple of (code point, case flags) pairs.
    """

    def __init__(self) -> None:
        from regex import _regex_core as rc

        self.rc = rc
        self.repeats = (rc.GreedyRepeat, rc.LazyRepeat, rc.PossessiveRepeat)

    def exact(self, node: Any) -> set[tuple] | None:
        """The finite set of strings `node` can consume, or None (unknown or too many)."""
        rc = self.rc
        kind = type(node)
        if kind is rc.Character:
            if not node.positive or node.zerowidth:
                return None
            case = node.case_flags
            if case and chr(node.value) in CASELESS:
                case = 0  # " " under (?i) matches " " alone
            if case & rc.FULLCASE:
                # Full case folding can match one text character against several
                # pattern ones ("ß" for "ss"), across node borders: not followed.
                return None
            return {((node.value, case),)}
        if isinstance(node, rc.ZeroWidthBase) or kind is rc.LookAround:
            return {()}  # consumes nothing (\b, ^, $, lookarounds …)
        if kind is rc.Sequence:
            out: set[tuple] = {()}
            for item in node.items:
                part = self.exact(item)
                if part is None:
                    return None
                out = {a + b for a in out for b in part}
                if len(out) > _MAX_STRINGS or any(len(s) > _MAX_LEN for s in out):
                    return None
            return out
        if kind is rc.Branch:
            out = set()
            for branch in node.branches:
                part = self.exact(branch)
                if part is None:
                    return None
                out |= part
                if len(out) > _MAX_STRINGS:
                    return None
            return out
        if kind in (rc.Group, rc.Atomic):
            return self.exact(node.subpattern)
        if kind in self.repeats:
            inner = self.exact(node.subpattern)
            if inner is None:
                return None
            if node.min_count == 0 and node.max_count == 1:
                return inner | {()}
            if node.min_count == node.max_count and 0 <= node.min_count <= 4:
                out = {()}
                for _ in range(node.min_count):
                    out = {a + b for a in out for b in inner}
                    if len(out) > _MAX_STRINGS:
                        return None
                return out
        return None

    def required(self, node: Any) -> set[tuple] | None:
        """Strings one of which every match of `node` consumes, or None (none known)."""
        rc = self.rc
        kind = type(node)
        if kind is rc.Sequence:
            # Every item matches, so each item's requirement holds, and so does the
            # product of any window of items with exact sets (consumed back to back).
            items = list(node.items)
            exacts = [self.exact(item) for item in items]
            options: list[set[tuple]] = []
            for i, part in enumerate(exacts):
                req = self.required(items[i])
                if req is not None:
                    options.append(req)
                if part is None:
                    continue
                window: set[tuple] = {()}
                for j in range(i, len(exacts)):
                    if exacts[j] is None:
                        break
                    window = {a + b for a in window for b in exacts[j]}
                    if len(window) > _MAX_STRINGS or any(len(s) > _MAX_LEN for s in window):
                        break
                    if () not in window:
                        options.append(window)
            if not options:
                return None
            return max(options, key=_selectivity)
        if kind is rc.Branch:
            out: set[tuple] = set()
            for branch in node.branches:
                req = self.required(branch)
                if req is None:
                    return None
                out |= req
            return out
        if kind in (rc.Group, rc.Atomic):
            return self.required(node.subpattern)
        if kind in self.repeats and node.min_count >= 1:
            return self.required(node.subpattern)
        exact = self.exact(node)
        if exact is not None and () not in exact:
            return exact  # a single character
        return None


def _selectivity(strings: set[tuple]) -> tuple[int, int, int]:
    """Strings of two characters or more first, then fewer strings, then longer ones:
    a short list is searched fastest, and two CJK characters are already rare."""
    shortest = min(len(s) for s in strings)
    return min(shortest, 2), -len(strings), shortest


def _factor(string: tuple) -> tuple[int, str]:
    """The longest stretch of one case setting in a required string, as (flags, text)."""
    best: tuple[int, str] = (0, "")
    i = 0
    while i < len(string):
        j = i
        while j < len(string) and string[j][1] == string[i][1]:
            j += 1
        text = "".join(chr(c) for c, _ in string[i:j])
        if len(text) > len(best[1]):
            best = (string[i][1], text)
        i = j
    return best


def _minimal(texts: set[str]) -> tuple[str, ...]:
    """The texts without those holding another one ("一键下载" goes when "下载" is
    there: a block with the first has the second), longest first."""
    kept = [t for t in texts if not any(u != t and u in t for u in texts)]
    return tuple(sorted(kept, key=lambda t: (-len(t), t)))


def required_literals(pattern: str, flags: int) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]] | None:
    """(case-sensitive literals, {case flags: case-insensitive literals}) one of which
    occurs in every match of the pattern, or None when no such set is known."""
    key = (pattern, flags)
    if key in _REQUIRED:
        return _REQUIRED[key]
    result = None
    try:
        strings = _Analysis().required(_parse(pattern, flags))
    except Exception:  # an unfamiliar construct or parser: no prefilter, never a wrong one
        strings = None
    if strings:
        plain: set[str] = set()
        folded: dict[int, set[str]] = {}
        for s in strings:
            case, text = _factor(s)
            if not text or _SEP in text:
                plain = set()
                folded = {}
                break
            if case:
                folded.setdefault(case, set()).add(text)
            else:
                plain.add(text)
        if plain or folded:
            result = (_minimal(plain), {c: _minimal(v) for c, v in folded.items()})
    _REQUIRED[key] = result
    return result


def _finders(required: tuple[tuple[str, ...], dict[int, tuple[str, ...]]]) -> list[Any]:
    """Search functions for the literals: `re` for plain text, `regex` with the
    pattern's own case flags for the rest."""
    plain, folded = required
    finders = []
    if plain:
        finders.append(re.compile("|".join(re.escape(t) for t in plain)).search)
    for case, texts in folded.items():
        finders.append(regex.compile("|".join(regex.escape(t) for t in texts),
                                     regex.VERSION0 | case).search)
    return finders


def joined(doc: Any, blocks: Sequence[Any]) -> tuple[str, list[int]]:
    """The blocks' texts joined with NUL and each block's start offset (memoised per list)."""
    memo = doc.meta.setdefault("_joined", {})
    stamp = tuple(id(b.text) for b in blocks)
    cached = memo.get(id(blocks))
    if cached is not None and cached[0] is blocks and cached[1] == stamp:
        return cached[2], cached[3]
    texts = [b.text for b in blocks]
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    text = _SEP.join(texts)
    memo[id(blocks)] = (blocks, stamp, text, starts)
    return text, starts


def candidates(compiled: Any, doc: Any, blocks: Sequence[Any]) -> bytearray | None:
    """Per block of `blocks`, 1 if the compiled pattern may match its text, 0 if it
    cannot; None when every block must be scanned (short document, no literal known)."""
    if len(blocks) < 2:
        return None
    text, starts = joined(doc, blocks)
    if len(text) < MIN_CHARS:
        return None
    required = required_literals(compiled.pattern, compiled.flags)
    if required is None:
        return None
    flags = bytearray(len(blocks))
    end = len(text)
    for search in _finders(required):
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            k = bisect.bisect_right(starts, m.start()) - 1
            flags[k] = 1
            # The block is in: go on from the next one.
            pos = starts[k + 1] if k + 1 < len(starts) else end
    return flags
