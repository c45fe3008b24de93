"""The typo dictionaries (rules/typo/*.txt) are sorted, unique, loop-free and self-consistent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds.dictionary import Entry, parse_line, read_dictionary
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules, rules_dir

TYPO_DIR = rules_dir() / "typo"
FILES = sorted(TYPO_DIR.glob("*.txt"))
DICTIONARY_RULES = [r for r in load_rules() if r.kind_name == "dictionary"]


def entries(path: Path) -> list[Entry]:
    return read_dictionary(path)


def test_there_are_dictionaries():
    names = {p.name for p in FILES}
    assert {"confusion.txt", "english.txt", "variant.txt"} <= names
    assert sum(len(entries(p)) for p in FILES) >= 1000


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sorted_and_unique(path):
    keys = [e.key for e in entries(path)]
    assert keys == sorted(keys), f"{path.name} is not sorted by key"
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{path.name}: duplicate keys {sorted(dupes)}"


def test_keys_unique_across_files():
    seen: dict[str, str] = {}
    for path in FILES:
        for e in entries(path):
            key = e.key.lower() if e.key.isascii() else e.key
            assert key not in seen, f"{e.key} in both {seen[key]} and {path.name}"
            seen[key] = path.name


def test_no_loops():
    """A fix is never itself a key (else fixing would need a second pass, or cycle)."""
    keys = {e.key.lower() for p in FILES for e in entries(p)}
    for path in FILES:
        for e in entries(path):
            for fix in e.fixes:
                assert fix.lower() not in keys, f"{path.name}: {e.key}->{fix} and {fix} is a key"
                assert fix != e.key


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_contexts_contain_their_key(path):
    for e in entries(path):
        for ctx in e.contexts:
            assert e.key in ctx, f"{path.name}: context {ctx!r} does not hold {e.key!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_keys_and_fixes_are_single_tokens(path):
    for e in entries(path):
        assert e.key.strip() == e.key and e.fixes and all(e.fixes)
        if e.key.isascii():
            assert e.key == e.key.lower() and e.key.isalpha(), e.key


def _lint_lines(lines: list[str]):
    doc = document_from_text("\n".join(lines), "<dictionary>")
    findings, errors = lint(doc, DICTIONARY_RULES, Config(), context_for(Config()), debug=True)
    assert not errors
    return findings


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_right_hand_sides_are_clean(path):
    """The dictionary linted against its own right-hand sides yields nothing."""
    lines = [fix for e in entries(path) for fix in e.fixes]
    found = _lint_lines(lines)
    assert not found, [(f.text, f.suggestion, lines[f.line - 1]) for f in found]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_contexts_are_clean(path):
    """Each `!ctx` is correct text: no dictionary rule may flag it."""
    lines = [ctx for e in entries(path) for ctx in e.contexts]
    found = _lint_lines(lines)
    assert not found, [(f.text, lines[f.line - 1]) for f in found]


@pytest.mark.parametrize("line,expected", [
    ("廉沽->廉洁", Entry("廉沽", ("廉洁",), False, ())),
    ("律已->律己 !纪律已 !规律已", Entry("律已", ("律己",), False, ("纪律已", "规律已"))),
    ("反应问题->反映问题 ?", Entry("反应问题", ("反映问题",), True, ())),
    ("personel->personnel,personal", Entry("personel", ("personnel", "personal"), False, ())),
    ("# a comment", None),
    ("   ", None),
])
def test_parse_line(line, expected):
    assert parse_line(line) == expected


def test_fixable_only_with_one_fix_and_no_question_mark():
    assert parse_line("廉沽->廉洁").fixable
    assert not parse_line("反应问题->反映问题 ?").fixable
    assert not parse_line("personel->personnel,personal").fixable


@pytest.mark.parametrize("line", ["廉沽", "->廉洁", "廉沽->", "廉沽->廉洁 extra"])
def test_malformed_lines_are_errors(line):
    with pytest.raises(ValueError, match="malformed dictionary line"):
        parse_line(line)


# The mechanical vetting of tools/vet_dictionary.py, over every shipped entry.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import vet_dictionary  # noqa: E402

# Reviewed: a variant inside a phrase jieba took from a novel; the fix is right there
# too (伏侍宝玉 → 服侍宝玉, 那梢公 → 那艄公).
REVIEWED_INSIDE = {"伏侍", "梢公"}


@pytest.fixture(scope="module")
def vetting():
    all_entries = [e for p in FILES for e in entries(p)]
    return vet_dictionary.vet(all_entries)


def test_every_entry_can_fire(vetting):
    """An entry the segmentation guard or its own contexts always hide is dead weight."""
    assert not [(e.key, d) for code, e, d in vetting if code == "dead"]


def test_no_entry_fires_in_the_clean_texts(vetting):
    assert not [(e.key, d) for code, e, d in vetting if code == "clean"]


def test_no_entry_breaks_a_longer_word(vetting):
    """架式 must not fire inside 开架式, nor 自已 inside 不能自已 (contexts cover them)."""
    found = [(e.key, d) for code, e, d in vetting if code == "inside" and e.key not in REVIEWED_INSIDE]
    assert not found
