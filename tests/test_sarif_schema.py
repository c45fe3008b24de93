"""SARIF output checked against the SARIF 2.1.0 schema's structure (written out here, not vendored).

For every object kind draftlint emits, SCHEMA lists the properties the 2.1.0 schema
defines (its objects have `additionalProperties: false`, so anything else is invalid),
which of them are required, and the kind of each nested value. Enums and minimums are
those of the schema. tests/test_report_formats.py checks the values; this file checks
that a consumer validating against the schema (GitHub's upload-sarif does) accepts it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from draftlint.cli import main
from tests.docx_build import make_docx, para, run

S, I, B, NUM = "string", "integer", "boolean", "number"

# kind -> (required properties, {property: value kind}); "[kind]" is an array of that kind.
SCHEMA: dict[str, tuple[set[str], dict[str, str]]] = {
    "sarifLog": ({"version", "runs"}, {
        "$schema": S, "version": S, "runs": "[run]", "inlineExternalProperties": "[any]",
        "properties": "propertyBag"}),
    "run": ({"tool"}, {
        "tool": "tool", "invocations": "[invocation]", "conversion": "any", "language": S,
        "versionControlProvenance": "[any]", "originalUriBaseIds": "any",
        "artifacts": "[artifact]", "logicalLocations": "[logicalLocation]", "graphs": "[any]",
        "results": "[result]", "automationDetails": "any", "runAggregates": "[any]",
        "baselineGuid": S, "redactionTokens": "[string]", "defaultEncoding": S,
        "defaultSourceLanguage": S, "newlineSequences": "[string]", "columnKind": S,
        "externalPropertyFileReferences": "any", "threadFlowLocations": "[any]",
        "taxonomies": "[any]", "addresses": "[any]", "translations": "[any]", "policies": "[any]",
        "webRequests": "[any]", "webResponses": "[any]", "specialLocations": "any",
        "properties": "propertyBag"}),
    "tool": ({"driver"}, {"driver": "toolComponent", "extensions": "[toolComponent]",
                          "properties": "propertyBag"}),
    "toolComponent": ({"name"}, {
        "guid": S, "name": S, "organization": S, "product": S, "productSuite": S,
        "shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString",
        "fullName": S, "version": S, "semanticVersion": S, "dottedQuadFileVersion": S,
        "releaseDateUtc": S, "downloadUri": S, "informationUri": S,
        "globalMessageStrings": "any", "notifications": "[reportingDescriptor]",
        "rules": "[reportingDescriptor]", "taxa": "[reportingDescriptor]", "locations": "[any]",
        "language": S, "contents": "[string]", "isComprehensive": B,
        "localizedDataSemanticVersion": S, "minimumRequiredLocalizedDataSemanticVersion": S,
        "associatedComponent": "any", "translationMetadata": "any", "supportedTaxonomies": "[any]",
        "properties": "propertyBag"}),
    "reportingDescriptor": ({"id"}, {
        "id": S, "deprecatedIds": "[string]", "guid": S, "deprecatedGuids": "[string]", "name": S,
        "deprecatedNames": "[string]", "shortDescription": "multiformatMessageString",
        "fullDescription": "multiformatMessageString", "messageStrings": "any",
        "defaultConfiguration": "reportingConfiguration", "helpUri": S,
        "help": "multiformatMessageString", "relationships": "[any]", "properties": "propertyBag"}),
    "reportingConfiguration": (set(), {"enabled": B, "level": S, "rank": NUM, "parameters": "propertyBag",
                                       "properties": "propertyBag"}),
    "multiformatMessageString": ({"text"}, {"text": S, "markdown": S, "properties": "propertyBag"}),
    "message": (set(), {"text": S, "markdown": S, "id": S, "arguments": "[string]",
                        "properties": "propertyBag"}),
    "invocation": ({"executionSuccessful"}, {
        "commandLine": S, "arguments": "[string]", "responseFiles": "[any]", "startTimeUtc": S,
        "endTimeUtc": S, "exitCode": I, "ruleConfigurationOverrides": "[any]",
        "notificationConfigurationOverrides": "[any]",
        "toolExecutionNotifications": "[notification]",
        "toolConfigurationNotifications": "[notification]", "exitCodeDescription": S,
        "exitSignalName": S, "exitSignalNumber": I, "processStartFailureMessage": S,
        "executionSuccessful": B, "machine": S, "account": S, "processId": I,
        "executableLocation": "artifactLocation", "workingDirectory": "artifactLocation",
        "environmentVariables": "any", "stdin": "artifactLocation", "stdout": "artifactLocation",
        "stderr": "artifactLocation", "stdoutStderr": "artifactLocation",
        "properties": "propertyBag"}),
    "notification": ({"message"}, {
        "locations": "[location]", "message": "message", "level": S, "threadId": I, "timeUtc": S,
        "exception": "any", "descriptor": "any", "associatedRule": "any",
        "properties": "propertyBag"}),
    "artifact": (set(), {
        "description": "message", "location": "artifactLocation", "parentIndex": I, "offset": I,
        "length": I, "roles": "[string]", "mimeType": S, "contents": "artifactContent",
        "encoding": S, "sourceLanguage": S, "hashes": "any", "lastModifiedTimeUtc": S,
        "properties": "propertyBag"}),
    "artifactLocation": (set(), {"uri": S, "uriBaseId": S, "index": I, "description": "message",
                                 "properties": "propertyBag"}),
    "artifactContent": (set(), {"text": S, "binary": S, "rendered": "multiformatMessageString",
                                "properties": "propertyBag"}),
    "result": ({"message"}, {
        "ruleId": S, "ruleIndex": I, "rule": "any", "kind": S, "level": S, "message": "message",
        "analysisTarget": "artifactLocation", "locations": "[location]", "guid": S,
        "correlationGuid": S, "occurrenceCount": I, "partialFingerprints": "any",
        "fingerprints": "any", "stacks": "[any]", "codeFlows": "[any]", "graphs": "[any]",
        "graphTraversals": "[any]", "relatedLocations": "[location]", "suppressions": "[any]",
        "baselineState": S, "rank": NUM, "attachments": "[any]", "hostedViewerUri": S,
        "workItemUris": "[string]", "provenance": "any", "fixes": "[fix]", "taxa": "[any]",
        "webRequest": "any", "webResponse": "any", "properties": "propertyBag"}),
    "location": (set(), {"id": I, "physicalLocation": "physicalLocation",
                         "logicalLocations": "[logicalLocation]", "message": "message",
                         "annotations": "[region]", "relationships": "[any]",
                         "properties": "propertyBag"}),
    "physicalLocation": (set(), {"address": "any", "artifactLocation": "artifactLocation",
                                 "region": "region", "contextRegion": "region",
                                 "properties": "propertyBag"}),
    "region": (set(), {"startLine": I, "startColumn": I, "endLine": I, "endColumn": I,
                       "charOffset": I, "charLength": I, "byteOffset": I, "byteLength": I,
                       "snippet": "artifactContent", "message": "message", "sourceLanguage": S,
                       "properties": "propertyBag"}),
    "logicalLocation": (set(), {"name": S, "index": I, "fullyQualifiedName": S,
                                "decoratedName": S, "parentIndex": I, "kind": S,
                                "properties": "propertyBag"}),
    "fix": ({"artifactChanges"}, {"description": "message", "artifactChanges": "[artifactChange]",
                                  "properties": "propertyBag"}),
    "artifactChange": ({"artifactLocation", "replacements"}, {
        "artifactLocation": "artifactLocation", "replacements": "[replacement]",
        "properties": "propertyBag"}),
    "replacement": ({"deletedRegion"}, {"deletedRegion": "region",
                                        "insertedContent": "artifactContent",
                                        "properties": "propertyBag"}),
}
ENUMS = {
    ("sarifLog", "version"): {"2.1.0"},
    ("run", "columnKind"): {"utf16CodeUnits", "unicodeCodePoints"},
    ("result", "level"): {"none", "note", "warning", "error"},
    ("result", "kind"): {"notApplicable", "pass", "fail", "review", "open", "informational"},
    ("notification", "level"): {"none", "note", "warning", "error"},
    ("reportingConfiguration", "level"): {"none", "note", "warning", "error"},
    ("result", "baselineState"): {"new", "unchanged", "updated", "absent"},
}
# Integer properties with their schema minimum (everything else that is an index: -1).
MINIMUM = {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1, "charOffset": -1,
           "charLength": 0, "byteOffset": -1, "byteLength": 0, "index": -1, "ruleIndex": -1,
           "occurrenceCount": 1, "parentIndex": -1}
# An RFC 3986 URI reference: no spaces or raw non-ASCII (they must be percent-encoded).
URI_REF = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def validate(value, kind: str, where: str, errors: list[str]) -> None:
    """Append to `errors` every way `value` breaks the schema for `kind`."""
    if kind == "any":
        return
    if kind.startswith("["):
        if not isinstance(value, list):
            errors.append(f"{where}: expected an array")
            return
        for i, item in enumerate(value):
            validate(item, kind[1:-1], f"{where}[{i}]", errors)
        return
    if kind in (S, "string"):
        if not isinstance(value, str):
            errors.append(f"{where}: expected a string")
        return
    if kind == I:
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{where}: expected an integer")
        elif value < MINIMUM.get(where.rsplit(".", 1)[-1], -(2 ** 63)):
            errors.append(f"{where}: {value} is below the schema minimum")
        return
    if kind == B:
        if not isinstance(value, bool):
            errors.append(f"{where}: expected a boolean")
        return
    if kind == NUM:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            errors.append(f"{where}: expected a number")
        return
    if not isinstance(value, dict):
        errors.append(f"{where}: expected an object ({kind})")
        return
    if kind == "propertyBag":
        tags = value.get("tags", [])
        if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)
                and len(set(tags)) == len(tags)):
            errors.append(f"{where}.tags: expected unique strings")
        return
    required, props = SCHEMA[kind]
    for key in required - set(value):
        errors.append(f"{where}: missing required {key!r} ({kind})")
    for key, item in value.items():
        if key not in props:
            errors.append(f"{where}: {key!r} is not a property of {kind}")
            continue
        validate(item, props[key], f"{where}.{key}", errors)
        if (kind, key) in ENUMS and item not in ENUMS[(kind, key)]:
            errors.append(f"{where}.{key}: {item!r} not one of {sorted(ENUMS[(kind, key)])}")
    if kind == "message" and not ({"text", "id"} & set(value)):
        errors.append(f"{where}: a message needs text or id")
    if kind == "physicalLocation" and not ({"address", "artifactLocation"} & set(value)):
        errors.append(f"{where}: a physicalLocation needs artifactLocation or address")
    if kind == "artifactLocation" and "uri" in value and not URI_REF.match(value["uri"]):
        errors.append(f"{where}.uri: {value['uri']!r} is not a URI reference")
    if kind == "fix" and not value.get("artifactChanges"):
        errors.append(f"{where}.artifactChanges: at least one item")


def sarif_errors(log: dict) -> list[str]:
    errors: list[str] = []
    validate(log, "sarifLog", "$", errors)
    return errors


def test_the_validator_catches_what_the_schema_forbids():
    """The checks themselves: each broken log below must be rejected."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "level": "error", "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a%20b.md"}, "region": {"startLine": 1, "startColumn": 1}}}]}]}]}
    assert sarif_errors(good) == []
    bad_cases = [
        {"runs": []},                                                        # no version
        {"version": "2.0.0", "runs": []},                                    # wrong version
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},            # driver without name
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "error"}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
            {"message": {"text": "m"}, "level": "fatal"}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
            {"message": {"text": "m"}, "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "a b.md"}, "region": {"startLine": 0}}}]}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "lineKind": "x"}]},
    ]
    for case in bad_cases:
        assert sarif_errors(case), case


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch) -> Path:
    """Findings of every shape: CJK path with a space, fixable .md findings, a .docx header, an error."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "年度 总结.md").write_text(
        "# 总结\n\n撰写调研文章X篇,完成报告两篇。\n坚持严于律已。\n", encoding="utf-8")
    (docs / "b.txt").write_text("在某某社区试点。\n", encoding="utf-8")
    make_docx(docs, para(run("全年共完成调研报告三篇。")), name="报告.docx",
              headers=[para(run("内部资料 仅供学习 禁止外传"))],
              comments=[(0, "李四", para(run("这里再改改")))])
    (docs / "坏.docx").write_bytes(b"not a zip")
    return docs


def test_cli_sarif_conforms_to_the_schema(drafts, capsys):
    code = main(["check", "docs", "--format", "sarif", "--isolated", "-j", "1"])
    log = json.loads(capsys.readouterr().out)
    assert code == 2  # the unreadable .docx
    assert sarif_errors(log) == []
    run_ = log["runs"][0]
    # The log really holds every shape the schema checks above walk through.
    assert run_["invocations"][0]["toolExecutionNotifications"]
    assert any("fixes" in r for r in run_["results"])
    assert any("logicalLocations" in loc for r in run_["results"] for loc in r["locations"])
    assert any("%20" in a["location"]["uri"] for a in run_["artifacts"])


def test_sarif_of_a_clean_run_conforms(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("全年共完成调研报告三篇。\n", encoding="utf-8")
    assert main(["check", "a.md", "--format", "sarif", "--isolated"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert sarif_errors(log) == [] and log["runs"][0]["results"] == []
