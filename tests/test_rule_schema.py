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
