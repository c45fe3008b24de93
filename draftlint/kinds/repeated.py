"""The `repeated` kind: running page headers/footers left in text converted from PDF.

The same short line recurring at roughly regular intervals (“某某文库 精品文档” every
forty lines) is a page header or footer of the converted file, not part of the text.
Only plain text and Markdown are looked at: a .docx keeps its headers in their own parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from . import LintContext, check_options

# Digits vary from page to page (第3页, 2/12): “文库 第3页” and “文库 第4页” are one line.
_DIGITS = cached_compile(r"\d+")
_SPACE = cached_compile(r"\s+")
# Enough letters to be a real line: 墨香文苑 ✓ / —3— ✗, ### ✗
_LETTERS = cached_compile(r"[\p{Han}A-Za-z]", regex.VERSION1)
# A line that ends a sentence or introduces a field is text, not a running header:
# 特此通知。 ✗, 责任单位：县财政局 ✗ / 墨香文苑 精品文档 ✓
# A comma or enumeration comma inside means a phrase of the text: 财政局、税务局负责 ✗.
_TEXTUAL = cached_compile(r"[。！？；：，,;!?]\s*$|[：，、；]", regex.VERSION1)
# Headings and list markers recur by design: 一、 （一） 1. ✗
_HEADING = cached_compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|#)",
    regex.VERSION1)
# Page numbers alone are layout, not a site's mark: 第#页 ✗, - # - ✗, Page # of # ✗
_PAGE_ONLY = cached_compile(r"^(?:第#页(?:共#页)?|共#页第#页|[-—\s]*#[-—\s]*|#/#|(?i:page#(?:of#)?))$",
                           regex.VERSION1)
# Closing formulas that a multi-part document repeats on purpose.
FORMULAS = frozenset({"此致", "敬礼", "此致敬礼", "特此通知", "特此报告", "特此函告", "附件",
                      "备注", "说明", "合计", "小计", "序号", "以上", "无"})


@dataclass(frozen=True)
class Repeated:
    """Options: `min_count` (3), `max_length` (40 code points), `min_gap` (5 lines),
    `max_gap` (80 lines: a page holds no more), `max_ratio` (3.0: the longest gap may be
    at most this many times the shortest)."""

    min_count: int
    max_length: int
    min_gap: int
    max_gap: int
    max_ratio: float

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Repeated":
        """Validate the thresholds."""
        check_options("repeated", options, {"min_count": int, "max_length": int,
                                            "min_gap": int, "max_gap": int,
                                            "max_ratio": (int, float)})
        obj = cls(int(options.get("min_count", 3)), int(options.get("max_length", 40)),
                  int(options.get("min_gap", 5)), int(options.get("max_gap", 80)),
                  float(options.get("max_ratio", 3.0)))
        if (obj.min_count < 2 or obj.max_length < 1 or obj.min_gap < 1
                or obj.max_gap < obj.min_gap or obj.max_ratio < 1):
            raise ValueError("type 'repeated' needs min_count >= 2, max_length >= 1, "
                             "1 <= min_gap <= max_gap and max_ratio >= 1")
        return obj

    def _key(self, block: Block) -> str | None:
        """The normalised text of a candidate line, or None when the line cannot be one."""
        if block.part != "body" or block.style == "table-row" or block.style.startswith("heading"):
            return None
        text = block.text.strip()
        if not text or len(text) > self.max_length or len(_LETTERS.findall(text)) < 2:
            return None
        if _TEXTUAL.search(text) or _HEADING.match(text):
            return None
        key = _DIGITS.sub("#", _SPACE.sub("", text))
        if key in FORMULAS or _PAGE_ONLY.match(key):
            return None
        return key

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield every occurrence of a line that recurs often and at regular intervals."""
        if doc.format not in ("txt", "md"):
            return
        where: dict[str, list[int]] = {}
        for i, block in enumerate(blocks):
            key = self._key(block)
            if key is not None:
                where.setdefault(key, []).append(i)
        flagged: list[int] = []
        for positions in where.values():
            if len(positions) < self.min_count:
                continue
            gaps = [b - a for a, b in zip(positions, positions[1:])]
            if (min(gaps) < self.min_gap or max(gaps) > self.max_gap
                    or max(gaps) > self.max_ratio * min(gaps)):
                continue
            flagged.extend(positions)
        for i in sorted(flagged):
            block = blocks[i]
            start = len(block.text) - len(block.text.lstrip())
            yield Hit(block, start, len(block.text.rstrip()))
