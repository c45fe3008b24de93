"""Parsing numbers as reports write them: Chinese numerals, separators, magnitudes, units, dates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from draftlint.numbers import (chinese_to_int, dates, days_in_month, fmt, int_to_chinese,
                               quantities, to_decimal)


@pytest.mark.parametrize("text,value", [
    ("三十五", 35), ("两千零八", 2008), ("十一", 11), ("十", 10), ("一百二十", 120),
    ("二〇二四", 2024), ("一万二千", 12000), ("九", 9), ("三五", None), ("十四五", None), ("", None),
])
def test_chinese_to_int(text, value):
    assert chinese_to_int(text) == value


def test_int_to_chinese_round_trips():
    for n in range(1, 200):
        assert chinese_to_int(int_to_chinese(n)) == n


def test_to_decimal_separators_fullwidth_and_chinese():
    assert to_decimal("1,234.5") == Decimal("1234.5")
    assert to_decimal("１２．５") == Decimal("12.5")
    assert to_decimal("五") == Decimal(5)


def spans(text):
    return [(text[q.start:q.end], fmt(q.value), q.unit, q.approx) for q in quantities(text)]


def test_quantities_units_and_magnitudes():
    assert spans("完成投资12.6亿元，新增产值约3.2亿元") == [
        ("12.6亿元", "1260000000", "元", False), ("3.2亿元", "320000000", "元", True)]
    assert spans("培训1.5万人次以上") == [("1.5万人次", "15000", "人次", True)]
    assert spans("招聘会8场、技能培训班五期") == [("8场", "8", "场", False), ("五期", "5", "期", False)]
    assert spans("占比１２．５％") == [("１２．５％", "12.5", "%", False)]
    assert spans("Shipments totaled 48,200 parcels") == [("48,200", "48200", "", False)]


def test_quantities_ignore_fixed_expressions_and_dates():
    # 一是, 十四五, 五育并举 are not counts; 2024.3.5 is a date, not 2024 and 3.5
    assert spans("一是落实五育并举，十四五规划") == []
    assert [s[0] for s in spans("2024.3.5召开")] == []


def test_rounding_slack():
    q12, q3 = list(quantities("12.6亿元和3万人，1516人"))[:2]
    assert q12.slack == Decimal("0.05") * 100_000_000
    assert q3.slack == Decimal("5000")
    assert list(quantities("1516人"))[0].slack == 0


@pytest.mark.parametrize("text,expected", [
    ("2024年3月5日", (2024, 3, 5)), ("3月5日", (None, 3, 5)), ("二〇二四年三月五日", (2024, 3, 5)),
    ("2024.3.5", (2024, 3, 5)), ("2024-03-05", (2024, 3, 5)), ("九月三十一日", (None, 9, 31)),
])
def test_dates(text, expected):
    (d,) = list(dates(text))
    assert (d.year, d.month, d.day) == expected
    assert (d.start, d.end) == (0, len(text))


def test_dates_not_in_figures():
    assert list(dates("1.5万元，3.5%，每月")) == []


def test_days_in_month():
    assert days_in_month(2, 2024) == 29 and days_in_month(2, 2023) == 28
    assert days_in_month(2, 1900) == 28 and days_in_month(2, 2000) == 29
    assert days_in_month(2, None) == 29 and days_in_month(9, None) == 30
    assert days_in_month(13, 2024) is None
