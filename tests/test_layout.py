"""The layout pack: sentences broken across lines/paragraphs and stray spaces, on real input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftlint import lint_paths, lint_text
from draftlint.kinds.linebreak import Linebreak

from docx_build import make_docx, para, table


def layout(text: str, fmt: str = "txt"):
    """(rule, line, column, text, suggestion) of the layout findings of `text`."""
    return [(f.rule, f.line, f.column, f.text, f.suggestion)
            for f in lint_text(text, format=fmt, select=["layout"])]


BROKEN = ("二、项目建设\n"
          "二是项目建设提速。全年完成投资9亿元，园区的新建仓\n"
          "储中心已投入使用，新增就业300人。\n")


def test_linebreak_options_are_validated():
    with pytest.raises(ValueError, match="unknown option"):
        Linebreak.from_options({"min_len": 3}, Path("."))
    with pytest.raises(ValueError, match="positive"):
        Linebreak.from_options({"min_length": 0}, Path("."))


def test_broken_line_is_a_zero_width_finding_at_the_end_of_the_early_line():
    found = lint_text(BROKEN, select=["layout"])
    assert [(f.rule, f.line, f.column, f.end_column, f.text) for f in found] == [
        ("layout.broken-line", 2, 26, 26, "")]
    assert "新建仓" in found[0].message and "储中心" in found[0].message
    assert found[0].suggestion is None and not found[0].fixable


def test_zero_width_finding_survives_json(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(BROKEN, encoding="utf-8")
    report = lint_paths([path], config={"select": ["layout"]})
    (record,) = [f.to_dict() for f in report.findings]
    assert (record["line"], record["column"], record["end_column"], record["text"]) == (2, 26, 26, "")
    json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("text", [
    # a heading, then its body
    "一、主要工作\n全年完成投资9亿元，新增就业300人。\n",
    # a signature: unit name, then the date
    "全年完成投资9亿元，新增就业300人。下一步继续努力\n北湖区柳溪街道办事处\n2025年12月29日\n",
    # blank-line separated paragraphs
    "二是项目建设提速。全年完成投资9亿元，园区新建仓库\n\n三是改革深化，活力增强。\n",
    # an indented new paragraph
    "二是项目建设提速。全年完成投资9亿元，园区新建仓库\n　　三是改革深化，活力增强。\n",
    # the next line is a list item
    "二是项目建设提速。全年完成投资9亿元，主要做法有\n1.加强调度，压实责任。\n",
    # a title line followed by a salutation
    "关于开展校园周边食品安全专项整治行动的实施方案\n各乡镇人民政府：\n",
    # an unnumbered heading with a comma, then its body
    "坚持立德树人，提高政治素养\n始终把理论学习放在首位，做到学深悟透。\n",
    # a paragraph missing its full stop, then a new one opening with a year
    "二是项目建设提速。全年完成投资9亿元，园区新建仓库\n2026年，我们将继续努力。\n",
    # two lines of a banner, the second not a continued sentence
    "本资料由某网站整理，仅供学习参考，禁止外传\n加入会员群QQ：100200300\n",
])
def test_lines_that_are_not_broken_sentences(text):
    assert [f for f in layout(text) if f[0] == "layout.broken-line"] == []


def test_a_file_of_unpunctuated_lines_is_its_style_not_a_slip():
    lines = [f"第{i}项任务是完善制度，健全机制，提升服务质量和群众满意度" for i in range(6)]
    assert layout("\n".join(lines) + "\n") == []


def test_markdown_wrapped_on_purpose_yields_nothing_but_a_lone_break_is_found():
    para_ = ("本学期学校以立德树人为根本任务。全面落实各项要求，扎实推进课堂改\n"
             "革和作业管理，教学质量稳步提升。\n\n")
    assert layout(para_ * 3, "md") == []
    found = layout(para_, "md")
    assert [(r, line, t) for r, line, _, t, _ in found] == [("layout.broken-line", 1, "")]


def test_markdown_hard_break_is_wanted():
    text = "本学期学校以立德树人为根本任务。全面落实各项要求，扎实推进课堂改  \n革和作业管理。\n"
    assert layout(text, "md") == []


def test_sentence_split_over_two_docx_paragraphs(tmp_path):
    body = (para("一、廉洁从业", style="Heading1")
            + para("对分管部门的风险点逐一梳理。对苗头问题及时提醒，推动形成风清气正的良好氛")
            + para("围。")
            + table(["指标", "完成情况"], ["营业收入", "3.4亿元"])
            + para("北湖区柳溪街道办事处")
            + para("2025年12月29日"))
    path = make_docx(tmp_path, body)
    report = lint_paths([path], config={"select": ["layout"]})
    assert report.errors == []
    assert [(f.part, f.line, f.text) for f in report.findings] == [("body", 2, "")]


# ------------------------------------------------------------------ stray spaces

def test_stray_spaces_are_fixable_by_removal():
    found = lint_text("学校 严格落实责任制，招商引资  力度加大 。", select=["layout"])
    assert [(f.column, f.text, f.suggestion, f.fixable) for f in found] == [
        (3, " ", "", True), (16, "  ", "", True), (22, " ", "", True)]


@pytest.mark.parametrize("text", [
    "联系人：林海　　联系电话：0591-3361208",
    "述职人：王明    日期：2025年12月",
    "第一章 总则",
    "工 作 总 结",
    "出席：张三、李  四、王小明",
    "年级    班级数    学生数",
    "使用 Word 软件",
    "　　全年完成投资9亿元。",
    "单位负责人签字          年  月  日",
    "The team met twice a week.",
])
def test_blanks_that_belong_there(text):
    assert layout(text) == []


def test_markdown_table_row_is_not_stray_space():
    text = "| 年级 | 班级数 |\n| --- | --- |\n| 七年级 | 12 |\n"
    assert layout(text, "md") == []


def test_markdown_inline_code_keeps_its_spaces():
    assert layout("运行 `中文 命令` 即可\n", "md") == []
