"""The numbering pack: gaps, repeats and restarts of heading and list markers at each level."""

from __future__ import annotations

from pathlib import Path

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers import read_document
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules
from tests.docx_build import make_docx, para

RULES = [r for r in load_rules() if r.category == "numbering" and r.enabled]


def found(doc):
    findings, errors = lint(doc, RULES, Config(), context_for(Config()), debug=True)
    assert not errors
    return [(f.line, f.text) for f in findings], findings


def lint_text(text):
    return found(document_from_text(text, "r.txt"))


def test_higher_level_heading_restarts_lower_series():
    text = ("一、基本情况\n（一）组织\n1. 学习\n2. 调研\n（二）制度\n1. 建章\n2. 立制\n"
            "二、主要做法\n（一）抓学习\n（二）抓落实\n（三）抓督查\n三、下一步")
    assert lint_text(text)[0] == []


def test_gap_repeat_and_backwards_are_reported_at_the_breaking_marker():
    got, findings = lint_text("一、总体\n（一）甲\n（二）乙\n（四）丁\n二、任务\n（1）a\n（2）b\n（2）c\n"
                              "（3）d\n（1）e\n（2）f\n（4）g")
    assert got == [(4, "（四）"), (8, "（2）"), (12, "（4）")]
    assert "（三）" in findings[0].message and "（二）" in findings[0].message


def test_markdown_headings(tmp_path: Path):
    md = tmp_path / "r.md"
    md.write_text("# 总结\n\n## 一、概况\n\n正文\n\n## 二、做法\n\n## 四、问题\n", encoding="utf-8")
    got, _ = found(read_document(md, "r.md"))
    assert got == [(9, "四、")]


def test_inline_enumerations_within_and_across_paragraphs():
    got, _ = lint_text("存在问题：一是学习不深；二是调研不够；四是创新不足。\n"
                       "（一）宣传。一是抓阵地；二是抓队伍。\n（二）统战。一是抓平台；三是抓活动。\n"
                       "一是强化领导。\n二是健全制度。\n三是严格考核。")
    assert got == [(1, "四是"), (3, "三是")]


def test_lookalikes_are_not_markers():
    text = ("推进制度统一是前提，原因之一是投入不足。第一时间报告，引入第三方评估。\n"
            "1.5万元用于更新\n5、6月份集中排查\n2024.3.5召开会议\n第一章 总则\n第二章 职责\n第三章 附则")
    assert lint_text(text)[0] == []


def test_appendix_starts_a_new_context():
    assert lint_text("1. 甲\n2. 乙\n3. 丙\n附件：\n1. 报名表\n2. 承诺书")[0] == []


def test_word_automatic_numbering_is_taken_as_correct(tmp_path: Path):
    body = (para("一、总体要求") + para("自动编号一", style="ListNumber")
            + para("自动编号二", style="ListNumber") + para("二、主要任务")
            + para("（一）甲") + para("（二）乙") + para("（二）丙"))
    got, _ = found(read_document(make_docx(tmp_path, body), "r.docx"))
    assert got == [(7, "（二）")]


def test_table_cells_are_not_list_markers(tmp_path: Path):
    from tests.docx_build import table
    body = para("一、任务") + table(["序号", "任务"], ["1.", "排查"], ["3.", "整改"]) + para("二、要求")
    assert found(read_document(make_docx(tmp_path, body), "r.docx"))[0] == []


def test_inline_parenthesised_chinese_numbers():
    got, _ = lint_text("一、工作要求\n报送内容：（一）决算报表；（二）决算说明；（四）绩效自评报告。")
    assert got == [(2, "（四）")]
    # A new paragraph may restart at （一）; a heading clears the run; references without a
    # mark before them are not items.
    assert lint_text("一、工作任务\n主要任务：（一）摸底排查；（二）集中整治。\n"
                     "同时，（三）建立长效机制。\n二、工作要求\n具体要求：（二）提高认识；（三）加强领导。\n"
                     "另有要求：（一）严格纪律；（二）注重实效。\n"
                     "根据《条例》第十二条（三）项规定，（一）（二）两类情形除外。")[0] == []


def test_multi_level_section_numbers():
    text = ("第一章 总则\n1.1 编制目的\n1.2 编制依据\n1.4 适用范围\n第二章 组织\n2.1 指挥部\n"
            "2.1.1 组成\n2.1.3 职责\n2.2 乡镇\n2.2 村级\n3.1 预防\n3.3.1 信息\n3.2 预警")
    got, findings = lint_text(text)
    assert [t for _, t in got] == ["1.4", "2.1.3", "2.2", "3.3.1"]
    assert findings[0].message.count("1.3") == 1


def test_multi_level_numbers_that_are_correct_or_not_sections():
    text = ("1 总则\n1.1 目的\n1.2 原则\n1.2.1 以人为本\n1.2.2 预防为主\n2 机构\n2.1 指挥部\n"
            "（1）职责一\n（2）职责二\n2.2 工作组\n1. 综合组\n2. 救援组\n3 附则\n3.1 更新\n"
            "1.5万元用于设备更新\n8.30 签到\n9.15 讲话\n10.10 讨论\n"
            "3.8妇女节活动\n5.4青年节座谈\n1.1 目的\n1.2 原则\n3.8 妇女节活动\n5.4 青年节座谈\n")
    assert lint_text(text)[0] == []


def test_stages_and_qiyi_enumerations():
    got, _ = lint_text("第一阶段：摸底\n第二阶段：设计\n第四阶段：实施\n"
                       "问题：其一，学习不深；其二，研究不够；其四，落实不力。")
    assert [t for _, t in got] == ["第四阶段", "其四"]
