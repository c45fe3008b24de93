"""Golden files: whole drafts through the whole pipeline, compared with reviewed JSON.

Each input in tests/golden/ (and one .docx built here) is checked with
`draftlint check --isolated --format json --lang zh`; the output must equal the
`<input>.json` beside it. A change in any rule shows up as a diff of those files, to be
reviewed like code: run `pytest tests/test_golden.py --update-golden` and read `git diff`.
Then `fix` must remove every fixable finding and leave every other line byte-identical.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.docx_build import comment_range, dele, ins, make_docx, para, run, vml_watermark
from draftlint import cli

GOLDEN = Path(__file__).parent / "golden"
TEXT_INPUTS = sorted(p.name for p in GOLDEN.iterdir() if p.suffix in (".txt", ".md"))
DOCX_NAME = "述职报告-修订稿.docx"


def build_docx(folder: Path) -> Path:
    """A 述职报告 as Word leaves it: a site watermark, a reviewer's comment and revision,
    hidden template text, someone else's author metadata, slots and typos in the body."""
    body = "".join([
        para("2025年度个人述职报告", style="Title"),
        para("本人自2023年3月起担任办公室主任，现将一年来的工作述职如下："),
        para("一、加强学习，提升素质。全年参加集中学习XX次，撰写心得体会X篇。"),
        para("二、履职尽责，服务大局。牵头起草各类文稿", run("60", ""), "余篇，",
             comment_range(1, run("组织协调重要会议35场")), "。"),
        para("三、严于律已，廉洁自律。始终做到", ins(run("亲自过问、")), "不越红线。",
             dele("（此处填写具体事例）")),
        para(run("请在此处填写本人主要业绩，不少于800字。", "<w:vanish/>")),
        para("四、存在的不足：一是理论学习不够系统；三是调查研究不够深入。"),
        para("述职人：某某"),
        para("2026年1月12日"),
    ])
    header = para(vml_watermark("范文大全网 会员专享"))
    comments = [(1, "王五", para("这里的数字再核实一下"))]
    return make_docx(folder, body, name=DOCX_NAME, headers=[header], comments=comments,
                     core={"creator": "文库用户8848", "lastModifiedBy": "张三",
                           "title": "述职报告模板"},
                     app={"Company": "某某范文网"})


def check_json(capsys, name: str) -> dict:
    """The JSON report of one file, as the command line prints it."""
    cli.main(["check", "--isolated", "--format", "json", "--lang", "zh", name])
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def golden_input(request, cwd: Path) -> str:
    """Copy (or build) one golden input into the empty working folder; return its name."""
    name = request.param
    if name == DOCX_NAME:
        build_docx(cwd)
    else:
        shutil.copyfile(GOLDEN / name, cwd / name)
    return name


ALL_INPUTS = [*TEXT_INPUTS, DOCX_NAME]


@pytest.mark.parametrize("golden_input", ALL_INPUTS, indirect=True)
def test_findings_match_the_golden_file(golden_input, capsys, request):
    report = check_json(capsys, golden_input)
    expected_path = GOLDEN / f"{golden_input}.json"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    assert expected_path.exists(), f"no golden file: run pytest {__file__} --update-golden"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert report["errors"] == expected["errors"]
    assert report["findings"] == expected["findings"]
    assert report == expected


def test_every_golden_input_has_findings_of_several_categories():
    """A golden file that lost its findings would pass silently: each keeps three categories."""
    for name in ALL_INPUTS:
        data = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert len({f["category"] for f in data["findings"]}) >= 3, name


@pytest.mark.parametrize("golden_input", TEXT_INPUTS, indirect=True)
def test_fix_removes_fixable_findings_and_keeps_other_lines(golden_input, cwd, capsys):
    before = check_json(capsys, golden_input)["findings"]
    fixed_lines = {f["line"] for f in before if f["fixable"]}
    assert fixed_lines, "each golden text has something to fix"
    original = (cwd / golden_input).read_bytes()
    cli.main(["fix", "--isolated", golden_input])
    capsys.readouterr()
    after = check_json(capsys, golden_input)["findings"]
    assert not [f for f in after if f["fixable"]]
    # Everything the fix did not touch keeps its findings and its bytes (CRLF, GB18030).
    untouched = lambda fs: [(f["rule"], f["line"], f["text"])  # noqa: E731
                            for f in fs if f["line"] not in fixed_lines]
    assert untouched(after) == untouched(before)
    old_lines = original.splitlines(keepends=True)
    new_lines = (cwd / golden_input).read_bytes().splitlines(keepends=True)
    assert len(new_lines) == len(old_lines)
    for number, (old, new) in enumerate(zip(old_lines, new_lines), start=1):
        if number not in fixed_lines:
            assert new == old, f"line {number} changed although nothing was fixed there"
        else:
            assert new != old
