"""The SARIF 2.1.0 reporter, for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Choices made here:
- columns are code points (`columnKind: "unicodeCodePoints"` on the run), end exclusive,
  exactly the contract's `column`/`end_column`;
- a relative path stays relative (`/`-separated, percent-encoded: spaces, CJK);
  an absolute path becomes a `file://` URI;
- a finding outside the body (a .docx header, footer, comment, the properties …) gets
  a `logicalLocations` entry `{"name": part, "kind": "element"}`; every result also
  carries `properties.part`, so consumers can tell that `startLine` then counts that
  part's paragraphs;
- `rules[]` lists every rule the run knows (report.rules), sorted by id, so `ruleIndex`
  is stable; a fixable finding in a .txt/.md file carries a SARIF `fixes` entry.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Report, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/draftlint/"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
OPEN, CLOSE = "⟦", "⟧"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
# Characters with a meaning in Markdown, escaped in rule help: **市 must not turn bold.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def artifact_uri(path: str) -> str:
    """The path as a URI reference: relative stays relative; spaces and CJK percent-encoded.

    `docs/年度 总结.md` → `docs/%E5%B9%B4%E5%BA%A6%20%E6%80%BB%E7%BB%93.md`.
    """
    p = path.replace("\\", "/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/")
    if _WINDOWS_DRIVE.match(p):
        return "file:///" + p[:2] + quote(p[2:], safe="/")
    return quote(p, safe="/")


def _md(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s)


def _md_example(example: str) -> str:
    """A bad example in Markdown: the ⟦marked⟧ spans in bold, everything else escaped."""
    out, bold = [], False
    for piece in re.split(f"([{OPEN}{CLOSE}])", example):
        if piece == OPEN:
            bold = True
        elif piece == CLOSE:
            bold = False
        elif piece:
            out.append(f"**{_md(piece)}**" if bold else _md(piece))
    return "".join(out)


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A reportingDescriptor from a Rule: names, descriptions, help with its examples."""
    bad = rule.examples.get("bad", ())
    good = rule.examples.get("good", ())
    fixed = rule.examples.get("fixed", ())
    text_lines = [rule.summary]
    md_lines = [_md(rule.summary)]
    if rule.why:
        text_lines += ["", rule.why]
        md_lines += ["", _md(rule.why)]
    if rule.fix:
        text_lines += ["", "How to fix: " + rule.fix]
        md_lines += ["", "**How to fix:** " + _md(rule.fix)]
    if bad:
        text_lines += ["", "Flagged (⟦ ⟧ marks the reported text):"] + [f"  {b}" for b in bad]
        md_lines += ["", "**Flagged:**", ""] + [f"- {_md_example(b)}" for b in bad]
    if fixed:
        text_lines += ["", "After fix:"] + [f"  {x}" for x in fixed]
        md_lines += ["", "**After fix:**", ""] + [f"- {_md(x)}" for x in fixed]
    if good:
        text_lines += ["", "Not flagged:"] + [f"  {g}" for g in good]
        md_lines += ["", "**Not flagged:**", ""] + [f"- {_md(g)}" for g in good]
    return {
        "id": rule.id,
        "name": rule.id.split(".", 1)[-1].replace("-", "_"),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why or rule.summary},
        "help": {"text": "\n".join(text_lines), "markdown": "\n".join(md_lines)},
        "defaultConfiguration": {"level": LEVEL[rule.severity], "enabled": bool(rule.enabled)},
        "properties": {"category": rule.category, "tags": [rule.category],
                       "fixable": bool(rule.fixable)},
    }


def _result(f: Finding, rule_index: dict[str, int], artifact_index: dict[str, int]) -> dict[str, Any]:
    region = {
        "startLine": f.line, "startColumn": f.column,
        "endLine": f.end_line, "endColumn": f.end_column,
        "snippet": {"text": f.text},
    }
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path), "index": artifact_index[f.path]},
            "region": region,
        }
    }
    if f.part != "body":
        location["logicalLocations"] = [{"name": f.part, "kind": "element"}]
    result: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    result.update({
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "properties": {"category": f.category, "part": f.part, "fixable": f.fixable},
    })
    if f.suggestion is not None:
        result["properties"]["suggestion"] = f.suggestion
    if f.fixable and f.suggestion is not None and not f.path.lower().endswith(".docx"):
        result["fixes"] = [{
            "description": {"text": f"Replace “{f.text}” with “{f.suggestion}”"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(f.path), "index": artifact_index[f.path]},
                "replacements": [{
                    "deletedRegion": {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line, "endColumn": f.end_column},
                    "insertedContent": {"text": f.suggestion},
                }],
            }],
        }]
    return result


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log object for a report: one run, its rules, artifacts, results, invocation."""
    rules = sorted(report.rules.values(), key=lambda r: r.id)
    # report.rules maps aliases too: keep each rule once.
    unique: dict[str, Any] = {}
    for r in rules:
        unique.setdefault(r.id, r)
    descriptors = [rule_descriptor(r) for r in unique.values()]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    artifacts_paths = list(report.files)
    for f in report.findings:
        if f.path not in artifacts_paths:
            artifacts_paths.append(f.path)
    artifact_index = {p: i for i, p in enumerate(artifacts_paths)}
    artifacts = [{"location": {"uri": artifact_uri(p)}} for p in artifacts_paths]
    notifications = [{
        "level": "error",
        "message": {"text": e.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}],
    } for e in report.errors]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "draftlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }},
            "invocations": [{
                "executionSuccessful": not report.errors,
                "exitCode": report.exit_code(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": [_result(f, rule_index, artifact_index) for f in report.findings],
        }],
    }


def render(report: Report, stream: TextIO) -> None:
    """Write the SARIF log as UTF-8 JSON (CJK unescaped)."""
    json.dump(to_sarif(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
