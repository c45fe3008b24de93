"""Build examples/述职报告-草稿.docx: a draft with the defects draftlint finds in Word files.

Run `python tools/make_example_docx.py` after changing it; the .docx is committed so a
fresh checkout can run the README's first command without building anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "examples" / "述职报告-草稿.docx"


def build(out: Path = OUT) -> Path:
    """Write the example document and return its path."""
    doc = Document()
    core = doc.core_properties
    core.author = "范文下载网"
    core.last_modified_by = "范文下载网"
    core.title = "述职报告"
    core.created = dt.datetime(2025, 12, 1, 9, 0, 0)
    core.modified = dt.datetime(2025, 12, 1, 9, 0, 0)

    header = doc.sections[0].header.paragraphs[0]
    header.text = "范文下载网 www.example-fanwen.invalid 海量范文免费下载"

    doc.add_heading("2025年度个人述职报告", level=1)
    p = doc.add_paragraph("述职人：")
    run = p.add_run("×")
    run = p.add_run("×")
    run.bold = True
    p = doc.add_paragraph("一年来，本人认真履行岗位职责，全年牵头完成重点项目")
    slot = p.add_run("X")
    slot.bold = True
    slot.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    p.add_run("个，组织专题培训")
    p.add_run("XX").font.highlight_color = 7  # yellow
    p.add_run("场，始终做到严于律")
    p.add_run("已").font.size = Pt(12)
    p.add_run("。")

    p = doc.add_paragraph("工作中注重调查研究，撰写调研报告3篇，")
    # A tracked insertion and deletion nobody accepted.
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="李编辑" w:date="2025-11-30T10:00:00Z">'
        '<w:r><w:t>其中两篇获市级表彰。</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="李编辑" w:date="2025-11-30T10:01:00Z">'
        '<w:r><w:delText>（此处写获奖情况）</w:delText></w:r></w:del>'))

    p = doc.add_paragraph("在某某项目中负责统筹协调，按期完成建设任务。")
    doc.add_comment(p.runs[0], text="这里的项目名称要改", author="王主任", initials="WZ")

    hidden = doc.add_paragraph().add_run("本模板仅供学习，禁止外传")
    hidden.font.hidden = True

    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "责任部门"
    table.cell(0, 1).text = "完成时限"
    table.cell(1, 0).text = "【牵头单位】"
    table.cell(1, 1).text = "X月X日前"

    doc.add_paragraph("述职人：XXX")
    doc.add_paragraph("2025年12月")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(build())
