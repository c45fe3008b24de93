"""Every shipped rule compiles; a broken pack fails with a RuleError naming the rule.

Rule kinds compile lazily (on first use of `rule.kind`, or in Runner.create for the
selected rules), so this test is what keeps a broken pattern in a shipped pack from
reaching a release unnoticed.
"""

from __future__ import annotations

import pytest

from draftlint.kinds import KINDS, is_bundled
from draftlint.rules import RuleError, compile_rules, load_rules, rules_dir

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_shipped_rule_compiles(rule):
    kind = rule.kind
    assert isinstance(kind, KINDS[rule.kind_name])
    assert callable(kind.check)


def test_shipped_packs_are_trusted_and_other_folders_are_not(tmp_path):
    # Only draftlint's own (tested) packs run without the per-block regex timeout.
    assert is_bundled(rules_dir())
    assert not is_bundled(tmp_path)


def _pack(tmp_path, body: str):
    (tmp_path / "placeholder.toml").write_text(body, encoding="utf-8")
    return load_rules(tmp_path)


RULE_HEAD = """
[broken]
type = "existence"
summary = "s"
message.zh = "z"
message.en = "e"
"""


def test_a_broken_pattern_is_a_rule_error_naming_the_rule(tmp_path):
    rules = _pack(tmp_path, RULE_HEAD + "patterns = ['(unclosed']\n")
    with pytest.raises(RuleError, match=r"placeholder\.toml: \[broken\]: invalid pattern"):
        compile_rules(rules)


def test_an_unknown_kind_option_is_a_rule_error(tmp_path):
    rules = _pack(tmp_path, RULE_HEAD + "patterns = ['X']\nsurprise = 1\n")
    with pytest.raises(RuleError, match=r"\[broken\]: unknown option\(s\) surprise"):
        compile_rules(rules)


def test_an_unknown_type_fails_at_load(tmp_path):
    with pytest.raises(RuleError, match=r"\[broken\]: unknown type 'nope'"):
        _pack(tmp_path, RULE_HEAD.replace('"existence"', '"nope"') + "patterns = ['X']\n")


def test_a_pack_from_another_folder_keeps_the_pattern_timeout(tmp_path):
    [rule] = _pack(tmp_path, RULE_HEAD + "patterns = ['X']\n")
    assert rule.kind.trusted is False


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_shipped_rule_documents_itself_in_both_languages(rule):
    # The bundled packs write summary/why/fix as tables: `summary.zh` and `summary.en`.
    for key in ("summary", "why", "fix"):
        assert rule.doc_in(key, "zh") and rule.doc_in(key, "en"), f"{rule.id} lacks {key}.zh/.en"
        assert getattr(rule, key) == rule.doc_in(key, "en")


def test_a_plain_string_summary_is_english_and_still_loads(tmp_path):
    [rule] = _pack(tmp_path, RULE_HEAD + 'why = "w"\npatterns = ["X"]\n')
    assert rule.summary == "s" and rule.why == "w" and rule.fix == ""
    assert rule.doc("summary", "zh") == "s" and rule.doc_in("summary", "zh") is None


def test_a_summary_table_gives_both_languages(tmp_path):
    body = RULE_HEAD.replace('summary = "s"\n', 'summary.zh = "中"\nsummary.en = "en"\n')
    [rule] = _pack(tmp_path, body + 'fix.zh = "改"\nfix.en = "fix it"\npatterns = ["X"]\n')
    assert rule.summary == "en" and rule.doc("summary", "zh") == "中"
    assert rule.fix == "fix it" and rule.doc("fix", "zh") == "改" and rule.doc("why", "zh") == ""


@pytest.mark.parametrize("doc, error", [
    ('why.zh = "只有中文"\n', r"\[broken\]: needs why\.zh and why\.en \(missing why\.en\)"),
    ('why.zh = "中"\nwhy.en = "e"\nwhy.fr = "f"\n', r"unknown language\(s\) fr in 'why'"),
    ('why.zh = ""\nwhy.en = "e"\n', r"why\.zh must be a non-empty string"),
    ('why.zh = 1\nwhy.en = "e"\n', r"why\.zh must be a non-empty string"),
    ("why = 3\n", r"'why' must be a string or a table with why\.zh and why\.en"),
])
def test_a_malformed_doc_table_is_a_rule_error(tmp_path, doc, error):
    with pytest.raises(RuleError, match=error):
        _pack(tmp_path, RULE_HEAD + doc + 'patterns = ["X"]\n')
