"""The punctuation pack and its kinds (substitution, balance) on real txt, md and docx input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftlint import lint_paths, lint_text
from draftlint.kinds.balance import Balance
from draftlint.kinds.substitution import Substitution

from docx_build import make_docx, para


def punct(text: str, fmt: str = "txt"):
    """(rule, line, text, suggestion, fixable) of the punctuation findings of `text`."""
    return [(f.rule, f.line, f.text, f.suggestion, f.fixable)
            for f in lint_text(text, format=fmt, select=["punctuation"])]


# ------------------------------------------------------------------ kind options

def test_substitution_needs_swap_or_patterns():
    with pytest.raises(ValueError, match="needs 'swap' or 'patterns'"):
        Substitution.from_options({}, Path("."))


def test_substitution_rejects_unknown_option_and_self_swap():
    with pytest.raises(ValueError, match="unknown option"):
        Substitution.from_options({"swap": {"a": "b"}, "wordz": []}, Path("."))
    with pytest.raises(ValueError, match="to itself"):
        Substitution.from_options({"swap": {"a": "a"}}, Path("."))
    with pytest.raises(ValueError, match="either 'swap' or 'replace'"):
        Substitution.from_options({"swap": {"a": "b"}, "patterns": ["a"], "replace": "c"},
                                  Path("."))


def test_substitution_swap_alone_is_literal_longest_first():
    from draftlint.readers.text import document_from_text
    from draftlint.kinds import LintContext
    kind = Substitution.from_options({"swap": {"。。": "。", "。。。": "……"}}, Path("."))
    doc = document_from_text("等等。。。好。。", "<t>")
    hits = list(kind.check(doc, doc.blocks, LintContext()))
    assert [(h.start, h.end, h.suggestion) for h in hits] == [(2, 5, "……"), (6, 8, "。")]


def test_balance_validates_pairs_and_report():
    with pytest.raises(ValueError, match="two-character"):
        Balance.from_options({"pairs": ["“"]}, Path("."))
    with pytest.raises(ValueError, match="unknown report"):
        Balance.from_options({"pairs": ["“”"], "report": "all"}, Path("."))


# ------------------------------------------------------------------ half-width marks

def test_halfwidth_comma_is_fixable_with_its_fullwidth_form():
    assert punct("工作进展顺利,群众比较满意。") == [
        ("punctuation.halfwidth", 1, ",", "，", True)]


def test_numbers_times_ratios_urls_files_are_not_flagged():
    text = ("全年接待12,600人次，增长4.5%。会议14:30开始，比例尺1:500。\n"
            "详见http://example.invalid/a?b=1,2 和 总结.docx，邮箱 ab@example.invalid。\n"
            "1.总体要求\n")
    assert punct(text) == []


def test_english_report_gets_nothing_but_a_doubled_comma():
    text = ("Quarterly Review - Q2\n"
            "1. Summary\n"
            "Revenue rose 4.1% to $2.3 million; costs (mainly fuel) were flat.\n"
            "The new hub opened at 09:30 on May 2, as planned: \"on time!\"\n"
            "Stock was 71% full at the peak,, which we expected.\n"
            "Our clients’ feedback didn’t change.\n")
    assert punct(text) == [("punctuation.doubled", 5, ",,", ",", True)]


def test_markdown_inline_code_is_skipped():
    text = "运行 `a,b;c` 命令，检查配置:然后提交。\n"
    found = punct(text, "md")
    assert [(r, t) for r, _, t, _, _ in found] == [("punctuation.halfwidth", ":")]


def test_halfwidth_paren_pair_around_chinese_is_one_finding():
    found = punct("营业收入(亿元)同比增长。\n函数f(x)的值。\n(二)加强学习\n")
    assert [(t, s) for _, _, t, s, _ in found] == [("(亿元)", "（亿元）"), ("(二)", "（二）")]


def test_translate_needs_single_character_swaps_and_patterns():
    from draftlint.kinds.substitution import Substitution

    with pytest.raises(ValueError, match="translate"):
        Substitution.from_options({"swap": {"((": "（"}, "patterns": ["x"], "translate": True},
                                  Path("."))
    with pytest.raises(ValueError, match="translate"):
        Substitution.from_options({"swap": {"(": "（"}, "translate": True}, Path("."))


# ------------------------------------------------------------------ pairing

def test_quotation_closed_with_an_opening_mark_is_one_finding_at_the_second():
    found = lint_text("组织“理论宣讲进社区“活动12场，“双减”落实到位。", select=["punctuation"])
    assert [(f.column, f.text, f.suggestion, f.fixable) for f in found] == [
        (11, "“", "”", False)]
    assert "wrong way" in found[0].message


def test_nested_quotes_balance_and_a_missing_inner_closer_is_found():
    assert punct("他说：“要落实‘三个优先’。”") == []
    found = punct("他说：“要落实‘三个优先。”")
    assert [(r, t) for r, _, t, _, _ in found] == [("punctuation.unpaired", "‘")]


def test_unclosed_book_title_and_stray_closer():
    found = punct("加快编制《发展规划，谋划项目。\n问题已经整改）。\n")
    assert [(line, t) for _, line, t, _, _ in found] == [(1, "《"), (2, "）")]


def test_quote_wrapped_over_two_lines_is_not_unpaired():
    text = "会议强调，要深入开展“清廉\n机关”创建活动，营造良好氛围。\n"
    assert punct(text) == []


def test_list_markers_and_apostrophes_are_not_brackets():
    assert punct("1）加强学习；2）改进作风。\nthe team’s plan\n") == []


def test_markdown_table_cells_are_balanced_one_by_one():
    text = "| 项目 | 说明 |\n| --- | --- |\n| 改造（一期 | 完成） |\n"
    found = punct(text, "md")
    assert [(line, t) for _, line, t, _, _ in found] == [(3, "（"), (3, "）")]


def test_mixed_width_pair_suggests_the_fullwidth_half():
    found = punct("新增就业1860人（含灵活就业)。")
    assert found == [("punctuation.mixed-width", 1, ")", "）", True)]


# ------------------------------------------------------------------ doubled, ellipsis, ranges

def test_doubled_conflicting_ellipsis_and_range():
    text = "任务完成。。\n调研、走访，。\n开展了走访。。。\n用了三、四天\n真的吗？！\n"
    found = punct(text)
    assert [(r.split(".")[1], line, t, s) for r, line, t, s, _ in found] == [
        ("doubled", 1, "。。", "。"),
        ("conflicting", 2, "，。", None),
        ("ellipsis", 3, "。。。", "……"),
        ("range-comma", 4, "三、四", "三四"),
    ]


# ------------------------------------------------------------------ docx and JSON

def test_docx_paragraph_unclosed_bracket_and_json_fields(tmp_path):
    body = (para("各单位要加强巡查，对一般问题（如标签不规范等，要当场改正。")
            + para("一、主要成效：全年完成任务。"))
    path = make_docx(tmp_path, body)
    report = lint_paths([path], config={"select": ["punctuation"]})
    assert report.errors == []
    records = [f.to_dict() for f in report.findings]
    assert [(r["part"], r["line"], r["column"], r["text"]) for r in records] == [
        ("body", 1, 15, "（")]
    json.dumps(records, ensure_ascii=False)


def test_docx_halfwidth_colon_has_suggestion_in_json(tmp_path):
    path = make_docx(tmp_path, para("但仍有差距:一是学习不够深入。"))
    report = lint_paths([path], config={"select": ["punctuation"]})
    (record,) = [f.to_dict() for f in report.findings]
    assert (record["text"], record["suggestion"], record["fixable"]) == (":", "：", True)


# ------------------------------------------------------------------ examples.fixed

def _apply_fixes(rule, text: str) -> str:
    """The text after applying the rule's fixable suggestions (end first), line by line."""
    from draftlint.config import Config
    from draftlint.engine import context_for, lint
    from draftlint.readers.text import document_from_text
    doc = document_from_text(text, "<example>")
    findings, _ = lint(doc, [rule], Config(), context_for(Config()), debug=True)
    lines = text.split("\n")
    for f in sorted(findings, key=lambda f: (f.line, -f.column)):
        if f.fixable:
            line = lines[f.line - 1]
            lines[f.line - 1] = line[:f.column - 1] + f.suggestion + line[f.end_column - 1:]
    return "\n".join(lines)


def _fixed_cases():
    from draftlint.rules import load_rules
    for rule in load_rules():
        if rule.pack in ("punctuation", "layout"):
            for i, (bad, fixed) in enumerate(zip(rule.examples.get("bad", ()),
                                                 rule.examples.get("fixed", ()))):
                yield pytest.param(rule, bad, fixed, id=f"{rule.id}-{i}")


@pytest.mark.parametrize("rule,bad,fixed", list(_fixed_cases()))
def test_fixable_suggestions_give_examples_fixed(rule, bad, fixed):
    assert rule.fixable
    text = bad.replace("⟦", "").replace("⟧", "")
    assert _apply_fixes(rule, text) == fixed
