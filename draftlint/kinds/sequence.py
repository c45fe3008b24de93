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
    # 第一章 总则 ✓, 第三条 ✓, 第二部分 ✓, 第二阶段：方案设计 ✓ / 第一时间 ✗, 第三方 ✗
    "chapter": cached_compile(rf"^第(?P<n>[{_CN}]{{1,3}})(?P<s>章|节|部分|篇|条|阶段)"),
    # Multi-level section numbers: 1.1 编制目的 ✓, 2.1.3 指挥部职责 ✓, 2.1.3职责 ✓ /
    # 1.5万元用于… ✗ (see DECIMAL_SPACE), 2024.3.5 ✗, 8.30—9.00 ✗ (a time), 1.0 ✗
    "decimal": cached_compile(r"^(?P<n>[0-9]{1,2}(?:[.．][0-9]{1,2}){1,3})[.．]?"
                              r"(?![0-9０-９%％]|[.．][0-9]|\s*[—–\-~～:：至])"),
}
# A two-level number is a section number only with a space after it:
#   1.2 组织体系 ✓ / 1.2组织体系 ✗ (not judged: 3.8妇女节, 5.4青年节 look the same), 1.5万元 ✗
DECIMAL_SPACE = frozenset(" \t\u3000")

# Markers inside running text, one series per paragraph run.
#   主要是：一是学习不够；二是调研不深 ✓ (一是, 二是) / 统一是前提 ✗, 之一是 ✗, 唯一是 ✗
YISHI = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、）)\s]))(?P<n>[{_CN}]{{1,2}})是(?![否非])")
#   差距:第一，学习不深；第二，… ✓ / 第一时间 ✗, 第三方 ✗, 第一批 ✗
DIYI = cached_compile(rf"(?:^|(?<=[：:；;。！？\s]))第(?P<n>[{_CN}]{{1,2}})(?=[，,、：:])")

#   一要提高认识，二要加强领导 ✓ / 三要素 ✗, 五要点 ✗, “三要三不要” ✗ (quoted, not after a mark)
YIYAO = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、\s]))(?P<n>[{_CN}]{{1,2}})要"
                      r"(?![素点件求务旨害职领义略闻员案])")
#   其一，学习不深；其二，办法不多；其四，… ✓ / 两者必居其一。 ✗ (no mark after), 其二十 ✗
QIYI = cached_compile(rf"(?:^|(?<=[：:；;。！？，,\s]))其(?P<n>[{_CN}]{{1,2}})(?=[，,、：:]|是)")
#   措施：①宣传；②排查；④整改 ✓ (inside a paragraph) / ① at the start is a leading marker
CIRCLED_INLINE = cached_compile(rf"(?:^|(?<=[：:；;。！？，,、\s]))(?P<n>[{_CIRCLED}])")
#   （1）完善制度；（2）加强监督；（2）严格考核 ✓ (the second and third) / 表（1） ✗ (no mark before)
PAREN_INLINE = cached_compile(r"(?<=[：:；;。！？，,])[（(](?P<n>[0-9]{1,2})[）)]")
#   报送内容：（一）决算报表；（二）决算说明；（四）自评报告 ✓ (the second and third) /
#   活动中（一）（二）两项要求 ✗ (no mark before), 见第三条（二） ✗
CN_PAREN_INLINE = cached_compile(rf"(?<=[：:；;。！？，,])[（(](?P<n>[{_CN}]{{1,3}})[）)]")
# The series found inside running text: (series, pattern, a character it needs, or "").
INLINE = (("yishi", YISHI, "是"), ("diyi", DIYI, "第"), ("yiyao", YIYAO, "要"), ("qiyi", QIYI, "其"),
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


def _decimal(token: str) -> tuple[int, ...] | None:
    """1.2.3 -> (1, 2, 3); None when a level is 0 (1.0 is a version or a figure, not a section)."""
    t = tuple(int(x) for x in regex.split(r"[.．]", token))
    return None if 0 in t else t


def _decimal_next(prev: tuple[int, ...], t: tuple[int, ...]) -> bool:
    """Whether t may follow prev: 1.2 → 1.3, 1.2.1, 2.1; 1.2.3 → 1.3, 2.1 / 1.2 → 1.4, 1.2, 1.3.1."""
    if len(t) > len(prev) and t[:len(prev)] == prev and all(x == 1 for x in t[len(prev):]):
        return True
    for level in range(1, min(len(prev), len(t)) + 1):
        if (t[:level - 1] == prev[:level - 1] and t[level - 1] == prev[level - 1] + 1
                and all(x == 1 for x in t[level:])):
            return True
    return False


def _decimal_expected(prev: tuple[int, ...], t: tuple[int, ...]) -> tuple[int, ...]:
    """The marker t should have been: one level deeper (1.2 → 1.2.1) or the next at t's level."""
    if len(t) > len(prev):
        return prev + (1,) * (len(t) - len(prev))
    return prev[:len(t) - 1] + (prev[len(t) - 1] + 1,)


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

    def _decimal(self, stack: list[_Run], block: Block, stripped: str, offset: int,
                 m: Any) -> Hit | None | bool:
        """A 1.1 / 1.1.1 marker against the last one of its run; False when it is no marker.

        A two-level number needs a space after it (1.2 组织体系 ✓ / 1.5万元用于设备更新 ✗).
        Only a near miss is judged: the first level the same or the next one, every level
        below 10 (1.3 → 3.8 妇女节 and 9.15 → 10.10 (an agenda's times) are not); a run
        that loses its track this way is not judged again until it restarts at 1.1.
        """
        t = _decimal(m.group("n"))
        if t is None:
            return False
        rest = stripped[m.end():]
        if len(t) == 2 and not rest[:1] in DECIMAL_SPACE:
            return False
        marker = m.group(0)
        pos = next((i for i, r in enumerate(stack) if r.series == "decimal"), None)
        if pos is None:
            # Sections start at x.1; a run opening elsewhere (3.8妇女节, 5.4青年节: dates)
            # is followed but not judged until a marker restarts it at 1.1.
            stack.append(_Run("decimal", 0, marker, extra={"t": t, "judged": t[-1] == 1}))
            return None
        del stack[pos + 1:]
        run = stack[pos]
        prev = run.extra["t"]
        # The last marker that followed correctly: after 3.1, 3.3.1 (wrong), 3.2 follows 3.1
        # and is not a second finding.
        good = run.extra.get("good", prev)
        run.extra["t"], prev_marker = t, run.marker
        run.marker = marker
        if all(x == 1 for x in t):
            run.extra["judged"] = True
        if all(x == 1 for x in t) or _decimal_next(prev, t) or _decimal_next(good, t):
            run.extra["good"] = t
            return None
        if max(prev + t) >= 10 or t[0] not in (good[0], good[0] + 1):
            run.extra["judged"] = False  # no near miss: dates or times, not sections
        if not run.extra["judged"] or "decimal" not in self.series:
            run.extra["good"] = t
            return None
        run.extra["good"] = good
        expected = ".".join(str(x) for x in _decimal_expected(prev, t))
        what = "repeat" if t == prev else ("gap" if t > prev else "back")
        return Hit(block, offset + m.start(), offset + m.start() + len(m.group("n")), fields={
            "previous": prev_marker.strip(), "expected": expected, "problem": what})

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
                if series == "decimal":
                    hit = self._decimal(stack, block, stripped, offset, m)
                    if hit is not False:
                        inline.clear()
                        lead_end = offset + m.end()
                        if hit is not None:
                            yield hit
                    break
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
