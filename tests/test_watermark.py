"""The watermark pack on whole documents: ad blocks, learnt site names, contacts, repeated
running headers, and the .docx places ads hide in (headers, shapes, text boxes, invisible text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docx_build import make_docx, para, run, textbox_run, vml_watermark
from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers import read_document
from draftlint.readers.text import document_from_text
from draftlint.rules import load_pack, rules_dir

RULES = {r.id: r for r in load_pack(rules_dir() / "watermark.toml")}
ALL = [r for r in RULES.values() if r.enabled]


def lint_doc(doc, rules=ALL):
    findings, errors = lint(doc, rules, Config(), context_for(Config()), debug=True)
    assert not errors
    return findings


def lint_txt(text: str, rules=ALL):
    return lint_doc(document_from_text(text, "<test>"), rules)


def lines_of(findings, rule=None):
    return [(f.line, f.text) for f in findings if rule is None or f.rule == rule]


# ---------------------------------------------------------------- text: whole documents

TOP_BLOCK = "\n".join([
    "本资料仅供学习交流 严禁外传",          # 1 ad (strong)
    "墨香斋",                               # 2 between two ad lines
    "用心服务每一位用户",                    # 3 between two ad lines, no ad words
    "开通年费会员立享全站资料",              # 4 ad
    "",
    "",
    "青山县农业农村局2026年上半年工作总结",  # 7 title: never an ad by position
    "",
    "墨香斋整理，咨询QQ：31415926",          # 9 ad
    "2026年上半年，我局坚持以乡村振兴为总抓手，扎实推进各项工作。现将有关情况总结如下。",
    "一、主要工作",
    "全年组织全局干部职工通过微信公众号、微信群转发政策解读信息120余条。",
    "",
    "青山县农业农村局",
    "2026年7月5日",
    "",
    "墨香斋",                               # 17 learnt site name, alone
    "更多范文请关注微信公众号“墨香斋”",      # 18 ad
])


def test_top_block_lines_between_ads_are_ads():
    found = lines_of(lint_txt(TOP_BLOCK), "watermark.ad")
    assert found == [
        (1, "本资料仅供学习交流 严禁外传"),
        (2, "墨香斋"),
        (3, "用心服务每一位用户"),
        (4, "开通年费会员立享全站资料"),
        (9, "墨香斋整理，咨询QQ：31415926"),
        (17, "墨香斋"),
        (18, "更多范文请关注微信公众号“墨香斋”"),
    ]


def test_title_and_blank_lines_are_never_pulled_in():
    found = {line for line, _ in lines_of(lint_txt(TOP_BLOCK))}
    assert not found & {5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16}


def test_lines_between_ads_in_the_middle_of_the_text_are_not_ads():
    text = "\n".join([
        "青山县2026年工作总结",
        "2026年，全县上下齐心协力，各项工作稳步推进。现将有关情况报告如下。",
        "墨香斋整理，咨询QQ：31415926",
        "一、经济运行",
        "墨香斋整理，咨询QQ：31415926",
        "全县地区生产总值增长5.6%，规模以上工业增加值增长7.1%。",
    ])
    assert lines_of(lint_txt(text), "watermark.ad") == [
        (3, "墨香斋整理，咨询QQ：31415926"), (5, "墨香斋整理，咨询QQ：31415926")]


def test_ad_sentence_inside_a_paragraph_is_reported_alone():
    text = ("今年以来，我们共组织专题培训12期。更多精彩范文请访问 www.example-fw.com 一键下载。"
            "下一步将继续加强队伍建设。")
    found = lines_of(lint_txt(text), "watermark.ad")
    assert found == [(1, "更多精彩范文请访问 www.example-fw.com 一键下载。")]


def test_bracketed_ad_inside_a_sentence_is_narrowed_to_the_bracket():
    text = "全面完成年度目标任务，群众满意度明显提升（本文由笔杆文苑整理，转载请注明出处）"
    assert lines_of(lint_txt(text), "watermark.ad") == [
        (1, "（本文由笔杆文苑整理，转载请注明出处）")]


@pytest.mark.parametrize("line", [
    "联系人：刘洋　　联系电话：0512-66012345",
    "联系人：刘洋，电话：13912345678，邮箱：liuyang@example.org",
    "投资者关系：ir@example.com，电话：021-66886688",
    "报名咨询电话：0512-66012345，传真：0512-66012346",
    "相关表格可在县政府网站 www.qingshan.gov.cn 下载",
    "通过微信公众号、微信群、抖音号发布防汛信息86条",
    "组织党员关注“青山发布”公众号，及时了解政策动态",
    "各单位完成2026年度党报党刊订阅工作",
    "对收集到的宣传素材进行分类整理，建立素材库",
    "资料整理、归档工作由办公室负责。",
])
def test_legitimate_contacts_and_media_mentions_are_not_ads(line):
    text = "青山县人民政府办公室关于开展防汛检查的通知\n" + line + "\n青山县人民政府办公室"
    assert lint_txt(text) == []


def test_contact_rule_names_tokens_inside_ad_lines_only():
    text = "\n".join([
        "写作交流群 QQ群：52013140 微信：pen_helper01",
        "联系人：刘洋　　联系电话：0512-66012345",
    ])
    found = lines_of(lint_txt(text, [RULES["watermark.contact"]]))
    assert found == [(1, "QQ群：52013140"), (1, "微信：pen_helper01")]


def test_contact_tokens_collapse_into_the_ad_line():
    found = lint_txt("写作交流群 QQ群：52013140 微信：pen_helper01")
    assert [(f.rule, f.text) for f in found] == [
        ("watermark.ad", "写作交流群 QQ群：52013140 微信：pen_helper01")]


def test_message_names_the_evidence_in_both_languages():
    doc = document_from_text("墨香斋整理，咨询QQ：31415926", "<t>")
    zh, _ = lint(doc, [RULES["watermark.ad"]], Config(), context_for(Config()), lang="zh")
    en, _ = lint(doc, [RULES["watermark.ad"]], Config(), context_for(Config()), lang="en")
    assert "咨询QQ" in zh[0].message and "删除" in zh[0].message
    assert "evidence" in en[0].message and "咨询QQ" in en[0].message


def test_english_template_site_lines():
    text = "\n".join([
        "templates-hub.example.com / Free report templates / do not redistribute",
        "Northwind Freight Ltd.",
        "Quarterly report. Our volunteers gave pro bono advice; downloads of the app rose 12%.",
        "Upgrade to Premium for unlimited downloads -> templates-hub.example.com/pro",
    ])
    assert [line for line, _ in lines_of(lint_txt(text), "watermark.ad")] == [1, 4]


def test_markdown_link_ad(tmp_path):
    path = tmp_path / "总结.md"
    path.write_text("# 青山县第一中学工作总结\n\n本学期教学工作稳步推进。\n\n"
                    "[点击下载更多工作总结范文](https://www.example-fw.com/zj/)\n", encoding="utf-8")
    found = lint_doc(read_document(path, "总结.md"))
    assert [(f.rule, f.line) for f in found] == [("watermark.ad", 5)]


# ---------------------------------------------------------------- repeated running headers

def running_header_text(header: str, pages: int = 4, lines_per_page: int = 9) -> str:
    """A text converted from PDF: `header` opens every page, then the page's paragraphs."""
    out = []
    for page in range(pages):
        out.append(header.replace("#", str(page + 1)))
        for i in range(lines_per_page - 1 + page % 2):  # pages differ a little in length
            out.append(f"第{page + 1}页第{i + 1}段，全县各项工作稳步推进，群众满意度持续提升。")
    return "\n".join(out)


def test_repeated_running_header_fixture():
    """The fixture named by `watermark.repeated` in examples.docx."""
    text = running_header_text("墨香文苑 · 第#页")
    found = lines_of(lint_txt(text, [RULES["watermark.repeated"]]))
    assert [t for _, t in found] == [f"墨香文苑 · 第{p}页" for p in range(1, 5)]


@pytest.mark.parametrize("header", ["一、工作开展情况", "此致", "- # -", "第#页", "责任单位：县财政局"])
def test_repeated_headings_formulas_and_page_numbers_are_not_flagged(header):
    text = running_header_text(header)
    assert lint_txt(text, [RULES["watermark.repeated"]]) == []


def test_irregular_repeats_are_not_running_headers():
    lines = ["青山县农业农村局"] + ["全县各项工作稳步推进。"] * 3 + ["青山县农业农村局"] \
        + ["全县各项工作稳步推进。"] * 30 + ["青山县农业农村局"]
    assert lint_txt("\n".join(lines), [RULES["watermark.repeated"]]) == []


def test_repeated_rule_ignores_docx(tmp_path):
    body = "".join(para("墨香文苑 精品文档") + para("全县各项工作稳步推进，成效明显。") * 6
                   for _ in range(4))
    doc = read_document(make_docx(tmp_path, body), "t.docx")
    assert lint_doc(doc, [RULES["watermark.repeated"]]) == []


# ---------------------------------------------------------------- .docx fixtures

WHITE = '<w:color w:val="FFFFFF"/>'


def build_watermark_shape(tmp_path: Path) -> Path:
    header = para(run("青山县交通运输局"), vml_watermark("笔杆文苑 严禁转载"))
    return make_docx(tmp_path, para("青山县交通运输局2026年工作总结"), headers=[header],
                     name="watermark-shape.docx")


def build_invisible_text(tmp_path: Path) -> Path:
    body = para("全年完成公路养护里程326公里。", run("笔杆文苑 bigan.example.com", WHITE))
    return make_docx(tmp_path, body, name="invisible-text.docx")


DOCX_FIXTURES = {
    "watermark-shape": (build_watermark_shape, "watermark.shape"),
    "invisible-text": (build_invisible_text, "watermark.invisible"),
}


def test_every_docx_example_has_a_fixture():
    for rule in RULES.values():
        for name in rule.examples.get("docx", ()):
            if rule.id == "watermark.repeated":
                continue  # a text fixture, built in test_repeated_running_header_fixture
            assert name in DOCX_FIXTURES and DOCX_FIXTURES[name][1] == rule.id


@pytest.mark.parametrize("name", sorted(DOCX_FIXTURES))
def test_docx_fixture_flags_its_rule(tmp_path, name):
    build, rule_id = DOCX_FIXTURES[name]
    doc = read_document(build(tmp_path), f"{name}.docx")
    assert [f.rule for f in lint_doc(doc, [RULES[rule_id]])]


def test_watermark_shape_is_reported_in_the_header(tmp_path):
    doc = read_document(build_watermark_shape(tmp_path), "w.docx")
    found = [(f.part, f.line, f.text) for f in lint_doc(doc)]
    # The unit's own name in its header is legitimate; the shape is header line 2.
    assert found == [("header", 2, "笔杆文苑 严禁转载")]


def test_invisible_text_is_reported(tmp_path):
    doc = read_document(build_invisible_text(tmp_path), "i.docx")
    found = [(f.rule, f.text) for f in lint_doc(doc, [RULES["watermark.invisible"]])]
    assert found == [("watermark.invisible", "笔杆文苑 bigan.example.com")]


def test_invisible_spacer_is_not_reported(tmp_path):
    body = para("全年完成公路养护里程326公里。", run("  ", WHITE),
                run(" ", '<w:sz w:val="2"/>'))
    doc = read_document(make_docx(tmp_path, body), "s.docx")
    assert lint_doc(doc) == []


def test_header_and_footer_ads_versus_the_units_own_lines(tmp_path):
    headers = [para("笔杆文苑 bigan.example.com 海量精品范文 一键下载")]
    footers = [para("开通会员请致电400-123-4567，享受无限下载")]
    doc = read_document(make_docx(tmp_path, para("正文。"), headers=headers, footers=footers),
                        "h.docx")
    assert [(f.part, f.rule) for f in lint_doc(doc)] == [
        ("header", "watermark.ad"), ("footer", "watermark.ad")]
    own = read_document(make_docx(tmp_path, para("正文。"), name="own.docx",
                                  headers=[para("青山县交通运输局")],
                                  footers=[para("地址：青山县人民路8号　电话：0512-66012345　"
                                                "网址：www.qingshan-jt.example.com")]), "own.docx")
    assert lint_doc(own) == []


def test_qq_in_a_footer_is_promotional(tmp_path):
    doc = read_document(make_docx(tmp_path, para("正文。"), footers=[para("墨香斋 QQ 31415926")]),
                        "q.docx")
    assert [f.part for f in lint_doc(doc)] == ["footer"]


def test_ads_in_text_boxes_and_hidden_text(tmp_path):
    box = textbox_run(para("更多精品范文 一键下载"))
    body = (para("全年完成公路养护里程326公里。", box)
            + para("各项工作稳步推进。", run("本文由笔杆文苑整理发布", "<w:vanish/>")))
    doc = read_document(make_docx(tmp_path, body), "b.docx")
    found = [(f.part, f.text) for f in lint_doc(doc, [RULES["watermark.ad"]])]
    assert found == [("body", "本文由笔杆文苑整理发布"), ("textbox", "更多精品范文 一键下载")]


def test_seed_like_block_of_ads(tmp_path):
    """A block of ad lines above a title, as template sites publish them (own wording)."""
    text = "\n".join([
        "仅供学习参考 用后删除",
        "墨香斋",
        "专注公文写作十年",
        "现在订阅立享全部资料",
        "【严厉打击倒卖行为】",
        "举报倒卖会员资料者，免费赠送半年会员！",
        "会员群：          免费QQ群：        ",
        "",
        "【会员资料仅供内部学习，严禁外传】",
        "办公室主任述职报告",
    ])
    found = [line for line, _ in lines_of(lint_txt(text), "watermark.ad")]
    assert found == [1, 2, 3, 4, 5, 6, 7, 9]


def test_lines_repeated_far_apart_are_not_page_headers():
    filler = [f"第{i}段，全县各项工作稳步推进。" for i in range(100)]
    lines = (["青山县农业农村局"] + filler) * 3
    assert lint_txt("\n".join(lines), [RULES["watermark.repeated"]]) == []


def test_bare_site_address_above_the_title_or_below_the_signature():
    text = "\n".join([
        "www.example-fw.com",
        "青山县农业农村局2026年工作总结",
        "2026年，我局扎实推进各项工作，取得明显成效。现将有关情况总结如下。",
        "青山县农业农村局",
        "联系电话：0512-66012345　网址：www.qingshan-ny.example.com",
        "墨香斋 QQ 31415926",
    ])
    assert lines_of(lint_txt(text), "watermark.ad") == [
        (1, "www.example-fw.com"), (6, "墨香斋 QQ 31415926")]
