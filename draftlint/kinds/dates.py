"""The `dates` kind: impossible dates, periods that end before they start, years that contradict the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..numbers import DateRef, chinese_to_int, dates, days_in_month
from . import LintContext, check_options

MODES = ("impossible", "period", "anchor", "signature", "quarter", "stale")

# The report's own year in its title or first lines.
#   松溪镇2025年工作总结 ✓, 2024年度述职报告 ✓ / 2026年以来，我校… ✗ (not a title)
TITLE_YEAR = regex.compile(
    r"(?P<y>(?:19|20)[0-9]{2})\s*年度?[^，。,.]{0,24}?(?P<genre>总结|报告|述职|述廉|汇报|计划|要点|打算|安排|方案|规划)")
# A school year: 2025—2026学年第一学期 ✓ / 2025—2026年 ✗
SCHOOL_YEAR = regex.compile(
    r"(?P<y1>(?:19|20)[0-9]{2})\s*[—–\-－~～至]+\s*(?P<y2>(?:19|20)[0-9]{2})\s*学年(?:度)?(?:第?(?P<term>[一二12])学期|(?P<half>上|下)学期)?")
# English: "Quarterly Business Report - Q3 2026" ✓, "third quarter of 2026" ✓
EN_QUARTER = regex.compile(r"\bQ(?P<q>[1-4])\b|\b(?P<w>first|second|third|fourth)[\s-]quarter\b", regex.I)
EN_ENDED = regex.compile(
    r"\b(?:three|3)[\s-]months?\s+ended\s+(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?P<d>[0-9]{1,2}),?\s+(?P<y>(?:19|20)[0-9]{2})|"
    r"\bquarter\s+ended\s+(?P<m2>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?P<d2>[0-9]{1,2}),?\s+(?P<y2>(?:19|20)[0-9]{2})", regex.I)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

# Between two dates of a period: 2026年4月1日至2026年3月31日 ✓ / 4月1日，3月31日 ✗
RANGE_HINT = regex.compile(r"[0-9一二三四五六七八九十]\s*(?:年|月|日|号)?\s*(?:至|到|—|–|-|－|～|~|to|through|until)\s*[0-9〇一二三四五六七八九十]")
RANGE_SEP = regex.compile(r"\s*(?:至|到|—{1,2}|–|-|－|～|~|to|through|until)\s*")
# A year range: 2026—2025年 ✓ / 2025—2026学年 ✗ (in order)
YEAR_RANGE = regex.compile(r"(?<![0-9])(?P<a>(?:19|20)[0-9]{2})(?:年)?\s*(?:至|到|—{1,2}|–|-|－|～|~)\s*(?P<b>(?:19|20)[0-9]{2})(?![0-9])(?=年|学年)")

_N = r"[0-9]{1,3}|[一二三四五六七八九十百零]{1,4}"
# Phrases that pin a year. Each: regex, function of the match giving the year.
#   今年是党的二十大召开之年 ✓ (2022) / 学习贯彻党的二十大精神 ✗ (no year pinned)
CONGRESS = {"十八": 2012, "十九": 2017, "二十": 2022, "二十一": 2027}
PLANS = {"十一": 2006, "十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026, "十六": 2031}
ANCHOR = regex.compile(
    r"党的(?P<cong>十八|十九|二十一|二十)大(?:胜利)?召开之年"
    r"|[“\"‘「]?(?P<plan>十一|十二|十三|十四|十五|十六)五[”\"’」]?(?:规划|时期)?的?(?P<pos>开局之年|起步之年|开局起步之年|收官之年|决胜之年|冲刺之年)"
    r"|(?:新中国|中华人民共和国|共和国)成立(?P<prc>" + _N + r")周年"
    r"|(?:中国共产党|建党|党的)(?:成立)?(?P<cpc>" + _N + r")周年"
    r"|改革开放(?P<reform>" + _N + r")周年"
)
# What year a sentence speaks of: 2026年是… ✓, 今年是 ✓, 明年 ✓ / 2026年以来 ✗ (not "is")
SUBJECT = regex.compile(r"(?P<y>(?:19|20)[0-9]{2})年(?:是|为|既是|正值|恰逢|适逢)|(?P<rel>今年|本年|明年|去年|上年|来年)")
RELATIVE = {"今年": 0, "本年": 0, "明年": 1, "来年": 1, "去年": -1, "上年": -1}
# Words that make an anniversary a reference to another year: 迎接建党100周年 ✓ may be next year.
ANNIV_LOOSE = regex.compile(r"迎接|喜迎|迎来|献礼|去年|上年|明年|曾|回顾")

# A block that is only a date: the signature line. 2024年12月29日 ✓ / 2024年12月29日召开 ✗
DATE_LINE = regex.compile(r"^\s*(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日\s*$")
FILE_YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


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
    """Options: `mode` = impossible | period | anchor | signature | quarter | stale.

    impossible: 2月30日, 9月31日, 13月 (2月29日 only outside leap years, when the year
    is known). period: a range that ends before it starts. anchor: 党的二十大召开之年,
    “十四五”收官之年, 新中国成立N周年 … against the year the sentence speaks of. signature:
    the closing date line against the period in the title. quarter: an English quarter
    with the wrong closing month. stale: a report year well before today (ctx.today).
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
        yield from getattr(self, "_" + self.mode)(doc, blocks, ctx)

    def _impossible(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = None
        for block in blocks:
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
            try:
                signed = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return  # an impossible date is the number pack's finding
            if not period.start <= signed <= period.end:
                yield Hit(block, m.start("y"), m.end("d") + 1, fields={
                    "period": period.label, "start": period.start.isoformat(),
                    "end": period.end.isoformat()})
            return

    def _quarter(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        quarter = None
        for b in _head_blocks(doc, 5):
            m = EN_QUARTER.search(b.text)
            if m:
                quarter = int(m.group("q")) if m.group("q") else QUARTER_WORDS[m.group("w").lower()]
                break
        if quarter is None or any(regex.search(r"\bfiscal\b|\bFY\s?[0-9]", b.text, regex.I)
                                  for b in blocks):
            return
        for block in blocks:
            for m in EN_ENDED.finditer(block.text):
                month = MONTHS.index((m.group("m") or m.group("m2")).lower()) + 1
                if month != quarter * 3:
                    yield Hit(block, m.start(), m.end(), fields={
                        "quarter": f"Q{quarter}", "month": MONTHS[quarter * 3 - 1].title(),
                        "month_num": str(quarter * 3)})

    def _stale(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        period = report_period(doc, ctx)
        if period is None or period.block is None or period.source == "config":
            return
        if period.year <= ctx.today.year - 2:
            a, b = period.span
            yield Hit(period.block, a, b, fields={
                "year": str(period.year), "today": ctx.today.isoformat()})
