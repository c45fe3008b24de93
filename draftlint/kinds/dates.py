"""The `dates` kind: impossible dates, periods that end before they start, years that contradict the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..numbers import chinese_to_int, dates, days_in_month
from ..regexcache import cached_compile
from . import LintContext, check_options

MODES = ("impossible", "period", "anchor", "signature", "quarter", "stale", "deadline", "body-year",
         "weekday")

# The report's own year in its title or first lines.
#   松溪镇2025年工作总结 ✓, 2024年度述职报告 ✓ / 2026年以来，我校… ✗ (not a title)
TITLE_YEAR = cached_compile(
    r"(?P<y>(?:19|20)[0-9]{2})\s*年度?[^，。,.]{0,24}?(?P<genre>总结|报告|述职|述廉|汇报|计划|要点|打算|安排|方案|规划)")
# A school year: 2025—2026学年第一学期 ✓ / 2025—2026年 ✗
SCHOOL_YEAR = cached_compile(
    r"(?P<y1>(?:19|20)[0-9]{2})\s*[—–\-－~～至]+\s*(?P<y2>(?:19|20)[0-9]{2})\s*学年(?:度)?(?:第?(?P<term>[一二12])学期|(?P<half>上|下)学期)?")
# English: "Quarterly Business Report - Q3 2026" ✓, "third quarter of 2026" ✓
EN_QUARTER = cached_compile(r"\bQ(?P<q>[1-4])\b|\b(?P<w>first|second|third|fourth)[\s-]quarter\b", regex.I)
EN_ENDED = cached_compile(
    r"\b(?:three|3)[\s-]months?\s+ended\s+(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?P<d>[0-9]{1,2}),?\s+(?P<y>(?:19|20)[0-9]{2})|"
    r"\bquarter\s+ended\s+(?P<m2>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?P<d2>[0-9]{1,2}),?\s+(?P<y2>(?:19|20)[0-9]{2})", regex.I)
_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|"
                r"November|December")
# A fiscal year's stated start or end shifts its quarters.
#   "Our fiscal year runs from July 1 to June 30" ✓ (starts July), "fiscal year ending June 30" ✓ /
#   "compared with fiscal 2024" ✗ (no month: quarters unknown, the check is skipped)
FY_START = cached_compile(
    r"\bfiscal\s+year\s+(?:begins|began|starts|started|commences|runs|running)\s+(?:on\s+|from\s+)?"
    r"(?P<m>" + _MONTH_NAMES + r")\s+1(?:st)?\b"
    r"|\bfiscal\s+year\s+(?:ends|ended|ending|closes)\s+(?:on\s+)?(?P<e>" + _MONTH_NAMES + r")\s+3[01]\b",
    regex.I)
# A closing date named as the comparison period is another quarter on purpose.
#   "up 8% compared with the three months ended June 30" ✓ (skip) / "This report covers the" ✗
COMPARED = cached_compile(r"\b(?:compared|comparison|versus|vs\.?|against|prior|previous|preceding|from)\b[^.;]{0,24}$", regex.I)
FISCAL = cached_compile(r"\bfiscal\b|\bFY\s?[0-9]", regex.I)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

# Between two dates of a period: 2026年4月1日至2026年3月31日 ✓ / 4月1日，3月31日 ✗
RANGE_HINT = cached_compile(r"[0-9一二三四五六七八九十]\s*(?:年|月|日|号)?\s*(?:至|到|—|–|-|－|～|~|to|through|until)\s*[0-9〇一二三四五六七八九十]")
RANGE_SEP = cached_compile(r"\s*(?:至|到|—{1,2}|–|-|－|～|~|to|through|until)\s*")
# A year range: 2026—2025年 ✓ / 2025—2026学年 ✗ (in order)
YEAR_RANGE = cached_compile(r"(?<![0-9])(?P<a>(?:19|20)[0-9]{2})(?:年)?\s*(?:至|到|—{1,2}|–|-|－|～|~)\s*(?P<b>(?:19|20)[0-9]{2})(?![0-9])(?=年|学年)")

_N = r"[0-9]{1,3}|[一二三四五六七八九十百零]{1,4}"
# Phrases that pin a year. Each: regex, function of the match giving the year.
#   今年是党的二十大召开之年 ✓ (2022) / 学习贯彻党的二十大精神 ✗ (no year pinned)
CONGRESS = {"十八": 2012, "十九": 2017, "二十": 2022, "二十一": 2027}
PLANS = {"十一": 2006, "十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026, "十六": 2031}
ANCHOR = cached_compile(
    r"党的(?P<cong>十八|十九|二十一|二十)大(?:胜利)?召开之年"
    r"|[“\"‘「]?(?P<plan>十一|十二|十三|十四|十五|十六)五[”\"’」]?(?:规划|时期)?的?(?P<pos>开局之年|起步之年|开局起步之年|收官之年|决胜之年|冲刺之年)"
    r"|(?:新中国|中华人民共和国|共和国)成立(?P<prc>" + _N + r")周年"
    r"|(?:中国共产党|建党|党的)(?:成立)?(?P<cpc>" + _N + r")周年"
    r"|改革开放(?P<reform>" + _N + r")周年"
    # 今年是脱贫攻坚决战决胜之年 ✓ (2020) / 巩固拓展脱贫攻坚成果 ✗ (no year pinned)
    r"|(?P<fixed>脱贫攻坚(?:决战决胜|收官)之年|全面建成小康社会(?:的)?收官之年)"
)
# Phrases that name one year only.
FIXED_YEARS = {"脱贫攻坚决战决胜之年": 2020, "脱贫攻坚收官之年": 2020,
               "全面建成小康社会收官之年": 2020, "全面建成小康社会的收官之年": 2020}
# What year a sentence speaks of: 2026年是… ✓, 今年是 ✓, 明年 ✓ / 2026年以来 ✗ (not "is")
SUBJECT = cached_compile(r"(?P<y>(?:19|20)[0-9]{2})年(?:是|为|既是|正值|恰逢|适逢)|(?P<rel>今年|本年|明年|去年|上年|来年)")
RELATIVE = {"今年": 0, "本年": 0, "明年": 1, "来年": 1, "去年": -1, "上年": -1}
# Words that make an anniversary a reference to another year: 迎接建党100周年 ✓ may be next year.
ANNIV_LOOSE = cached_compile(r"迎接|喜迎|迎来|献礼|去年|上年|明年|曾|回顾")

# A block that is only a date: the signature line. The day may still be a template slot
# or missing, and the month alone then decides.
#   2024年12月29日 ✓, 2024年12月XX日 ✓, 2024年12月 ✓ / 2024年12月29日召开 ✗, 2024年12月底 ✗
#   二〇二四年十二月二十八日 ✓ (read as 2024-12-28) / 二〇二四年十二月二十八日召开 ✗
DATE_LINE = cached_compile(
    r"^\s*(?P<y>(?:19|20)[0-9]{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年\s*"
    r"(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*(?P<month>月)\s*"
    r"(?:(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日|(?:[XxＸｘ×＊*□○]{1,2}|[ 　]{1,4})\s*日)?\s*$")
# A document that sets deadlines for others: its title names it.
#   关于开展安全生产大检查的通知 ✓, 专项整治实施方案 ✓ / 2025年工作总结 ✗ (reports past deadlines)
ISSUING_TITLE = cached_compile(r"(?:通知|通告|公告|方案|函)\s*$")
_CN_DATE = r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
# The issue date: a signature line that is only a date, or a line ending in 印发/发布.
#   2025年3月10日 ✓, 二〇二五年三月十日 ✓, 某市教育局办公室 2025年3月10日印发 ✓ /
#   2025年3月10日召开 ✗
ISSUE_LINE = cached_compile(
    r"^\s*[（(]?(?P<date>(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|" + _CN_DATE + r")"
    r"\s*(?:印发|发布)?[）)]?\s*$"
    r"|(?P<date2>(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日|" + _CN_DATE + r")\s*(?:印发|发布)\s*$")
# A deadline: a day (or a month's end) followed by 前 and an action to be done by then.
#   请于3月5日前将报名表报送 ✓, 务必于2025年6月底前完成整改 ✓ / 已于3月5日前完成 ✗ (past),
#   对3月1日前完成备案的项目 ✗ (a condition, not a deadline), 截至3月5日，全市共有 ✗ (as of)
# A due day: its month, then a day or the month's end. 3月5日 ✓, 4月底 ✓ / 3月 ✗
_DUE_DAY = r"(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})[日号]|(?P<end>底|末))"
# The weekday and the hour a deadline may name between the day and 前:
#   3月5日（星期四）前 ✓, 3月2日17:00前 ✓, 3月2日下午5时前 ✓, 3月2日（周一）12时前 ✓ / 3月5日起 ✗
_DUE_TIME = (r"(?:\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)])?"
             r"(?:\s*(?:上午|中午|下午|晚上)?\s*[0-9]{1,2}\s*(?:[:：]\s*[0-9]{2}|[时点](?:[0-9]{1,2}分|整|半)?))?")
DEADLINE = cached_compile(
    r"(?P<lead>于|在|请|务必|必须|须|需|应当|应|要|截至|截止)\s*"
    r"(?P<date>(?:(?P<y>(?:19|20)[0-9]{2})年)?" + _DUE_DAY + r")" + _DUE_TIME + r"\s*(?:前|之前|以前)"
    r"(?P<rest>[^，,。；;！？\n]{0,30}?)"
    r"(?P<verb>报送|上报|报备|提交|完成|反馈|办结|整改到位|建成|报名|申报|递交|填报|发送至?|送达|送至|报至|发至|传至|寄至|寄送|交至|上传|录入|截止)"
    r"(?P<after>[^，,。；;！？\n]{0,12})")
# A closing date stated as such, without 前: the registration closed before the notice went out.
#   报名截止时间：2026年3月2日 ✓, 材料报送截止日期为3月20日 ✓ / 原报名截止时间 ✗ (PAST: 原),
#   截至3月5日，全区… ✗ (截至 is "as of"), 截止时间另行通知 ✗ (no date)
CLOSING = cached_compile(
    r"截止(?:时间|日期)\s*(?:为|是|[：:])\s*(?P<date>(?:(?P<y>(?:19|20)[0-9]{2})年)?" + _DUE_DAY + r")")
# A validity that ends on a dated day: a notice valid only until before it was issued is a
# template's old date. 有效期至2025年2月28日 ✓, 有效期到2026年12月31日止 ✓ /
# 有效期至3月底 ✗ (no year: which one is not certain), 有效期为两年 ✗
VALID_UNTIL = cached_compile(
    r"有效期(?:至|到|截至|截止到?)\s*"
    r"(?P<date>(?P<y>(?:19|20)[0-9]{2})年" + _DUE_DAY + r")")
# Words that put a deadline in the past or quote an old one: 已于3月5日前完成 ✓ (skip) / 请于 ✗
PAST = cached_compile(r"已|曾|原定|原计划|此前|前期|均已|业已|原(?=\p{Han}{0,4}截止)")
# "This year" said with a year in it: 今年是2023年 ✓, 本年度（2023年度）✓, 2023年（今年）✓ /
# 今年比2023年 ✗ (a comparison), 今年以来 ✗ (no year)
THIS_YEAR = cached_compile(
    r"(?:今年|本年度|本年)\s*(?:[（(]|是|即|即为|为)\s*(?P<y>(?:19|20)[0-9]{2})\s*年"
    r"|(?P<y2>(?:19|20)[0-9]{2})\s*年度?\s*[（(]\s*(?:即)?(?:今年|本年度|本年)\s*[）)]")
# The year a report's first sentence opens with: 2020年，在…的坚强领导下 ✓, 2020年以来，✓,
# 过去的2020年，✓, 2020年是极不平凡的一年 ✓ / 2020年4月，✗ (a date), 自2019年起 ✗ (history),
# 《2024年…规划》✗ (a title), 2026年将 ✗ (a plan)
OPENING_YEAR = cached_compile(
    r"^\s*(?:回顾|过去的|刚刚过去的|即将过去的)?\s*(?P<y>(?:19|20)[0-9]{2})\s*年(?:度)?"
    r"(?:以来|初以来)?\s*(?:[，,]|是(?!否))")
# A "since" opening that spans several years on purpose: 2021年以来，我担任局长 ✓ (skip),
# 2023年以来，累计完成投资 ✓ (skip) / 2024年以来，全镇上下凝心聚力 ✗ (a leftover)
MULTI_YEAR = cached_compile(r"累计|连续|先后|担任|任职|到任|任期|履职|分管|主持|[两三四五六七八九十多几]年|年来")
# A title naming a plan: 2026年工作计划 ✓ / 2025年工作总结 ✗
PLAN_GENRE = cached_compile(r"计划|要点|打算|安排|方案|规划")
# A clause comparing years or planning ahead: 2024年，全镇GDP同比增长 ✓ (skip) / 2020年，在… ✗
COMPARE_OR_PLAN = cached_compile(r"同比|较上年|比上年|相比|与上年|比去年|较去年|将|计划|力争|预计|目标")
FILE_YEAR = cached_compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


@dataclass(frozen=True)
class ReportPeriod:
    """What a report covers: its year, the allowed signature window, and where that was read."""

    year: int
    source: str                 # "config", "title", "school-year", "file", "created"
    start: date | None = None   # signature window (title and school year only)
    end: date | None = None
    block: Block | None = None
    span: tuple[int, int] = (0, 0)
    label: str = ""


def _head_blocks(doc: Document, n: int = 4) -> list[Block]:
    out = []
    for b in doc.blocks:
        if b.part == "body" and b.text.strip() and b.style not in ("blockquote",):
            out.append(b)
            if len(out) >= n:
                break
    return out


def report_period(doc: Document, ctx: LintContext) -> ReportPeriod | None:
    """The report's year: config report-year, else the title or first lines, the file name, or creation date."""
    head = _head_blocks(doc)
    for b in head:
        m = SCHOOL_YEAR.search(b.text)
        if m:
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            if y2 != y1 + 1:
                continue
            term = m.group("term") or m.group("half")
            if term in ("一", "1", "上"):
                start, end = date(y1, 8, 1), date(y2, 3, 31)
            elif term in ("二", "2", "下"):
                start, end = date(y2, 1, 1), date(y2, 9, 30)
            else:
                start, end = date(y1, 6, 1), date(y2, 9, 30)
            return ReportPeriod(ctx.report_year or y2, "school-year", start, end, b, m.span(),
                                m.group(0))
    for b in head:
        m = TITLE_YEAR.search(b.text)
        if m and len(b.text) <= 60:
            y = ctx.report_year or int(m.group("y"))
            if m.group("genre") in ("计划", "要点", "打算", "安排", "方案", "规划"):
                start, end = date(y - 1, 1, 1), date(y, 12, 31)
            else:
                start, end = date(y, 1, 1), date(y + 1, 12, 31)
            return ReportPeriod(y, "title", start, end, b, m.span("y"), m.group(0))
    if ctx.report_year:
        y = ctx.report_year
        return ReportPeriod(y, "config", date(y, 1, 1), date(y + 1, 12, 31))
    m = FILE_YEAR.search(Path(doc.path).name)
    if m:
        return ReportPeriod(int(m.group(1)), "file")
    created = str(doc.meta.get("created") or "")
    if regex.match(r"(?:19|20)[0-9]{2}-", created):
        return ReportPeriod(int(created[:4]), "created")
    return None


def _anchor_year(m: Any) -> tuple[int, bool] | None:
    """The year a matched anchor pins, and whether it is an anniversary (looser)."""
    if m.group("cong"):
        return CONGRESS[m.group("cong")], False
    if m.group("fixed"):
        return FIXED_YEARS[m.group("fixed")], False
    if m.group("plan"):
        first = PLANS[m.group("plan")]
        return (first if m.group("pos") in ("开局之年", "起步之年", "开局起步之年") else first + 4), False
    for key, base in (("prc", 1949), ("cpc", 1921), ("reform", 1978)):
        if m.group(key):
            token = m.group(key)
            n = int(token) if token.isdigit() else chinese_to_int(token)
            return (base + n, True) if n else None
    return None


@dataclass(frozen=True)
class Dates:
    """Options: `mode` = impossible | period | anchor | signature | quarter | stale | deadline | body-year.

    impossible: 2月30日, 9月31日, 13月 (2月29日 only outside leap years, when the year
    is known). period: a range that ends before it starts. anchor: 党的二十大召开之年,
    “十四五”收官之年, 新中国成立N周年 … against the year the sentence speaks of. signature:
    the closing date line against the period in the title. quarter: an English quarter
    with the wrong closing month. stale: a report year well before today (ctx.today).
    deadline: in a 通知/方案, a deadline (于3月5日前报送) before the closing issue date.
    body-year: a year other than the title's that opens the first paragraph
    (2020年，在…领导下) or is called 今年/本年度.
    """

    mode: str

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Dates":
        """Validate `mode`."""
        check_options("dates", options, {"mode": str}, required=("mode",))
        if options["mode"] not in MODES:
            raise ValueError(f"unknown mode {options['mode']!r} for type 'dates'; "
                             f"expected one of: {', '.join(MODES)}")
        return cls(options["mode"])

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Dispatch on the mode."""
        yield from getattr(self, "_" + self.mode.replace("-", "_"))(doc, blocks, ctx)

    def _impossible(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = None
        for block in blocks:
            if EN_MONTH_HINT.search(block.text):
                for m in EN_DATE.finditer(block.text):
                    name = m.group("mon") or m.group("mon2")
                    month = MONTHS.index(name.lower()) + 1
                    day = int(m.group("d") or m.group("d2"))
                    year = m.group("y") or m.group("y2")
                    days = days_in_month(month, int(year) if year else None)
                    if days is not None and not 1 <= day <= days:
                        yield Hit(block, m.start(), m.end(), fields={
                            "reason": f"{month}月只有{days}天",
                            "reason_en": f"{name.title()} has {days} days"
                                         + (f" in {year}" if year and month == 2 else "")})
            if "月" not in block.text and not any(c in block.text for c in ".-/"):
                continue
            for d in dates(block.text):
                year = d.year
                if year is None and d.month == 2 and d.day == 29:
                    if period is None:
                        period = report_period(doc, ctx) or False
                    year = period.year if period else None
                    if year is None:
                        continue
                days = days_in_month(d.month, year)
                if days is None and d.month != 0:
                    yield Hit(block, d.start, d.end, fields={
                        "reason": f"一年只有12个月，没有{d.month}月",
                        "reason_en": f"there is no month {d.month}"})
                elif days is not None and d.day is not None and not 1 <= d.day <= days:
                    ytxt = f"{year}年" if year and d.month == 2 else ""
                    yield Hit(block, d.start, d.end, fields={
                        "reason": f"{ytxt}{d.month}月只有{days}天",
                        "reason_en": f"month {d.month}{' of ' + str(year) if ytxt else ''} has {days} days"})

    def _weekday(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        year_hint: int | None | bool = None  # the issue date's (or report's) year, found on need
        issued: date | None = None
        for block in blocks:
            text = block.text
            if not ("星期" in text or "周" in text or "礼拜" in text or WEEKDAY_EN_HINT.search(text)):
                continue
            full_dates: list[Any] | None = None  # the paragraph's dated dates, read on need
            for m in CN_WEEKDAY.finditer(text):
                month, day = int(m.group("m")), int(m.group("d"))
                if m.group("y"):
                    year = int(m.group("y"))
                else:
                    # A date without its year: the year of the last full date before it in the
                    # paragraph, else the one of the issue date (the nearest year to it).
                    if full_dates is None:
                        full_dates = sorted((d for d in dates(text) if d.year), key=lambda d: d.start)
                    prior = [d.year for d in full_dates if d.end <= m.start()]
                    if prior:
                        year = prior[-1]
                    else:
                        if year_hint is None:
                            got = _issue_date(blocks)
                            issued = got[0] if got else None
                            period = None if issued else report_period(doc, ctx)
                            year_hint = issued.year if issued else (
                                period.year if period and period.source in ("title", "config") else False)
                        if year_hint is False:
                            continue
                        year = _nearest_year(year_hint, month, day, issued)
                said = WEEKDAYS_CN.index((m.group("w") or m.group("w_")).replace("天", "日"))
                hit = _weekday_hit(block, m, year, month, day, said, "w")
                if hit:
                    yield hit
            for m in EN_WEEKDAY.finditer(text):
                month = MONTHS.index((m.group("mon") or m.group("mon2")).lower()) + 1
                day = int(m.group("d") or m.group("d2"))
                year = int(m.group("y") or m.group("y2"))
                name = (m.group("w") or m.group("w2")).lower()
                said = next(i for i, w in enumerate(WEEKDAYS_EN) if w.startswith(name[:3]))
                hit = _weekday_hit(block, m, year, month, day, said, "w" if m.group("w") else "w2")
                if hit:
                    yield hit

    def _period(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        for block in blocks:
            text = block.text
            if not RANGE_HINT.search(text):
                continue
            ds = [d for d in dates(text)]
            ds.sort(key=lambda d: d.start)
            for a, b in zip(ds, ds[1:]):
                if a.year is None or b.year is None:
                    continue
                if not RANGE_SEP.fullmatch(text, a.end, b.start):
                    continue
                ka = (a.year, a.month, a.day or 0)
                kb = (b.year, b.month, b.day or 99)
                if kb < ka:
                    yield Hit(block, a.start, b.end, fields={
                        "first": text[a.start:a.end], "second": text[b.start:b.end]})
            for m in YEAR_RANGE.finditer(text):
                if int(m.group("b")) < int(m.group("a")):
                    yield Hit(block, m.start(), m.end(), fields={
                        "first": m.group("a"), "second": m.group("b")})

    def _anchor(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = None
        for block in blocks:
            text = block.text
            if "年" not in text:
                continue
            for m in ANCHOR.finditer(text):
                pinned = _anchor_year(m)
                if pinned is None:
                    continue
                anchor, anniversary = pinned
                sent_start = max(text.rfind(ch, 0, m.start()) for ch in "。！？；") + 1
                subj = list(SUBJECT.finditer(text, sent_start, m.start()))
                if subj:
                    s = subj[-1]
                    if s.group("y"):
                        year, what = int(s.group("y")), f"{s.group('y')}年"
                    else:
                        if period is None:
                            period = report_period(doc, ctx) or False
                        if not period:
                            continue
                        year, what = period.year + RELATIVE[s.group("rel")], s.group("rel")
                        what = f"{what}（{year}年）"
                else:
                    if period is None:
                        period = report_period(doc, ctx) or False
                    if not period or period.source in ("file", "created"):
                        continue
                    year, what = period.year, f"本报告的年份（{period.year}年）"
                context = text[sent_start:m.start()]
                if anniversary and (ANNIV_LOOSE.search(context) or not subj) and abs(anchor - year) <= 1:
                    continue
                if anniversary and not subj and abs(anchor - year) < 2:
                    continue
                if anchor != year:
                    yield Hit(block, m.start(), m.end(), fields={
                        "anchor": str(anchor), "year": str(year), "subject": what})

    def _signature(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = report_period(doc, ctx)
        if period is None or period.start is None:
            return
        body = [b for b in blocks if b.part == "body" and b.text.strip()]
        for block in reversed(body[-6:]):
            m = DATE_LINE.match(block.text)
            if not m:
                continue
            year, month = _int(m.group("y")), _int(m.group("m"))
            if year is None or month is None or (m.group("d") and _int(m.group("d")) is None):
                continue
            try:
                if m.group("d"):
                    first = last = date(year, month, _int(m.group("d")))
                    end = m.end("d") + 1
                else:  # 2024年12月XX日: the whole month is outside the window, or it fits
                    first = date(year, month, 1)
                    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                    end = m.end("month")
            except ValueError:
                return  # an impossible date is the number pack's finding
            if last < period.start or first > period.end:
                yield Hit(block, m.start("y"), end, fields={
                    "period": period.label, "start": period.start.isoformat(),
                    "end": period.end.isoformat()})
            return

    def _quarter(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        quarter = None  # the report's quarter, from its title lines
        for b in _head_blocks(doc, 5):
            m = EN_QUARTER.search(b.text)
            if m:
                quarter = _quarter_number(m)
                break
        if quarter is None and not any(EN_QUARTER.search(b.text) for b in blocks):
            return
        first = 1  # the month a (fiscal) year starts in
        if any(FISCAL.search(b.text) for b in blocks):
            # A fiscal year shifts the quarters; only a stated start or end says by how much.
            starts = {MONTHS.index(m.group("m").lower()) + 1 if m.group("m")
                      else (MONTHS.index(m.group("e").lower()) + 1) % 12 + 1
                      for b in blocks for m in FY_START.finditer(b.text)}
            if len(starts) != 1:
                return
            first = starts.pop()
        for block in blocks:
            text = block.text
            for m in EN_ENDED.finditer(text):
                # A quarter named just before in the same sentence speaks for this period:
                # "Our Q4 report covers the three months ended September 30" ✓.
                near = [q for q in EN_QUARTER.finditer(text, max(0, m.start() - 80), m.start())
                        if not regex.search(r"[.;]\s", text[q.end():m.start()])]
                q = _quarter_number(near[-1]) if near else quarter
                if q is None:
                    continue
                end_month = (first - 1 + q * 3 - 1) % 12 + 1
                month = MONTHS.index((m.group("m") or m.group("m2")).lower()) + 1
                if month != end_month and not COMPARED.search(text, max(0, m.start() - 40), m.start()):
                    yield Hit(block, m.start(), m.end(), fields={
                        "quarter": f"Q{q}", "month": MONTHS[end_month - 1].title(),
                        "month_num": str(end_month)})

    def _deadline(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        head = _head_blocks(doc, 3)
        if not any(ISSUING_TITLE.search(b.text) for b in head if len(b.text) <= 60):
            return
        issue = _issue_date(blocks)
        if issue is None:
            return
        issued, issue_block = issue
        for block in blocks:
            if block is issue_block:
                break
            text = block.text
            if block.style in ("table-cell", "table-row"):
                continue
            dues = list(VALID_UNTIL.finditer(text))
            if "截止" in text:
                dues += [m for m in CLOSING.finditer(text)
                         if not PAST.search(text, _clause_start(text, m.start()), m.start("date"))]
            if "前" in text:
                # 的 after the action makes it a description: 对3月1日前完成备案的项目 is a
                # condition; 已于…前完成 is the past.
                dues += [m for m in DEADLINE.finditer(text) if "的" not in m.group("after")
                         and not PAST.search(text, _clause_start(text, m.start()), m.start("date"))]
            for m in dues:
                due = _deadline_date(m, issued)
                if due is not None and due < issued:
                    yield Hit(block, m.start("date"), m.end("date"), fields={
                        "deadline": due.isoformat(), "issued": issued.isoformat(),
                        "issued_text": issue_block.text.strip()})

    def _body_year(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = report_period(doc, ctx)
        # Only a year read from the title (or configured) is certain enough to contradict.
        if period is None or period.source not in ("title", "config"):
            return
        year = period.year
        # Where the year came from, for the message: the title, or config `report-year`.
        # (report_period reads the title even when the config sets the year, and the
        # config wins: 2025年工作总结 with report-year = 2024 is a 2024 report.)
        source = ({"source": "配置 report-year", "source_en": "config report-year"}
                  if ctx.report_year else {"source": "见标题", "source_en": "its title"})
        # A plan for 2026 is written in 2025 and opens by reviewing it: 2025年，我镇… is right.
        allowed = {year, year - 1} if PLAN_GENRE.search(period.label) else {year}
        opening = _opening_block(blocks, period.block)
        if opening is not None:
            m = OPENING_YEAR.match(opening.text)
            clause_end = min((i for i in (opening.text.find(ch, m.end()) for ch in "，,。；")
                              if i >= 0), default=len(opening.text)) if m else 0
            sentence_end = min((i for i in (opening.text.find(ch) for ch in "。；！？") if i >= 0),
                               default=len(opening.text))
            if (m and int(m.group("y")) not in allowed
                    and not COMPARE_OR_PLAN.search(opening.text, m.end(), clause_end)
                    and not ("以来" in m.group(0)
                             and MULTI_YEAR.search(opening.text, m.end(), sentence_end))):
                y = m.group("y")
                yield Hit(opening, m.start("y"), opening.text.index("年", m.end("y")) + 1, fields={
                    "year": y, "report_year": str(year), "said": f"正文开篇写的是{y}年",
                    "said_en": f"the text opens with {y}", **source})
        for block in blocks:
            text = block.text
            if "年" not in text or block is period.block:
                continue
            for m in THIS_YEAR.finditer(text):
                y = m.group("y") or m.group("y2")
                if int(y) not in allowed:
                    span = m.span("y") if m.group("y") else m.span("y2")
                    yield Hit(block, span[0], text.index("年", span[1]) + 1, fields={
                        "year": y, "report_year": str(year), "said": f"正文称{y}年为“今年/本年度”",
                        "said_en": f"the text calls {y} “this year”", **source})

    def _stale(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = report_period(doc, ctx)
        if period is None or period.block is None or period.source == "config":
            return
        if period.year <= ctx.today.year - 2:
            a, b = period.span
            yield Hit(period.block, a, b, fields={
                "year": str(period.year), "today": ctx.today.isoformat()})


# English dates: "June 31, 2026" ✓, "31 June 2026" ✓, "February 29, 2027" ✓ / "May 2026" ✗
# (no day), "June 3, 2026" ✗ (exists), "Mayor 31" ✗ (capitalised month names only)
EN_DATE = cached_compile(
    r"\b(?P<mon>" + _MONTH_NAMES + r")\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)[0-9]{2})\b)?"
    r"|\b(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>" + _MONTH_NAMES + r")\b(?:,?\s+(?P<y2>(?:19|20)[0-9]{2})\b)?")
EN_MONTH_HINT = cached_compile(r"(?:uary|arch|pril|May|une|uly|ugust|ember|ober)\b")
WEEKDAYS_CN = "一二三四五六日"
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A date with the weekday it falls on, in brackets: 2026年2月26日（星期四） ✓, 3月8日(周日) ✓,
# 3月5日 星期四 ✓ / 3月5日至星期四 ✗, 每周一 ✗ (no date)
CN_WEEKDAY = cached_compile(
    r"(?:(?P<y>(?:19|20)[0-9]{2})\s*年\s*)?(?<![0-9])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]\s*"
    r"(?:[（(]\s*(?:星期|周|礼拜)(?P<w>[一二三四五六日天])\s*[）)]|\s(?:星期|礼拜)(?P<w_>[一二三四五六日天]))")
_EN_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
# "Tuesday, March 10, 2026" ✓, "March 10, 2026 (Tuesday)" ✓ / "Tuesday, March 10" ✗ (no year)
EN_WEEKDAY = cached_compile(
    r"\b(?P<w>" + _EN_DAYS + r")\.?,?\s+(?P<mon>" + _MONTH_NAMES + r")\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)[0-9]{2})\b"
    r"|\b(?P<mon2>" + _MONTH_NAMES + r")\s+(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)[0-9]{2})\s*\((?P<w2>" + _EN_DAYS + r")\.?\)")
WEEKDAY_EN_HINT = cached_compile(r"(?i:day)\b")


def _nearest_year(base: int, month: int, day: int, issued: date | None) -> int:
    """The year of a yearless date: the issue date's, or the next or last year when that is nearer
    (a notice of 12月20日 setting 1月5日 means January of the next year)."""
    if issued is None:
        return base
    best, gap = base, None
    for y in (base - 1, base, base + 1):
        try:
            d = abs((date(y, month, day) - issued).days)
        except ValueError:
            continue
        if gap is None or d < gap:
            best, gap = y, d
    return best


def _weekday_hit(block: Block, m: Any, year: int, month: int, day: int, said: int,
                 group: str) -> Hit | None:
    """A hit on the weekday of a date when it is not the day the date falls on."""
    try:
        real = date(year, month, day).weekday()
    except ValueError:
        return None  # an impossible date is the impossible-date rule's finding
    if real == said:
        return None
    return Hit(block, m.start(), m.end(), fields={
        "date": date(year, month, day).isoformat(), "said": "星期" + WEEKDAYS_CN[said],
        "real": "星期" + WEEKDAYS_CN[real], "said_en": WEEKDAYS_EN[said].title(),
        "real_en": WEEKDAYS_EN[real].title()})


def _int(text: str) -> int | None:
    """An Arabic or Chinese numeral of a date: 12 -> 12, 十二 -> 12, 二〇二四 -> 2024."""
    return int(text) if text.isdigit() else chinese_to_int(text)


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause holding pos (after the last ，。；： before it)."""
    return max(text.rfind(ch, 0, pos) for ch in "，,。；;：:！？") + 1


def _issue_date(blocks: Sequence[Block]) -> tuple[date, Block] | None:
    """The date a notice was issued: its signature date line (or 印发 line) near the end."""
    body = [b for b in blocks if b.part == "body" and b.text.strip()
            and b.style not in ("table-cell", "table-row")]
    for block in reversed(body[-8:]):
        m = ISSUE_LINE.search(block.text)
        if not m:
            continue
        parts = [d for d in dates(m.group("date") or m.group("date2"))]
        if len(parts) != 1 or parts[0].year is None or parts[0].day is None:
            return None
        try:
            return date(parts[0].year, parts[0].month, parts[0].day), block
        except ValueError:
            return None  # an impossible date is the number pack's finding
    return None


def _quarter_number(m: Any) -> int:
    """1-4 from an EN_QUARTER match: Q3 → 3, "third quarter" → 3."""
    return int(m.group("q")) if m.group("q") else QUARTER_WORDS[m.group("w").lower()]


def _deadline_date(m: Any, issued: date) -> date | None:
    """The day a deadline falls on; a deadline without a year is in the issue year.

    Without a year, only a deadline up to three months before the issue date is taken
    as a mistake: 12月20日 issued, "1月10日前" means next January; issued in August,
    "3月31日前" most likely means next March.
    """
    month = int(m.group("m"))
    days = days_in_month(month, int(m.group("y")) if m.group("y") else issued.year)
    if days is None:
        return None
    day = days if m.group("end") else int(m.group("d"))
    if not 1 <= day <= days:
        return None
    if m.group("y"):
        return date(int(m.group("y")), month, day)
    due = date(issued.year, month, day)
    if due < issued and (issued.month - month) > 3:
        return None
    return due


# A salutation or a by-line: 尊敬的各位领导： ✓, 各位代表： ✓ / 2020年，在… ✗
SALUTATION = cached_compile(r"[：:]\s*$")


def _opening_block(blocks: Sequence[Block], title: Block | None) -> Block | None:
    """The report's first paragraph of running text after its title (salutations and short lines skipped)."""
    seen_title = title is None
    for block in blocks:
        if block is title:
            seen_title = True
            continue
        if (not seen_title or block.part != "body" or block.style in ("table-cell", "table-row")
                or block.style.lower().startswith("heading")):
            continue
        text = block.text.strip()
        if len(text) < 20 or SALUTATION.search(text):
            continue
        return block
    return None
