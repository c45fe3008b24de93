"""The residue pack on real .docx files: comments, revisions, hidden text and properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docx_build import comment_range, dele, ins, make_docx, para, run
from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers import read_document
from draftlint.readers.text import document_from_text
from draftlint.rules import load_pack, rules_dir

RULES = {r.id: r for r in load_pack(rules_dir() / "residue.toml")}
ALL = [r for r in RULES.values() if r.enabled]

TITLE = "青山县交通运输局关于开展农村公路安全隐患排查整治的实施方案"
HEADER = [para("青山县交通运输局")]
SIGNATURE = para("青山县交通运输局") + para("2026年3月2日")


def lint_file(path: Path, rules=ALL, **ctx):
    doc = read_document(path, path.name)
    findings, errors = lint(doc, rules, Config(), context_for(Config(), **ctx), debug=True)
    assert not errors
    return findings


def found(findings):
    return [(f.rule, f.part, f.text) for f in findings]


# ---------------------------------------------------------------- fixtures (examples.docx)

def build_comment(tmp: Path) -> Path:
    body = para(TITLE) + para("排查范围为全县", comment_range(0, run("326公里")), "农村公路。")
    return make_docx(tmp, body, name="comment.docx", headers=HEADER,
                     comments=[(0, "王芳", para("里程数请养护科再核实"))])


def build_comment_directive(tmp: Path) -> Path:
    body = para(TITLE) + para("排查范围为全县", comment_range(1, run("326公里")), "农村公路。")
    return make_docx(tmp, body, name="comment-directive.docx", headers=HEADER,
                     comments=[(1, "王芳", para("draftlint-disable number"))])


def build_revision(tmp: Path) -> Path:
    body = para(TITLE) + para("召开动员会，", dele("下发", rid=11), ins(run("印发并解读"), rid=12),
                              "工作方案。")
    return make_docx(tmp, body, name="revision.docx", headers=HEADER)


def build_hidden_text(tmp: Path) -> Path:
    body = para(TITLE) + para("各单位按时报送进展情况。",
                              run("本方案由笔杆文苑原创首发", "<w:vanish/>"))
    return make_docx(tmp, body, name="hidden-text.docx", headers=HEADER)


def build_site_metadata(tmp: Path) -> Path:
    return make_docx(tmp, para(TITLE), name="site-metadata.docx", headers=HEADER,
                     core={"creator": "笔杆范文网", "lastModifiedBy": "pen_admin"},
                     app={"Company": "笔杆文苑（bigan.example.com）"})


def build_configured_author(tmp: Path) -> Path:
    return make_docx(tmp, para(TITLE), name="configured-author.docx", headers=HEADER,
                     core={"creator": "张伟", "lastModifiedBy": "李娜"},
                     app={"Company": "青山县交通运输局"})


def build_other_unit(tmp: Path) -> Path:
    return make_docx(tmp, para(TITLE) + para("一、工作目标") + SIGNATURE, name="other-unit.docx",
                     headers=HEADER, core={"creator": "赵强"},
                     app={"Company": "白水市公路管理局"})


FIXTURES = {
    "comment": (build_comment, "residue.comment"),
    "comment-directive": (build_comment_directive, None),
    "revision": (build_revision, "residue.revision"),
    "hidden-text": (build_hidden_text, "residue.hidden"),
    "site-metadata": (build_site_metadata, "residue.site-metadata"),
    "configured-author": (build_configured_author, "residue.configured-author"),
    "other-unit": (build_other_unit, "residue.other-unit"),
}
CONFIG_CTX = {"authors": ("王芳", "张伟"), "company": ("青山县交通运输局",)}


def test_every_docx_example_has_a_fixture():
    names = {n for r in RULES.values() for n in r.examples.get("docx", ())}
    assert names == set(FIXTURES)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_flags_its_rule_only(tmp_path, name):
    build, rule_id = FIXTURES[name]
    ctx = CONFIG_CTX if rule_id == "residue.configured-author" else {}
    rules = {f.rule for f in lint_file(build(tmp_path), **ctx)}
    assert rules == ({rule_id} if rule_id else set())


# ---------------------------------------------------------------- what each rule reports

def test_comment_is_one_finding_in_part_comment(tmp_path):
    assert found(lint_file(build_comment(tmp_path))) == [
        ("residue.comment", "comment", "里程数请养护科再核实")]


def test_multi_paragraph_comment_is_one_finding(tmp_path):
    body = para(TITLE) + para(comment_range(3, run("排查")), "工作。")
    path = make_docx(tmp_path, body, comments=[(3, "王芳", para("第一段意见") + para("第二段意见"))])
    assert found(lint_file(path)) == [("residue.comment", "comment", "第一段意见")]


def test_draftlint_directive_comment_is_not_residue(tmp_path):
    assert lint_file(build_comment_directive(tmp_path)) == []


def test_each_insertion_and_deletion_is_one_finding(tmp_path):
    result = lint_file(build_revision(tmp_path))
    assert sorted(found(result)) == [("residue.revision", "revision", "下发"),
                                     ("residue.revision", "revision", "印发并解读")]


def test_hidden_text_is_reported_and_a_hidden_blank_is_not(tmp_path):
    assert found(lint_file(build_hidden_text(tmp_path))) == [
        ("residue.hidden", "body", "本方案由笔杆文苑原创首发")]
    blank = make_docx(tmp_path, para("正文内容。", run("  ", "<w:vanish/>")), name="b.docx")
    assert lint_file(blank) == []


def test_site_metadata_reports_each_site_property(tmp_path):
    result = lint_file(build_site_metadata(tmp_path))
    assert found(result) == [
        ("residue.site-metadata", "properties", "笔杆范文网"),
        ("residue.site-metadata", "properties", "笔杆文苑（bigan.example.com）"),
    ]
    assert "author" in result[0].message


@pytest.mark.parametrize("core,app", [
    ({"creator": "院办公室", "lastModifiedBy": "院办公室"}, {"Company": "青山县人民医院"}),
    ({"creator": "公文处理中心"}, {"Company": "国家电网有限公司青山县供电公司"}),
    ({"creator": "Administrator"}, {"Company": "Microsoft"}),
    ({"creator": "陈静", "title": "2026年工作总结"}, {"Company": ""}),
])
def test_legitimate_properties_are_not_flagged(tmp_path, core, app):
    path = make_docx(tmp_path, para("青山县人民医院2026年工作总结") + para("一、主要工作"),
                     headers=[para("青山县人民医院")], core=core, app=app)
    assert lint_file(path) == []


def test_configured_authors_and_company(tmp_path):
    path = build_configured_author(tmp_path)
    assert lint_file(path) == []  # nothing configured: nothing to compare
    result = lint_file(path, authors=("王芳", "张伟"), company=("青山县交通运输局",))
    assert found(result) == [("residue.configured-author", "properties", "李娜")]
    assert "王芳" in result[0].message
    result = lint_file(path, authors=("张伟", "李娜"), company=("青山县公路事业发展中心",))
    assert found(result) == [("residue.configured-author", "properties", "青山县交通运输局")]


def test_other_unit_company(tmp_path):
    result = lint_file(build_other_unit(tmp_path))
    assert found(result) == [("residue.other-unit", "properties", "白水市公路管理局")]
    assert "青山县" in result[0].message and "白水市" in result[0].message


@pytest.mark.parametrize("company", [
    "青山县交通运输局",          # the issuing unit itself
    "青山县人民政府办公室",      # same place: not enough evidence of another unit
    "青山县公路事业发展中心",
    "北辰物流有限公司",          # no place in the name: no evidence either way
])
def test_company_of_the_same_place_or_without_place_is_not_flagged(tmp_path, company):
    path = make_docx(tmp_path, para(TITLE) + SIGNATURE, headers=HEADER, app={"Company": company})
    assert lint_file(path) == []


def test_other_unit_needs_the_document_to_name_its_own_place(tmp_path):
    path = make_docx(tmp_path, para("关于开展农村公路安全隐患排查整治的实施方案") + para("一、工作目标"),
                     app={"Company": "白水市公路管理局"})
    assert lint_file(path) == []


def test_company_named_in_the_text_is_legitimate(tmp_path):
    body = para(TITLE) + para("请白水市公路管理局派员指导。") + SIGNATURE
    path = make_docx(tmp_path, body, headers=HEADER, app={"Company": "白水市公路管理局"})
    assert lint_file(path) == []


def test_plain_text_never_triggers_residue():
    doc = document_from_text("本方案由笔杆文苑原创首发\n作者：笔杆范文网", "<t>")
    findings, _ = lint(doc, ALL, Config(), context_for(Config()), debug=True)
    assert findings == []


# ------------------------------------------- custom properties, template, document variables

SETTINGS_REL = ('<Relationship Id="rIdSet" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/settings" Target="settings.xml"/>')


def build_hidden_places(tmp: Path, *, custom: dict[str, str], template: str | None,
                        variables: dict[str, str], name: str = "places.docx") -> Path:
    """A .docx with custom properties, an attached template (an external relationship of
    word/settings.xml) and document variables, as Word and WPS write them."""
    from tests.docx_build import read_members, write_zip

    path = make_docx(tmp, para(TITLE), name=name, headers=HEADER)
    members = read_members(path)
    props = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{k}">'
        f"<vt:lpwstr>{v}</vt:lpwstr></property>" for i, (k, v) in enumerate(custom.items(), 2))
    members["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>").encode()
    attach = '<w:attachedTemplate r:id="rIdTpl"/>' if template else ""
    docvars = "".join(f'<w:docVar w:name="{k}" w:val="{v}"/>' for k, v in variables.items())
    members["word/settings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"{attach}<w:docVars>{docvars}</w:docVars></w:settings>").encode()
    if template:
        members["word/_rels/settings.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/attachedTemplate" Target="{template}" TargetMode="External"/>'
            "</Relationships>").encode()
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", SETTINGS_REL.encode()
                                          + b"</Relationships>")
    return write_zip(path, members)


def test_site_in_custom_property_template_path_and_document_variable(tmp_path):
    path = build_hidden_places(
        tmp_path, custom={"来源": "www.example-wenku.com", "KSOProductBuildVer": "2052-11.1.0.14309"},
        template="file:///D:/%E4%B8%8B%E8%BD%BD/%E7%AC%AC%E4%B8%80%E8%8C%83%E6%96%87%E7%BD%91/"
                 "%E8%BF%B0%E8%81%8C%E6%A8%A1%E6%9D%BF.dotx",  # D:/下载/第一范文网/述职模板.dotx
        variables={"SiteTag": "某某文库原创", "公文模板版本": "v2.1"})
    assert found(lint_file(path, [RULES["residue.site-metadata"]])) == [
        ("residue.site-metadata", "properties", "www.example-wenku.com"),
        ("residue.site-metadata", "properties", "file:///D:/下载/第一范文网/述职模板.dotx"),
        ("residue.site-metadata", "properties", "某某文库原创"),
    ]


@pytest.mark.parametrize("template", [
    r"C:\Users\admin\AppData\Roaming\Microsoft\Templates\Normal.dotm",
    r"D:\宣传素材\公司公文模板.dotx",
    "http://oa.corp.local/templates/%E7%BA%A2%E5%A4%B4.dotx",
])
def test_a_units_own_template_and_wps_properties_are_fine(tmp_path, template):
    path = build_hidden_places(
        tmp_path, custom={"KSOProductBuildVer": "2052-11.1.0.14309", "ICV": "A1B2C3D4E5"},
        template=template, variables={"公文模板版本": "v2.1", "DocID": "QS-2026-018"})
    doc = read_document(path, path.name)
    styles = [b.style for b in doc.blocks if b.part == "properties"]
    assert "property:template" in styles and "property:custom:ICV" in styles
    assert "property:variable:DocID" in styles
    assert lint_file(path) == []


def test_strip_residue_clears_a_custom_property(tmp_path, capsys):
    from draftlint import cli

    path = build_hidden_places(tmp_path, custom={"来源": "www.example-wenku.com"},
                               template=None, variables={})
    assert cli.main(["fix", "--isolated", "--strip-residue", str(path)]) in (0, 1)
    capsys.readouterr()
    doc = read_document(path, path.name)
    assert [b.text for b in doc.blocks if b.part == "properties"] == []


def test_strip_residue_keeps_the_range_of_a_directive_comment(tmp_path, capsys):
    from draftlint import cli

    body = (para(comment_range(1, run("某某公司")), run("承办。"))
            + para(comment_range(2, run("全年完成投资12亿元。"))))
    path = make_docx(tmp_path, body, comments=[
        (1, "张三", para(run("draftlint-disable placeholder.someone"))),
        (2, "李四", para(run("请核实数字")))])
    # Before: removing every comment anchor orphaned the directive, its 某某 came back
    # and the whole fix was refused.
    assert cli.main(["fix", "--isolated", "--strip-residue", str(path)]) == 1
    assert "0 file error(s)" in capsys.readouterr().err
    doc = read_document(path, path.name)
    assert [b.text for b in doc.blocks if b.part == "comment"] == [
        "draftlint-disable placeholder.someone"]
    assert [m.data["id"] for b in doc.blocks for m in b.marks_of("comment") if b.part == "body"] == ["1"]
    from draftlint import lint_paths
    assert lint_paths([path], select=["placeholder", "residue"]).findings == []
