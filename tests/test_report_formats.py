"""Reporters on real pipeline output: the JSON contract, plain, SARIF, GitHub and the rich report."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

import draftlint
from draftlint.model import CATEGORIES, FINDING_FIELDS, PARTS, Report
from draftlint.report import REPORTERS
from draftlint.report import annotated, github, sarif

ANSI = re.compile(r"\x1b\[")
NEWLINES = re.compile(r"\r\n|\r|\n")

# Our own drafts with unfilled slots (placeholder.* rules are on by default).
UTF8_TEXT = "2025年工作总结\n撰写调研文章X篇，开展专题调研XX次。\n由某某同志负责落实。\n"
MD_TEXT = (
    "# XX市XX区工作总结\n"
    "\n"
    "- 本年度**撰写**调研文章X篇，详见[附件](https://example.org/a_b.md)。\n"
    "| 项目 | 数量 |\n"
    "| --- | --- |\n"
    "| 调研 | XX次 |\n"
    "营业收入`XX`万元，同比增长X%。\n"
)


def render(report: Report, name: str) -> str:
    buf = io.StringIO()
    REPORTERS[name](report, buf)
    return buf.getvalue()


@pytest.fixture
def drafts(tmp_path: Path) -> dict[str, tuple[Path, str, str]]:
    """Fixture files: name -> (path, encoding to decode with, decoded text)."""
    files = {
        "utf8.txt": (UTF8_TEXT.encode("utf-8"), "utf-8"),
        "gbk.txt": ("由某某单位牵头，共走访企业XX家。\n会议定于X月X日召开。\n".encode("gb18030"), "gb18030"),
        "crlf.txt": ("第一行没有问题。\r\n撰写调研文章X篇\r\n××同志讲话\r\n".encode("utf-8"), "utf-8"),
        "bom.txt": (b"\xef\xbb\xbf" + "某某单位：\n请于X月X日前报送。\n".encode("utf-8"), "utf-8-sig"),
        "notes.md": (MD_TEXT.encode("utf-8"), "utf-8"),
    }
    out = {}
    for name, (data, enc) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[name] = (path, enc, data.decode(enc))
    return out


@pytest.fixture
def report(drafts, tmp_path: Path, monkeypatch) -> Report:
    monkeypatch.chdir(tmp_path)
    return draftlint.lint_paths(sorted(drafts), config=None, lang="en")


# ------------------------------------------------------------------ JSON contract

def test_json_follows_the_contract(report: Report):
    data = json.loads(render(report, "json"))
    assert list(data) == ["version", "findings", "errors", "summary"]
    assert data["version"] == 1
    assert data["findings"], "the fixtures have unfilled slots"
    types = {"path": str, "rule": str, "category": str, "severity": str, "part": str,
             "line": int, "column": int, "end_line": int, "end_column": int,
             "text": str, "message": str, "fixable": bool}
    for f in data["findings"]:
        assert tuple(f) == FINDING_FIELDS
        for key, typ in types.items():
            assert type(f[key]) is typ, (key, f)
        assert f["suggestion"] is None or isinstance(f["suggestion"], str)
        assert f["category"] in CATEGORIES
        assert f["part"] in PARTS
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9.-]+", f["rule"])
        assert f["line"] >= 1 and f["column"] >= 1
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])
        assert "/" not in f["path"] or "\\" not in f["path"]
    assert list(data["summary"]) == ["files", "findings", "errors", "by_category"]
    assert data["summary"]["files"] == 5
    assert data["summary"]["findings"] == len(data["findings"])
    assert sum(data["summary"]["by_category"].values()) == len(data["findings"])
    assert data["errors"] == []


def test_coordinates_are_the_source_slice(report: Report, drafts):
    data = json.loads(render(report, "json"))
    seen = set()
    for f in data["findings"]:
        path, enc, text = drafts[f["path"]]
        lines = NEWLINES.split(text)
        line = lines[f["line"] - 1]
        assert f["line"] == f["end_line"]
        assert line[f["column"] - 1:f["end_column"] - 1] == f["text"], f
        seen.add(f["path"])
    # Every fixture (GB18030, CRLF, BOM, Markdown) produced findings that were checked.
    assert seen == set(drafts)


def test_json_keeps_cjk_unescaped(report: Report):
    out = render(report, "json")
    assert "某某" in out and "\\u" not in out


def test_markdown_columns_point_into_the_source(report: Report):
    md = [f for f in report.findings if f.path == "notes.md"]
    texts = {(f.line, f.text) for f in md}
    assert (1, "XX") in texts  # heading: column counts the "# " prefix
    line3 = MD_TEXT.split("\n")[2]
    hit = next(f for f in md if f.line == 3)
    assert line3[hit.column - 1:hit.end_column - 1] == "X"
    # After inline code and its backticks the column is still the file's column.
    line7 = MD_TEXT.split("\n")[6]
    assert (7, line7.index("X%") + 1, "X%") in {(f.line, f.column, f.text) for f in md}


# ------------------------------------------------------------------ plain

def test_plain_lines(report: Report):
    out = render(report, "plain").splitlines()
    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): "
                         r"(?P<sev>error|warning|info) \[(?P<rule>[a-z0-9.-]+)\] .+$")
    body = out[:-1]
    assert len(body) == len(report.findings)
    for line, f in zip(body, report.findings):
        m = pattern.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["rule"]) == (f.path, f.line, f.column, f.rule)
    assert out[-1].startswith("5 file(s) checked")


# ------------------------------------------------------------------ SARIF

def test_sarif_structure(report: Report):
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "draftlint"
    assert driver["version"] == draftlint.__version__
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert r["shortDescription"]["text"]
        assert r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert r["properties"]["category"] in CATEGORIES
    unfilled = driver["rules"][ids.index("placeholder.unfilled")]
    assert "**X**" in unfilled["help"]["markdown"]  # ⟦X⟧ of a bad example, in bold
    assert len(run["results"]) == len(report.findings)
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    for res, f in zip(run["results"], report.findings):
        assert res["ruleId"] == f.rule
        assert ids[res["ruleIndex"]] == f.rule
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(f.severity)]
        assert res["message"]["text"] == f.message
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == f.path
        assert uris[phys["artifactLocation"]["index"]] == f.path
        region = phys["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) \
            == (f.line, f.column, f.end_line, f.end_column)
        assert region["snippet"]["text"] == f.text
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is True
    assert inv["toolExecutionNotifications"] == []


def test_sarif_columns_are_code_points_for_cjk(tmp_path: Path):
    path = tmp_path / "cjk.txt"
    path.write_text("“某某”同志：撰写调研文章X篇\n", encoding="utf-8")
    rep = draftlint.lint_paths([path], lang="zh")
    log = json.loads(render(rep, "sarif"))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    x = next(r for r in regions if r["snippet"]["text"] == "X")
    # “某某”同志：撰写调研文章 is 13 code points (not bytes, not UTF-16 units, not cells).
    assert (x["startColumn"], x["endColumn"]) == (14, 15)
    assert "某某" in render(rep, "sarif")  # ensure_ascii=False


def test_sarif_uri_escaping_errors_and_parts(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "年度 总结").mkdir()
    (tmp_path / "年度 总结" / "初稿.txt").write_text("撰写调研文章X篇\n", encoding="utf-8")
    rep = draftlint.lint_paths(["年度 总结", "missing.txt"])
    log = json.loads(render(rep, "sarif"))
    run = log["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E5%B9%B4%E5%BA%A6%20%E6%80%BB%E7%BB%93/%E5%88%9D%E7%A8%BF.txt"
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"
    # A finding outside the body names its part as a logical location.
    footer = dataclasses.replace(rep.findings[0], part="footer")
    moved = dataclasses.replace(rep, findings=[footer])
    res = sarif.to_sarif(moved)["runs"][0]["results"][0]
    assert res["locations"][0]["logicalLocations"] == [{"name": "footer", "kind": "element"}]
    assert res["properties"]["part"] == "footer"
    assert sarif.artifact_uri("/abs/a b.txt") == "file:///abs/a%20b.txt"


# ------------------------------------------------------------------ GitHub

def test_github_annotations(report: Report):
    lines = render(report, "github").splitlines()
    for line, f in zip(lines, report.findings):
        level = {"error": "error", "warning": "warning", "info": "notice"}[str(f.severity)]
        assert line.startswith(f"::{level} file={f.path},line={f.line},col={f.column},"
                               f"endLine={f.end_line},endColumn={f.end_column},title={f.rule}::")


def test_github_escaping(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "报告,第1版:终稿.txt"
    (tmp_path / name).write_text("营业收入XX万元，同比增长X%\n", encoding="utf-8")
    rep = draftlint.lint_paths([name, "no,such:file.txt"], lang="en")
    out = render(rep, "github")
    percent = next(f for f in rep.findings if f.text.endswith("%"))
    line = github.annotation(percent)
    assert "file=报告%2C第1版%3A终稿.txt," in line
    assert line.split("::", 2)[2] == percent.message.replace("%", "%25")
    assert "%25" in line
    assert "::error file=no%2Csuch%3Afile.txt::" in out
    # Messages never break the one-command-per-line format.
    odd = dataclasses.replace(percent, message="a\r\nb :: c, 100%", rule="x.y")
    assert github.annotation(odd).endswith("::a%0D%0Ab :: c, 100%25")
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


# ------------------------------------------------------------------ rich

def rich_text(report: Report, width: int = 80, **kw) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), **kw)
    annotated.render_to(report, console)
    return console.export_text()


def test_rich_report_at_80_columns(report: Report):
    out = rich_text(report)
    for line in out.splitlines():
        assert cell_len(line) <= 80, line
    assert "utf8.txt" in out and "crlf.txt" in out
    assert "body" in out  # part heading
    assert "⟦X⟧篇" in out  # the excerpt, span marked in place (no colour)
    assert "placeholder.unfilled" in out
    assert "Findings by category" in out and "placeholder" in out
    assert "placeholder(s) still to fill" in out
    assert "5 file(s) checked: " in out
    assert not ANSI.search(out)


def test_rich_report_in_chinese(drafts, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rep = draftlint.lint_paths(["utf8.txt"], lang="zh")
    out = rich_text(rep)
    assert "正文" in out and "按类别统计" in out and "占位符" in out
    assert "还有" in out and "处占位符待填写" in out
    assert "未填写的占位符" in out


def test_rich_report_prints_markup_literally(tmp_path: Path):
    path = tmp_path / "markup.txt"
    path.write_text("关于[link]开展XX工作的通知[/x]\n[bold]某某[/bold]同志\n", encoding="utf-8")
    rep = draftlint.lint_paths([path])
    out = rich_text(rep)
    assert "[link]" in out and "[/x]" in out and "[bold]" in out
    colored = rich_text(rep, force_terminal=True, color_system="truecolor")
    assert ANSI.search(colored) is None  # export_text drops styles by default
    console = Console(width=80, record=True, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor")
    annotated.render_to(rep, console)
    styled = console.export_text(styles=True, clear=False)
    assert ANSI.search(styled)
    assert "⟦" not in console.export_text(clear=False)  # colour replaces the ⟦ ⟧ markers
    assert "[/x]" in console.export_text(clear=False)


def test_rich_excerpt_trims_long_lines_around_the_span():
    context = "这是一段很长的文字" * 12 + "撰写调研文章X篇" + "后面还有很多很多的文字" * 10
    col = context.index("X")
    text = annotated.excerpt(context, [(col, col + 1)], 40, ["bold"], colored=False)
    plain = text.plain
    assert plain.startswith("…") and plain.endswith("…")
    assert "文章⟦X⟧篇" in plain
    assert cell_len(plain) <= 40
    # Short lines are shown whole.
    assert annotated.excerpt("某某同志", [(0, 2)], 40, ["bold"], colored=False).plain == "⟦某某⟧同志"
    # A span wider than the budget keeps its beginning.
    wide = annotated.excerpt("X" * 100, [(0, 100)], 20, ["bold"], colored=False).plain
    assert wide.startswith("⟦X") and cell_len(wide) <= 20


def test_rich_groups_consecutive_lines_of_one_rule(tmp_path: Path):
    path = tmp_path / "block.txt"
    path.write_text("正文第一段没有问题。\n姓名：某某\n单位：某某\n职务：某某\n结尾没有问题。\n",
                    encoding="utf-8")
    rep = draftlint.lint_paths([path], lang="en")
    someone = [f for f in rep.findings if f.rule == "placeholder.someone"]
    assert [f.line for f in someone] == [2, 3, 4]
    entries = annotated.group_entries([f for f in rep.findings if f.part == "body"])
    grouped = [e for e in entries if e.first.rule == "placeholder.someone"]
    assert len(grouped) == 1 and grouped[0].location() == "2–4"
    out = rich_text(rep)
    assert "2–4" in out and "3 findings on 3 lines" in " ".join(out.split())
    for n in (2, 3, 4):
        assert re.search(rf"^\s+{n} │ .*⟦某某⟧", out, re.M)
    # JSON still reports each line.
    data = json.loads(render(rep, "json"))
    assert [f["line"] for f in data["findings"] if f["rule"] == "placeholder.someone"] == [2, 3, 4]


def test_rich_clean_report_and_errors(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text("全年共完成调研报告三篇。\n", encoding="utf-8")
    rep = draftlint.lint_paths(["ok.txt", "gone.txt"], lang="en")
    out = rich_text(rep)
    assert "Errors" in out and "gone.txt" in out and "no such file" in out
    clean = draftlint.lint_paths(["ok.txt"], lang="zh")
    assert "未发现问题" in rich_text(clean)


def test_rich_reporter_on_a_pipe_has_no_ansi(report: Report):
    buf = io.StringIO()
    REPORTERS["rich"](report, buf)
    out = buf.getvalue()
    assert out and not ANSI.search(out)
    assert "⟦" in out


def test_rich_suggestion_line(report: Report):
    f = report.findings[0]
    with_fix = dataclasses.replace(f, suggestion="律己", fixable=True)
    rep = dataclasses.replace(report, findings=[with_fix], lang="zh")
    out = rich_text(rep)
    assert "→ 建议：律己" in out


def test_rich_does_not_group_different_suggestions(tmp_path: Path):
    path = tmp_path / "two.txt"
    path.write_text("姓名：某某\n单位：某某\n", encoding="utf-8")
    rep = draftlint.lint_paths([path], select=["placeholder.someone"])
    a, b = rep.findings
    fixes = [dataclasses.replace(a, suggestion="张三"), dataclasses.replace(b, suggestion="李四")]
    assert len(annotated.group_entries(fixes)) == 2
    same = [dataclasses.replace(a, suggestion=""), dataclasses.replace(b, suggestion="")]
    (entry,) = annotated.group_entries(same)
    out = rich_text(dataclasses.replace(rep, findings=same, lang="zh"))
    assert "1–2" in out and "建议：删除" in out


def test_fold_breaks_chinese_without_orphaning_the_severity():
    from rich.text import Text
    line = Text("警告  " + "序号“（四）”接在“（二）”之后，应为“（三）”：请检查是否漏项、重复或顺序有误")
    rows = annotated.fold(line, 40)
    assert len(rows) >= 2 and rows[0].plain.startswith("警告  序号")
    assert all(cell_len(r.plain) <= 40 for r in rows)
    assert not rows[1].plain.startswith(("，", "。", "：", "”"))
    assert "".join(r.plain for r in rows) == line.plain


def test_control_characters_in_file_names_and_text_are_escaped(tmp_path: Path, monkeypatch):
    """A file named with a newline or an ANSI escape stays one line and cannot drive the
    terminal; JSON keeps the real name (its own escaping is exact)."""
    monkeypatch.chdir(tmp_path)
    name = "a\nb\x1b[2J.txt"
    (tmp_path / name).write_text("撰写调研文章X篇。\n含控制符\x1b[31m的XX行\n", encoding="utf-8")
    report = draftlint.lint_paths([name], config=None, lang="en")
    assert len(report.findings) == 2
    plain = render(report, "plain")
    assert "\x1b" not in plain
    assert plain.splitlines()[0].startswith("a\\nb\\x1b[2J.txt:1:")
    assert len(plain.splitlines()) == 3
    rich_out = render(report, "rich")
    assert "\x1b" not in rich_out and "a\\nb\\x1b[2J.txt" in rich_out
    assert json.loads(render(report, "json"))["findings"][0]["path"] == name
