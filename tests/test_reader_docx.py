"""Tests of the .docx reader: parts, numbering, text assembly, marks, run map and errors."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftlint.model import Block, Document
from draftlint.readers import ReadError, read_document
from draftlint.readers.docx import DocxHandle, RunMap, Segment, read
from tests.docx_build import (
    base_package, cell, comment_range, dele, field, ins, make_docx, para, read_members,
    rewrite_zip, run, sdt, sect, table, textbox_run, vml_textbox_run, vml_watermark,
    write_zip,
)

MiB = 1024 * 1024


def load(path: Path) -> Document:
    """Read a fixture, checking that reading leaves the file's bytes alone."""
    before = path.read_bytes()
    doc = read(path, path.name)
    assert path.read_bytes() == before
    return doc


def lines(doc: Document, part: str) -> list[tuple[int, str]]:
    """(line, text) of one part's blocks."""
    return [(b.line, b.text) for b in doc.blocks if b.part == part]


def block(doc: Document, part: str, line: int) -> Block:
    """The block at part/line."""
    (found,) = [b for b in doc.blocks if b.part == part and b.line == line]
    return found


def marks(b: Block, kind: str | None = None) -> list[tuple]:
    """(kind, start, end) of a block's marks, optionally of one kind (cell marks only when asked)."""
    return [(m.kind, m.start, m.end) for m in b.marks
            if m.kind == kind or (kind is None and m.kind != "cell")]


def styles_with(*styles: str) -> bytes:
    """python-docx's styles.xml with extra w:style elements appended."""
    xml = base_package()["word/styles.xml"]
    return xml.replace(b"</w:styles>", "".join(styles).encode() + b"</w:styles>")


# ------------------------------------------------------------------ body

def test_body_paragraphs_styles_and_empty_lines(tmp_path):
    body = (para("年度工作总结", style="Title") + "<w:p/>"
            + para("一、主要工作", style="Heading1")
            + para("正文第一段。") + para(""))
    doc = load(make_docx(tmp_path, body))
    assert doc.format == "docx" and doc.path == "test.docx"
    assert lines(doc, "body") == [(1, "年度工作总结"), (2, ""), (3, "一、主要工作"),
                                  (4, "正文第一段。"), (5, "")]
    assert [b.style for b in doc.blocks_in(["body"])] == [
        "Title", "Normal", "Heading 1", "Normal", "Normal"]


def test_split_runs_read_as_contiguous_text(tmp_path):
    # "××" in two runs with different formatting must stay "××": nothing between runs.
    body = para(run("填报人："), run("×"), run("×", "<w:b/><w:color w:val=\"FF0000\"/>"),
                run("律", "<w:i/>"), run("已"))
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "填报人：××律已"
    assert b.marks == ()
    assert [(s.start, s.end, s.t.text) for s in b.ref] == [
        (0, 4, "填报人："), (4, 5, "×"), (5, 6, "×"), (6, 7, "律"), (7, 8, "已")]


def test_run_map_points_into_the_handle_trees(tmp_path):
    body = para(run("前"), "<w:r><w:t>中</w:t><w:tab/><w:t>后</w:t></w:r>")
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "前中\t后"
    assert isinstance(b.ref, RunMap) and isinstance(b.ref[0], Segment)
    assert b.ref.part == "word/document.xml"
    assert b.ref.element.tag.endswith("}p")
    # Two w:t in one run: two segments, both children of the same w:r.
    assert [(s.start, s.end) for s in b.ref] == [(0, 1), (1, 2), (3, 4)]
    assert b.ref[1].t.getparent() is b.ref[2].t.getparent()
    assert isinstance(doc.handle, DocxHandle)
    assert doc.handle.main == "word/document.xml"
    assert b.ref.element.getroottree().getroot() is doc.handle.trees["word/document.xml"]
    assert doc.handle.size == (tmp_path / "test.docx").stat().st_size


def test_text_assembly_of_special_elements(tmp_path):
    body = para(
        "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r>",
        "<w:r><w:t>400</w:t><w:noBreakHyphen/><w:t>800</w:t><w:softHyphen/></w:r>",
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="SimSun" w:char="2605"/></w:r>',
        '<w:r><w:br w:type="page"/><w:t>页</w:t></w:r>',
    )
    doc = load(make_docx(tmp_path, body))
    assert block(doc, "body", 1).text == "甲\t乙\n丙\n丁400-800★页"


def test_containers_hold_text(tmp_path):
    body = para(
        run("见"),
        '<w:hyperlink r:id="rIdX"><w:r><w:t>链接</w:t></w:r></w:hyperlink>',
        '<w:smartTag w:element="place"><w:r><w:t>北京</w:t></w:r></w:smartTag>',
        '<w:customXml w:element="x"><w:r><w:t>自定</w:t></w:r></w:customXml>',
        sdt(run("控件"), placeholder=False),
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>',
        '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="b"/>',
        run("完"),
    )
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "见链接北京自定控件3完"
    assert marks(b) == [("field", 9, 10)]
    assert b.marks[0].data == {"instr": "PAGE"}


def test_field_code_skipped_and_result_marked(tmp_path):
    body = para(run("第"), field("PAGE  \\* MERGEFORMAT", "12"), run("页"))
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "第12页"
    assert marks(b) == [("field", 1, 3)]
    assert b.marks[0].data == {"instr": "PAGE \\* MERGEFORMAT"}


def test_field_spanning_paragraphs_keeps_state(tmp_path):
    # A TOC field starts in one paragraph and ends in a later one.
    body = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("一、总体情况") + "</w:p>"
            + para(run("二、主要做法"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            + para("正文"))
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "一、总体情况"), (2, "二、主要做法"), (3, "正文")]
    assert marks(block(doc, "body", 1)) == [("field", 0, 6)]
    assert marks(block(doc, "body", 2)) == [("field", 0, 6)]
    assert marks(block(doc, "body", 3)) == []


def test_ruby_reads_base_text_only(tmp_path):
    ruby = ('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>hàn</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>汉</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    doc = load(make_docx(tmp_path, para(ruby, run("字"))))
    assert block(doc, "body", 1).text == "汉字"


def test_math_is_skipped(tmp_path):
    math = '<m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>'
    doc = load(make_docx(tmp_path, para(run("公式"), math, run("完"))))
    assert block(doc, "body", 1).text == "公式完"


_RUN_TEXT = st.text(alphabet="Xx×某年月日，。 甲乙", min_size=0, max_size=4)
_RPR = st.sampled_from(["", "<w:b/>", "<w:vanish/>", '<w:color w:val="FF0000"/>', "<w:noProof/>"])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_RUN_TEXT, _RPR), min_size=1, max_size=8))
def test_runs_concatenate_and_segments_map_back(tmp_path, runs):
    # Whatever the formatting, the text is the runs' text joined with nothing between.
    body = para(*[run(text, rpr) for text, rpr in runs])
    doc = read(make_docx(tmp_path, body), "p.docx")
    b = block(doc, "body", 1)
    assert b.text == "".join(text for text, _ in runs)
    for seg in b.ref:
        assert b.text[seg.start:seg.end] == seg.t.text
    hidden = "".join(b.text[m.start:m.end] for m in b.marks_of("hidden"))
    assert hidden == "".join(text for text, rpr in runs if rpr == "<w:vanish/>")


# ------------------------------------------------------------------ tables

def test_table_cells_row_by_row_in_place(tmp_path):
    body = (para("表前")
            + table(["项目", "数量"], [cell("收入", "（万元）"), "3.26"])
            + para("表后"))
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "表前"), (2, "项目"), (3, "数量"), (4, "收入"),
                                  (5, "（万元）"), (6, "3.26"), (7, "表后")]
    assert [b.style for b in doc.blocks_in(["body"])] == [
        "Normal"] + ["table-cell"] * 5 + ["Normal"]


def test_vertically_merged_cells_counted_once(tmp_path):
    body = table(
        [cell("合并", tcpr='<w:vMerge w:val="restart"/>'), "A1"],
        [cell("", tcpr="<w:vMerge/>"), "A2"],
        [cell("", tcpr='<w:vMerge w:val="continue"/>'), "A3"],
    )
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "合并"), (2, "A1"), (3, "A2"), (4, "A3")]


def test_nested_tables_in_place(tmp_path):
    inner = table(["内1", "内2"])
    body = table([cell(para("外前"), inner, para("外后")), "右"]) + para("尾")
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "外前"), (2, "内1"), (3, "内2"), (4, "外后"),
                                  (5, "右"), (6, "尾")]


def cells(doc: Document) -> list[tuple[str, dict | None]]:
    """(text, cell mark data) of the body's blocks; None outside tables."""
    return [(b.text, next((dict(m.data) for m in b.marks_of("cell")), None))
            for b in doc.blocks_in(["body"])]


def test_cell_marks_give_table_row_and_grid_column(tmp_path):
    # Row 0: a cell spanning two grid columns moves "乙" to column 2.
    # Rows 1-2: a vertical merge; the continuation in row 2 is skipped but keeps its column.
    # Row 3: gridBefore leaves column 0 empty. The nested table gets its own index (1),
    # the table after it index 2; two paragraphs of one cell share its mark.
    inner = table(["内1", "内2"])
    outer = table([cell("甲", tcpr='<w:gridSpan w:val="2"/>'), "乙"],
                  [cell("合并", tcpr='<w:vMerge w:val="restart"/>'), "A1", "B1"],
                  [cell("", tcpr="<w:vMerge/>"), "A2", cell("B2", "（注）")],
                  ["C", cell(inner)])
    # Word writes gridBefore in the row's properties, before its first cell.
    last_row = outer.rindex("<w:tr>", 0, outer.index(">C<"))
    outer = (outer[:last_row] + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
             + outer[last_row + len("<w:tr>"):])
    doc = load(make_docx(tmp_path, para("表前") + outer + table(["后表"])))
    got = cells(doc)
    assert got[0] == ("表前", None)
    assert ("甲", {"table": 0, "row": 0, "col": 0}) in got
    assert ("乙", {"table": 0, "row": 0, "col": 2}) in got
    assert ("合并", {"table": 0, "row": 1, "col": 0}) in got
    assert ("A2", {"table": 0, "row": 2, "col": 1}) in got
    assert ("B2", {"table": 0, "row": 2, "col": 2}) in got
    assert ("（注）", {"table": 0, "row": 2, "col": 2}) in got
    assert ("C", {"table": 0, "row": 3, "col": 1}) in got
    assert ("内1", {"table": 1, "row": 0, "col": 0}) in got
    assert ("内2", {"table": 1, "row": 0, "col": 1}) in got
    assert ("后表", {"table": 2, "row": 0, "col": 0}) in got
    assert len(got) == 13

def test_rows_and_cells_inside_content_controls(tmp_path):
    body = ("<w:tbl>" + sdt("<w:tr>" + cell("行一") + "</w:tr>", placeholder=False)
            + "<w:tr>" + sdt(cell("格"), placeholder=False) + cell("二") + "</w:tr></w:tbl>")
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "行一"), (2, "格"), (3, "二")]


# ------------------------------------------------------------------ headers, footers, watermarks

def test_watermark_shape_numbered_after_its_anchor(tmp_path):
    header = para(run("某某网 www.example.cn 海量范文"), vml_watermark("某某网 严禁转载"),
                  style="Header") + para("第二段", style="Header")
    doc = load(make_docx(tmp_path, para("正文"), headers=[header], footers=[para("页脚")]))
    assert lines(doc, "header") == [(1, "某某网 www.example.cn 海量范文"),
                                    (2, "某某网 严禁转载"), (3, "第二段")]
    assert [b.style for b in doc.blocks_in(["header"])] == ["Header", "watermark", "Header"]
    wm = block(doc, "header", 2)
    assert wm.ref.part == "word/header1.xml" and wm.ref.element.tag.endswith("}shape")
    # The noProof run of the shape holds no text, so the anchor gets no mark.
    assert block(doc, "header", 1).marks == ()
    assert lines(doc, "footer") == [(1, "页脚")]
    assert [b.part for b in doc.blocks] == ["body", "header", "header", "header", "footer"]


def test_headers_across_sections_deduplicated_in_order(tmp_path):
    headers = [para("默认一"), para("首页"), para("偶数"), para("默认二")]
    first = sect({"even": 3, "default": 1, "first": 2}, {"default": 1}, title_pg=True)
    body = para("第一节", ppr=first) + para("第二节")
    last = sect({"default": 4, "first": 2}, {"default": 1})
    doc = load(make_docx(tmp_path, body, sect_xml=last, headers=headers,
                         footers=[para("页脚")]))
    assert lines(doc, "header") == [(1, "默认一"), (2, "首页"), (3, "偶数"), (4, "默认二")]
    assert lines(doc, "footer") == [(1, "页脚")]
    assert doc.meta["sections"] == 2
    assert block(doc, "header", 4).ref.part == "word/header4.xml"


def test_unreferenced_header_part_is_not_read(tmp_path):
    doc = load(make_docx(tmp_path, para("正文"), headers=[para("用过"), para("没用")]))
    assert lines(doc, "header") == [(1, "用过")]


def test_drawingml_wordart_in_header(tmp_path):
    header = para(run("页眉"), textbox_run(para("内部资料"), wordart=True))
    doc = load(make_docx(tmp_path, para("正文"), headers=[header]))
    assert lines(doc, "header") == [(1, "页眉"), (2, "内部资料")]
    assert block(doc, "header", 2).style == "watermark"


def test_plain_header_textbox_counted_once(tmp_path):
    header = para(run("页眉"), textbox_run(para("框内")))
    doc = load(make_docx(tmp_path, para("正文"), headers=[header]))
    assert lines(doc, "header") == [(1, "页眉"), (2, "框内")]
    assert block(doc, "header", 2).style == "textbox"


def test_shapetype_textpath_without_string_is_ignored(tmp_path):
    pict = ('<w:r><w:pict><v:shapetype id="t136"><v:textpath on="t"/></v:shapetype>'
            '<v:shape><v:textpath on="t"/></v:shape></w:pict></w:r>')
    doc = load(make_docx(tmp_path, para("正文"), headers=[para(run("页眉"), pict)]))
    assert lines(doc, "header") == [(1, "页眉")]


# ------------------------------------------------------------------ text boxes

def test_textbox_choice_counted_fallback_not(tmp_path):
    body = (para(run("前文"), textbox_run(para("框一甲") + para("框一乙"),
                                         fallback=para("旧副本")), run("后文"))
            + para(run("中段"), vml_textbox_run(para("框二")))
            + table([cell(para(run("格"), textbox_run(para("框三"))))]))
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "前文后文"), (2, "中段"), (3, "格")]
    assert lines(doc, "textbox") == [(1, "框一甲"), (2, "框一乙"), (3, "框二"), (4, "框三")]
    assert "旧副本" not in [b.text for b in doc.blocks]
    assert [b.part for b in doc.blocks][-4:] == ["textbox"] * 4


def test_nested_textbox_and_body_wordart(tmp_path):
    inner = textbox_run(para("内框"))
    body = (para(run("甲"), textbox_run(para(run("外框"), inner)))
            + para(run("乙"), vml_watermark("艺术字")))
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "甲"), (2, "乙")]
    assert [(b.line, b.text, b.style) for b in doc.blocks_in(["textbox"])] == [
        (1, "外框", "Normal"), (2, "内框", "Normal"), (3, "艺术字", "watermark")]


def test_textbox_blocks_follow_body_header_footer_notes(tmp_path):
    body = para(run("正文"), textbox_run(para("框")))
    doc = load(make_docx(tmp_path, body, headers=[para("眉")], footnotes=[para("注")]))
    assert [b.part for b in doc.blocks] == ["body", "header", "footnote", "textbox"]


# ------------------------------------------------------------------ notes and comments

def test_footnotes_and_endnotes_skip_separators(tmp_path):
    doc = load(make_docx(tmp_path, para("正文"),
                         footnotes=[para("注一"), para("注二") + para("续")],
                         endnotes=[para("尾注")]))
    assert lines(doc, "footnote") == [(1, "注一"), (2, "注二"), (3, "续")]
    assert lines(doc, "endnote") == [(1, "尾注")]


def test_comments_blocks_marks_and_meta(tmp_path):
    body = (para(run("范围为周边"), comment_range(0, run("200米")), run("以内。"))
            + para(run("引用"), '<w:r><w:commentReference w:id="1"/></w:r>', run("后")))
    comments = [(0, "刘芳", para("请核实距离") + para("第二段")),
                (1, "王五", para("只有引用"))]
    doc = load(make_docx(tmp_path, body, comments=comments))
    b1, b2 = block(doc, "body", 1), block(doc, "body", 2)
    assert marks(b1) == [("comment", 5, 9)]
    assert b1.marks[0].data["id"] == "0" and b1.marks[0].data["author"] == "刘芳"
    assert marks(b2) == [("comment", 2, 2)]
    assert b2.marks[0].data["author"] == "王五"
    assert lines(doc, "comment") == [(1, "请核实距离"), (2, "第二段"), (3, "只有引用")]
    c = block(doc, "comment", 2)
    assert c.style == "comment"
    assert [(m.kind, m.start, m.end, m.data["id"], m.data["author"]) for m in c.marks] == [
        ("comment", 0, 3, "0", "刘芳")]
    assert doc.meta["has_comments"] is True
    first = doc.meta["comments"][0]
    assert first["id"] == "0" and first["author"] == "刘芳"
    assert first["text"] == "请核实距离\n第二段" and first["lines"] == [1, 2]
    assert first["anchor"] == {"part": "body", "line": 1, "column": 6}
    assert doc.meta["comments"][1]["anchor"] == {"part": "body", "line": 2, "column": 3}


def test_comment_range_across_paragraphs(tmp_path):
    body = (para(run("甲乙"), '<w:commentRangeStart w:id="5"/>', run("丙丁"))
            + para("中间一段")
            + para(run("戊"), '<w:commentRangeEnd w:id="5"/>', run("己")))
    doc = load(make_docx(tmp_path, body, comments=[(5, "赵六", para("跨段"))]))
    assert marks(block(doc, "body", 1)) == [("comment", 2, 4)]
    assert marks(block(doc, "body", 2)) == [("comment", 0, 4)]
    assert marks(block(doc, "body", 3)) == [("comment", 0, 1)]


def test_comment_range_around_a_table(tmp_path):
    body = (para("前") + '<w:commentRangeStart w:id="3"/>' + table(["格一", "格二"])
            + '<w:commentRangeEnd w:id="3"/>'
            + para(run("后"), '<w:r><w:commentReference w:id="3"/></w:r>'))
    doc = load(make_docx(tmp_path, body, comments=[(3, "钱七", para("整表有误"))]))
    assert [marks(b) for b in doc.blocks_in(["body"])] == [
        [], [("comment", 0, 2)], [("comment", 0, 2)], []]
    assert doc.meta["comments"][0]["anchor"] == {"part": "body", "line": 2, "column": 1}


def test_no_comments_part(tmp_path):
    doc = load(make_docx(tmp_path, para("正文")))
    assert doc.meta["has_comments"] is False and doc.meta["comments"] == []
    assert lines(doc, "comment") == []


# ------------------------------------------------------------------ revisions

def test_revisions_blocks_and_marks(tmp_path):
    body = (para(run("召开会议，"), dele("印发", rid=11), ins(run("制定并印发"), rid=12),
                 run("方案。"))
            + para(ins(run("新增段落"), author="王五", rid=13))
            + para(run("移动"),
                   '<w:moveFrom w:id="14" w:author="甲"><w:r><w:t>旧处</w:t></w:r></w:moveFrom>',
                   '<w:moveTo w:id="15" w:author="甲"><w:r><w:t>新处</w:t></w:r></w:moveTo>'))
    doc = load(make_docx(tmp_path, body))
    b1 = block(doc, "body", 1)
    assert b1.text == "召开会议，制定并印发方案。"
    assert marks(b1) == [("deleted", 5, 5), ("inserted", 5, 10)]
    assert b1.marks[0].data["text"] == "印发"
    assert b1.marks[1].data == {"id": "12", "author": "李四", "date": "2026-02-01T08:00:00Z"}
    assert block(doc, "body", 2).text == "新增段落"
    b3 = block(doc, "body", 3)
    assert b3.text == "移动新处"
    assert marks(b3) == [("deleted", 2, 2), ("inserted", 2, 4)]
    revs = doc.blocks_in(["revision"])
    assert [(b.line, b.text, b.style) for b in revs] == [
        (1, "印发", "deletion"), (2, "制定并印发", "insertion"),
        (3, "新增段落", "insertion"),
        (4, "旧处", "deletion"), (5, "新处", "insertion")]
    d = revs[1].marks[0]
    assert (d.kind, d.start, d.end) == ("inserted", 0, 5)
    assert d.data == {"id": "12", "author": "李四", "date": "2026-02-01T08:00:00Z",
                      "part": "body", "line": 1}
    assert revs[2].marks[0].data["author"] == "王五"
    assert revs[3].marks[0].data["move"] is True
    assert doc.meta["has_revisions"] is True


def test_revisions_in_tables_follow_body_order(tmp_path):
    body = (para(ins(run("一"), rid=1)) + table([cell(para(dele("二", rid=2)))])
            + para(ins(run("三"), rid=3)))
    doc = load(make_docx(tmp_path, body))
    revs = doc.blocks_in(["revision"])
    assert [(b.text, b.marks[0].data["line"]) for b in revs] == [("一", 1), ("二", 2), ("三", 3)]
    assert [b.part for b in doc.blocks][-3:] == ["revision"] * 3


def test_deletion_nested_in_insertion_numbered_after_it(tmp_path):
    body = para(ins(run("留") + dele("删", rid=9), rid=8))
    doc = load(make_docx(tmp_path, body))
    assert [(b.text, b.style) for b in doc.blocks_in(["revision"])] == [
        ("留", "insertion"), ("删", "deletion")]


# ------------------------------------------------------------------ marks

def test_hidden_text_included_and_marked(tmp_path):
    body = para(run("报送工作总结"), run("本文由某网站首发", "<w:vanish/>"), run("。"),
                run("显", '<w:vanish w:val="0"/>'))
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "报送工作总结本文由某网站首发。显"
    assert marks(b) == [("hidden", 6, 14)]


def test_hidden_through_character_and_paragraph_styles(tmp_path):
    styles = styles_with(
        '<w:style w:type="character" w:styleId="SecretBase"><w:name w:val="Secret Base"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>",
        '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
        '<w:basedOn w:val="SecretBase"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="HiddenPara"><w:name w:val="Hidden Para"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>")
    body = (para(run("甲"), run("乙丙", '<w:rStyle w:val="Secret"/>'))
            + para(run("丁"), run("戊", "<w:vanish w:val=\"false\"/>"), style="HiddenPara"))
    doc = load(make_docx(tmp_path, body, extra={"word/styles.xml": styles}))
    assert marks(block(doc, "body", 1)) == [("hidden", 1, 3)]
    b2 = block(doc, "body", 2)
    assert b2.style == "Hidden Para" and marks(b2) == [("hidden", 0, 1)]


def test_adjacent_marks_merge_and_tabs_are_covered(tmp_path):
    body = para(run("甲"), "<w:r><w:rPr><w:vanish/></w:rPr><w:t>乙</w:t><w:tab/></w:r>",
                run("丙", "<w:vanish/><w:b/>"), run("丁"))
    doc = load(make_docx(tmp_path, body))
    assert marks(block(doc, "body", 1)) == [("hidden", 1, 4)]


def test_noproof_and_invisible_marks(tmp_path):
    body = para(
        run("正常"),
        run("不查", "<w:noProof/>"),
        run("白字", '<w:color w:val="FFFFFF"/>'),
        run("主题白", '<w:color w:val="000000" w:themeColor="background1"/>'),
        run("黑底白字", '<w:color w:val="ffffff"/><w:shd w:val="clear" w:fill="000000"/>'),
        run("高亮白字", '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>'),
        run("小", '<w:sz w:val="4"/>'),
        run("够大", '<w:sz w:val="5"/>'),
    )
    doc = load(make_docx(tmp_path, body))
    b = block(doc, "body", 1)
    assert b.text == "正常不查白字主题白黑底白字高亮白字小够大"
    assert marks(b) == [("noproof", 2, 4), ("invisible", 4, 9), ("invisible", 17, 18)]
    assert [m.data for m in b.marks_of("invisible")] == [{"reason": "white"}, {"reason": "tiny"}]


def test_white_text_on_painted_background_is_visible(tmp_path):
    white = '<w:color w:val="FFFFFF"/>'
    dark_cell = cell(para(run("表头", white)), tcpr='<w:shd w:val="clear" w:fill="1F4E79"/>')
    plain_cell = cell(para(run("藏字", white)))
    styled = table([cell(para(run("样式表", white)))]).replace(
        "<w:tblPr/>", '<w:tblPr><w:tblStyle w:val="LightList-Accent1"/></w:tblPr>')
    body = (table([dark_cell, plain_cell]) + styled
            + para(run("段落底纹", white), ppr='<w:shd w:val="clear" w:fill="000000"/>')
            + para(run("白纸白字", white)))
    doc = load(make_docx(tmp_path, body))
    assert lines(doc, "body") == [(1, "表头"), (2, "藏字"), (3, "样式表"), (4, "段落底纹"),
                                  (5, "白纸白字")]
    assert [marks(b) for b in doc.blocks_in(["body"])] == [
        [], [("invisible", 0, 2)], [], [], [("invisible", 0, 4)]]


def test_placeholder_content_controls(tmp_path):
    body = (para(run("姓名："), sdt(run("单击或点击此处输入文字。"), sid=1),
                 sdt(run("第二个"), sid=2), run("。"))
            + para(run("已填："), sdt(run("张三"), placeholder=False))
            + sdt(para("块级占位") + para("第二段"), sid=3))
    doc = load(make_docx(tmp_path, body))
    b1 = block(doc, "body", 1)
    assert b1.text == "姓名：单击或点击此处输入文字。第二个。"
    # Two unfilled controls side by side stay two marks.
    assert marks(b1) == [("placeholder", 3, 15), ("placeholder", 15, 18)]
    assert marks(block(doc, "body", 2)) == []
    assert lines(doc, "body")[2:] == [(3, "块级占位"), (4, "第二段")]
    assert marks(block(doc, "body", 3)) == [("placeholder", 0, 4)]
    assert marks(block(doc, "body", 4)) == [("placeholder", 0, 3)]


def test_numbering_marks_direct_and_through_style(tmp_path):
    numbering = base_package()["word/numbering.xml"].replace(
        b"</w:numbering>",
        '<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="20"><w:abstractNumId w:val="20"/></w:num></w:numbering>'.encode())
    direct = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="20"/></w:numPr>'
    body = (para("列表项", style="ListNumber") + para("中文编号", ppr=direct)
            + para("关闭", style="ListNumber", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
            + para("无编号"))
    doc = load(make_docx(tmp_path, body, extra={"word/numbering.xml": numbering}))
    b1, b2 = block(doc, "body", 1), block(doc, "body", 2)
    assert b1.style == "List Number"
    assert marks(b1) == [("numbering", 0, 0)]
    assert b1.marks[0].data == {"numId": 5, "ilvl": 0, "numFmt": "decimal",
                                "lvlText": "%1.", "start": 1}
    assert b2.marks[0].data == {"numId": 20, "ilvl": 1, "numFmt": "decimal",
                                "lvlText": "（%2）", "start": 1}
    assert marks(block(doc, "body", 3)) == [] and marks(block(doc, "body", 4)) == []


# ------------------------------------------------------------------ properties

def test_properties_fixed_order_and_lines(tmp_path):
    core = {"title": "述职报告", "subject": "  ", "creator": "某某文库",
            "lastModifiedBy": "admin",
            "keywords": "述职", "description": "模板说明", "category": "公文",
            "created": "2025-12-30T09:00:00Z", "modified": "2026-01-02T10:00:00Z"}
    app = {"Company": "某某文库（example.cn）", "Manager": "经理甲"}
    doc = load(make_docx(tmp_path, para("正文"), core=core, app=app))
    props = doc.blocks_in(["properties"])
    assert [(b.line, b.text, b.style) for b in props] == [
        (1, "述职报告", "property:title"), (3, "某某文库", "property:author"),
        (4, "admin", "property:last_modified_by"),
        (5, "某某文库（example.cn）", "property:company"), (6, "经理甲", "property:manager"),
        (7, "述职", "property:keywords"), (8, "模板说明", "property:comments"),
        (9, "公文", "property:category")]
    assert props[3].ref.part == "docProps/app.xml"
    assert doc.meta["created"] == "2025-12-30T09:00:00Z"
    assert doc.meta["modified"] == "2026-01-02T10:00:00Z"
    assert doc.meta["properties"]["subject"] == "  "
    assert doc.blocks[-1].part == "properties"


def test_no_property_parts(tmp_path):
    path = make_docx(tmp_path, para("正文"), drop=["docProps/core.xml", "docProps/app.xml"])
    doc = load(path)
    assert doc.blocks_in(["properties"]) == []
    assert doc.meta["created"] is None
    assert not any(n.startswith("docProps/core") for n in read_members(path))


def test_part_order_of_all_blocks(tmp_path):
    body = para(run("正文"), ins(run("增"))) + para(run("框"), textbox_run(para("框内")))
    doc = load(make_docx(tmp_path, body, headers=[para("眉")], footers=[para("脚")],
                         footnotes=[para("脚注")], endnotes=[para("尾注")],
                         comments=[(0, "甲", para("批注"))], core={"title": "题"}))
    assert [b.part for b in doc.blocks] == [
        "body", "body", "header", "footer", "footnote", "endnote", "textbox", "comment",
        "revision", "properties"]


# ------------------------------------------------------------------ packages

def test_main_part_found_through_package_relationships(tmp_path):
    src = make_docx(tmp_path, para("主文档"), headers=[para("眉")])
    rels = read_members(src)["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    out = rewrite_zip(src, tmp_path / "moved.docx",
                      rename={"word/document.xml": "word/main.xml",
                              "word/_rels/document.xml.rels": "word/_rels/main.xml.rels"},
                      replace={"_rels/.rels": rels})
    doc = load(out)
    assert lines(doc, "body") == [(1, "主文档")]
    assert lines(doc, "header") == [(1, "眉")]
    assert doc.meta["main_part"] == "word/main.xml"


def test_macro_enabled_document_reads(tmp_path):
    path = make_docx(tmp_path, para("宏文档"), name="m.docm",
                     extra={"word/vbaProject.bin": b"\x00" * 64})
    doc = load(path)
    assert lines(doc, "body") == [(1, "宏文档")] and doc.meta["macro_enabled"] is True


def test_read_document_dispatches_docx(tmp_path):
    doc = read_document(make_docx(tmp_path, para("分派")), "x.docx")
    assert doc.format == "docx" and doc.path == "x.docx"


def test_reading_creates_nothing_and_changes_nothing(tmp_path):
    path = make_docx(tmp_path, para("正文"), drop=["docProps/core.xml"])
    before, names = path.read_bytes(), sorted(p.name for p in tmp_path.iterdir())
    mtime = path.stat().st_mtime_ns
    read(path, "t.docx")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == names


# ------------------------------------------------------------------ errors

def error_of(path: Path) -> str:
    """The ReadError message reading `path` raises."""
    with pytest.raises(ReadError) as info:
        read(path, path.name)
    return str(info.value)


def test_not_a_zip(tmp_path):
    path = tmp_path / "a.docx"
    path.write_text("这不是压缩包", encoding="utf-8")
    assert error_of(path) == "not a Word document: file is not a zip archive"
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert error_of(empty) == "not a Word document: file is not a zip archive"


def test_ole_file(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert error_of(path) == ("encrypted or legacy .doc file (OLE compound document); "
                              "save it as .docx")


def test_zip_without_document(tmp_path):
    path = write_zip(tmp_path / "x.docx", {"[Content_Types].xml": "<Types/>",
                                           "docProps/app.xml": "<Properties/>"})
    assert error_of(path) == "not a Word document: no word/document.xml"


def test_zip_whose_main_part_is_not_wordprocessingml(tmp_path):
    path = write_zip(tmp_path / "x.docx", {"word/document.xml": "<workbook/>"})
    assert error_of(path) == "not a Word document: no word/document.xml"


def test_malformed_xml_in_document_and_in_header(tmp_path):
    src = make_docx(tmp_path, para("正文"), headers=[para("眉")])
    bad = rewrite_zip(src, tmp_path / "bad.docx",
                      replace={"word/document.xml":
                               '<w:document xmlns:w="urn:w"><w:body></w:document>'})
    msg = error_of(bad)
    assert msg.startswith("malformed XML in word/document.xml: ")
    assert msg == ("malformed XML in word/document.xml: Opening and ending tag mismatch: "
                   "body line 1 and document, line 1, column 50")
    bad_header = rewrite_zip(src, tmp_path / "bad2.docx",
                             replace={"word/header1.xml": "<w:hdr"})
    assert error_of(bad_header).startswith("malformed XML in word/header1.xml: ")


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Make the central directory claim `member` inflates to `size` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_total_size_refused(tmp_path):
    path = make_docx(tmp_path, para("正文"), extra={"word/media/big.bin": b"x" * 10})
    _patch_declared_size(path, "word/media/big.bin", 300 * MiB)
    with zipfile.ZipFile(path) as zf:
        total = sum(i.file_size for i in zf.infolist())
    assert error_of(path) == (f"refused: the archive would expand to {-(-total // MiB)} MiB "
                              "(limit 256 MiB)")


def test_zip_bomb_ratio_refused(tmp_path):
    path = make_docx(tmp_path, para("正文"), extra={"word/media/zeros.bin": b"\x00" * (11 * MiB)})
    with zipfile.ZipFile(path) as zf:
        total = sum(i.file_size for i in zf.infolist())
    assert error_of(path) == (f"refused: the archive would expand to {-(-total // MiB)} MiB "
                              "(limit 256 MiB)")


def test_small_dense_member_is_fine(tmp_path):
    # Highly compressible but small (styles-like XML): not a bomb.
    path = make_docx(tmp_path, para("正文"), extra={"word/media/zeros.bin": b"\x00" * (2 * MiB)})
    assert lines(load(path), "body") == [(1, "正文")]


def test_file_too_large_on_disk(tmp_path):
    path = tmp_path / "huge.docx"
    with path.open("wb") as fh:
        fh.truncate(201 * MiB)  # sparse: no real disk use
    assert error_of(path) == "file too large (201 MiB; the limit is 200 MiB)"


def test_entities_are_not_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    src = make_docx(tmp_path, para("正文"))
    doc_xml = read_members(src)["word/document.xml"].decode()
    dtd = ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "' + secret.as_uri() + '">'
           '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    head, rest = doc_xml.split("\n", 1)
    rest = rest.replace("<w:t xml:space=\"preserve\">正文</w:t>",
                        "<w:t xml:space=\"preserve\">前&xxe;&c;</w:t>")
    path = rewrite_zip(src, tmp_path / "xxe.docx",
                       replace={"word/document.xml": head + "\n" + dtd + rest})
    doc = load(path)
    text = block(doc, "body", 1).text
    assert "TOPSECRET" not in text and "aaaa" not in text
    assert text.startswith("前")


# ------------------------------------------------------------------ size

def test_a_large_document_reads_completely(tmp_path):
    """A 300-page-sized body reads every paragraph (its speed is measured in bench/)."""
    runs = "".join(run(f"第{i}段文字，", "<w:b/>" if i % 2 else "") for i in range(8))
    body = "".join(para(runs, style="Heading1" if n % 40 == 0 else None) for n in range(6000))
    body += table(*[[f"格{r}{c}" for c in range(4)] for r in range(300)])
    path = make_docx(tmp_path, body)
    doc = read(path, "big.docx")
    assert len(doc.blocks_in(["body"])) == 6000 + 1200
    assert doc.blocks_in(["body"])[-1].text == "格2993"
