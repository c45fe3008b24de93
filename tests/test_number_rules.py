"""The number pack on whole documents: totals, rates, table totals, restated figures, mixed numerals."""

from __future__ import annotations

from pathlib import Path

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers import read_document
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules
from tests.docx_build import cell, make_docx, para, table

RULES = [r for r in load_rules() if r.category == "number" and r.enabled]


def found(doc):
    findings, errors = lint(doc, RULES, Config(), context_for(Config()), debug=True)
    assert not errors
    return [(f.rule, f.line, f.text) for f in findings], findings


def lint_text(text):
    return found(document_from_text(text, "r.txt"))


def test_complete_list_below_total_and_subset_below_total():
    got, findings = lint_text(
        "街道共有社区15个，其中城市社区9个，其余5个为村改居社区。\n"
        "建有实训室40个，其中本年度新建5个、改造提升8个。")
    assert got == [("number.total", 1, "15个，其中城市社区9个，其余5个")]
    assert "9+5" in findings[0].message and "14" in findings[0].message


def test_parts_above_total_fire_but_not_other_units_approximations_or_overlaps():
    # Line 1: one part alone exceeds the total. Line 5: 女/青年 may overlap, 55 > 50 is possible.
    got, _ = lint_text(
        "共有党员50名，其中女党员30名、青年党员55名。\n"
        "共有党员50名，其中女党员30名、培训1200人次。\n"
        "共有职工约300人，其中男职工160人、女职工150人。\n"
        "共培训100人，其中线上60余人、线下50人。\n"
        "共有党员50名，其中女党员30名、青年党员25名。")
    assert [g[:2] for g in got] == [("number.total", 1)]


def test_english_colon_list():
    got, findings = lint_text(
        "Deliveries totaled 9,000 parcels: 4,000 domestic, 3,000 regional and 1,500 international.")
    assert got and got[0][0] == "number.total"
    assert got[0][2].endswith("international")
    assert "= 8,500" in findings[0].message  # written as the text writes it


def test_rate_share_and_growth():
    got, findings = lint_text(
        "参考学生400人，及格350人，及格率为90.0%，优秀120人，优秀率为30.0%。\n"
        "共有党员80名，其中女党员20名，占25%。\n"
        "营业收入由800万元增长到1000万元，增长20%。\n"
        "发现隐患400项，已整改380项，整改率为96.0%。\n"
        "发现隐患400项，已整改380项，整改率为95.0%，同比提高2个百分点。")
    assert [g[:2] for g in got] == [("number.percent", 1), ("number.percent", 3),
                                    ("number.percent", 4)]
    assert "350人" in findings[0].message and "87.5%" in findings[0].message


def test_markdown_table_total_reported_at_total_cell(tmp_path: Path):
    md = tmp_path / "t.md"
    md.write_text("# 表\n\n| 年级 | 班级数 | 学生数 | 及格率 |\n| --- | --- | --- | --- |\n"
                  "| 七年级 | 10 | 400 | 90% |\n| 八年级 | 9 | 380 | 80% |\n"
                  "| 合计 | 19 | 790 | 85% |\n", encoding="utf-8")
    got, findings = found(read_document(md, "t.md"))
    assert got == [("number.table-total", 7, "790")]
    assert findings[0].column == 13
    assert "400+380" in findings[0].message


def test_docx_table_total_and_restated_table_figure(tmp_path: Path):
    body = (para("全年实现营业收入5.20亿元，同比增长8.0%。")
            + table(["指标", "年度目标", "完成情况"],
                    ["营业收入（亿元）", "5.00", "5.02"],
                    ["利润总额（万元）", "900", "920"])
            + table(["形式", "场次", "人次"], ["党课", "10", "800"], ["家访", "—", "300"],
                    ["合计", "10", "1200"]))
    got, _ = found(read_document(make_docx(tmp_path, body), "t.docx"))
    assert ("number.restated", 7, "5.02") in got
    assert ("number.table-total", 22, "1200") in got
    assert len(got) == 2


def test_clean_docx_table_is_clean(tmp_path: Path):
    body = table(["形式", "场次", "人次", "占比"], ["党课", "10", "800", "40.0%"],
                 ["家访", "—", "1200", "60.0%"], ["合计", "10", "2000", "100.0%"])
    got, _ = found(read_document(make_docx(tmp_path, body), "t.docx"))
    assert got == []


def test_restated_figure_at_second_mention_and_plans_are_not_restatements():
    got, findings = lint_text(
        "三、主要成效\n全年完成固定资产投资8.4亿元。\n"
        "总的来看，全镇完成固定资产投资4.8亿元。\n"
        "四、明年打算\n力争完成固定资产投资10亿元。新增就业300人。")
    assert got == [("number.restated", 3, "4.8亿元")]
    got, _ = lint_text("某镇2025年工作总结\n全年完成固定资产投资8.4亿元，新增就业200人。\n"
                       "三、2026年工作思路\n新增就业300人。总的来看，2025年全镇完成固定资产投资4.8亿元。")
    assert got == [("number.restated", 4, "4.8亿元")]
    assert "8.4亿元" in findings[0].message and "4.8亿元" in findings[0].message


def test_mixed_numerals_span_and_fixed_expressions():
    got, findings = lint_text(
        "举办讲座6场、培训班三期、宣讲会11场。\n聚焦三项重点任务，一是抓学习，落实五育并举。")
    assert got == [("number.mixed-numerals", 1, "6场、培训班三期、宣讲会11场")]
    assert "三期" in findings[0].message


def test_impossible_dates_use_report_year_for_february_29():
    got, _ = lint_text("某局2023年工作总结\n2月29日召开会议，4月31日前完成，2024年2月29日验收。")
    assert [g[2] for g in got] == ["2月29日", "4月31日"]
    got, _ = lint_text("某局2024年工作总结\n2月29日召开会议。")
    assert got == []


def test_fast_figure_names_equal_the_plain_definition():
    # number.restated reads figure names through _Clauses (memoised per clause and
    # sentence); it must give exactly what _key gives, figure by figure.
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from draftlint.kinds.consistency import (CLAUSE_END, SENTENCE_END, _SENTENCE_CHARS, _Clauses,
                                             _key)
    from draftlint.numbers import exact_figures, figure_of, quantities

    # Sentence ends are read off the clause ends: the classes must nest.
    assert all(CLAUSE_END.match(c) and SENTENCE_END.match(c) for c in _SENTENCE_CHARS)

    pieces = ["全年完成固定资产投资", "12.6亿元", "，", "。", "其中", "力争", "同比增长", "达到5以上",
              "新增就业", "620人", "3,200人", "较", "每", "全镇", "累计", "、", "；", "计划", "培训干部",
              "１２个", "约", "以上", "比", "上年", "（", "2025年", "将", "三个", "5%", "１２％", "3万人",
              "余", "近", "多"]

    def same(text):
        c = _Clauses(text)
        figures = list(exact_figures(text))
        # exact_figures is quantities() filtered to exact Arabic figures with a unit.
        assert [(figure_of(m), s, e) for s, e, m in figures] == [
            (q, q.start, q.end) for q in quantities(text)
            if not q.approx and not q.chinese and q.unit and q.unit != "%"]
        for start, end, m in figures:
            assert c.key(start, end) == _key(text, figure_of(m)), (text, start)

    for text in ["全年完成固定资产投资12.6亿元，同比增长8个。其中新增就业620人，力争培训干部300人",
                 "达到5以上个，计划新增就业达到12人以上，全镇新增就业620人"]:
        same(text)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=14))
    def check(parts):
        same("".join(parts))

    check()


def test_deadline_before_issue_date_and_year_wrap(tmp_path: Path):
    notice = ("关于报送安全生产检查情况的通知\n各街道：\n请于3月5日前将自查报告报送至区应急局，"
              "4月30日前完成整改。此前各单位已于2月28日前完成摸底。\n区应急管理局\n{date}")
    got, findings = lint_text(notice.format(date="2026年3月10日"))
    assert [g[2] for g in got if g[0] == "number.deadline-before-issue"] == ["3月5日"]
    assert "2026-03-05" in findings[0].message and "2026-03-10" in findings[0].message
    assert lint_text(notice.format(date="2026年3月1日"))[0] == []
    # Signed in December: January deadlines are next year's.
    assert lint_text("关于做好年终统计工作的通知\n请于1月10日前报送。\n2025年12月20日")[0] == []
    # A summary reports deadlines that have passed; a notice with no closing date has no issue date.
    assert lint_text("某街道2026年工作总结\n要求各社区于3月5日前完成自查。\n2026年12月20日")[0] == []
    assert lint_text("关于报送材料的通知\n请于3月5日前报送。\n联系人：王明")[0] == []


def test_deadline_issue_date_from_an_issuing_line_in_docx(tmp_path: Path):
    body = (para("关于开展校园安全排查的通知") + para("请各校于2026年4月30日前完成排查并报送台账。")
            + para("附件：排查台账") + para("某县教育局办公室　　2026年5月8日印发"))
    got, findings = found(read_document(make_docx(tmp_path, body), "t.docx"))
    assert got == [("number.deadline-before-issue", 2, "2026年4月30日")]
    assert "2026年5月8日印发" in findings[0].message


def test_table_share_column_against_its_counts(tmp_path: Path):
    md = tmp_path / "t.md"
    md.write_text("# 表\n\n| 类别 | 件数 | 占比（%） |\n| --- | --- | --- |\n"
                  "| 咨询 | 60 | 50.0 |\n| 投诉 | 36 | 20.0 |\n| 建议 | 24 | 20.0 |\n"
                  "| 合计 | 120 | 100.0 |\n", encoding="utf-8")
    got, findings = found(read_document(md, "t.md"))
    # The shares' own 合计 no longer adds up either (50+20+20), but its 100% is right:
    # one mistake, one finding, at the wrong share.
    assert got == [("number.table-share", 6, "20.0")]
    assert "36" in findings[0].message and "120" in findings[0].message and "30.0%" in findings[0].message
    # A wrong 合计 is table-total's finding alone; a share of another base is not checked.
    got, _ = lint_text("形式\t场次\t占比\n党课\t12\t30.0%\n家访\t28\t70.0%\n合计\t50\t100.0%\n"
                       "\n科室\t人数\t占全院比重\n内科\t40\t20%\n外科\t30\t15%")
    assert [g[0] for g in got] == ["number.table-total"]


def test_a_share_column_whose_total_is_not_100_is_still_summed():
    got, _ = lint_text("类别\t件数\t占比\n咨询\t60\t40%\n投诉\t90\t60%\n合计\t150\t95%\n")
    assert [g[0] for g in got] == ["number.table-total"]


def test_table_share_in_docx_with_a_spanning_title_row(tmp_path: Path):
    # A title cell spanning the grid is row 0; the header is then not the first row, so
    # nothing is checked (the column names are unknown) — no guessing.
    body = table([cell("表1 信访件分类", tcpr='<w:gridSpan w:val="3"/>')],
                 ["类别", "件数", "占比"], ["咨询", "60", "40.0%"], ["投诉", "90", "60.0%"],
                 ["合计", "150", "100.0%"])
    assert found(read_document(make_docx(tmp_path, body), "t.docx"))[0] == []
    body = table(["类别", "件数", "占比"], ["咨询", "60", "50.0%"], ["投诉", "90", "60.0%"],
                 ["合计", "150", "100.0%"])
    got, _ = found(read_document(make_docx(tmp_path, body, name="b.docx"), "b.docx"))
    assert got == [("number.table-share", 6, "50.0%")]


def test_class_count_after_fenwei_is_not_a_part():
    # 分为三类 / 分为四个片区，分别为: the class count is skipped, the listed parts are summed.
    got, findings = lint_text(
        "共收到建议52条，分为三类：交通类20条、环境类18条、教育类12条。\n"
        "全乡共有耕地3000亩，分为四个片区，分别为东片800亩、西片750亩、南片700亩、北片750亩。\n"
        "共收到建议52条，分为三类：交通类20条、环境类18条等。")
    assert [g[:2] for g in got] == [("number.total", 1)]
    assert "20+18+12" in findings[0].message and "50" in findings[0].message


def test_growth_against_last_year_and_from_the_increment():
    got, findings = lint_text(
        "全年接待游客18600人次，比上年的15500人次增长25%。\n"
        "全年接待游客18600人次，比上年的15500人次增长20%。\n"
        "新增市场主体650户，比上年增加50户，增长8.3%。\n"
        "新增市场主体650户，比上年增加50户，增长7.7%。\n"
        "信访总量210件，同比减少30件，下降12.5%。\n"
        "信访总量210件，同比减少30件，下降15%。\n"
        "全年接待游客约18600人次，比上年的15500人次增长25%。\n"
        "全年接待游客18万人次，比上年的15万人次增长25%。")
    # Line 8: 18万/15万 are rounded to the 万, so 12.9%…27.6% are all possible.
    # (Lines 1 and 8 also state 接待游客 twice with two values: number.restated's business.)
    assert [g[:2] for g in got if g[0] == "number.percent"] == [
        ("number.percent", 1), ("number.percent", 4), ("number.percent", 6)]
    assert "20.0%" in findings[0].message and "8.3%" in findings[1].message


def test_english_share_with_its_base_after():
    got, _ = lint_text(
        "Claims settled within 30 days reached 1,140 cases, or 80.0% of all 1,200 claims.\n"
        "Claims settled within 30 days reached 1,140 cases, or 95.0% of all 1,200 claims.")
    assert [g[:2] for g in got] == [("number.percent", 1)]
    assert got[0][2].endswith("1,200")


def test_mixed_numerals_with_liang():
    got, _ = lint_text(
        "全年召开座谈会两次、举办讲座5场、走访企业30家。\n"
        "全年召开座谈会2次、举办讲座5场、走访企业30家，做到两个维护。")
    assert [g[:2] for g in got] == [("number.mixed-numerals", 1)]


def test_parts_after_a_full_stop_and_qizhong_belong_to_the_total():
    # 。其中 continues the sentence: the parts of 36场 follow it.
    got, findings = lint_text("全年共组织招聘活动36场。其中，线上招聘22场，线下招聘18场。\n"
                              "全年共接待游客120万人次。其中，过夜游客45万人次，一日游游客60万人次。\n"
                              "全年共组织培训40场。下半年，线上培训22场，线下培训18场。")
    assert [g[:2] for g in got] == [("number.total", 1)]
    assert "22+18" in findings[0].message
    # A share after 。其中 takes the total before it as its base.
    got, _ = lint_text("共有党员120名。其中，女党员45名，占40.5%。")
    assert [g[0] for g in got] == ["number.percent"]


def test_growth_with_a_dated_or_last_years_old_figure():
    got, _ = lint_text("税收收入由2020年的3.60亿元增长至4.36亿元，增长25.1%。\n"
                       "税收收入由2020年的3.60亿元增长至4.36亿元，增长21.1%。\n"
                       "收费标准较去年的300元上调至360元，上调幅度为25%。\n"
                       "收费标准较去年的300元上调至360元，上调幅度为20%。\n"
                       "预算收入21.4亿元，较2024年的19.8亿元增长10.1%。\n"
                       "预算收入21.4亿元，较2024年的19.8亿元增长8.1%。\n"
                       "累计完成投资36亿元，较2020年的18亿元年均增长14.9%。\n"
                       "由2020年的3.60亿元增长至4.36亿元，年均增长3.9%。")
    assert [g[:2] for g in got] == [("number.percent", 1), ("number.percent", 3),
                                    ("number.percent", 5)]


def test_whole_percentages_are_rounded_to_half_a_point():
    got, _ = lint_text("营业收入由1200万元增长到1300万元，增长8%。\n"
                       "营业收入由1200万元增长到1300万元，增长9%。\n"
                       "参考学生3人，及格2人，及格率67%。")
    assert [g[:2] for g in got] == [("number.percent", 2)]


def test_english_part_of_a_base_then_its_share():
    got, findings = lint_text("On time: 8,820 of 9,600 scheduled trips, or 93.8% of all trips.\n"
                              "On time: 8,820 of 9,600 scheduled trips, or 91.9% of all trips.\n"
                              "We met 2 of the 3 targets, or 67% of the plan.")
    assert got == [("number.percent", 1, "8,820 of 9,600 scheduled trips, or 93.8%")]
    assert "91.9%" in findings[0].message


def test_english_total_with_a_longer_phrase_before_the_colon():
    got, _ = lint_text("Total boardings reached 3,420,000 in the quarter: 2,150,000 bus, "
                       "1,080,000 rail and 260,000 paratransit.\n"
                       "Total boardings reached 3,490,000 in the quarter: 2,150,000 bus, "
                       "1,080,000 rail and 260,000 paratransit.")
    assert [g[:2] for g in got] == [("number.total", 1)]


def test_restated_first_mention_followed_by_a_comparison_and_part_year_figures():
    # The comparison after the comma does not make 4.36亿元 a non-actual figure.
    got, _ = lint_text("全年实现税收收入4.36亿元，比上年增长15%。\n总的来看，全年实现税收收入4.63亿元。")
    assert got == [("number.restated", 2, "4.63亿元")]
    # Figures of part of the year (截至11月底, 1—10月) are other figures.
    assert lint_text("截至11月底，全县完成造林面积2.1万亩，比上年同期增加0.3万亩。\n"
                     "全年完成造林面积2.4万亩。\n"
                     "1—10月完成固定资产投资10.2亿元，同比增长8%。\n"
                     "全年完成固定资产投资12.6亿元。")[0] == []


def test_mixed_numerals_with_hundreds():
    got, _ = lint_text("开设社团课程2860门、兴趣小组五百个、学科辅导1200个。\n"
                       "开展“百场宣讲、千人培训”活动，组织宣讲会500场、培训班20期。")
    assert [g[:2] for g in got] == [("number.mixed-numerals", 1)]


def test_deadline_with_a_weekday_or_an_hour_before_qian():
    notice = "关于做好学生资助工作的通知\n{line}\n县教育局\n2026年3月12日"
    for line in ("各学校须于3月2日17:00前将名单报送至资助中心。",
                 "请各校务必在3月5日（星期四）前完成公示。",
                 "请于3月6日下午5时前报送材料。"):
        got, _ = lint_text(notice.format(line=line))
        assert [g[0] for g in got] == ["number.deadline-before-issue"], line
    for line in ("请于3月20日（周五）12:00前报送材料。",
                 "会议定于3月5日（星期四）上午9时召开。"):
        assert lint_text(notice.format(line=line))[0] == [], line


def test_long_windows_of_shares_stay_correct():
    # Many 其中 shares in one sentence: each finds its base by bisection.
    text = "共有党员120名，其中" + "女党员45名，占37.5%，" * 300 + "女党员45名，占40.5%。"
    got, _ = lint_text(text)
    assert [g[0] for g in got] == ["number.percent"]


def test_totals_in_new_phrasings_and_what_is_no_total():
    # 包括 lists, 合计 after the parts, a comparison clause before 其中, a breakdown before a colon.
    got, _ = lint_text(
        "共谈话56人次，包括集体谈话20人次、个别谈话31人次、提醒谈话8人次。\n"
        "第一种形态11人，第二种形态2人，第三种形态1人，合计15人。\n"
        "生产总值386.5亿元，比上年增长6.2%。其中，第一产业增加值45.2亿元，第二产业增加值152.8亿元，"
        "第三产业增加值193.5亿元。\n"
        "总投资320万元，资金来源为：省级200万元、县级80万元、自筹50万元。")
    assert [(g[0], g[1]) for g in got] == [("number.total", 1), ("number.total", 2),
                                           ("number.total", 3), ("number.total", 4)]
    # A change or an average is no total; growth rates between parts do not end the list.
    got, _ = lint_text(
        "常住人口312.6万人，比上年末减少0.8万人。其中，城镇198.5万人，乡村114.1万人。\n"
        "调研43次，人均7.2次，其中到基层调研29次。\n"
        "生产总值1286.4亿元，比上年增长5.6%。其中，第一产业增加值102.3亿元，增长3.4%；"
        "第二产业增加值498.7亿元，增长6.1%；第三产业增加值685.4亿元，增长5.5%。\n"
        "一季度20人。二季度30人，三季度25人，合计75人。")
    assert got == []


def test_levels_are_exclusive_parts_and_labels_may_hold_figures():
    got, _ = lint_text("获表彰42人次，其中国家级2人次、省级9人次、市级13人次、县级20人次。\n"
                       "签约项目28个，其中超10亿元项目5个、5亿元至10亿元项目8个、1亿元至5亿元项目17个。")
    assert [g[1] for g in got] == [1, 2]
    # Mixed attributes may overlap: no finding.
    got, _ = lint_text("共有教师200人，其中省级骨干教师20人、党员120人、女教师110人。")
    assert got == []


def test_percentage_points_and_target_shares():
    got, _ = lint_text("上线率84.6%，较上年的81.2%提高2.4个百分点。\n"
                       "完成投资42.6亿元，占全年目标任务90亿元的43.7%。\n"
                       "上线率84.6%，较上年的81.2%提高3.4个百分点。\n"
                       "完成投资8.4亿元，完成全年目标任务16亿元的52.5%。")
    assert [(g[0], g[1]) for g in got] == [("number.percent", 1), ("number.percent", 2)]
    _, findings = lint_text("失业率2.9%，较上年末的3.3%下降0.6个百分点。")
    assert "0.4" in findings[0].message


def test_english_share_growth_and_colon_list_without_unit():
    got, _ = lint_text(
        "Of the 56 shifts scheduled, 49 were filled, or 85.0% of all shifts.\n"
        "Gross profit rose 6.5% to $15.4 million from $14.1 million.\n"
        "Headcount was 640, an increase of 40 employees, or 8.0%, over the prior year.\n"
        "Units sold totaled 128,500: 74,200 hand tools, 38,600 power tools and 16,900 accessories.\n"
        "Revenue totaled $4.8 million in fiscal 2025: $2.6 million online and $2.2 million retail.\n"
        "Of the 120 requests, 108 were completed, or 90.0% of all requests.")
    assert [(g[0], g[1]) for g in got] == [("number.percent", 1), ("number.percent", 2),
                                           ("number.percent", 3), ("number.total", 4)]


def test_table_percent_totals_only_summed_in_share_columns(tmp_path: Path):
    md = tmp_path / "t.md"
    md.write_text("| Item | FY2025 | Growth |\n| --- | --- | --- |\n| A | 2,600 | 20.0% |\n"
                  "| B | 2,200 | 10.0% |\n| Total | 4,800 | 15.4% |\n\n"
                  "| Item | Amount | Share |\n| --- | --- | --- |\n| A | 48,000 | 56.5% |\n"
                  "| B | 12,500 | 14.7% |\n| Total | 85,000 | 100.0% |\n", encoding="utf-8")
    got, _ = found(read_document(md, md.name))
    assert [(g[0], g[2]) for g in got] == [("number.table-total", "85,000")]


def test_cubic_metres_are_a_unit():
    got, _ = lint_text("销售混凝土126万立方米，其中县内78万立方米、县外52万立方米。")
    assert [g[0] for g in got] == ["number.total"]


def test_closing_date_and_english_impossible_dates():
    got, _ = lint_text("关于举办培训班的通知\n报名截止时间：2026年3月2日。\n原报名截止时间为3月1日。\n"
                       "Report on June 31, 2026 or on 31 September.\n2026年3月5日")
    assert [(g[0], g[2]) for g in got] == [
        ("number.deadline-before-issue", "2026年3月2日"), ("number.impossible-date", "June 31, 2026"),
        ("number.impossible-date", "31 September")]
