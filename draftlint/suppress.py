"""Inline directives, accept lists and the one "covers" test shared by every suppression."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .model import Directive, Document, Finding, Hit

# <!-- draftlint-disable placeholder.unfilled, typo --> and friends. The ids are
# optional (none = every rule) and separated by commas or spaces.
_DIRECTIVE = re.compile(
    r"^\s*<!--\s*draftlint-(disable-next-line|disable|enable)\b"
    r"(?P<ids>[^>]*?)\s*-->\s*$"
)
_ID_SPLIT = re.compile(r"[\s,，]+")


def parse_directive(line: str, number: int) -> Directive | None:
    """The directive a whole source line holds, or None."""
    if "draftlint-" not in line:
        return None
    m = _DIRECTIVE.match(line)
    if m is None:
        return None
    ids = tuple(i for i in _ID_SPLIT.split(m.group("ids").strip()) if i)
    return Directive(number, m.group(1), ids)


def id_matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when rule_id equals a selector or lies under it (`typo` covers `typo.confusion`)."""
    for sel in selectors:
        if sel in ("all", "ALL") or rule_id == sel or rule_id.startswith(sel + "."):
            return True
    return False


def covers(block_text: str, exception: str, start: int, end: int) -> bool:
    """True when `exception` occurs in the block at p <= start with p + len >= end.

    The one test behind rule exceptions, dictionary contexts and `accept`:
    "X光" covers the X of "拍摄X光片"; "纪律已" covers the 律已 of "纪律已经".
    """
    n = len(exception)
    if n == 0 or n < end - start:
        return False
    # Any occurrence starting in [end - n, start] spans the whole hit.
    return block_text.find(exception, max(0, end - n), start + n) != -1


def covered_by_any(block_text: str, exceptions: Sequence[str], start: int, end: int) -> bool:
    """True when any of `exceptions` covers [start, end) in the block."""
    return any(covers(block_text, e, start, end) for e in exceptions)


class DirectiveIndex:
    """Answers "is rule R disabled on line L" from a document's directives."""

    def __init__(self, directives: Sequence[Directive]):
        # Ranges (first_line, last_line or None for open, ids).
        self._ranges: list[tuple[int, int | None, tuple[str, ...]]] = []
        open_ranges: list[tuple[int, tuple[str, ...]]] = []
        for d in sorted(directives, key=lambda d: d.line):
            if d.action == "disable":
                open_ranges.append((d.line, d.ids))
            elif d.action == "enable":
                still_open = []
                for first, ids in open_ranges:
                    # A bare enable closes everything; an enable with ids closes
                    # only ranges opened for those ids.
                    if not d.ids or set(ids) <= set(d.ids):
                        self._ranges.append((first, d.line, ids))
                    else:
                        still_open.append((first, ids))
                open_ranges = still_open
            elif d.action == "disable-next-line":
                self._ranges.append((d.line + 1, d.line + 1, d.ids))
        for first, ids in open_ranges:
            self._ranges.append((first, None, ids))

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def disabled(self, finding: Finding) -> bool:
        """True when a directive silences this finding."""
        for first, last, ids in self._ranges:
            if finding.line >= first and (last is None or finding.line <= last):
                if not ids or id_matches(finding.rule, ids) or finding.category in ids:
                    return True
        return False


WORD_DIRECTIVE = "draftlint-disable"


def word_comment_directives(doc: Document) -> dict[str, tuple[str, ...]]:
    """Comment id -> silenced rule selectors, for Word comments starting `draftlint-disable`.

    A comment "draftlint-disable placeholder.someone" anchored on 张某某 silences that
    rule there; "draftlint-disable" alone silences every rule in its range.
    """
    out: dict[str, tuple[str, ...]] = {}
    for comment in doc.meta.get("comments") or ():
        text = (comment.get("text") or "").strip()
        if text.startswith(WORD_DIRECTIVE):
            rest = text[len(WORD_DIRECTIVE):]
            out[str(comment.get("id"))] = tuple(i for i in _ID_SPLIT.split(rest.strip()) if i)
    return out


def silenced_by_comment(hit: Hit, rule_id: str, category: str,
                        directives: dict[str, tuple[str, ...]]) -> bool:
    """True when a directive comment's anchored range overlaps the hit and names its rule.

    A comment attached only by its reference mark (a zero-width anchor) covers its paragraph.
    """
    for mark in hit.block.marks:
        if mark.kind != "comment":
            continue
        ids = directives.get(str(mark.data.get("id")))
        if ids is None:
            continue
        zero_width = mark.start == mark.end
        if zero_width or (mark.start < max(hit.end, hit.start + 1) and hit.start < mark.end):
            if not ids or id_matches(rule_id, ids) or category in ids:
                return True
    return False
