"""Baselines: record today's findings so a repository adopting draftlint fails only on new ones.

A finding matches a baseline entry on (path, rule, text, context hash), never on its
line number: the context hash is taken over the finding's source line with all
whitespace removed, so a finding survives lines being inserted or deleted above it
and re-wrapping of its own line. Each key carries a count: two identical findings in
the baseline accept two, a third one is new.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping

from .model import Finding, Report
from .writers import write_new

FORMAT_VERSION = 1
DEFAULT_FILE = ".draftlint-baseline.json"

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read; the message says what to do."""


def normalize_path(path: str) -> str:
    """`./docs\\a.md` and `docs//a.md` → `docs/a.md`, so one repository spells a path one way."""
    p = os.path.normpath(path.replace("\\", "/")).replace(os.sep, "/")
    return p


def context_hash(f: Finding) -> str:
    """A short hash of the part and the finding's source line with whitespace removed."""
    line = "".join((f.context or f.text).split())
    digest = hashlib.sha256(f"{f.part}\n{line}".encode("utf-8")).hexdigest()
    return digest[:16]


def key_of(f: Finding) -> Key:
    """The matching key of a finding: path, rule, flagged text, context hash."""
    return (normalize_path(f.path), f.rule, f.text, context_hash(f))


def build(findings: Iterable[Finding]) -> dict[str, Any]:
    """The baseline document for these findings: sorted entries with counts (diff-friendly)."""
    counts = Counter(key_of(f) for f in findings)
    entries = [{"path": p, "rule": r, "text": t, "context": c, "count": n}
               for (p, r, t, c), n in sorted(counts.items())]
    return {"version": FORMAT_VERSION, "tool": "draftlint",
            "findings": sum(counts.values()), "entries": entries}


def write(findings: Iterable[Finding], path: Path) -> dict[str, Any]:
    """Write the baseline of `findings` to `path` (UTF-8 JSON, CJK unescaped), atomically;
    return it. WriteError (one line) when the file cannot be written."""
    data = build(findings)
    write_new(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return data


def load(path: Path, rules: Mapping[str, Any] | None = None) -> Counter:
    """Read a baseline file into a Counter of keys; BaselineError when it is unusable.

    `rules` (id or alias -> Rule) maps a renamed rule's old id to its current id.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file {path} not found; create it with "
                            f"`draftlint baseline PATH... -o {path}`") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline file {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise BaselineError(f"baseline file {path} is not valid JSON: {exc}") from None
    return load_data(data, rules, path)


def load_data(data: Any, rules: Mapping[str, Any] | None = None,
              path: Path | str = "<baseline>") -> Counter:
    """A parsed baseline document (see build()) as a Counter of keys."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION \
            or not isinstance(data.get("entries"), list):
        raise BaselineError(f"baseline file {path} is not a draftlint baseline "
                            f"(expected version {FORMAT_VERSION} with an `entries` list)")
    counts: Counter = Counter()
    for i, e in enumerate(data["entries"]):
        try:
            rule = str(e["rule"])
            if rules and rule in rules:
                rule = rules[rule].id
            key = (normalize_path(str(e["path"])), rule, str(e["text"]), str(e["context"]))
            n = int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"baseline file {path}: entry {i} needs path, rule, text, "
                                f"context and a whole-number count") from None
        counts[key] += n
    return counts


def filter_findings(findings: Iterable[Finding], baseline: Counter) -> tuple[list[Finding], int]:
    """The findings not accepted by the baseline, in order, and how many were accepted."""
    left = Counter(baseline)
    kept: list[Finding] = []
    accepted = 0
    for f in findings:
        k = key_of(f)
        if left[k] > 0:
            left[k] -= 1
            accepted += 1
        else:
            kept.append(f)
    return kept, accepted


def apply(report: Report, baseline: Counter) -> tuple[Report, int]:
    """A copy of the report without the baselined findings, and how many were dropped."""
    kept, accepted = filter_findings(report.findings, baseline)
    return dataclasses.replace(report, findings=kept), accepted
