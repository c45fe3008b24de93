"""The `arithmetic` kind: totals that are not the sum of their parts, rates that do not match their base."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..numbers import Quantity, fmt, half_ulp, has_digit, quantities, to_ascii_digits, to_decimal
from ..regexcache import cached_compile
from . import LintContext, check_options

MODES = ("total", "percent", "table", "table-share")
TOTAL_HINT = cached_compile(r"其中|分别|分为|包括|包含|含|[：:]|合计|共计|总计")

# Sentence ends; a total and its parts live in one sentence.
#   共11个，其中7个。下一句 ✓ splits at 。 / 1.5万 ✗ (no split inside a figure)
SENTENCE = cached_compile(r"[^。！？!?]+[。！？!?]?|(?<=\S)\.\s")

# What introduces the parts after a total: 其中 (a subset unless shown complete),
# 分别为/分为 (complete), a colon (complete).
#   共有社区11个，其中城市社区7个 ✓ / 其中之一 ✗ (no figure follows)
#   共36场。其中，线上22场 ✓ (the 。 that _sentences keeps in the window)
# A comparison clause may stand between the total and its 其中 (统计公报 style):
#   386.5亿元，比上年增长6.2%。其中，第一产业… ✓, 312.6万人，比上年末减少0.8万人。其中，城镇… ✓ /
#   386.5亿元，按不变价格计算，比上年增长6.2%。其中 ✗ (a second clause: not followed)
# 包括/包含/含 list members like 其中 (a subset unless shown complete):
#   共56人次，包括集体谈话20人次、个别谈话31人次 ✓ / 含税 ✗, 含量 ✗ (no list follows)
# A breakdown named before a colon is complete like a bare colon:
#   总投资320万元，资金来源为：省级200万元、县级80万元 ✓ / 总投资320万元，主要用于： ✗
TRIGGER = cached_compile(
    r"(?:[，,]\s*(?:(?:比|较)(?:上年|去年|上一年)(?:末|底|同期)?|同比)"
    r"(?:增长|下降|增加|减少|提高|降低)了?[0-9]+(?:\.[0-9]+)?(?:[%％]|个百分点|[万亿]?\p{Han}{1,2})"
    r"(?=[。，,]\s*其中))?"
    r"(?:。[ \t\u3000]*|[，,、\s]{0,2})(?:(?P<sub>其中|包括|包含|含(?![税量有]))|(?P<all>分别为|分别是|分为)"
    r"|(?:(?:资金|经费|投资)?(?:来源|构成|组成|分布|明细)(?:为|是|如下)?\s*)?(?P<colon>[：:]))[，,：:\s]{0,2}")

# After 分为, the count of classes is not a part: 分为三类：制造业10个… ✓ (skip 三类),
# 分为六个年级，分别为一年级240人… ✓ (skip 六个年级，分别为) / 分为城市社区7个 ✗ (a part)
CLASS_COUNT = cached_compile(
    r"(?P<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:个|大)?"
    r"(?:类别|类型|类|种|方面|部分|层次|等级|档次|档|级别|年级|领域|板块|片区|批次|批|组|项)"
    r"[，,：:\s]{0,2}(?:(?:分别为|分别是|即|包括)[，,：:\s]{0,2})?")
# A part's label naming the rest makes the list complete: 其余3个 ✓, 其他 ✓ / 其中 ✗
REST = cached_compile(r"^(?:其余|其他|其它|剩余|余下|另有|另外)")
# Labels that are changes or comparisons, not members: 同比增长12批次 ✓ / 国内订单 ✗
#   增加值 is a figure's name, not a change: 第一产业增加值45.2亿元 ✓ (a part)
NOT_A_PART = cached_compile(r"增长|增加(?!值)|减少|下降|提高|降低|上升|同比|较上|比上|占|超出|多出|少于")
# Words right before a figure that make it a change or an average, never a total:
#   比上年末减少0.8万人。其中… ✗ (0.8万人 is no total), 人均7.2次，其中… ✗ /
#   共有党员120名，其中 ✓ (a total)
NOT_A_TOTAL = cached_compile(r"(?:增长|增加|减少|下降|提高|降低|上升|人均|平均|户均|均|每)了?$")
# Exclusive levels: an award is national, provincial … never two at once, so parts named by
# distinct levels do not overlap: 其中国家级2人次、省级9人次 ✓ / 其中省级、党员 ✗ (mixed)
LEVEL = cached_compile(r"(?:国家|部|省|市|县|区|乡镇|镇|乡|街道|校|院)级")
# A label that holds figures of another unit: 其中超10亿元项目5个 ✓ (10亿元 is in the label),
# 5亿元至10亿元项目8个 ✓ / 其中城市社区7个，投资2亿元 ✗ (a separator: another clause)
LIST_BREAK = cached_compile(r"其中|包括|包含|分别|分为")
LABEL_BREAK = cached_compile(r"[，,、；;。：:！？]")
# Two labels that together make one whole classification: 国内/出口, 城市/农村, 男/女.
PAIRS = (
    ("国内", "出口|国外|境外|海外"), ("境内", "境外"), ("城市|城镇|市区", "农村|乡村"),
    ("男", "女"), ("公办", "民办"), ("线上", "线下"), ("内资", "外资"), ("在职", "退休|离退休"),
    ("专职", "兼职"), ("党员", "非党员|群众"), ("本地", "外地"), ("省内", "省外"),
    ("domestic", "international|export|overseas|foreign"),
)
PAIR_RES = tuple((cached_compile(a), cached_compile(b)) for a, b in PAIRS)
# Labels that name attributes, not classes: a person can be both a 党员 and a 女教师,
# so parts of an open list may add up to more than the total.
#   共有教师200人，其中党员120人、女教师110人 ✗ (overlap) / 其中城市社区7个、村改居社区5个 ✓
ATTRIBUTE = cached_compile(
    r"党员|团员|女|少数民族|职称|学历|学位|研究生|本科|大专|硕士|博士|高级|中级|初级|岁|以上|以下"
    r"|骨干|青年|退役|获奖|优秀|先进|省级|市级|国家级|规上|规模以上|高新|专精特新|上市|重点")

# English: "Shipments totaled 48,200 parcels: 21,400 domestic, …" ✓ / "Q3 2026:" ✗ (no total word)
YEARLIKE = cached_compile(r"^(?:19|20)[0-9]{2}$")
EN_TOTAL = cached_compile(r"\b(?:total(?:ed|led|ing|s)?|in all|altogether|combined)\b", regex.I)
# The unit words between the total and the colon, and a total word said after them:
#   "48,200 parcels: " ✓, "12,400 units in total: " ✓ (tot), "reached 3,420,000 in the quarter: "
#   ✓ (up to four words; a total word before is then required) /
#   "12,400 units were shipped to: " ✗; "totaled 128,500: 74,200 hand tools" ✓ (no unit word,
#   a total word before) / "totaled $4.8 million in fiscal 2025: " ✗ (2025 is a year: YEARLIKE)
EN_COLON = cached_compile(r"(?:\s+[A-Za-z][A-Za-z-]*){0,4}?"
                         r"(?P<tot>\s+(?:in total|in all|altogether|combined))?\s*:\s*", regex.I)

# A rate named after its part: 及格447人，及格率为95.2% ✓ / 及格447人，优秀率30% ✗
RATE = cached_compile(r"[，,\s]{0,2}(?P<name>\p{Han}{1,6})率(?:为|达|达到|是|约为)?(?P<p>[0-9]+(?:\.[0-9]+)?)[%％]")
# A share after a part of a 其中 list: 其中女党员45名，占37.5% ✓ / 占全市的12% ✗ (another base)
SHARE = cached_compile(r"[，,\s]{0,2}(?:占比|占(?:总数|总量|总人数|总额|全部|总)?的?(?:比例|比重)?)(?:为|达|达到|是)?(?P<p>[0-9]+(?:\.[0-9]+)?)[%％]")
# English share of a stated total: "45,100 parcels, or 95.6% of all shipments" ✓ / "95% of staff" ✗
EN_SHARE = cached_compile(r"\s*\w*\s*,?\s*(?:or|i\.e\.|representing|which is)\s+(?P<p>[0-9]+(?:\.[0-9]+)?)%\s+of\s+(?:all|the total|total)\b", regex.I)
# The base written right after the share: "or 90.0% of all 1,800 orders" ✓ / "of all orders" ✗
EN_BASE_AFTER = cached_compile(r"\s+(?P<n>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?![0-9.,]*%)\b")
# A part "of" its base, then the share: "8,820 of 9,600 scheduled trips, or 93.8% of all trips"
#   ✓ (91.9%) / "8,820 of the trips, or 93.8%" ✗ (no base figure), "1 of 3 goals, or 40%" ✓
EN_OF_SHARE = cached_compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+)?(?P<n>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?![0-9.,]*%)"
    r"(?:\s+[A-Za-z][A-Za-z-]*){0,3}\s*,?\s*(?:or|i\.e\.|representing|which is)\s+"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent)", regex.I)
# How far after a figure the English colon and "of" patterns may reach (they need ~60).
EN_REACH = 160
EN_BASE = cached_compile(r"\b(?:total(?:ed|led|ing|s)?|total of|in all)\s+(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?)\b", regex.I)
# Growth between two stated figures: 由120人增至150人，增长25% ✓ / 同比增长25% ✗ (one figure).
# The old figure may carry its year or be last year's, and a price may be 上调 (raised):
#   由2020年的3.60亿元增长至4.36亿元，增长25.1% ✓ (21.1%),
#   较去年的每生300元上调至360元，上调幅度为25% ✓ (20%) / 较去年上调20元 ✗ (one figure)
GROWTH = cached_compile(
    r"(?:(?:由|从)(?:(?:19|20)[0-9]{2}年(?:度|末|底)?的?)?|(?:较|比)(?:上年|去年|上一年|上年度)(?:同期)?的)"
    r"(?P<a>[^，,。；由从]{1,16}?)(?P<dir>增加|增长|提高|上升|提升|下降|减少|降低|上调|下调|增|降)(?:到|至)(?P<b>[^，,。；]{1,16}?)"
    r"[，,]?(?:同比|比上年|较上年)?(?P<dir2>(?:增长|增加|提高|上升|提升|下降|减少|降低|上调|下调)(?:幅度)?|增幅|降幅|涨幅)(?:了|为|达|是)?"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)(?P<u>[%％]|个百分点)")

# Two consecutive years' figures, then the growth between them:
#   2024年GDP为100亿元，2025年为110亿元，同比增长12% ✓ (10%) /
#   2023年为100亿元，2025年为110亿元，增长10% ✗ (not consecutive: the years are checked in code)
YEAR_PAIR_GROWTH = cached_compile(
    r"(?P<y1>(?:19|20)[0-9]{2})年(?:度)?[^，,。；0-9]{0,10}?(?:为|是|达到?|实现)(?P<a>[^，,。；]{1,16}?)[，,]\s*"
    r"(?P<y2>(?:19|20)[0-9]{2})年(?:度)?[^，,。；0-9]{0,6}?(?:为|是|达到?|实现)(?P<b>[^，,。；]{1,16}?)[，,]?\s*"
    r"(?:同比|比上年|较上年)?(?P<dir2>增长|增加|提高|上升|提升|下降|减少|降低|增幅为?|降幅为?)(?:了|为|达)?"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)(?P<u>[%％]|个百分点)")

# English growth stated with both figures: this period's, the rate, last period's.
#   "$12.4 million, up 12.0% from $11.45 million" ✓ (8.3%) / "up 8% year on year" ✗ (no base),
#   "$12.4 million, up 8% from a year earlier" ✗ (no figure); the span ends at the old figure
#   or its unit: "…from 38,900" ✓ / "…from 38,900 " ✗
EN_GROWTH = cached_compile(
    r"(?<![0-9.,])(?P<cur>[$€£¥]?)(?P<b>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<bf>\.[0-9]+)?\s*(?P<u>million|billion|thousand|bn|m)?\b"
    r"[ ,]*\(?(?P<dir>up|down|an increase of|a decrease of|a rise of|a fall of)\s+"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent)\s+(?:from|over|compared with|against)\s+"
    r"(?P<cur2>[$€£¥]?)(?P<a>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<af>\.[0-9]+)?(?:\s*(?P<u2>million|billion|thousand|bn|m)\b)?",
    regex.I)

# Growth against last year's figure (or a named year's) written after this year's:
#   实现税收5.4亿元，比上年的4.8亿元增长15% ✓, 21.4亿元，较2024年的19.8亿元增长10.1% ✓ /
#   实现税收5.4亿元，比上年增长15% ✗ (no base), 较2019年的3.7万户年均增长7% ✗ (年均: the
#   figure is checked to be all of `b` in code)
# A rate against last year's rate moves by percentage points:
#   本科上线率84.6%，较上年的81.2%提高2.4个百分点 ✓ (3.4), 失业率2.9%，较上年末的3.3%下降0.6个百分点 ✓ (0.4)
#   / 84.6%，较上年提高2.4个百分点 ✗ (no base), 84.6%，较上年的81.2%提高4.2% ✗ (relative or points: ambiguous)
PRIOR_GROWTH = cached_compile(
    r"[，,]?\s*(?:比|较|与)(?:上年|去年|上一年|上年度|(?:19|20)[0-9]{2}年(?:度|末|底)?)(?:末|底|同期)?的?(?P<b>[0-9][^，,。；比较]{0,12}?)(?:相比)?[，,]?"
    r"(?P<dir>增长|增加|提高|上升|下降|减少|降低)了?(?P<p>[0-9]+(?:\.[0-9]+)?)(?P<u>[%％]|个百分点)")
# Growth from the increment: this year's figure, the change, the rate.
#   企业860家，比上年增加60家，增长7.5% ✓ (60/800) / 企业860家，比上年增加60家 ✗ (no rate)
INCREMENT_GROWTH = cached_compile(
    r"[，,]?\s*(?:同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)(?P<d1>增加|增长|提高|上升|多|减少|下降|降低|少)了?"
    r"(?P<b>[0-9][^，,。；]{0,12}?)[，,]\s*(?:同比)?(?P<d2>增长|增加|提高|上升|增幅为?|下降|减少|降低|降幅为?)了?"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)[%％]")
UP = ("增", "提", "上", "多")

# Table labels of a total row, and columns whose total is not a sum.
TOTAL_LABEL = cached_compile(r"^\s*(?:合\s*计|总\s*计|总\s*数|共\s*计|Total|TOTAL|Sum)\s*$")
# Columns whose 合计 is no sum: rates, averages, growth (English too):
#   及格率 ✓, 同比增长 ✓, Growth ✓, YoY ✓, Margin ✓ / 金额 ✗, Amount ✗ (summed)
NOT_SUMMED = cached_compile(r"率|平均|均值|人均|均分|单价|价格|同比|增长|增幅|降幅|增速|比上|排名|名次|序号|编号|年份|日期|时间"
                            r"|[Rr]ate|[Aa]verage|%\s*change|(?i:growth|change|yoy|increase|decrease|margin|ratio|yield)")
DASH = cached_compile(r"^\s*(?:[—–\-－/／]+|无)?\s*$")
CELL_NUMBER = cached_compile(r"^\s*(?P<n>[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?)\s*(?P<u>[%％]|\p{Han}{1,3})?\s*$")


# A sentence end that does not end the sentence: a 其中 right after it lists the parts of
# the figure before it, so the two sentences are one window.
#   共组织招聘活动36场。其中，线上招聘22场 ✓ (one window) / 共36场。下半年… ✗ (two)
END = cached_compile(r"[。！？!?]|\.(?=\s|$)")
QIZHONG_NEXT = cached_compile(r"[ \t\u3000]*其中")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence windows of a text; a sentence opening with 其中 stays with the one before."""
    start = 0
    for m in END.finditer(text):
        if m.group() == "。" and QIZHONG_NEXT.match(text, m.end()):
            continue
        yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _label(text: str, start: int, end: int) -> str:
    """The words just before a figure: 其中城市社区7个 -> 城市社区."""
    seg = text[start:end]
    cut = max(seg.rfind(ch) for ch in "，,、；;：: ")
    return seg[cut + 1:].strip()


def pct_slack(pct: str) -> Decimal:
    """How far a written percentage may be from the exact one: half its last decimal, and
    half a point for a whole percentage (2 of 3 written 67% ✓; 93.0% for 92.0% ✗)."""
    return half_ulp(pct) if "." in to_ascii_digits(pct) else Decimal("0.5")


def _ratio_ok(part: Decimal, base: Decimal, pct: str, part_slack: Decimal) -> tuple[bool, Decimal]:
    """Whether pct% of base is part, within rounding of every figure involved."""
    p = Decimal(pct)
    calc = part / base * 100
    # Rounding of the percentage itself plus what the rounding of the part could move.
    slack = pct_slack(pct) + part_slack / base * 100 + Decimal("0.011")
    return abs(calc - p) <= slack, calc


@dataclass(frozen=True)
class Arithmetic:
    """Options: `mode` = "total" | "percent" | "table".

    total: a total followed by its parts (其中/分别为/分为/a colon) that add up to
    more, or, when the list is complete, to less. percent: a rate or share that does
    not match the figures it is computed from. table: a 合计 row that is not the sum
    of the rows above it. table-share: a 占比 column whose percentages are not the
    count beside them over the column's total. Approximate figures (约/近/余/多/以上) never count.
    """

    mode: str

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Arithmetic":
        """Validate `mode`."""
        check_options("arithmetic", options, {"mode": str}, required=("mode",))
        if options["mode"] not in MODES:
            raise ValueError(f"unknown mode {options['mode']!r} for type 'arithmetic'; "
                             f"expected one of: {', '.join(MODES)}")
        return cls(options["mode"])

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Dispatch on the mode."""
        if self.mode == "table":
            yield from _tables(blocks)
            return
        if self.mode == "table-share":
            yield from _table_shares(blocks)
            return
        for block in blocks:
            if block.style in ("table-cell", "table-row", "table-delimiter", "code"):
                continue
            text = block.text
            if not has_digit(text):
                continue
            # Cheap filters: a total needs 其中/分别/分为/a colon, a rate needs a percent sign.
            if self.mode == "total" and not TOTAL_HINT.search(text):
                continue
            if self.mode == "percent" and not ("%" in text or "％" in text or "百分点" in text):
                continue
            for s, e in _sentences(text):
                qs = list(quantities(text, s, e))
                if len(qs) < 2:
                    continue
                if self.mode == "total":
                    yield from _totals(block, text, qs, e)
                    yield from _trailing_totals(block, text, qs)
                else:
                    yield from _percents(block, text, qs, s, e)


def _totals(block: Block, text: str, qs: list[Quantity], send: int) -> Iterator[Hit]:
    for i, total in enumerate(qs[:-1]):
        if total.approx or total.unit == "%":
            continue
        if NOT_A_TOTAL.search(text, max(0, total.start - 4), total.start):
            continue
        trig = TRIGGER.match(text, total.end, send)
        if trig and trig.group("colon") and not total.unit:
            trig = None  # "totaled 128,500: 74,200 …": the English colon list below
        english = False
        classes = None  # 分为三类 announces three parts
        if not trig:
            # Bounded: regex's match() looks for the pattern's required literal (the colon)
            # up to endpos first, which is quadratic over a long window of figures.
            colon = EN_COLON.match(text, total.end, min(send, total.end + EN_REACH))
            if not (colon and (colon.group("tot") or
                               EN_TOTAL.search(text, max(0, total.start - 40), total.start))):
                continue
            if YEARLIKE.match(total.number):
                continue  # "totaled $4.8 million in fiscal 2025: …": 2025 is a year
            english, complete, after = True, True, colon.end()
        else:
            complete = bool(trig.group("all") or trig.group("colon"))
            after = trig.end()
            if trig.group("all") and trig.group("all").startswith("分为"):
                cls_count = CLASS_COUNT.match(text, after, send)
                if cls_count:
                    after = cls_count.end()
                    classes = to_decimal(cls_count.group("n"))
            if not total.unit:
                continue
        parts: list[Quantity] = []
        labels: list[str] = []
        prev = after
        # Indices, not a slice: a window of many figures (sentences joined by 。其中) would
        # copy the rest of the list for every total.
        for j in range(i + 1, len(qs)):
            q = qs[j]
            if q.start < after:
                continue
            if q.unit != total.unit:
                # A figure inside the next part's label: skip it, keep the list going.
                k = j + 1
                while k < len(qs) and qs[k].unit != total.unit and k - j < 4:
                    k += 1
                if (k < len(qs) and qs[k].unit == total.unit and qs[k].start - q.end <= 16
                        and not LABEL_BREAK.search(text, q.end, qs[k].start)
                        or _part_growth(text, prev, q)):
                    continue
                break
            gap = text[prev:q.start]
            # Another total's trigger ends this list: 共56人次，包括…，共40人次，包括… ✓ (two lists)
            if "。" in gap or LIST_BREAK.search(gap):
                break
            label = _label(text, prev, q.start)
            if NOT_A_PART.search(label) or (english and text[q.end:q.end + 1] == "%"):
                break
            if q.approx:
                parts = []
                break
            parts.append(q)
            labels.append(label)
            prev = q.end
        if not parts:
            continue
        if any(REST.match(lb) for lb in labels):
            complete = True
        elif classes is not None and len(parts) < classes:
            complete = False  # 分为三类 with two listed: the third is missing, not zero
        if len(parts) == 2 and not complete:
            complete = any(a.search(labels[0]) and b.search(labels[1]) or
                           b.search(labels[0]) and a.search(labels[1]) for a, b in PAIR_RES)
        total_sum = sum((p.value for p in parts), Decimal(0))
        slack = total.slack + sum((p.slack for p in parts), Decimal(0))
        over = total_sum > total.value + slack
        if over and not complete and any(ATTRIBUTE.search(lb) for lb in labels) and not _levels(labels):
            # Overlapping attributes may sum past the total; only a single part
            # larger than the whole is then certain.
            over = any(p.value > total.value + total.slack + p.slack for p in parts)
        under = complete and total_sum < total.value - slack
        if over or under:
            scale = total.value / to_decimal(total.number) if to_decimal(total.number) else 1
            shown = "+".join(p.number for p in parts)
            end = parts[-1].end
            if english:
                word = regex.match(r"\s+[A-Za-z][A-Za-z-]*", text[end:send])
                end += word.end() if word else 0
            shown_sum = fmt(total_sum / scale)
            if "," in total.number and "." not in shown_sum:
                shown_sum = f"{int(shown_sum):,}"  # as the text writes them: 11,900, not 11900
            yield Hit(block, total.start, end, fields={
                "total": total.shown, "sum": shown_sum + total.raw_unit,
                "parts": shown, "relation": "多于" if over else "少于",
                "relation_en": "more than" if over else "less than"})


# A total written after its parts: 第一种形态11人，第二种形态2人，第三种形态1人，合计15人 ✓,
# 党课12场、讲座8场，共20场 ✓, 一季度3亿元，二季度4亿元，上半年合计7亿元 ✓ /
# 新增20家，累计达到150家 ✗ (累计 counts earlier years too), 共同推进 ✗ (no figure)
TRAILING = cached_compile(r"(?:[，,；;]\s*\p{Han}{0,6}?(?:合计|共计|总计|总共|一共)|[，,]\s*共有?)(?:为|达到?|是)?$")
# Between two parts: a separator, then the next part's label (no 其中, no sentence end).
#   ，第二种形态 ✓, 、讲座 ✓ / ，其中党员 ✗, 。下半年 ✗
PART_GAP = cached_compile(r"[，,、；;]\s*(?P<label>[^，,、；;。！？!?其]{0,14})")


def _trailing_totals(block: Block, text: str, qs: list[Quantity]) -> Iterator[Hit]:
    """A 合计/共计 figure after the parts it sums, in one sentence: more than it is always
    wrong; less is wrong when no earlier figure of the unit (a previous sentence's part)
    stands in the block."""
    for t, total in enumerate(qs):
        if t < 2 or total.approx or not total.unit or total.unit == "%":
            continue
        lead = TRAILING.search(text, max(0, total.start - 12), total.start)
        if not lead:
            continue
        parts: list[Quantity] = []
        nxt = lead.start()
        # Bounded: a long run of figures with several 合计 must not be walked back for each.
        for j in range(t - 1, max(-1, t - 41), -1):
            q = qs[j]
            if q.unit != total.unit or q.approx:
                break
            if not parts:
                if text[q.end:nxt].strip():
                    break  # the last part stands right before ，合计
            else:
                gap = PART_GAP.fullmatch(text, q.end, nxt)
                if not gap or NOT_A_PART.search(gap.group("label")):
                    break
            parts.append(q)
            nxt = q.start
        # The first part's own label must not be a change or a 其中 part.
        if len(parts) < 2:
            continue
        first = parts[-1]
        head = text[max(0, first.start - 8):first.start]
        if "其中" in head or NOT_A_PART.search(_label(text, max(0, first.start - 14), first.start)):
            continue
        total_sum = sum((p.value for p in parts), Decimal(0))
        slack = total.slack + sum((p.slack for p in parts), Decimal(0))
        over = total_sum > total.value + slack
        # A part in an earlier sentence nearby makes "less" uncertain (bounded look-back).
        under = total_sum < total.value - slack and not any(
            q.unit == total.unit for q in quantities(text, max(0, first.start - 300), first.start))
        if over or under:
            parts.reverse()
            scale = total.value / to_decimal(total.number) if to_decimal(total.number) else 1
            yield Hit(block, first.start, total.end, fields={
                "total": total.shown, "sum": fmt(total_sum / scale) + total.raw_unit,
                "parts": "+".join(p.number for p in parts), "relation": "多于" if over else "少于",
                "relation_en": "more than" if over else "less than"})


# A part's own growth rate right after it: 第一产业增加值102.3亿元，增长3.4%；第二产业… ✓
# (3.4% is skipped, the list goes on) / 其中城市社区7个，占58% ✗ (a share: the list ends)
PART_GROWTH = cached_compile(r"[，,]\s*(?:同比|比上年|较上年)?(?:增长|下降|增加|减少|提高|降低)了?$")


def _part_growth(text: str, prev: int, q: Quantity) -> bool:
    """Whether q is a growth rate written right after the previous part: 102.3亿元，增长3.4%."""
    return q.unit == "%" and q.start - prev <= 8 and bool(PART_GROWTH.search(text, prev, q.start))


def _levels(labels: list[str]) -> bool:
    """Whether every label names one distinct level (国家级/省级/市级…): exclusive parts."""
    found = []
    for lb in labels:
        ms = LEVEL.findall(lb)
        if len(ms) != 1:
            return False
        found.append(ms[0])
    return len(set(found)) == len(found)


def _percents(block: Block, text: str, qs: list[Quantity], s: int, e: int) -> Iterator[Hit]:
    rate_base: Quantity | None = None  # 参考4100人，及格3690人，及格率…，优秀1230人，优秀率… share a base
    qizhong: list[int] | None = None  # positions of 其中 in the window, found on first need
    ends: list[int] = []
    for i, q2 in enumerate(qs):
        if q2.unit == "%" or q2.approx:
            continue
        # A rate named after the part: 参考学生482人，及格447人，及格率为95.2%
        m = RATE.match(text, q2.end, e)
        if m and i > 0:
            q1 = qs[i - 1]
            span_start = q1.start
            if q1.unit == "%" and rate_base is not None and rate_base.unit == q2.unit:
                q1, span_start = rate_base, q2.start
                between = "，"
            else:
                between = text[q1.end:q2.start]
            label = _label(text, qs[i - 1].end, q2.start)
            if (q1.unit == q2.unit and q1.unit and not q1.approx and q1.value > 0
                    and len(between) <= 10 and label and _same_name(label, m.group("name"))
                    and q2.value <= q1.value):
                rate_base = q1
                ok, calc = _ratio_ok(q2.value, q1.value, m.group("p"), q2.slack)
                if not ok:
                    yield _pct_hit(block, span_start, m.end(), q2, q1, m.group("p"), calc)
                continue
        # A share of the 其中 total: 共有党员120名，其中女党员45名，占37.5%
        m = SHARE.match(text, q2.end, e)
        if m:
            # The last 其中 before the figure, and the last figure ending before that 其中,
            # by bisection: a rescan per figure is quadratic in a long list of shares.
            if qizhong is None:
                qizhong = [m.start() for m in regex.finditer("其中", text[s:e])]
                qizhong = [s + x for x in qizhong]
                ends = [q.end for q in qs]
            x = bisect.bisect_right(qizhong, q2.start - 2) - 1
            k = qizhong[x] if x >= 0 else -1
            j = min(bisect.bisect_right(ends, k), i) - 1 if k >= 0 else -1
            base = qs[j] if j >= 0 else None
            near = base is not None and len(text[base.end:k]) <= 2
            # An average is no base; the total just before it is: 调研43次，人均7.2次，其中…29次，
            # 占比为72.1% ✓ (29 / 43) / 29 / 7.2 ✗
            if near and j > 0 and NOT_A_TOTAL.search(text, max(0, base.start - 4), base.start):
                prior = qs[j - 1]
                between = text[prior.end:base.start]
                base = prior if len(between) <= 8 and "。" not in between else None
            if (near and base and base.unit == q2.unit and base.unit and not base.approx and base.value > 0):
                ok, calc = _ratio_ok(q2.value, base.value, m.group("p"), q2.slack)
                if not ok:
                    yield _pct_hit(block, q2.start, m.end(), q2, base, m.group("p"), calc)
            continue
        # English: "8,820 of 9,600 scheduled trips, or 93.8%": the base right after "of"
        m = EN_OF_SHARE.match(text, q2.end, min(e, q2.end + EN_REACH))  # bounded: see EN_COLON
        if m:
            base_value = to_decimal(m.group("n"))
            if base_value and q2.value <= base_value:
                ok, calc = _ratio_ok(q2.value, base_value, m.group("p"), q2.slack)
                if not ok:
                    yield Hit(block, q2.start, m.end(), fields={
                        **_formula(q2.shown, m.group("n")), "percent": m.group("p") + "%",
                        "computed": f"{calc:.1f}%"})
            continue
        # English: "45,100 parcels, or 95.6% of all shipments", base stated as a total
        m = EN_SHARE.match(text, q2.end, e)
        if m:
            after = EN_BASE_AFTER.match(text, m.end(), e)
            bases = [after] if after else list(EN_BASE.finditer(text, 0, q2.start))
            if bases:
                b = bases[-1]
                base_value = to_decimal(b.group("n"))
                if base_value and q2.value <= base_value:
                    ok, calc = _ratio_ok(q2.value, base_value, m.group("p"), q2.slack)
                    if not ok:
                        yield Hit(block, q2.start, after.end() if after else m.end(), fields={
                            **_formula(q2.shown, b.group("n")), "percent": m.group("p") + "%",
                            "computed": f"{calc:.1f}%"})
    yield from _growth_after(block, text, qs, e)
    yield from _target_shares(block, text, qs, e)
    yield from _english_growth(block, text, s, e)
    yield from _english_shares(block, text, s, e)
    pairs = (m for m in YEAR_PAIR_GROWTH.finditer(text, s, e)
             if int(m.group("y2")) == int(m.group("y1")) + 1)
    for m in chain(GROWTH.finditer(text, s, e), pairs):
        a = list(quantities(m.group("a")))
        b = list(quantities(m.group("b")))
        if len(a) != 1 or len(b) != 1 or a[0].approx or b[0].approx:
            continue
        qa, qb = a[0], b[0]
        if qa.unit != qb.unit or qa.value == 0:
            continue
        p = Decimal(m.group("p"))
        if m.group("u") == "个百分点":
            if qa.unit != "%":
                continue
            calc = abs(qb.value - qa.value)
        else:
            if qa.unit == "%":
                continue  # a rate's growth in % is ambiguous (relative or points)
            calc = abs(qb.value - qa.value) / qa.value * 100
        slack = pct_slack(m.group("p")) + (qa.slack + qb.slack) / qa.value * 100 + Decimal("0.011")
        if abs(calc - p) > slack:
            # Growth reads as (new - old) / old; percentage points as new - old.
            points = m.group("u") == "个百分点"
            formula = _formula(qb.shown, qa.shown, points) if points else \
                _formula(f"({qb.shown}-{qa.shown})", qa.shown)
            yield Hit(block, m.start(), m.end(), fields={
                **formula, "percent": m.group("p") + m.group("u"),
                "computed": f"{calc:.1f}" + ("个百分点" if m.group("u") == "个百分点" else "%")})


_EN_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# The base first, then the part and its share: "Of the 180 learners enrolled, 153 completed
# the course, or 87.5% of all enrollees" ✓ (85.0%) / "Of the learners, 153 completed, or 85%" ✗
# (no base figure), "Of the 180 learners, 60% were women" ✗ (no part figure)
EN_OF_THE = cached_compile(
    r"\b(?:[Oo]f|[Oo]ut of)\s+(?:the\s+)?(?P<n>" + _EN_NUM + r")(?![0-9.,]*%)\b[^,.;:%]{0,60},\s*"
    r"(?P<m>" + _EN_NUM + r")(?![0-9.,]*%)\b[^,.;:%]{0,50},?\s*(?:or|i\.e\.|representing|which is)\s+"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent)")
# The rate first, then the new and old figures: "rose 6.5% to $15.4 million from $14.1 million" ✓
# (9.2%) / "rose 6.5% to $15.4 million" ✗ (no old figure), "rose 6.5% from a year earlier" ✗
EN_RATE_TO_FROM = cached_compile(
    r"\b(?P<dir>rose|grew|increased|climbed|jumped|fell|declined|decreased|dropped|was up|was down)\s+(?:by\s+)?"
    r"(?P<p>[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent)\s+to\s+(?P<cur>[$€£¥]?)(?P<b>" + _EN_NUM + r")"
    r"(?:\s*(?P<u>million|billion|thousand|bn|m)\b)?\s+from\s+(?P<cur2>[$€£¥]?)(?P<a>" + _EN_NUM + r")"
    r"(?:\s*(?P<u2>million|billion|thousand|bn|m)\b)?", regex.I)
# The new figure, the change and its rate: "was 640, an increase of 40 employees, or 8.0%" ✓ (6.7%)
# / "was 640, an increase of 40 employees" ✗ (no rate), "an increase of 8.0%" ✗ (no change figure)
EN_CHANGE_RATE = cached_compile(
    r"(?<![0-9.,])(?P<b>" + _EN_NUM + r")(?![0-9.,]*%)\b(?:\s+[A-Za-z-]+){0,2},\s*"
    r"(?P<dir>an increase|a decrease|a rise|a fall|a drop|up|down)\s+(?:of\s+)?(?P<d>" + _EN_NUM + r")(?![0-9.,]*%)\b"
    r"(?:\s+[A-Za-z-]+){0,2},?\s*or\s+(?P<p>[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent)", regex.I)


def _en_value(text: str) -> Decimal:
    """An English figure as written: "1,800" -> 1800, "15.4" -> 15.4."""
    return Decimal(text.replace(",", ""))


def _english_shares(block: Block, text: str, s: int, e: int) -> Iterator[Hit]:
    """"Of the 180 …, 153 …, or 87.5%"; "rose 6.5% to $15.4 million from $14.1 million";
    "640, an increase of 40 employees, or 8.0%": each rate against its written figures."""
    for m in EN_OF_THE.finditer(text, s, e):
        base, part = _en_value(m.group("n")), _en_value(m.group("m"))
        if base <= 0 or part > base:
            continue
        ok, calc = _ratio_ok(part, base, m.group("p"), half_ulp(m.group("m")))
        if not ok:
            yield Hit(block, m.start(), m.end(), fields={
                **_formula(m.group("m"), m.group("n")), "percent": m.group("p") + "%",
                "computed": f"{calc:.1f}%"})
    for m in EN_RATE_TO_FROM.finditer(text, s, e):
        if m.group("cur") != m.group("cur2") or \
                (m.group("u") or "").lower() != (m.group("u2") or "").lower():
            continue
        b, a = _en_value(m.group("b")), _en_value(m.group("a"))
        up = m.group("dir").lower() in ("rose", "grew", "increased", "climbed", "jumped", "was up")
        if a <= 0 or (b > a) != up:
            continue
        calc = abs(b - a) / a * 100
        slack = pct_slack(m.group("p")) + (half_ulp(m.group("a")) + half_ulp(m.group("b"))) / a * 100 \
            + Decimal("0.011")
        if abs(calc - Decimal(m.group("p"))) > slack:
            new, old = m.group("cur") + m.group("b"), m.group("cur2") + m.group("a")
            yield Hit(block, m.start(), m.end(), fields={
                **_formula(f"({new}-{old})", old), "percent": m.group("p") + "%",
                "computed": f"{calc:.1f}%"})
    for m in EN_CHANGE_RATE.finditer(text, s, e):
        b, d = _en_value(m.group("b")), _en_value(m.group("d"))
        up = m.group("dir").lower() in ("an increase", "a rise", "up")
        old = b - d if up else b + d
        if old <= 0 or YEARLIKE.match(m.group("b")):
            continue
        ok, calc = _ratio_ok(d, old, m.group("p"), half_ulp(m.group("d")) + half_ulp(m.group("b")))
        if not ok:
            yield Hit(block, m.start("b"), m.end(), fields={
                **_formula(m.group("d"), f"({m.group('b')}{'-' if up else '+'}{m.group('d')})"),
                "percent": m.group("p") + "%", "computed": f"{calc:.1f}%"})


def _english_growth(block: Block, text: str, s: int, e: int) -> Iterator[Hit]:
    """"$12.4 million, up 12.0% from $11.45 million": the rate against the two figures,
    when both are in the same currency and unit."""
    for m in EN_GROWTH.finditer(text, s, e):
        if m.group("cur") != m.group("cur2") or \
                (m.group("u") or "").lower() != (m.group("u2") or "").lower():
            continue
        b_text = m.group("b").replace(",", "") + (m.group("bf") or "")
        a_text = m.group("a").replace(",", "") + (m.group("af") or "")
        b, a = Decimal(b_text), Decimal(a_text)
        if a <= 0 or (b > a) != m.group("dir").lower().startswith(("up", "an increase", "a rise")):
            continue  # "up" with a smaller figure: wording, not arithmetic
        p = Decimal(m.group("p"))
        calc = abs(b - a) / a * 100
        slack = pct_slack(m.group("p")) + (half_ulp(a_text) + half_ulp(b_text)) / a * 100 \
            + Decimal("0.011")
        if abs(calc - p) > slack:
            new = m.group("cur") + m.group("b") + (m.group("bf") or "")
            old = m.group("cur2") + m.group("a") + (m.group("af") or "")
            yield Hit(block, m.start("cur"), m.end(), fields={
                **_formula(f"({new}-{old})", old), "percent": m.group("p") + "%",
                "computed": f"{calc:.1f}%"})


def _growth_after(block: Block, text: str, qs: list[Quantity], e: int) -> Iterator[Hit]:
    """Growth written after this year's figure: against last year's figure, or from the increment."""
    for q in qs:
        if q.approx or not q.unit or q.value <= 0:
            continue
        if q.unit == "%":
            yield from _points_after(block, text, q, e)
            continue
        m = PRIOR_GROWTH.match(text, q.end, e) or INCREMENT_GROWTH.match(text, q.end, e)
        if not m or m.groupdict().get("u") == "个百分点":
            continue
        b = list(quantities(m.group("b")))
        if len(b) != 1 or b[0].approx or b[0].unit != q.unit or m.group("b").strip() != m.group("b")[
                b[0].start:b[0].end]:
            continue
        qb = b[0]
        if "d1" in m.re.groupindex:
            up = m.group("d1").startswith(UP)
            if up != m.group("d2").startswith(UP):
                continue  # 增加60家，下降7.5%: contradictory wording, not arithmetic
            # The change is qb; last year's figure is q - qb (growth) or q + qb (decline).
            sign = -1 if up else 1
            corners = [(qb.value + db) / (q.value + da + sign * (qb.value + db)) * 100
                       for da in (-q.slack, q.slack) for db in (-qb.slack, qb.slack)
                       if q.value + da + sign * (qb.value + db) > 0]
            base_shown = None
        else:
            # Last year's figure is qb: growth is |q - qb| / qb.
            if qb.value <= 0:
                continue
            corners = [abs(q.value + da - qb.value - db) / (qb.value + db) * 100
                       for da in (-q.slack, q.slack) for db in (-qb.slack, qb.slack)
                       if qb.value + db > 0]
            base_shown = qb.shown
        if not corners:
            continue
        p = Decimal(m.group("p"))
        slack = pct_slack(m.group("p")) + Decimal("0.011")
        if min(corners) - slack <= p <= max(corners) + slack:
            continue
        calc = sum(corners) / len(corners)
        yield Hit(block, q.start, m.end(), fields={
            **_formula(f"({q.shown}-{qb.shown})" if base_shown else qb.shown,
                       base_shown or f"({q.shown}{'-' if sign < 0 else '+'}{qb.shown})"),
            "percent": m.group("p") + "%", "computed": f"{calc:.1f}%"})


def _points_after(block: Block, text: str, q: Quantity, e: int) -> Iterator[Hit]:
    """A rate, then last year's rate and the change in percentage points: 84.6%，较上年的81.2%提高2.4个百分点."""
    m = PRIOR_GROWTH.match(text, q.end, e)
    if not m or m.group("u") != "个百分点":
        return
    b = list(quantities(m.group("b")))
    if len(b) != 1 or b[0].unit != "%" or b[0].approx or m.group("b").strip() != m.group("b")[
            b[0].start:b[0].end]:
        return
    qb = b[0]
    calc = abs(q.value - qb.value)
    slack = pct_slack(m.group("p")) + q.slack + qb.slack + Decimal("0.011")
    if abs(calc - Decimal(m.group("p"))) > slack:
        yield Hit(block, q.start, m.end(), fields={
            **_formula(q.shown, qb.shown, True), "percent": m.group("p") + "个百分点",
            "computed": f"{fmt(calc)}个百分点"})


# A figure, then the share it is of a target or whole written with its own figure:
#   完成固定资产投资8.4亿元，完成全年目标任务16亿元的52.5% ✓, 42.6亿元，占全年目标任务90亿元的43.7% ✓,
#   168.3亿元，同比增长9.2%，完成全年目标320亿元的56.3% ✓ (one comparison clause between) /
#   新增就业320人，占全市的12% ✗ (no base figure), 完成年度任务的45.7% ✗
TARGET_SHARE = cached_compile(
    r"[，,]\s*(?:(?:同比|比上年|较上年)(?:增长|下降|增加|减少)[0-9]+(?:\.[0-9]+)?[%％][，,]\s*)?"
    r"(?:完成|占|达到?|相当于|为)了?(?:全年|年度|年初|本年|计划|目标|总)[^，,。；0-9]{0,8}?"
    r"(?P<b>[0-9][0-9.,]*[万亿千]?\p{Han}{0,3}?)的(?P<p>[0-9]+(?:\.[0-9]+)?)[%％]")


def _target_shares(block: Block, text: str, qs: list[Quantity], e: int) -> Iterator[Hit]:
    """A figure as a share of a target or whole whose figure is written: q / base against p%."""
    for q in qs:
        if q.approx or not q.unit or q.unit == "%" or q.value <= 0:
            continue
        m = TARGET_SHARE.match(text, q.end, e)
        if not m:
            continue
        b = list(quantities(m.group("b")))
        if len(b) != 1 or b[0].approx or b[0].unit != q.unit or b[0].value <= 0 or \
                b[0].end != len(m.group("b")):
            continue
        ok, calc = _ratio_ok(q.value, b[0].value, m.group("p"), q.slack + b[0].slack * q.value / b[0].value)
        if not ok:
            yield _pct_hit(block, q.start, m.end(), q, b[0], m.group("p"), calc)


def _same_name(label: str, name: str) -> bool:
    """Whether a rate names the part before it: 及格/及格率 ✓, 已整改/整改率 ✓ / 及格/优秀率 ✗."""
    return name[-2:] in label or label[:2] in name


def _pct_hit(block: Block, start: int, end: int, part: Quantity, base: Quantity,
             pct: str, calc: Decimal) -> Hit:
    return Hit(block, start, end, fields={
        **_formula(part.shown, base.shown), "percent": pct + "%", "computed": f"{calc:.1f}%"})


def _formula(part: str, base: str, points: bool = False) -> dict[str, str]:
    """The computation a percent message shows, in English and Chinese: 96个 / 120个,
    (1500万元-1200万元) / 1200万元, or for percentage points 85.5% - 80.0%."""
    if points:
        return {"formula": f"{part} - {base}", "formula_zh": f"{part}－{base}"}
    return {"formula": f"{part} / {base}", "formula_zh": f"{part}÷{base}"}


# ---- tables

def _docx_cell(block: Block) -> tuple[int, int, int] | None:
    """(table index, row, grid column) of a .docx table-cell block, from the reader's cell mark."""
    for m in block.marks:
        if m.kind == "cell":
            d = m.data
            return d["table"], d["row"], d["col"]
    return None


Cell = tuple[Block, int, int, str]  # block, start, end, text


def _table_grids(blocks: Sequence[Block]) -> Iterator[list[list[Cell | None]]]:
    """Tables as grids of cells: Markdown table-row runs and .docx tables."""
    md_rows: list[list[Cell | None]] = []
    docx: dict[int, dict[tuple[int, int], Cell]] = {}
    order: list[int] = []
    for block in blocks:
        # A plain-text table is a run of tab-separated lines (pasted from Word or a sheet).
        if block.style == "table-row" or (not block.style and "\t" in block.text.strip()):
            row: list[Cell | None] = []
            pos = 0
            for cell in block.text.split("\t"):
                row.append((block, pos, pos + len(cell), cell))
                pos += len(cell) + 1
            md_rows.append(row)
            continue
        if block.style == "table-delimiter":
            continue
        if md_rows:
            yield md_rows
            md_rows = []
        if block.style == "table-cell":
            where = _docx_cell(block)
            if where is None:
                continue
            tbl, r, c = where
            if tbl not in docx:
                docx[tbl] = {}
                order.append(tbl)
            grid = docx[tbl]
            if (r, c) not in grid or not grid[(r, c)][3].strip():
                grid[(r, c)] = (block, 0, len(block.text), block.text)
    if md_rows:
        yield md_rows
    for key in order:
        grid = docx[key]
        nrows = max(r for r, _ in grid) + 1
        ncols = max(c for _, c in grid) + 1
        yield [[grid.get((r, c)) for c in range(ncols)] for r in range(nrows)]


def _cell_value(cell: Cell | None) -> tuple[Decimal, str, str] | None:
    if cell is None:
        return None
    m = CELL_NUMBER.match(cell[3])
    if not m:
        return None
    return to_decimal(m.group("n")), m.group("n"), (m.group("u") or "")


def _tables(blocks: Sequence[Block]) -> Iterator[Hit]:
    for grid in _table_grids(blocks):
        if len(grid) < 3:
            continue
        texts = [[(c[3] if c else "") for c in row] for row in grid]
        if any(regex.search(r"小\s*计", t) for row in texts for t in row):
            continue  # subtotals: which rows a total covers is no longer simple
        for r, row in enumerate(grid):
            label_col = next((c for c, t in enumerate(texts[r]) if TOTAL_LABEL.match(t)), None)
            if label_col is None or r < 2:
                continue
            for c in range(label_col + 1, len(row)):
                header = texts[0][c] if c < len(texts[0]) else ""
                if not header.strip() or NOT_SUMMED.search(header) or _cell_value(grid[0][c]):
                    continue
                total = _cell_value(row[c])
                if total is None:
                    continue
                # A 占比 column's 100% is right by definition: rows that do not add up to
                # it hold the mistake, and table-share names the wrong row (50 / 100 is
                # not 60%) — one mistake, one finding, not a second one on the 100%.
                if SHARE_HEADER.match(header) and total[0] == 100 and (
                        total[2] in ("%", "％") or not total[2] and PERCENT_IN_HEADER.search(header)):
                    continue
                # Percentages add up only as shares: a 合计 of 15.4% under "Growth"/"完成进度"
                # is the overall rate, not a sum (Growth 20.0% 10.0% → 15.4% ✗ flagged).
                if total[2] in ("%", "％") and not SHARE_HEADER.match(header):
                    continue
                values = []
                ok = True
                for rr in range(1, r):
                    cell = grid[rr][c] if c < len(grid[rr]) else None
                    v = _cell_value(cell)
                    if v is None:
                        if cell is not None and not DASH.match(cell[3]):
                            ok = False
                            break
                        continue
                    if v[2] != total[2]:
                        ok = False
                        break
                    values.append(v)
                if not ok or len(values) < 2:
                    continue
                s = sum((v[0] for v in values), Decimal(0))
                slack = half_ulp(total[1]) + sum((half_ulp(v[1]) for v in values), Decimal(0))
                if abs(s - total[0]) > slack:
                    block, start, end, text = row[c]
                    lead = len(text) - len(text.lstrip())
                    yield Hit(block, start + lead, start + len(text.rstrip()), fields={
                        "total": total[1] + total[2], "sum": fmt(s) + total[2],
                        "parts": "+".join(v[1] for v in values), "column": header.strip()})


# A share column's header: 占比 ✓, 占比（%）✓, 比例(%) ✓, 比重 ✓ / 占全市比重 ✗ (another base), 及格率 ✗
#   Share ✓, % of total ✓, Share (%) ✓ / Share price ✗
SHARE_HEADER = cached_compile(r"^\s*(?:占比|比例|比重|所占比例|所占比重|占比情况|(?i:share|percentage|proportion|% of total))"
                              r"\s*(?:[（(]\s*[%％]\s*[)）]|[%％])?\s*$")
PERCENT_IN_HEADER = cached_compile(r"[%％]")


def _table_shares(blocks: Sequence[Block]) -> Iterator[Hit]:
    """A 占比 column against the count column just left of it, over that column's total.

    The total is the 合计 row's count when there is one (and it is the sum of the rows:
    a wrong 合计 is table-total's finding), else the sum of the counts, and then only when
    the shares add up to 100% (so the rows are the whole). Any dash, blank or
    approximate cell in either column skips the column.
    """
    for grid in _table_grids(blocks):
        if len(grid) < 3:
            continue
        texts = [[(c[3] if c else "") for c in row] for row in grid]
        if any(regex.search(r"小\s*计", t) for row in texts for t in row):
            continue
        header = texts[0]
        total_row = next((r for r in range(2, len(grid))
                          if any(TOTAL_LABEL.match(t) for t in texts[r])), None)
        last = total_row if total_row is not None else len(grid)
        for c in range(1, len(header)):
            if not SHARE_HEADER.match(header[c]) or not header[c - 1].strip():
                continue
            if NOT_SUMMED.search(header[c - 1]) or SHARE_HEADER.match(header[c - 1]):
                continue
            in_header = bool(PERCENT_IN_HEADER.search(header[c]))
            rows = []
            for r in range(1, last):
                count = _cell_value(grid[r][c - 1] if c - 1 < len(grid[r]) else None)
                share = _cell_value(grid[r][c] if c < len(grid[r]) else None)
                if count is None or share is None or count[2] or not (share[2] in ("%", "％") or (
                        in_header and not share[2])):
                    rows = []
                    break
                rows.append((r, count, share))
            if len(rows) < 2:
                continue
            counts = sum((cnt[0] for _, cnt, _ in rows), Decimal(0))
            if total_row is not None:
                t = _cell_value(grid[total_row][c - 1] if c - 1 < len(grid[total_row]) else None)
                if t is None or t[2] or abs(t[0] - counts) > half_ulp(t[1]) + sum(
                        (half_ulp(cnt[1]) for _, cnt, _ in rows), Decimal(0)):
                    continue
                total = t[0]
            else:
                shares = sum((sh[0] for _, _, sh in rows), Decimal(0))
                slack = sum((half_ulp(sh[1]) for _, _, sh in rows), Decimal(0)) + Decimal("0.011")
                if abs(shares - 100) > slack:
                    continue
                total = counts
            if total <= 0:
                continue
            for r, cnt, sh in rows:
                ok, calc = _ratio_ok(cnt[0], total, to_ascii_digits(sh[1]).replace(",", ""),
                                     half_ulp(cnt[1]))
                if not ok:
                    block, start, end, text = grid[r][c]
                    lead = len(text) - len(text.lstrip())
                    yield Hit(block, start + lead, start + len(text.rstrip()), fields={
                        "percent": sh[1] + "%", "part": cnt[1], "base": fmt(total),
                        "computed": f"{calc:.1f}%", "column": header[c].strip(),
                        "count_column": header[c - 1].strip()})
