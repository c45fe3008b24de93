"""Numbers as reports write them: Arabic, full-width and Chinese numerals, magnitudes, units, dates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

import regex

from .regexcache import cached_compile

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"

# Full-width digits and marks to ASCII: "１２．５％" -> "12.5%".
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

# Magnitudes written after a figure: 3.2万, 1.5亿元, 12千米 (千 only before a unit it scales).
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}

# Units a figure may carry, longest first so 万元 wins over 万 and 人次 over 人.
UNITS = (
    "个百分点", "万人次", "亿元", "万元", "千元", "人次", "批次", "户次", "架次", "车次", "台次",
    # 立方米 before 米: 销售混凝土126万立方米 ✓ (126万, 立方米) / 126万立 + 方米 ✗
    "平方米", "立方米", "平方公里", "公里", "千米", "公顷", "万亩", "吨", "亩", "米", "公斤", "千克",
    "元", "人", "名", "个", "家", "场", "次", "项", "件", "所", "篇", "部", "台", "条",
    "批", "户", "处", "座", "支", "期", "届", "类", "种", "起", "宗", "笔", "份", "张",
    "本", "册", "辆", "间", "套", "位", "节", "课时", "学时", "小时", "天", "%",
)
# Units that scale one another: everything is compared in the base unit.
UNIT_SCALE = {"亿元": ("元", Decimal(100_000_000)), "万元": ("元", Decimal(10_000)),
              "千元": ("元", Decimal(1000)), "万人次": ("人次", Decimal(10_000)),
              "万亩": ("亩", Decimal(10_000)), "千米": ("公里", Decimal(1)),
              "名": ("人", Decimal(1)), "位": ("人", Decimal(1))}

# Words that make a figure approximate, so equality is loose: 近/约/余/多/超过/以上/左右.
APPROX_BEFORE = ("将近", "接近", "大约", "约", "近", "超过", "逾", "超", "不足", "不到", "上万",
                 "approximately", "about", "nearly", "over", "more than", "almost", "around")
APPROX_AFTER = ("余", "多", "以上", "左右", "上下", "以内", "以下", "+")

# A figure with its magnitude, approximation and unit.
#   全年完成投资12.6亿元 ✓ (12.6, 亿元), 48,200 parcels ✓, 技能培训班五期 ✓ / 2024.3.5 ✗ (date), 一是 ✗
_ARABIC = r"(?<![0-9A-Za-z.])[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?(?![0-9０-９]|[.．][0-9])"
_CHINESE = r"(?<![零〇○一二两三四五六七八九十百千万亿第])[零〇○一二两三四五六七八九十百千]+(?:[万亿][零〇○一二两三四五六七八九十百千]*)*"
QUANTITY = cached_compile(
    r"(?P<approx1>将近|接近|大约|约|近|超过|逾|不足|不到)?"
    r"(?:(?P<arabic>" + _ARABIC + r")(?P<mag>[万亿千])?|(?P<chinese>" + _CHINESE + r"))"
    r"(?P<approx2>余|多)?"
    r"(?P<unit>" + "|".join(regex.escape(u) for u in UNITS) + r"|％)?"
    r"(?P<approx3>以上|左右|上下)?",
    regex.VERSION1,
)


# Every character str.isdigit() accepts (and, with a newer Unicode table than Python's,
# a few more, re-checked below): "3" ✓, "３" ✓, "²" ✓ / "三" ✗, "X" ✗.
_DIGIT_CHAR = cached_compile(r"[\p{Numeric_Type=Decimal}\p{Numeric_Type=Digit}]")


def has_digit(text: str) -> bool:
    """Exactly `any(ch.isdigit() for ch in text)`, without a Python loop per character."""
    return any(m.group().isdigit() for m in _DIGIT_CHAR.finditer(text))


def to_ascii_digits(text: str) -> str:
    """Full-width digits, point, comma and percent to ASCII."""
    return text.translate(_FULLWIDTH)


def chinese_to_int(text: str) -> int | None:
    """Parse a Chinese numeral: 三十五 -> 35, 两千零八 -> 2008, 十一 -> 11, 二〇二四 -> 2024.

    Digit-by-digit writing (二〇二四, used for years) has no 十/百/千 and is read
    positionally. Returns None when the text is not a well-formed numeral.
    """
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in CN_BIG
                       for ch in text):
        return None
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        # 二〇二四 -> 2024 is positional; 三五 (三五成群) and 两 are not numerals here.
        if "两" in text or (len(text) < 3 and not set(text) & set("零〇○")):
            return None
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0 and digit != 0:
                return None  # 三五 in a non-positional numeral
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def int_to_chinese(n: int) -> str:
    """A small positive integer in Chinese: 3 -> 三, 11 -> 十一, 25 -> 二十五, 108 -> 一百零八."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else
                                 (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")))
    return digits[n // 100] + "百" + tail


def to_decimal(text: str) -> Decimal | None:
    """An Arabic figure (separators, decimals, full-width) or a Chinese numeral as a Decimal."""
    s = to_ascii_digits(text).replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        n = chinese_to_int(text)
        return None if n is None else Decimal(n)


def half_ulp(text: str) -> Decimal:
    """Half the last written decimal of a figure: 12.6 -> 0.05, 95.20 -> 0.005; 1516 -> 0 (exact)."""
    s = to_ascii_digits(text)
    if "." in s:
        return Decimal(5) / (Decimal(10) ** (len(s.split(".", 1)[1]) + 1))
    return Decimal(0)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: value in its base unit, the unit, and where it stands."""

    start: int
    end: int
    value: Decimal          # in the base unit (亿元 -> 元)
    unit: str               # base unit ("元", "人", "%", "" when none)
    raw_unit: str           # as written ("亿元")
    number: str             # the digits as written ("12.6", "五")
    approx: bool
    chinese: bool
    slack: Decimal          # rounding slack in the base unit

    @property
    def shown(self) -> str:
        """The figure as written with its unit, for messages: "12.6亿元"."""
        return f"{self.number}{self.raw_unit}"


def quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Every figure in text[start:end], Arabic or Chinese, with its unit and approximation.

    A Chinese numeral counts only with a unit right after it (技能培训班五期 ✓) so
    words such as 一是, 统一, 十四五 are never read as figures.
    """
    for m in QUANTITY.finditer(text, start, len(text) if end is None else end):
        # One call for all groups: this loop runs for every figure of the document.
        arabic, chinese_g, raw_unit, mag, a1, a2, a3 = m.group(*_QUANTITY_GROUPS)
        number = arabic or chinese_g
        unit = raw_unit or ""
        if not number:
            continue
        chinese = chinese_g is not None
        if chinese and not unit:
            continue
        value = to_decimal(number)
        if value is None:
            continue
        if mag == "千" and not unit:
            continue  # 3千 without a unit is too rare to trust
        s = m.start("arabic") if arabic else m.start("chinese")
        e = m.end("unit") if raw_unit else (m.end("mag") if mag else m.end(
            "arabic" if arabic else "chinese"))
        yield _quantity(s, e, value, number, mag, unit, bool(a1 or a2 or a3), chinese)


def _quantity(s: int, e: int, value: Decimal, number: str, mag: str | None, unit: str,
              approx: bool, chinese: bool) -> Quantity:
    """A Quantity in its base unit, with the slack its written precision allows."""
    scale = MAGNITUDES[mag] if mag else _ONE
    raw_unit = unit
    unit = "%" if unit == "％" else unit
    base, unit_scale = UNIT_SCALE.get(unit, (unit, _ONE))
    scale *= unit_scale
    # 3万人 is rounded to the 万 even without decimals; 1516人 is exact.
    slack = half_ulp(number) if "." in to_ascii_digits(number) else (
        _HALF if mag else _ZERO)
    return Quantity(s, e, value * scale, base, (mag or "") + raw_unit,
                    number, approx, chinese, slack * scale)


def exact_figures(text: str) -> Iterator[tuple[int, int, Any]]:
    """(start, end, match) of every Arabic figure with a unit other than %, not approximate.

    The same figures as `quantities` filtered to `not approx and not chinese and unit
    and unit != "%"`, without building a Quantity for the others; `figure_of(match)`
    builds it. A rule that looks at the words before each figure first pays only for
    the figures it keeps.
    """
    ia, iu, i1, i2, i3 = _EXACT_GROUPS
    for m in QUANTITY.finditer(text):
        # m.groups() is one call; five m.group(name) calls cost twice the whole loop.
        g = m.groups()
        raw_unit = g[iu]
        if g[ia] and raw_unit and not (g[i1] or g[i2] or g[i3]) and raw_unit != "%" and raw_unit != "％":
            yield m.start(ia + 1), m.end(iu + 1), m


def figure_of(m: Any) -> Quantity:
    """The Quantity of a match that `exact_figures` yielded."""
    number, mag, unit = m.group("arabic", "mag", "unit")
    return _quantity(m.start("arabic"), m.end("unit"), to_decimal(number), number, mag, unit,
                     False, False)


_QUANTITY_GROUPS = ("arabic", "chinese", "unit", "mag", "approx1", "approx2", "approx3")
# Indices into m.groups() (0-based) of arabic, unit, approx1, approx2, approx3.
_EXACT_GROUPS = tuple(QUANTITY.groupindex[n] - 1 for n in ("arabic", "unit", "approx1", "approx2", "approx3"))
_ONE, _HALF, _ZERO = Decimal(1), Decimal("0.5"), Decimal(0)


def fmt(value: Decimal) -> str:
    """A Decimal for a message, without exponent or trailing zeros: 47000, 12.6."""
    q = value.normalize()
    s = format(q, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


# Dates in the forms reports use.
#   2024年3月5日 ✓, 3月5日 ✓, 二〇二四年三月五日 ✓, 2024.3.5 ✓, 2024-03-05 ✓ / 1.5万 ✗, 3.5% ✗
_CN_DIGIT_RUN = r"[零〇○一二三四五六七八九]{4}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"
DATE_CN = cached_compile(
    r"(?:(?P<y>(?<![0-9])[12][0-9]{3}|" + _CN_DIGIT_RUN + r")年)?"
    r"(?P<m>(?<![0-9.])[0-9]{1,2}|(?<![零〇一二三四五六七八九十])" + _CN_SMALL + r")月"
    r"(?:(?P<d>[0-9]{1,2}|" + _CN_SMALL + r")[日号])?",
    regex.VERSION1,
)
DATE_NUMERIC = cached_compile(
    r"(?<![0-9.\-/])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[.\-/])(?P<m>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])(?![0-9]|[.][0-9])",
)


def small_int(text: str) -> int | None:
    """1-2 digit Arabic or small Chinese numeral (三十一 -> 31), else None."""
    if text.isdigit():
        return int(text)
    return chinese_to_int(text)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A written date: year/month/day as far as given, and its span."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None


def dates(text: str) -> Iterator[DateRef]:
    """Every date written as 2024年3月5日, 3月5日, 二〇二四年三月, 2024.3.5 or 2024-03-05."""
    for m in DATE_CN.finditer(text):
        month = small_int(m.group("m"))
        if month is None:
            continue
        y = m.group("y")
        year = (int(y) if y.isdigit() else chinese_to_int(y)) if y else None
        d = m.group("d")
        day = small_int(d) if d else None
        if d and day is None:
            continue
        yield DateRef(m.start(), m.end(), year, month, day)
    for m in DATE_NUMERIC.finditer(text):
        yield DateRef(m.start(), m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d")))


def days_in_month(month: int, year: int | None) -> int | None:
    """Days in a month; February without a year is 29 (a leap year cannot be ruled out)."""
    if not 1 <= month <= 12:
        return None
    if month == 2:
        if year is None:
            return 29
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31
