"""The README stays true: the two commands first, the rule table, snippets, options and the sample."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from draftlint.cli import main
from draftlint.config import KEYS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

sys.path.insert(0, str(ROOT / "tools"))
import rule_table  # noqa: E402

INSTALL = "python3 -m venv .venv && . .venv/bin/activate && pip install . && draftlint check examples/"
TEST = ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && "
        "python -m pytest -q -p no:cacheprovider")


def block_after(marker: str) -> str:
    """The fenced code block that follows `<!-- marker -->`."""
    m = re.search(rf"<!-- {re.escape(marker)} -->\n```[a-z]*\n(.*?)\n```", README, re.S)
    assert m, f"README lacks the block marked <!-- {marker} -->"
    return m.group(1)


def test_readme_starts_with_exactly_the_two_commands():
    assert README.startswith(f"# draftlint\n\n```sh\n{INSTALL}\n```\n\n```sh\n{TEST}\n```\n")
    # .ci/run runs the second command (pip quietened).
    ci_run = ROOT / ".ci" / "run"
    if ci_run.exists():  # not in an sdist
        assert TEST in ci_run.read_text(encoding="utf-8").replace("pip install -q ", "pip install ")


def test_rule_table_is_in_sync_with_the_rule_packs():
    """Regenerate with `python tools/rule_table.py --write README.md` when this fails."""
    table = rule_table.rule_table()
    assert rule_table.replace_table(README, table) == README, \
        "README rule table is stale: run `python tools/rule_table.py --write README.md`"
    from draftlint.rules import load_rules
    assert table.count("\n| `") == len(load_rules())


def test_pre_commit_snippet_uses_the_shipped_hooks():
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load(block_after("pre-commit-config"))
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    (repo,) = config["repos"]
    used = {h["id"] for h in repo["hooks"]}
    assert used == hooks


def test_ci_workflow_uploads_the_sarif_it_writes():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(block_after("ci-workflow"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = next(iter(workflow["jobs"].values()))["steps"]
    runs = [s.get("run", "") for s in steps]
    (sarif_cmd,) = [r for r in runs if "--format sarif" in r]
    written = re.search(r">\s*(\S+)", sarif_cmd).group(1)
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == written
    assert steps.index(upload) > runs.index(sarif_cmd)


def test_documented_check_options_exist(capsys):
    assert main(["check", "--help"]) == 0
    help_text = capsys.readouterr().out
    usage = README.split("## Usage", 1)[1].split("\n## ", 1)[0]
    options = set(re.findall(r"`(--[a-z][a-z-]*)", usage))
    assert {"--format", "--jobs", "--baseline", "--stdin-filename"} <= options
    for opt in options:
        assert opt in help_text, opt


def test_documented_config_keys_are_the_real_ones():
    config = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```toml\n(.*?)```", config, re.S).group(1)
    top_level = block.split("\n[", 1)[0]  # keys before the first [table]
    documented = set(re.findall(r"^([a-z-]+) =", top_level, re.M))
    documented |= {"rules"} if "[rules." in block else set()
    documented |= {"per-file-ignores"} if "[per-file-ignores]" in block else set()
    assert documented == set(KEYS)


def test_sample_report_matches_a_real_run(tmp_path, monkeypatch, capsys):
    """The sample's locations and rule ids are what draftlint reports for the sample draft."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "述职报告.md").write_text(block_after("sample-input") + "\n", encoding="utf-8")
    main(["check", "述职报告.md", "--format", "json", "--isolated", "--lang", "en"])
    real = [(f["line"], f["column"], f["rule"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    sample = block_after("sample-report")
    shown = [(int(l), int(c)) for l, c in re.findall(r"^\s+(\d+):(\d+)\s+(?:error|warning|info)\b",
                                                     sample, re.M)]
    rules = re.findall(r"\b((?:placeholder|typo|number|numbering|date|watermark|punctuation|layout"
                       r"|residue)\.[a-z-]+)\b", sample)
    assert shown == [(l, c) for l, c, _ in real]
    assert rules == [r for _, _, r in real]
