"""The fast paths of a big run give exactly the plain paths' output.

The JSON writer's per-record f-string against the generic encoder, the message memo
of make_finding against formatting every time, and a document's rules split over
two processes (rulefork.py) against a serial run.
"""

from __future__ import annotations

import io
import json

import pytest

from draftlint import engine, rulefork
from draftlint.config import Config
from draftlint.model import Document, FileError, Finding, Report, Severity
from draftlint.readers.text import document_from_text
from draftlint.report import jsonfmt
from draftlint.run import Runner

# A draft with something for most packs: slots, a site's ad line, half-width marks,
# an unpaired quote, a typo, a numbering gap.
DRAFT = "\n".join([
    "仅供学习 禁止外传 用后删除",
    "一、全年工作情况",
    "撰写调研文章X篇，举办培训班XX期,参训人员120人次。",
    "组织“党的理论宣讲进社区活动12场。",
    "坚持严于律已，做到廉沽自律。",
    "三、下一步打算",
    "于20XX年X月X日前完成。",
    "更多范文请关注本站，咨询QQ81234567",
    "",
])


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Records every fork, to prove the split path really ran."""
    import os

    made: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return made


def big_document(min_chars: int = rulefork.MIN_CHARS) -> Document:
    """The draft repeated until it is big enough for the rules to be split."""
    times = min_chars // len(DRAFT.replace("\n", "")) + 1
    doc = document_from_text(DRAFT * times, "big.txt")
    assert sum(len(b.text) for b in doc.blocks) >= min_chars
    return doc


def render(findings: list[Finding], errors: list[FileError] = ()) -> str:
    out = io.StringIO()
    jsonfmt.render(Report(findings, list(errors), ["big.txt"]), out)
    return out.getvalue()


def generic(findings: list[Finding], errors: list[FileError] = ()) -> str:
    """What the generic encoder writes: json.dumps(..., indent=2) plus a newline."""
    report = Report(findings, list(errors), ["big.txt"])
    return json.dumps(jsonfmt.to_json(report), ensure_ascii=False, indent=2) + "\n"


def finding(**changes) -> Finding:
    values = dict(path="稿/a.txt", rule="typo.confusion", category="typo",
                  severity=Severity.ERROR, part="body", line=3, column=4, end_line=3,
                  end_column=6, text="廉沽", message="“廉沽”应为“廉洁”", suggestion="廉洁",
                  fixable=True)
    values.update(changes)
    return Finding(**values)


def test_record_writer_matches_json_dumps():
    """Quotes, backslashes, control characters and line breaks are escaped as json does."""
    findings = [
        finding(),
        finding(text='他说"好"\\', message="tab\there\nnew line\x01", suggestion=None,
                fixable=False, severity=Severity.INFO, part="footnote"),
        finding(path='odd "name".txt', rule="placeholder.unfilled", category="placeholder",
                text="X", message="Unfilled placeholder “X”", suggestion=""),
    ]
    errors = [FileError("坏.docx", "not a Word document")]
    assert render(findings, errors) == generic(findings, errors)
    assert render([], errors) == generic([], errors)


def test_record_writer_takes_the_generic_path_for_unusual_values():
    """A number that is not a plain int is written by the encoder, as before."""
    odd = [finding(line=Severity.WARNING), finding(column=2.0), finding(fixable=1)]
    assert render(odd) == generic(odd)


def test_record_writer_spans_chunks():
    many = [finding(line=i, end_line=i) for i in range(1, jsonfmt._CHUNK * 2 + 7)]
    assert render(many) == generic(many)


def test_message_memo_gives_the_formatted_messages():
    runner = Runner.create(Config(), lang="zh")
    doc = document_from_text(DRAFT * 3, "a.txt")
    hits = []
    for rule, blocks in zip(runner.rules, engine.rule_blocks(doc, runner.rules)):
        hits += [(rule, h) for h in engine.rule_hits(doc, rule, blocks, runner.config,
                                                       runner.ctx, {})[0]]
    assert len(hits) > 20
    memo: dict = {}
    plain = [engine.make_finding(doc, r, h, "zh") for r, h in hits]
    fast = [engine.make_finding(doc, r, h, "zh", memo) for r, h in hits]
    assert [f.message for f in fast] == [f.message for f in plain]
    assert fast == plain


def test_two_processes_give_the_serial_result(forks):
    doc = big_document()
    runner = Runner.create(Config(), lang="en")
    if not rulefork.can_split(doc, runner.rules):
        pytest.skip("fork not available here (platform or a running thread)")
    serial = runner.lint_document(doc, jobs=1)
    split = runner.lint_document(big_document(), jobs=2)
    assert split == serial
    assert render(*split) == render(*serial)
    assert len(serial[0]) > 1000
    assert len(forks) == 1


def test_a_failing_child_leaves_its_rules_to_the_parent(monkeypatch, forks):
    """The child dies before answering: the engine runs its rules itself."""
    doc = big_document()
    runner = Runner.create(Config(), select=["placeholder", "watermark"], lang="en")
    if not rulefork.can_split(doc, runner.rules):
        pytest.skip("fork not available here (platform or a running thread)")
    serial = runner.lint_document(doc, jobs=1)

    def broken(*_args):
        raise RuntimeError("the child fails")

    monkeypatch.setattr(rulefork, "_encode", broken)
    assert runner.lint_document(big_document(), jobs=2) == serial
    assert len(forks) == 1


def test_small_documents_stay_in_one_process():
    runner = Runner.create(Config())
    assert not rulefork.can_split(document_from_text(DRAFT, "a.txt"), runner.rules)
    results = rulefork.run_split(document_from_text(DRAFT, "a.txt"), runner.rules,
                                 [[]] * len(runner.rules), runner.config, runner.ctx, {})
    assert results == [None] * len(runner.rules)


def test_cli_output_is_the_same_with_one_or_two_jobs(cwd, capsys, forks):
    from draftlint.cli import main

    (cwd / "big.txt").write_text(DRAFT * (rulefork.MIN_CHARS // len(DRAFT) * 2),
                                 encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        code = main(["check", "--isolated", "--format", "json", "-j", jobs, "big.txt"])
        outs.append((code, capsys.readouterr().out))
    assert outs[0] == outs[1]
    assert len(forks) == 1
    assert json.loads(outs[0][1])["summary"]["findings"] > 1000
