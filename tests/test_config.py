"""Configuration: discovery, extends, validation, select/ignore, overrides, suppression."""

from __future__ import annotations

import textwrap

import pytest

from draftlint import lint_text
from draftlint.config import ConfigError, default_locale, find_config, load
from draftlint.engine import select_rules
from draftlint.rules import load_rules, rule_index

IDS = set(rule_index(load_rules()))
SLOTS = "撰写调研文章X篇，在某某社区开展"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_nearest_config_wins_walking_up(tmp_path):
    write(tmp_path / ".draftlint.toml", 'locale = "en"\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.draftlint]\nlocale = "zh"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir()
    assert find_config(deep) == ((tmp_path / "a" / "pyproject.toml").resolve(), True)
    assert load(IDS, start=deep).locale == "zh"
    assert load(IDS, start=tmp_path).locale == "en"


def test_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path / ".draftlint.toml", 'fail-on = "warning"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert load(IDS, start=tmp_path / "sub").fail_on.name == "WARNING"


def test_extends_merges_tables_and_replaces_lists(tmp_path):
    write(tmp_path / "base.toml", """
        select = ["placeholder", "typo"]
        [rules."placeholder.unfilled"]
        severity = "warning"
        enabled = true
    """)
    write(tmp_path / ".draftlint.toml", """
        extends = "base.toml"
        select = ["placeholder"]
        [rules."placeholder.unfilled"]
        enabled = false
    """)
    cfg = load(IDS, start=tmp_path)
    assert cfg.select == ("placeholder",)
    assert cfg.rules["placeholder.unfilled"] == {"severity": "warning", "enabled": False}
    assert len(cfg.sources) == 2


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path / "a.toml", 'extends = ".draftlint.toml"\n')
    write(tmp_path / ".draftlint.toml", 'extends = "a.toml"\n')
    with pytest.raises(ConfigError, match="cycle"):
        load(IDS, start=tmp_path)


@pytest.mark.parametrize("text,message", [
    ('colour = "red"\n', "unknown key(s) colour; allowed: accept"),
    ('select = ["nosuch"]\n', "unknown rule or pack 'nosuch'"),
    ('[rules."placeholder.nosuch"]\nenabled = false\n', "unknown rule id"),
    ('[rules."placeholder.unfilled"]\nlevel = "x"\n', "allowed: enabled, exceptions, parts, severity"),
    # the plural `explain` shows in English would silently switch the rule off
    ('[rules."placeholder.unfilled"]\nparts = ["footnotes"]\n', "unknown part 'footnotes'"),
    ('[rules."placeholder.unfilled"]\nparts = [1]\n', "unknown part 1"),
    ('fail-on = "fatal"\n', "unknown severity 'fatal'"),
    ('locale = "fr"\n', "not one of: zh, en"),
    ('select = "placeholder"\n', "'select' must be a list"),
    ('select = [\n', "invalid TOML"),
])
def test_invalid_configs_name_the_problem(tmp_path, text, message):
    write(tmp_path / ".draftlint.toml", text)
    with pytest.raises(ConfigError) as info:
        load(IDS, start=tmp_path)
    assert message in str(info.value)
    assert ".draftlint.toml" in str(info.value)


def test_malformed_toml_names_line_and_column(tmp_path):
    write(tmp_path / ".draftlint.toml", 'locale = "zh"\nselect = ["a" "b"]\nfail-on = "error"\n')
    with pytest.raises(ConfigError, match=r"line \d+, column \d+"):
        load(IDS, start=tmp_path)


def enabled_ids(**cfg):
    from draftlint.config import from_mapping
    return {r.id for r in select_rules(load_rules(), from_mapping(cfg))}


def test_select_and_ignore_most_specific_wins():
    assert enabled_ids(select=["placeholder"]) == {i for i in IDS if i.startswith("placeholder.")}
    ids = enabled_ids(select=["placeholder"], ignore=["placeholder.pending"])
    assert "placeholder.pending" not in ids and "placeholder.unfilled" in ids
    # A more specific select beats a broader ignore.
    ids = enabled_ids(select=["placeholder.someone"], ignore=["placeholder"])
    assert ids == {"placeholder.someone"}


def test_rule_override_changes_severity_and_exceptions():
    [f] = lint_text("撰写调研文章X篇", select=["placeholder.unfilled"],
                    config={"rules": {"placeholder.unfilled": {"severity": "info"}}})
    assert str(f.severity) == "info"
    assert not lint_text("撰写调研文章X篇", select=["placeholder.unfilled"],
                         config={"rules": {"placeholder.unfilled": {"exceptions": ["文章X篇"]}}})


def test_accept_uses_the_covers_test():
    findings = lint_text(SLOTS, select=["placeholder"], config={"accept": ["某某社区"]})
    assert [f.text for f in findings] == ["X"]


def test_per_file_ignores_and_exclude(tmp_path):
    write(tmp_path / ".draftlint.toml", """
        exclude = ["drafts/"]
        [per-file-ignores]
        "legacy/*.txt" = ["placeholder.someone"]
    """)
    write(tmp_path / "legacy" / "a.txt", SLOTS)
    write(tmp_path / "drafts" / "b.txt", SLOTS)
    write(tmp_path / "c.txt", SLOTS)
    from draftlint.run import Runner
    runner = Runner.create(load(IDS, start=tmp_path), select=["placeholder"])
    report = runner.run([tmp_path])
    assert sorted(p.rsplit("/", 1)[-1] for p in report.files) == ["a.txt", "c.txt"]
    assert [f.text for f in report.findings if f.path.endswith("legacy/a.txt")] == ["X"]
    assert [f.text for f in report.findings if f.path.endswith("/c.txt")] == ["X", "某某"]


def test_inline_directives_in_text_and_markdown():
    text = ("<!-- draftlint-disable placeholder.someone -->\n某某单位X人\n<!-- draftlint-enable -->\n"
            "<!-- draftlint-disable-next-line -->\n某某单位X人\n某某单位X人\n")
    for fmt in ("txt", "md"):
        findings = lint_text(text, format=fmt, select=["placeholder"])
        assert [(f.line, f.text) for f in findings] == [(2, "X"), (6, "某某"), (6, "X")], fmt


def test_locale_from_environment():
    assert default_locale({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_locale({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert default_locale({}) == "en"
    [f] = lint_text("撰写调研文章X篇", select=["placeholder.unfilled"], lang="zh")
    assert f.message.startswith("未填写的占位符")
