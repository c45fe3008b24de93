"""The date pack and the report period: anchors, signatures, periods, quarters and stale years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from draftlint.config import Config
from draftlint.engine import lint
from draftlint.kinds import LintContext
from draftlint.kinds.dates import report_period
from draftlint.readers import read_document
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules
from tests.docx_build import make_docx, para

RULES = [r for r in load_rules() if r.category == "date"]
TODAY = LintContext(today=date(2026, 6, 1))


def found(doc, ctx=TODAY, enabled_only=True):
    rules = [r for r in RULES if r.enabled or not enabled_only]
    findings, errors = lint(doc, rules, Config(), ctx, debug=True)
    assert not errors
    return [(f.rule, f.line, f.text) for f in findings]


def doc_of(text, name="r.txt"):
    return document_from_text(text, name)


def test_report_period_sources_in_order(tmp_path: Path):
    assert report_period(doc_of("某街道2025年工作总结\n正文"), TODAY).year == 2025
    p = report_period(doc_of("某中学2025—2026学年第一学期工作总结\n正文"), TODAY)
    assert (p.year, p.start, p.end) == (2026, date(2025, 8, 1), date(2026, 3, 31))
    assert report_period(doc_of("某街道2025年工作总结"), replace(TODAY, report_year=2024)).year == 2024
    assert report_period(doc_of("工作总结\n正文", "总结-2023.txt"), TODAY).year == 2023
    assert report_period(doc_of("工作总结\n2026年以来，我校……"), TODAY) is None
    docx = read_document(make_docx(tmp_path, para("工作总结"), core={"created": "2024-12-30T09:00:00Z"}),
                         "x.docx")
    assert report_period(docx, TODAY).year == 2024


def test_anchor_phrases_against_the_sentence_year():
    text = ("柳河街道2025年工作总结\n今年是党的二十大召开之年，也是“十四五”规划的收官之年。\n"
            "2026年是“十五五”规划的开局之年。明年是“十五五”开局之年。\n"
            "2025年是“十五五”规划的开局之年。")
    assert found(doc_of(text)) == [("date.anchor", 2, "党的二十大召开之年"),
                                   ("date.anchor", 4, "“十五五”规划的开局之年")]


def test_anniversaries_need_a_clear_mismatch():
    text = ("某局2024年工作总结\n今年是新中国成立75周年。去年隆重纪念了建党102周年。"
            "喜迎新中国成立76周年。今年是改革开放40周年。")
    assert found(doc_of(text)) == [("date.anchor", 2, "改革开放40周年")]


def test_signature_outside_the_report_period():
    assert found(doc_of("某街道2025年工作总结\n正文。\n某街道办事处\n2024年12月29日\n\n关注公众号")) == [
        ("date.signature", 4, "2024年12月29日")]
    assert found(doc_of("某中学2025—2026学年第一学期工作总结\n正文。\n2025年1月16日")) == [
        ("date.signature", 3, "2025年1月16日")]
    assert found(doc_of("某中学2025—2026学年第一学期工作总结\n正文。\n2026年1月16日")) == []
    assert found(doc_of("某街道2026年工作计划\n正文。\n2025年12月20日")) == []


def test_signature_in_chinese_numerals():
    assert found(doc_of("某局2025年度述职报告\n正文。\n二〇二四年十二月二十八日")) == [
        ("date.signature", 3, "二〇二四年十二月二十八日")]
    assert found(doc_of("某局2025年度述职报告\n正文。\n二〇二三年十二月")) == [
        ("date.signature", 3, "二〇二三年十二月")]
    assert found(doc_of("某局2025年度述职报告\n正文。\n二〇二六年一月八日")) == []
    assert found(doc_of("某局2025年度述职报告\n正文。\n二〇二五年十二月三十一日")) == []
    # An impossible day is the number pack's finding, not a signature outside the period.
    assert found(doc_of("某局2025年度述职报告\n正文。\n二〇二四年二月三十日")) == []


def test_period_that_ends_before_it_starts():
    assert found(doc_of("时间：2026年4月1日至2026年3月31日。跨年：2025年11月1日至3月31日。")) == [
        ("date.period", 1, "2026年4月1日至2026年3月31日")]


def test_english_quarter():
    text = "Quarterly Report - Q3 2026\nThis report covers the three months ended June 30, 2026."
    assert found(doc_of(text)) == [("date.quarter", 2, "three months ended June 30, 2026")]
    assert found(doc_of(text.replace("June 30", "September 30"))) == []


def test_stale_year_depends_on_injected_today_and_is_off_by_default():
    text = "某局2020年工作总结\n正文。"
    assert found(doc_of(text)) == []
    assert ("date.stale", 1, "2020") in found(doc_of(text), enabled_only=False)
    assert found(doc_of(text), LintContext(today=date(2021, 3, 1)), enabled_only=False) == []



def test_body_year_opening_and_this_year_against_the_title():
    text = ("柳河镇2025年工作总结\n尊敬的各位领导：\n"
            "2020年，在县委县政府的坚强领导下，我镇各项工作稳步推进。\n"
            "一、主要工作\n今年（2023年）全镇新增就业800人，比2024年多120人。\n"
            "自2019年起连续开展庭院创建；《2024年柳河镇国土空间规划》已批复；2026年将继续推进。")
    got = found(doc_of(text))
    assert got == [("date.body-year", 3, "2020年"), ("date.body-year", 5, "2023年")]
    findings, _ = lint(doc_of(text), [r for r in RULES if r.id == "date.body-year"], Config(), TODAY,
                       debug=True)
    assert "2025" in findings[0].message and "2020" in findings[0].message


def test_body_year_message_names_where_the_report_year_came_from():
    text = "青石镇2025年工作总结\n2025年，在县委的坚强领导下，我镇扎实开展各项工作。"
    rules = [r for r in RULES if r.id == "date.body-year"]
    assert found(doc_of(text)) == []
    configured = replace(TODAY, report_year=2024)  # the config wins over the title
    findings, _ = lint(doc_of(text), rules, Config(), configured, debug=True)
    assert [f.text for f in findings] == ["2025年"]
    assert "(config report-year)" in findings[0].message and "its title" not in findings[0].message
    findings, _ = lint(doc_of(text.replace("2025年，", "2024年，")), rules, Config(), TODAY,
                       debug=True, lang="zh")
    assert "报告年份为2025年（见标题）" in findings[0].message


def test_body_year_needs_a_title_year_and_leaves_comparisons_and_later_sentences_alone():
    # No year in the title (only the file name): not certain enough.
    assert found(doc_of("工作总结\n2020年，在县委的坚强领导下，我镇各项工作稳步推进。", "总结-2025.txt")) == []
    # A comparison in the opening clause, and a year that opens a later paragraph.
    assert found(doc_of("柳河镇2025年工作总结\n2024年全镇生产总值同比增长6%，今年继续保持良好势头。\n"
                        "2020年，我镇被评为省级文明镇，此后连续保持。")) == []
    assert found(doc_of("柳河镇2025年工作总结\n2024年，全镇生产总值较上年增长6%，今年继续保持良好势头。")) == []


def test_fiscal_quarter_counted_from_the_stated_start():
    bad = doc_of("Quarterly Report - Q3 FY2026\nOur fiscal year runs from April 1 to March 31.\n"
                 "This report covers the three months ended September 30, 2025.")
    assert [g[:2] for g in found(bad)] == [("date.quarter", 3)]
    good = doc_of("Quarterly Report - Q3 FY2026\nOur fiscal year runs from April 1 to March 31.\n"
                  "This report covers the three months ended December 31, 2025.")
    assert found(good) == []
    unknown = doc_of("Quarterly Report - Q3 FY2026\n"
                     "This report covers the three months ended December 31, 2025.")
    assert found(unknown) == []


def test_a_quarter_named_in_the_sentence_speaks_for_its_period():
    """Past the title lines: "Our Q4 report covers the three months ended September 30"."""
    text = ("Annual Report 2025\n\n1. Overview\nRevenue grew.\nCosts fell.\nStaff grew.\n"
            "Our Q4 report covers the three months ended September 30, 2025.\n"
            "The Q3 figures cover the three months ended September 30, 2025.\n"
            "Revenue in Q2 rose. Later, the three months ended December 31, 2025 were flat.\n")
    assert found(doc_of(text)) == [
        ("date.quarter", 7, "three months ended September 30, 2025")]


def test_weekday_against_the_date_with_and_without_a_year():
    got = found(doc_of("关于举办培训班的通知\n学员于3月8日（星期六）下午报到，3月9日（星期一）开班。\n"
                       "会议定于2026年2月26日（星期三）召开。\n"
                       "The next meeting is on Monday, June 11, 2026, after Thursday, June 4, 2026.\n"
                       "2026年3月5日"))
    assert [(r, t) for r, _, t in found_weekday(got)] == [
        ("date.weekday", "3月8日（星期六）"), ("date.weekday", "2026年2月26日（星期三）"),
        ("date.weekday", "Monday, June 11, 2026")]


def test_weekday_year_wraps_to_the_nearest_year_and_needs_a_year():
    # Signed in December: 1月5日 is next January (2026-01-05 is a Monday).
    got = found(doc_of("关于报送材料的通知\n请于1月5日（星期一）前报送。\n2025年12月20日"))
    assert found_weekday(got) == []
    # No year anywhere: not checked.
    assert found_weekday(found(doc_of("学员于3月8日（星期六）下午报到。"))) == []


def found_weekday(got):
    return [g for g in got if g[0] == "date.weekday"]
