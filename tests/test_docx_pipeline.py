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


# ------------------------------------------------------------------ fix --strip-watermarks

def _xml(path, member):
    from docx_build import read_members
    return read_members(path)[member].decode("utf-8")


def _strip(path, *options):
    from draftlint.cli import main
    assert main(["fix", "--isolated", *options, str(path)]) in (0, 1)


def test_strip_cuts_a_white_ad_run_and_keeps_the_paragraph(tmp_path):
    import docx
    body = (para("一、主要成效", run("本段内容来自某某文库，仅供参考", "<w:vanish/>"))
            + para("全年接待群众来访312人次", run("更多精品范文请搜索某范文网", '<w:color w:val="FFFFFF"/>'),
                   "，办结率100%。")
            + para("下载更多精品文档请访问 www.xxwenku.com"))
    path = make_docx(tmp_path, body)
    _strip(path, "--strip-watermarks")
    # The ad runs go; the report's own text stays; a line that is all ad goes whole.
    assert [p.text for p in docx.Document(str(path)).paragraphs] == [
        "一、主要成效", "全年接待群众来访312人次，办结率100%。"]


def test_strip_clears_both_copies_of_a_text_box(tmp_path):
    from docx_build import textbox_run
    ad = para("本讲话稿由某某范文网提供，QQ：987654321")
    path = make_docx(tmp_path, para("同志们：", textbox_run(ad, ad)) + para("今天召开这次会议。"))
    _strip(path, "--strip-watermarks")
    xml = _xml(path, "word/document.xml")
    assert "范文网" not in xml and "今天召开这次会议。" in xml and "<mc:Fallback>" in xml


def test_strip_removes_a_drawingml_wordart_watermark_with_its_fallback(tmp_path):
    from docx_build import textbox_run
    wordart = textbox_run(para("某某文库 仅供学习"), para("某某文库 仅供学习"), wordart=True)
    path = make_docx(tmp_path, para("正文"), headers=[para("东城区住房和城乡建设局", wordart)])
    _strip(path, "--strip-watermarks")
    header = _xml(path, "word/header1.xml")
    assert "文库" not in header and "AlternateContent" not in header
    assert "东城区住房和城乡建设局" in header


def test_safe_fix_in_a_text_box_also_fixes_its_fallback_copy(tmp_path):
    from docx_build import textbox_run
    box = para("始终保持廉沽本色。")
    path = make_docx(tmp_path, para("正文", textbox_run(box, box)))
    _strip(path)
    xml = _xml(path, "word/document.xml")
    assert xml.count("始终保持廉洁本色。") == 2 and "廉沽" not in xml


def test_fallback_copy_with_other_text_is_left_alone(tmp_path):
    from docx_build import textbox_run
    path = make_docx(tmp_path, para("正文", textbox_run(para("始终保持廉沽本色。"), para("旧副本"))))
    _strip(path)
    xml = _xml(path, "word/document.xml")
    assert "始终保持廉洁本色。" in xml and "旧副本" in xml


def test_strip_cuts_an_ad_run_after_a_safe_fix_in_another_run(tmp_path):
    import docx
    # The stray space fix shortens the first w:t in the same pass; the ad's own w:t
    # keeps its offsets, so the ad still goes in one `fix` run.
    body = para(run("始终保持廉沽本色 "), run("更多精品范文请搜索某范文网", '<w:color w:val="FFFFFF"/>'),
                "全年完成投资12亿元。")
    path = make_docx(tmp_path, body)
    _strip(path, "--strip-watermarks")
    assert [p.text for p in docx.Document(str(path)).paragraphs] == [
        "始终保持廉洁本色全年完成投资12亿元。"]
