"""The .txt and .md readers: decoding, line numbering and true source columns."""

from __future__ import annotations

import pytest

from draftlint import lint_paths
from draftlint.readers import ReadError, read_document
from draftlint.readers.markdown import document_from_markdown
from draftlint.readers.text import decode_bytes, split_lines

SLOT = "撰写调研文章X篇"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data,encoding,bom", [
    (SLOT.encode("utf-8"), "utf-8", b""),
    (b"\xef\xbb\xbf" + SLOT.encode("utf-8"), "utf-8", b"\xef\xbb\xbf"),
    (SLOT.encode("gb18030"), "gb18030", b""),
    (b"\xff\xfe" + SLOT.encode("utf-16-le"), "utf-16-le", b"\xff\xfe"),
])
def test_decoding_keeps_encoding_and_bom(data, encoding, bom):
    text, handle = decode_bytes(data)
    assert text == SLOT
    assert (handle.encoding, handle.bom) == (encoding, bom)


def test_binary_and_undecodable_input_are_read_errors():
    with pytest.raises(ReadError, match="binary file"):
        decode_bytes(b"abc\x00def")
    with pytest.raises(ReadError, match="neither UTF-8 nor GB18030"):
        decode_bytes(b"\x81\x20\xff\xff")


def test_newline_styles_count_one_line_each():
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    _, handle = decode_bytes("一\r\n二\r\n".encode())
    assert handle.newline == "\r\n"
    # Form feeds and U+2028 are not line breaks for editors, so not for us either.
    assert split_lines("a\x0cb\u2028c") == ["a\x0cb\u2028c"]


def test_crlf_gb18030_file_positions(tmp_path):
    path = write(tmp_path, "报告.txt", ("标题\r\n" + SLOT + "\r\n").encode("gb18030"))
    report = lint_paths([path], select=["placeholder"])
    [f] = report.findings
    assert (f.line, f.column, f.end_column, f.text) == (2, 7, 8, "X")


def test_bom_does_not_shift_columns(tmp_path):
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbf" + SLOT.encode())
    [f] = lint_paths([path], select=["placeholder"]).findings
    assert (f.line, f.column) == (1, 7)


def test_missing_and_directory_paths_are_read_errors(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt", "nope.txt")
    with pytest.raises(ReadError, match="unsupported file type"):
        read_document(tmp_path / "a.pdf", "a.pdf")


def md(text):
    return document_from_markdown(text, "t.md")


def test_markdown_columns_are_source_columns():
    doc = md("## 一、**XX**中学 `X` 情况\n")
    block = doc.blocks[0]
    assert block.text == "一、XX中学 X 情况"
    assert block.style == "heading2"
    start = block.text.index("XX")
    assert block.source_span(start, start + 2) == (7, 9)
    assert block.source[7:9] == "XX"
    code = next(block.marks_of("code"))
    assert block.text[code.start:code.end] == "X"


def test_markdown_removes_what_is_not_text():
    doc = md("---\ntitle: XX\n---\n```\nX = 1\n```\n<!-- XX\nXX -->\n"
             "[点击下载](https://example.invalid/XX) ![图XX](a.png)\n")
    texts = [b.text for b in doc.blocks]
    # Front matter, code, comments, link targets and images are gone; trailing
    # blanks are a hard line break, not text.
    assert texts == ["", "", "", "", "", "", "", "", "点击下载"]


def test_markdown_footnote_definitions_are_text_and_link_definitions_are_not():
    doc = md("正文[^1]。\n[ref]: https://example.invalid/XX\n[^1]: 数据来源:统计局。\n")
    assert [b.text for b in doc.blocks] == ["正文。", "", "数据来源:统计局。"]
    footnote = doc.blocks[2]
    assert footnote.style == "footnote"
    assert footnote.origin[footnote.text.index(":")] == len("[^1]: 数据来源")  # source column


def test_markdown_emphasis_spaces_that_commonmark_needs_are_not_text():
    doc = md("1. **扩大覆盖面。** 新建书屋。\n做好 **“三项工作”**，成效明显。\n"
             "**Note.** The plan.\n完成任务 **大幅**提升\n")
    texts = [b.text for b in doc.blocks]
    # after 。** and before **“ the space is syntax; an English word space and a space
    # before emphasis that opens on a Han character are kept
    assert texts == ["1. 扩大覆盖面。新建书屋。", "做好“三项工作”，成效明显。",
                     "Note. The plan.", "完成任务 大幅提升"]
    assert doc.blocks[0].origin[doc.blocks[0].text.index("新")] == len("1. **扩大覆盖面。** ")


def test_markdown_link_keeps_url_in_a_mark():
    block = md("请访问[我们的网站](https://example.invalid/a)获取\n").blocks[0]
    assert block.text == "请访问我们的网站获取"
    link = next(block.marks_of("link"))
    assert block.text[link.start:link.end] == "我们的网站"
    assert link.data["url"] == "https://example.invalid/a"


def test_markdown_table_rows_are_cells_joined_by_tabs():
    doc = md("| 年级 | 人数 |\n| --- | --- |\n| 七年级 | 538 |\n")
    assert [b.style for b in doc.blocks] == ["table-row", "table-delimiter", "table-row"]
    row = doc.blocks[2]
    assert row.text == "七年级\t538"
    # The tab maps to the pipe between the cells.
    assert row.source[row.origin[row.text.index("\t")]] == "|"


def test_markdown_lists_quotes_and_escapes():
    doc = md("- [ ] 待办事项\n1. 第一项\n> 引用XX内容\n\\*不是强调\\*\n")
    assert [b.text for b in doc.blocks] == ["待办事项", "1. 第一项", "引用XX内容", "*不是强调*"]
    assert [b.style for b in doc.blocks[:3]] == ["list-item", "list-item", "blockquote"]


def test_markdown_underscores_between_cjk_stay_text():
    # Intraword underscores are literal in CommonMark: the blank is a placeholder.
    assert md("常住人口____万人\n").blocks[0].text == "常住人口____万人"
    assert md("这是__加粗__文字\n").blocks[0].text == "这是__加粗__文字"
    assert md("这是 __加粗__ 文字\n").blocks[0].text == "这是 加粗 文字"


def test_markdown_findings_report_source_text(tmp_path):
    path = write(tmp_path, "a.md", "# **XX**中学工作总结\n".encode())
    [f] = lint_paths([path], select=["placeholder"]).findings
    assert (f.line, f.column, f.end_column, f.text) == (1, 5, 7, "XX")
