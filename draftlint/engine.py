"""The engine: select rules, run their kinds over a document, turn hits into findings."""

from __future__ import annotations

import dataclasses
from typing import Iterable, Sequence

from .config import Config
from .kinds import LintContext
from .model import Block, Document, FileError, Finding, Hit, Severity
from .rules import Rule
from .suppress import (DirectiveIndex, covered_by_any, id_matches, silenced_by_comment,
                       word_comment_directives)


def _specificity(rule_id: str, selector: str) -> int:
    """How specific a matching selector is (-1: no match). "all" < "typo" < "typo.confusion"."""
    if selector in ("all", "ALL"):
        return 0
    if rule_id == selector or rule_id.startswith(selector + "."):
        return selector.count(".") + 1
    return -1


def select_rules(rules: Iterable[Rule], config: Config,
                 select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """Apply select/ignore (most specific selector wins, ignore breaks ties) and overrides.

    `select`/`ignore` come from the command line: a CLI select replaces the config's,
    a CLI ignore adds to it.
    """
    selectors = tuple(select) or config.select
    ignores = (*config.ignore, *ignore)
    chosen: list[Rule] = []
    for rule in rules:
        override = config.rules.get(rule.id) or next(
            (config.rules[a] for a in rule.aliases if a in config.rules), {})
        enabled = override.get("enabled", rule.enabled)
        best_sel = max((_specificity(rule.id, s) for s in selectors), default=-1)
        best_ign = max((_specificity(rule.id, s) for s in ignores), default=-1)
        if best_ign >= 0 and best_ign >= best_sel:
            enabled = False
        elif best_sel > 0:
            # Naming a pack or id turns on even a rule that is off by default,
            # unless the user's override for that very rule says otherwise.
            enabled = override.get("enabled", True)
        elif best_sel < 0 and selectors:
            enabled = False
        if not enabled:
            continue
        changes = {}
        if "severity" in override:
            changes["severity"] = Severity.parse(override["severity"])
        if "exceptions" in override:
            changes["exceptions"] = (*rule.exceptions, *override["exceptions"])
        if "parts" in override:
            changes["parts"] = tuple(override["parts"])
        chosen.append(dataclasses.replace(rule, **changes) if changes else rule)
    return chosen


def context_for(config: Config, **overrides) -> LintContext:
    """The LintContext a run passes to every kind."""
    values = dict(report_year=config.report_year, authors=config.authors,
                  company=config.company, words=frozenset(config.words))
    values.update(overrides)
    return LintContext(**values)


def make_finding(doc: Document, rule: Rule, hit: Hit, lang: str) -> Finding:
    """Stamp a hit with the rule's id, severity and message and the block's coordinates."""
    block = hit.block
    src_start, src_end = block.source_span(hit.start, hit.end)
    source = block.source_text()
    text = source[src_start:src_end]
    fields = {"text": text, "suggestion": hit.suggestion or "", **hit.fields}
    try:
        message = rule.message(lang).format_map(fields)
    except (KeyError, IndexError, ValueError):
        message = rule.message(lang)
    fixable = bool(rule.fixable and hit.suggestion is not None and hit.fields.get("fixable", True))
    if fixable and doc.format == "docx":
        # Only where the writer can edit in place: inside runs, outside fields and revisions.
        from .writers.docx import blocker
        fixable = blocker(block, hit.start, hit.end) is None
    return Finding(
        path=doc.path, rule=rule.id, category=rule.category, severity=rule.severity,
        part=block.part, line=block.line, column=src_start + 1,
        end_line=block.line, end_column=src_end + 1, text=text, message=message,
        suggestion=hit.suggestion, fixable=fixable,
        context=source, context_span=(src_start, src_end), style=block.style,
    )


def _in_code(hit: Hit) -> bool:
    """Markdown inline code (`XX`) is quoted, not written: no rule reports inside it."""
    return any(m.kind == "code" and m.start < max(hit.end, hit.start + 1) and hit.start < m.end
               for m in hit.block.marks)


def _drop_contained(hits: list[tuple[Rule, Hit]]) -> list[tuple[Rule, Hit]]:
    """One problem, one finding: drop a hit lying inside another hit of its category.

    "X月X日" and the bare "X" inside it are one unfilled slot, not three.
    """
    by_block: dict[tuple[int, str], list[tuple[Rule, Hit]]] = {}
    for rh in hits:
        by_block.setdefault((id(rh[1].block), rh[0].category), []).append(rh)
    kept: list[tuple[Rule, Hit]] = []
    for group in by_block.values():
        if len(group) == 1:
            kept.extend(group)
            continue
        # Longest first at each start; a hit inside a kept span (or equal to it) goes.
        group.sort(key=lambda rh: (rh[1].start, -(rh[1].end - rh[1].start)))
        # Every kept span starts at or before the current hit, so "inside a kept
        # span" is just "ends no later than the furthest kept end" (linear).
        furthest = -1
        for rh in group:
            h = rh[1]
            if h.end <= furthest:
                continue
            furthest = h.end
            kept.append(rh)
    return kept


def lint(doc: Document, rules: Sequence[Rule], config: Config, ctx: LintContext,
         lang: str = "en", debug: bool = False) -> tuple[list[Finding], list[FileError]]:
    """Run every rule on a document; return its sorted findings and any rule errors."""
    errors: list[FileError] = []
    hits: list[tuple[Rule, Hit]] = []
    blocks_by_parts: dict[tuple[str, ...], list[Block]] = {}
    word_directives = word_comment_directives(doc) if doc.format == "docx" else {}
    for rule in rules:
        blocks = blocks_by_parts.get(rule.parts)
        if blocks is None:
            blocks = [b for b in doc.blocks_in(rule.parts) if b.style != "directive"]
            blocks_by_parts[rule.parts] = blocks
        if not blocks:
            continue
        # Exceptions (and `accept` entries) that occur in the hit's block at all: the
        # only ones that can cover a hit there. Hits come block by block, so one
        # `in` scan per block replaces a covers() call per hit and exception
        # (23,000 "X" hits × 14 placeholder exceptions on a 3 MB draft).
        last_block: Block | None = None
        excs: Sequence[str] = ()
        accepts: Sequence[str] = ()
        try:
            for hit in rule.kind.check(doc, blocks, ctx):
                block = hit.block
                if block.marks and _in_code(hit):
                    continue
                if block is not last_block:
                    last_block, text = block, block.text
                    excs = [e for e in rule.exceptions if e in text]
                    accepts = [e for e in config.accept if e in text]
                if excs and covered_by_any(block.text, excs, hit.start, hit.end):
                    continue
                if accepts and covered_by_any(block.text, accepts, hit.start, hit.end):
                    continue
                if word_directives and silenced_by_comment(hit, rule.id, rule.category,
                                                           word_directives):
                    continue
                hits.append((rule, hit))
        except TimeoutError:
            if debug:
                raise
            errors.append(FileError(doc.path, f"rule {rule.id} timed out on this file "
                                              f"(a pattern is too slow); other rules ran"))
        except Exception as exc:  # one crashing rule never hides the others
            if debug:
                raise
            errors.append(FileError(doc.path, f"internal error in rule {rule.id} on file "
                                              f"{doc.path}: {type(exc).__name__}: {exc}"))
    hits = _drop_contained(hits)
    findings = [make_finding(doc, rule, hit, lang) for rule, hit in hits]
    ignored = config.ignored_for(doc.path)
    if ignored:
        findings = [f for f in findings
                    if not (id_matches(f.rule, ignored) or f.category in ignored)]
    if doc.directives:
        index = DirectiveIndex(doc.directives)
        findings = [f for f in findings if not index.disabled(f)]
    findings.sort(key=Finding.sort_key)
    return findings, errors
