"""The `consistency` kind: one figure stated twice with two values; one enumeration counting in two scripts."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..numbers import (UNIT_SCALE, Quantity, chinese_to_int, exact_figures, figure_of, has_digit,
                       to_decimal)
from ..regexcache import cached_compile
from . import LintContext, check_options
from .arithmetic import _table_grids
from .dates import report_period

MODES = ("figure", "numerals")

# The words that name a figure, read back from the figure to the last punctuation.
#   全年完成固定资产投资12.6亿元 -> 固定资产投资 ✓ / 2025年 ✗ (no words before)
KEY_PREFIX = cached_compile(
    r"^(?:[年月日])?(?:全年|今年|本年度?|年内|当年|全(?:区|市|县|镇|乡|街道|校|院|局|公司|系统|行业|省))*"
    r"(?:共计|共|累计|合计|总计|一共)?(?:完成|实现|达到|达|为|是|有)?")
# A verb between the name and the figure is not part of the name:
#   地区生产总值达165.8亿元 -> 地区生产总值 ✓ (as in 实现地区生产总值156.8亿元) / 达标率 ✗ (kept)
KEY_SUFFIX = cached_compile(r"(?:达到|达|为|是|共计|累计|合计|总计|共)$")


def normal_key(key: str) -> str:
    """A figure's name without the scope and verbs around it: 全年完成X, X达 → X."""
    key = key[KEY_PREFIX.match(key).end():]
    verb = KEY_SUFFIX.search(key)
    return key[:verb.start()] if verb else key


# A clause that is a plan, a target or a comparison speaks of another figure.
#   力争全年引进项目6个 ✓ (skip) / 完成固定资产投资12.6亿元 ✗ (kept)
NOT_ACTUAL = cached_compile(
    r"同比|上年|去年|上一年|较|比|增长|增加|减少|下降|"
    r"提高|降低|其中|平均|人均|每|以上|以下|不低于|不少于|超过|达到.{0,2}以|任务|指标|上半年|下半年|季度|月份")
# A sentence about the future: 力争…新增就业700人 ✓ (skip) / 全年新增就业620人 ✗
# A sentence about part of the year is another figure too: 截至11月底，…完成造林2.1万亩 ✓ (skip),
# 1—10月完成投资10.2亿元 ✓ (skip) / 全年完成造林2.4万亩 ✗, 2025年完成投资 ✗ (a year, no month)
PLAN = cached_compile(r"力争|计划|预计|目标|争取|拟|预期|将|要|确保|力求|努力|明年|下一步|今后"
                      r"|截至|截止|(?<![0-9])[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月(?:份|底|末|中旬|上旬|下旬|以来)")
# A section about plans: 三、2026年工作打算 ✓ / 二、主要成效 ✗
PLAN_HEADING = cached_compile(r"打算|计划|思路|安排|目标|展望|下一步|明年|要点")
#   三、2026年工作打算 ✓ (a top-level heading) / （一）抓产业 ✗ (a sub-heading keeps its section)
HEADING = cached_compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[章部节篇])")
YEAR_IN = cached_compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
# A table column holding actual results, and a row label with its unit in brackets.
#   完成情况 ✓, 实际完成 ✓ / 年度目标 ✗
ACTUAL_COLUMN = cached_compile(r"^\s*(?:完成情况|完成|实际完成|完成值|完成数|实际|实绩|实现|全年完成|实际值)\s*$")
ROW_LABEL = cached_compile(r"^\s*(?P<key>\p{Han}{2,16})\s*[（(](?P<unit>[^）)]{1,4})[）)]\s*$")

# Items of an enumeration that count something: 举办招聘会8场 ✓, 技能培训班五期 ✓, 义诊两次 ✓ /
# 一是 ✗, 三项重点任务 ✗ (the count is not at the end of the item), 第三批 ✗, 十四五 ✗,
# 两个维护 ✗ (no separator after the unit); hundreds need their digit: 兴趣小组五百个 ✓ /
# 开展百场宣讲、 ✗ (百场 alone is a slogan)
COUNT_ITEM = cached_compile(
    r"(?P<label>\p{Han}{2,12}?)(?<!第)(?P<num>[0-9]{1,5}|两|[二三四五六七八九]百[零一二三四五六七八九十]{0,3}"
    r"|[二三四五六七八九十]{1,3})"
    r"(?P<unit>人次|批次|场次|场|期|次|个|项|家|人|名|件|所|篇|部|台|条|批|户|处|座|支|届|门|节|堂|轮|期)"
    r"(?=[、，,；;。]|$)")
# Items of one enumeration are joined by 、: 招聘会8场、培训班五期 ✓ / 8场，五期 ✗ (two clauses)
ITEM_SEP = cached_compile(r"、")
CN_COUNT = cached_compile(r"[两二三四五六七八九十百](?:人次|批次|场次|[场期次个项家人名件所篇部台条批户处座支届门节堂轮])")


@dataclass
class _Mention:
    key: str
    unit: str
    value: Decimal
    slack: Decimal
    shown: str
    block: Block
    start: int
    end: int


# Clause and sentence ends, found once per block and looked up by bisection, so a long
# paragraph with many figures is not rescanned backwards for each figure.
#   "完成投资12.6亿元，新增就业620人" -> the "，" ✓ / "12.6" ✗
CLAUSE_END = cached_compile(r"[，,。；;：:！？、（(]")
#   "。" ✓ / "，" ✗
SENTENCE_END = cached_compile(r"[。；;！？]")
# The run of Han characters ending a clause: 全年完成固定资产投资 ✓ / "2025" ✗
HAN_TAIL = cached_compile(r"\p{Han}+$")
# The same, matched backwards from the figure ((?r): a reverse pattern's match() is
# anchored at the end of the slice), so finding it costs the run's length; a forward
# search from the clause's start costs the clause's length for every figure, quadratic
# in a long clause without punctuation (共12个其中3个… repeated).
HAN_TAIL_BACK = cached_compile(r"(?r)\p{Han}+")


# What follows a figure in its own clause decides (12亿元以上 is no actual figure); a
# comparison in the next clause does not: 实现税收收入4.36亿元，比上年增长15% ✓ (4.36 is
# the actual figure) / 完成投资12亿元以上 ✗ (skipped)
AFTER_BREAK = frozenset("，,。；;：:、（(")


def _after_end(text: str, end: int) -> int:
    """End of the two characters after a figure that NOT_ACTUAL reads, cut at a clause mark."""
    stop = min(end + 2, len(text))
    for i in range(end, stop):
        if text[i] in AFTER_BREAK:
            return i
    return stop


def _start_before(ends: list[int], pos: int) -> int:
    """One past the last position in `ends` (sorted) that is before `pos`, else 0."""
    i = bisect.bisect_left(ends, pos)
    return ends[i - 1] + 1 if i else 0


def _ends(text: str) -> tuple[list[int], list[int]]:
    """Sorted positions of the clause ends and of the sentence ends of `text`."""
    clause = [m.start() for m in CLAUSE_END.finditer(text)]
    # Every sentence end is a clause end (。；;！？ are in both classes): one scan, then a filter.
    return clause, [i for i in clause if text[i] in _SENTENCE_CHARS]


_SENTENCE_CHARS = frozenset("。；;！？")


def _key(text: str, q: Quantity, ends: tuple[list[int], list[int]] | None = None) -> str | None:
    """The normalised name of the figure at q, or None when the clause is not a plain statement.

    The plain definition; `_Clauses.key` computes the same faster and is what runs
    (a test keeps the two equal).
    """
    clause_ends, sentence_ends = ends or _ends(text)
    clause_start = _start_before(clause_ends, q.start)
    before = text[clause_start:q.start]
    if NOT_ACTUAL.search(before) or NOT_ACTUAL.search(text, q.end, _after_end(text, q.end)):
        return None
    sent_start = _start_before(sentence_ends, q.start)
    if "其中" in text[sent_start:q.start] or PLAN.search(text, sent_start, q.start):
        return None
    run = HAN_TAIL.search(before)
    if not run:
        return None
    key = run.group(0)
    key = normal_key(key)
    return key if len(key) >= 4 else None


@dataclass(frozen=True)
class Consistency:
    """Options: `mode` = "figure" | "numerals".

    figure: the same named figure (same words before it, same unit) given two values in
    one document, in text or in a table's 完成 column; plans, targets, comparisons and
    other years are not the same figure. numerals: an enumeration of counts
    (招聘会8场、培训班五期、宣讲会14场) written partly in Chinese, partly in Arabic numerals.
    """

    mode: str

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Consistency":
        """Validate `mode`."""
        check_options("consistency", options, {"mode": str}, required=("mode",))
        if options["mode"] not in MODES:
            raise ValueError(f"unknown mode {options['mode']!r} for type 'consistency'; "
                             f"expected one of: {', '.join(MODES)}")
        return cls(options["mode"])

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Dispatch on the mode."""
        if self.mode == "numerals":
            yield from _numerals(blocks)
        else:
            yield from _figures(doc, blocks, ctx)


def _table_mentions(blocks: Sequence[Block]) -> Iterator[_Mention]:
    for grid in _table_grids(blocks):
        header = [(c[3] if c else "") for c in grid[0]]
        cols = [i for i, h in enumerate(header) if ACTUAL_COLUMN.match(h)]
        if len(cols) != 1:
            continue
        col = cols[0]
        for row in grid[1:]:
            if not row or row[0] is None or col >= len(row) or row[col] is None:
                continue
            m = ROW_LABEL.match(row[0][3])
            cell = row[col]
            num = regex.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*", cell[3])
            if not m or not num:
                continue
            unit = m.group("unit")
            base, scale = UNIT_SCALE.get(unit, (unit, Decimal(1)))
            if unit.endswith("万") or unit.endswith("亿"):
                continue
            value = to_decimal(num.group(1))
            key = m.group("key")
            key = normal_key(key)
            if len(key) < 2:
                continue
            text = num.group(1)
            slack = (Decimal(5) / Decimal(10) ** (len(text.split(".")[1]) + 1)
                     if "." in text else Decimal(0))
            yield _Mention(key, base, value * scale, slack * scale, text + unit, cell[0],
                           cell[1] + num.start(1), cell[1] + num.end(1))


class _Clauses:
    """The clause/sentence facts `_key` needs, found once per clause and sentence of a block.

    `_key` asks for every figure whether NOT_ACTUAL occurs between the clause start and
    the figure, and PLAN or 其中 between the sentence start and the figure. A block with
    many figures in one sentence would rescan the same text for each; here the first
    match after each clause or sentence start is found once and compared by position.
    """

    __slots__ = ("text", "ends", "not_actual", "plan", "qizhong")

    def __init__(self, text: str):
        self.text = text
        self.ends = _ends(text)
        self.not_actual: dict[int, Any] = {}
        self.plan: dict[int, Any] = {}
        self.qizhong: dict[int, int] = {}

    def key(self, start: int, end: int, unit: str = "",
            done: set[tuple[str, str]] | frozenset = frozenset()) -> str | None:
        """Exactly `_key(text, q)` for a figure at [start, end); None early for a (key, unit) in `done`.

        The name is read first: it is cheap, and a figure already reported needs no more.
        """
        text = self.text
        clause_ends, sentence_ends = self.ends
        i = bisect.bisect_left(clause_ends, start)
        clause_start = clause_ends[i - 1] + 1 if i else 0
        run = HAN_TAIL_BACK.match(text, clause_start, start)
        if not run:
            return None
        key = run.group(0)
        key = normal_key(key)
        if len(key) < 4 or (key, unit) in done:
            return None
        # Searches stop at the clause (sentence) end: a figure of the clause lies before it,
        # and an unbounded search per clause is quadratic in a long text without a match.
        clause_limit = clause_ends[i] if i < len(clause_ends) else len(text)
        if _first_before(self.not_actual, NOT_ACTUAL, text, clause_start, start, clause_limit):
            return None
        if NOT_ACTUAL.search(text, end, _after_end(text, end)):
            return None
        i = bisect.bisect_left(sentence_ends, start)
        sent_start = sentence_ends[i - 1] + 1 if i else 0
        sent_limit = sentence_ends[i] if i < len(sentence_ends) else len(text)
        k = self.qizhong.get(sent_start)
        if k is None:
            k = self.qizhong[sent_start] = text.find("其中", sent_start, sent_limit)
        if 0 <= k and k + 2 <= start:
            return None
        if _first_before(self.plan, PLAN, text, sent_start, start, sent_limit):
            return None
        return key


def _first_before(memo: dict[int, Any], pattern: Any, text: str, pos: int, end: int,
                  limit: int | None = None) -> bool:
    """Whether `pattern` matches inside text[pos:end], from its first match after `pos`.

    The first match from `pos` up to `limit` (the end of the clause or sentence that
    starts at `pos`, so never before `end`; memoised per `pos`) decides unless it
    straddles `end`; then the bounded search gives the exact answer.
    """
    m = memo.get(pos, False)
    if m is False:
        m = memo[pos] = pattern.search(text, pos, len(text) if limit is None else limit)
    if m is None or m.start() >= end:
        return False
    if m.end() <= end:
        return True
    return pattern.search(text[pos:end]) is not None


def _figures(doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
    period = report_period(doc, ctx)
    order = {id(b): i for i, b in enumerate(blocks)}
    # Table mentions are few; they are merged by position with the text mentions, which
    # come in document order already, so the many text mentions are never sorted.
    tables = sorted(_table_mentions(blocks), key=lambda m: (order.get(id(m.block), 0), m.start))
    ti = 0
    # (key, unit) -> the first mention: (figure as written, its match or table mention, line).
    # Values are computed only when a second mention is written differently: most repeats
    # of a figure are written the same, and equal strings are equal values.
    first: dict[tuple[str, str], tuple[str, Any, int]] = {}
    reported: set[tuple[str, str]] = set()

    def see(key: str, unit: str, shown: str, figure: Any, block: Block) -> Hit | None:
        # Exact names only: 核减行政编制 and 行政编制 are different figures.
        k = (key, unit)
        prev = first.get(k)
        if prev is None:
            first[k] = (shown, figure, block.line)
            return None
        if shown == prev[0]:
            return None
        a, b = _value_of(prev[1]), _value_of(figure)
        if abs(a.value - b.value) <= a.slack + b.slack:
            return None
        reported.add(k)
        return Hit(block, b.start, b.end, fields={
            "key": key, "first": prev[0], "second": shown, "first_line": str(prev[2])})

    def see_table(t: _Mention) -> Hit | None:
        if (t.key, t.unit) in reported:
            return None
        return see(t.key, t.unit, t.shown, t, t.block)

    in_plan = False
    for bi, block in enumerate(blocks):
        if block.style in ("table-cell", "table-row", "table-delimiter", "code"):
            continue
        text = block.text
        if block.style.lower().startswith(("heading", "标题")) or HEADING.match(text):
            in_plan = bool(PLAN_HEADING.search(text[:40]))
        if not has_digit(text):
            continue
        clauses = None
        has_year = "年" in text
        for start, end, m in exact_figures(text):
            if clauses is None:
                clauses = _Clauses(text)
            unit = m.group("unit")
            base = UNIT_SCALE.get(unit, (unit,))[0]
            # A figure already reported is skipped: one finding per figure.
            key = clauses.key(start, end, base, reported)
            if key is None:
                continue
            sent_start = _start_before(clauses.ends[1], start)
            years = ({int(y) for y in YEAR_IN.findall(text, sent_start, start)}
                     if has_year else None)
            if years and (period is None or years != {period.year}):
                continue
            # Under a plans heading only a sentence naming the report's own year is a result:
            # 四、2026年工作思路 … 总的来看，2025年完成投资16.2亿元 ✓ / 新增就业700人 ✗
            if in_plan and not years:
                continue
            # Table mentions before this one (a tab-separated line's own come after it).
            while ti < len(tables) and (order.get(id(tables[ti].block), 0), tables[ti].start) < (bi, start):
                hit = see_table(tables[ti])
                ti += 1
                if hit:
                    yield hit
            # text[start:end] is the figure as written (number, magnitude, unit): its `shown`.
            hit = see(key, base, text[start:end], m, block)
            if hit:
                yield hit
    for t in tables[ti:]:
        hit = see_table(t)
        if hit:
            yield hit


def _value_of(figure: Any) -> Any:
    """A first or later mention's value and slack: a table _Mention as is, a match parsed."""
    return figure if isinstance(figure, _Mention) else figure_of(figure)


def _numerals(blocks: Sequence[Block]) -> Iterator[Hit]:
    for block in blocks:
        text = block.text
        # An enumeration mixing scripts needs a 、, a digit and a Chinese numeral.
        if "、" not in text or not has_digit(text) or not CN_COUNT.search(text):
            continue
        items = list(COUNT_ITEM.finditer(text))
        run: list[Any] = []
        for m in items + [None]:
            if m is not None and run and ITEM_SEP.fullmatch(text, run[-1].end(), m.start()):
                run.append(m)
                continue
            yield from _mixed_run(block, run)
            run = [m] if m is not None else []


def _mixed_run(block: Block, run: list[Any]) -> Iterator[Hit]:
    if len(run) < 2:
        return
    chinese = [m for m in run if not m.group("num").isdigit()]
    arabic = [m for m in run if m.group("num").isdigit()]
    if not chinese or not arabic:
        return
    if any(chinese_to_int(m.group("num")) is None for m in chinese):
        return
    # From the first count to the last: the label before the first count has no clear start.
    yield Hit(block, run[0].start("num"), run[-1].end(), fields={
        "chinese": "、".join(m.group("num") + m.group("unit") for m in chinese),
        "arabic": "、".join(m.group("num") + m.group("unit") for m in arabic)})
