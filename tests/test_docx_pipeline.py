"""End-to-end .docx behaviour: Word-comment directives, slots split across runs."""

from __future__ import annotations

from docx_build import comment_range, make_docx, para, run

from draftlint import lint_paths


def findings(path):
    return [(f.rule, f.part, f.text) for f in lint_paths([path], select=["placeholder", "residue"]).findings]


def test_directive_comment_silences_only_its_range_and_rules(tmp_path):
    body = (para(comment_range(1, run("某某公司")), run("承办，共X人")) +
            para(comment_range(2, run("某某单位X人"))))
    path = make_docx(tmp_path, body, comments=[
        (1, "张三", para(run("draftlint-disable placeholder.someone"))),
        (2, "张三", para(run("draftlint-disable"))),
    ])
    # Comment 1 silences 某某 in its range only, not the X after it; comment 2 silences all.
    # Neither directive is itself reported as a leftover comment.
    assert findings(path) == [("placeholder.unfilled", "body", "X")]


def test_an_ordinary_comment_silences_nothing(tmp_path):
    body = para(comment_range(1, run("某某公司")))
    path = make_docx(tmp_path, body, comments=[(1, "张三", para(run("请核实名称")))])
    assert sorted(findings(path)) == [("placeholder.someone", "body", "某某"),
                                      ("residue.comment", "comment", "请核实名称")]


def test_a_slot_split_across_formatted_runs_is_one_finding(tmp_path):
    body = para(run("述职人："), run("×"), run("×", "<w:b/>"), run("，共"),
                run("X", '<w:b/><w:color w:val="C00000"/>'), run("人"))
    [first, second] = lint_paths([make_docx(tmp_path, body)], select=["placeholder"]).findings
    assert (first.line, first.column, first.end_column, first.text) == (1, 5, 7, "××")
    assert (second.column, second.text) == (9, "X")
