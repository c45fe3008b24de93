"""The `sequence` kind: heading and list markers that skip, repeat or go backwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..numbers import chinese_to_int, int_to_chinese
from ..regexcache import cached_compile
from . import LintContext, check_options

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Markers that open a paragraph. Each series is checked on its own; the order in
# which series first appear gives their nesting (一、 above （一） above 1. …).
LEADING: dict[str, Any] = {
    # 一、总体要求 ✓, 十一、附则 ✓ / 一是加强学习 ✗, 一、二月份 ✗ (a month list)
    "cn-comma": cached_compile(rf"^(?P<n>[{_CN}]{{1,3}})、(?![{_CN}]、|[{_CN}]?月)"),
    # （一）基本情况 ✓, (二) ✓ / （一是） ✗
    "cn-paren": cached_compile(rf"^[（(](?P<n>[{_CN}]{{1,3}})[）)]"),
    # 1. 概述 ✓, 3．财务 ✓ / 1.5万元 ✗, 2024.3.5 ✗, 1.1 小节 ✗
    "arabic-dot": cached_compile(r"^(?P<n>[0-9]{1,2})[.．](?![0-9０-９.．])"),
    # 1、加强领导 ✓ / 5、6月份 ✗ (two months)
    "arabic-comma": cached_compile(r"^(?P<n>[0-9]{1,2})、(?![0-9０-９]|[0-9]*月)"),
    # （1）无证经营 ✓, (2) ✓ / (2024) ✗
    "arabic-paren": cached_compile(r"^[（(](?P<n>[0-9]{1,2})[）)]"),
    # ①宣传发动 ✓ / ①② inside a sentence ✗ (not at the start)
    "circled": cached_compile(rf"^(?P<n>[{_CIRCLED}])"),
    # 第一章 总则 ✓, 第三条 ✓, 第二部分 ✓ / 第一时间 ✗, 第三方 ✗
    "chapter": cached_compile(rf"^第(?P<n>[{_CN}]{{1,3}})(?P<s>章|节|部分|篇|条)"),
}

# Markers inside running text, one series per paragraph run.
#   主要是：一是学习不够；二是调研不深 ✓ (一是, 二是) / 统一是前提 ✗, 之一是 ✗, 唯一是 ✗
YISHI = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、）)\s]))(?P<n>[{_CN}]{{1,2}})是(?![否非])")
#   差距:第一，学习不深；第二，… ✓ / 第一时间 ✗, 第三方 ✗, 第一批 ✗
DIYI = cached_compile(rf"(?:^|(?<=[：:；;。！？\s]))第(?P<n>[{_CN}]{{1,2}})(?=[，,、：:])")

#   一要提高认识，二要加强领导 ✓ / 三要素 ✗, 五要点 ✗, “三要三不要” ✗ (quoted, not after a mark)
YIYAO = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、\s]))(?P<n>[{_CN}]{{1,2}})要"
                      r"(?![素点件求务旨害职领义略闻员案])")
#   措施：①宣传；②排查；④整改 ✓ (inside a paragraph) / ① at the start is a leading marker
CIRCLED_INLINE = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、\s]))(?P<n>[{_CIRCLED}])")
#   （1）完善制度；（2）加强监督；（2）严格考核 ✓ (the second and third) / 表（1） ✗ (no mark before)
PAREN_INLINE = cached_compile(r"(?<=[：:；;。！？，,])[（(](?P<n>[0-9]{1,2})[）)]")
#   报送内容：（一）决算报表；（二）决算说明；（四）自评报告 ✓ (the second and third) /
#   活动中（一）（二）两项要求 ✗ (no mark before), 见第三条（二） ✗
CN_PAREN_INLINE = cached_compile(rf"(?<=[：:；;。！？，,])[（(](?P<n>[{_CN}]{{1,3}})[）)]")
# The series found inside running text: (series, pattern, a character it needs, or "").
INLINE = (("yishi", YISHI, "是"), ("diyi", DIYI, "第"), ("yiyao", YIYAO, "要"),
          ("circled-inline", CIRCLED_INLINE, ""), ("arabic-paren-inline", PAREN_INLINE, ""),
          ("cn-paren-inline", CN_PAREN_INLINE, ""))

SERIES = (*LEADING, *(name for name, _, _ in INLINE))

# A block that starts an appendix starts a new numbering context: 附件：1. … ✓
APPENDIX = cached_compile(r"^\s*(?:附件|附录|附表|Appendix|Annex)")
# Heading styles from the readers: heading1..6 (md), "Heading 1", "标题 1", "Title".
HEADING_STYLE = cached_compile(r"^(?:heading\s*\d|Heading\s*\d|标题\s*\d|Title)", regex.I)
SKIP_STYLES = ("table-cell", "table-row", "table-delimiter", "code", "blockquote")
# First characters a leading marker can start with: a cheap filter before the regexes.
LEAD_CHARS = frozenset(_CN + _CIRCLED + "（(第0123456789")


def _value(series: str, token: str) -> int | None:
    if series.startswith("arabic"):
        return int(token)
    if series.startswith("circled"):
        return _CIRCLED.index(token) + 1
    return chinese_to_int(token)


def _render(series: str, n: int) -> str:
    if series.startswith("arabic"):
        return str(n)
    if series.startswith("circled"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    return int_to_chinese(n)


@dataclass
class _Run:
    """The state of one series: its last number and marker."""

    series: str
    last: int
    marker: str
    number_span: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SequenceKind:
    """Options: `series` (which marker series to check; default all of them).

    Leading markers nest by first appearance: a marker of a series already on the
    stack closes every series opened after it, so a new （二） restarts the 1. 2.
    list below it. A list restarting at 1 is never a finding; a number that repeats,
    skips or goes back is. Paragraphs Word numbers itself (a `numbering` mark) are
    taken as correct, and tables, block quotes and appendices are left alone.
    """

    series: tuple[str, ...]

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "SequenceKind":
        """Validate `series` against the known marker series."""
        check_options("sequence", options, {"series": list})
        series = tuple(options.get("series", SERIES))
        unknown = set(series) - set(SERIES)
        if unknown:
            raise ValueError(f"unknown series {sorted(unknown)}; expected: {', '.join(SERIES)}")
        return cls(series)

    def _step(self, series: str, run: _Run, n: int, block: Block, start: int, end: int,
              marker: str, number_span: tuple[int, int]) -> Hit | None:
        """Check n against the run, update it, and return a hit when it breaks."""
        hit = None
        if n != 1 and n != run.last + 1 and series in self.series:
            expected = run.last + 1
            a, b = number_span
            exp_marker = marker[:a] + _render(series, expected) + marker[b:]
            what = "repeat" if n == run.last else ("gap" if n > run.last else "back")
            hit = Hit(block, start, end, fields={
                "previous": run.marker, "expected": exp_marker, "problem": what})
        run.last, run.marker = n, marker
        return hit

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Walk the body in order, keeping one stack of open leading series."""
        stack: list[_Run] = []
        inline: dict[str, _Run] = {}
        for block in blocks:
            if block.part != "body" or block.style in SKIP_STYLES:
                continue
            text = block.text
            stripped = text.lstrip(" \t\u3000")
            offset = len(text) - len(stripped)
            if not stripped:
                continue
            if APPENDIX.match(stripped):
                stack.clear()
                inline.clear()
                continue
            if any(True for _ in block.marks_of("numbering")):
                # Word numbers this paragraph itself: correct by construction; a
                # numbered heading still closes the inline 一是 series below it.
                if HEADING_STYLE.match(block.style or ""):
                    inline.clear()
                continue
            lead_end = offset
            for series, pattern in (LEADING.items() if stripped[0] in LEAD_CHARS else ()):
                m = pattern.match(stripped)
                if not m:
                    continue
                n = _value(series, m.group("n"))
                if n is None:
                    break
                key = series + (m.group("s") if "s" in m.re.groupindex else "")
                marker = m.group(0)
                na, nb = m.span("n")
                start, end = offset + m.start(), offset + m.end()
                lead_end = end
                inline.clear()
                pos = next((i for i, r in enumerate(stack) if r.series == key), None)
                if pos is None:
                    stack.append(_Run(key, n, marker))
                    break
                del stack[pos + 1:]
                hit = self._step(series, stack[pos], n, block, start, end, marker, (na, nb))
                if hit:
                    yield hit
                break
            else:
                if HEADING_STYLE.match(block.style or ""):
                    inline.clear()
            for series, pattern, needle in INLINE:
                if needle and needle not in text:
                    continue
                for m in pattern.finditer(text, lead_end):
                    n = _value(series, m.group("n"))
                    if n is None:
                        continue
                    run = inline.get(series)
                    marker = m.group(0)
                    na, nb = m.span("n")
                    na, nb = na - m.start(), nb - m.start()
                    if run is None:
                        inline[series] = _Run(series, n, marker)
                        continue
                    hit = self._step(series, run, n, block, m.start(), m.end(), marker, (na, nb))
                    if hit:
                        yield hit
