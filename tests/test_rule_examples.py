"""Every rule's examples run: bad examples flag exactly the ⟦marked⟧ spans, good ones nothing."""

from __future__ import annotations

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules

OPEN, CLOSE = "⟦", "⟧"
RULES = load_rules()


def strip_marks(example: str) -> tuple[str, list[tuple[int, int]]]:
    """The example without ⟦⟧ and the code-point spans they enclosed."""
    text, spans, start = [], [], None
    for ch in example:
        if ch == OPEN:
            start = len(text)
        elif ch == CLOSE:
            spans.append((start, len(text)))
            start = None
        else:
            text.append(ch)
    return "".join(text), spans


def run_rule(rule, text: str):
    """Lint one line of text with a single rule (exceptions and engine rules apply)."""
    doc = document_from_text(text, "<example>")
    findings, errors = lint(doc, [rule], Config(), context_for(Config()), debug=True)
    assert not errors
    return findings


def cases(key: str):
    for rule in RULES:
        for i, example in enumerate(rule.examples.get(key, ())):
            yield pytest.param(rule, example, id=f"{rule.id}-{key}-{i}")


def test_every_rule_has_examples():
    for rule in RULES:
        has_text_examples = rule.examples.get("bad") and rule.examples.get("good")
        assert has_text_examples or rule.examples.get("docx"), f"{rule.id} has no examples"


def test_marks_are_balanced():
    for rule in RULES:
        for example in rule.examples.get("bad", ()):
            text, spans = strip_marks(example)
            assert spans, f"{rule.id}: bad example without ⟦⟧: {example}"
            assert OPEN not in text and CLOSE not in text


@pytest.mark.parametrize("rule,example", list(cases("bad")))
def test_bad_example_flags_marked_spans(rule, example):
    text, spans = strip_marks(example)
    # Multi-line examples ("一、…\n三、…"): findings give line and column, spans are offsets.
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    found = [(starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1)
             for f in run_rule(rule, text)]
    assert found == spans, f"{rule.id} on {text!r}: got {[text[a:b] for a, b in found]}"


@pytest.mark.parametrize("rule,example", list(cases("good")))
def test_good_example_is_clean(rule, example):
    found = run_rule(rule, example)
    assert not found, f"{rule.id} flagged {[f.text for f in found]} in {example!r}"


@pytest.mark.parametrize("rule,example", list(cases("good")))
def test_good_example_is_clean_for_every_rule_of_its_category(rule, example):
    """A look-alike must survive the whole category, not just the rule that lists it."""
    siblings = [r for r in RULES if r.category == rule.category and r.enabled]
    doc = document_from_text(example, "<example>")
    findings, _ = lint(doc, siblings, Config(), context_for(Config()), debug=True)
    assert not findings, f"{[(f.rule, f.text) for f in findings]} in {example!r}"
