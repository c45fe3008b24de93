"""The engine: select rules, run their kinds over a document, turn hits into findings."""

from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping, Sequence

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


def make_finding(doc: Document, rule: Rule, hit: Hit, lang: str,
                 messages: dict | None = None) -> Finding:
    """Stamp a hit with the rule's id, severity and message and the block's coordinates.

    `messages`, a dict kept for one lint() call, memoises the formatted message of
    hits without fields of their own: it then depends only on the rule, the text and
    the suggestion, and 23,000 "X" slots share a handful of messages.
    """
    block = hit.block
    src_start, src_end = block.source_span(hit.start, hit.end)
    source = block.source_text()
    text = source[src_start:src_end]
    key = None if hit.fields or messages is None else (rule.id, text, hit.suggestion)
    message = messages.get(key) if key is not None else None
    if message is None:
        fields = {"text": text, "suggestion": hit.suggestion or "", **hit.fields}
        try:
            message = rule.message(lang).format_map(fields)
        except (KeyError, IndexError, ValueError):
            message = rule.message(lang)
        if key is not None:
            messages[key] = message
    fixable = bool(rule.fixable and hit.suggestion is not None and hit.fields.get("fixable", True))
    if fixable and doc.format == "docx":
        # Only where the writer can edit in place: inside runs, outside fields and revisions.
        from .writers.docx import blocker
        fixable = blocker(block, hit.start, hit.end) is None
    # Positional, in field order: a frozen dataclass's keyword call costs a third more.
    return Finding(doc.path, rule.id, rule.category, rule.severity, block.part, block.line,
                   src_start + 1, block.line, src_end + 1, text, message, hit.suggestion,
                   fixable, source, (src_start, src_end), block.style)


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


def rule_hits(doc: Document, rule: Rule, blocks: list[Block], config: Config,
              ctx: LintContext, word_directives: Mapping, debug: bool = False
              ) -> tuple[list[Hit], FileError | None]:
    """One rule's hits on a document (outside code, exceptions, `accept`, comments),
    or the error that stopped it."""
    hits: list[Hit] = []
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
            hits.append(hit)
    except TimeoutError:
        if debug:
            raise
        return hits, FileError(doc.path, f"rule {rule.id} timed out on this file "
                                         f"(a pattern is too slow); other rules ran")
    except Exception as exc:  # one crashing rule never hides the others
        if debug:
            raise
        return hits, FileError(doc.path, f"internal error in rule {rule.id} on file "
                                         f"{doc.path}: {type(exc).__name__}: {exc}")
    return hits, None


def rule_blocks(doc: Document, rules: Sequence[Rule]) -> list[list[Block]]:
    """The blocks each rule reads (its parts, directive lines left out).

    Rules with the same parts get the very same list object: the adblock kind
    relies on it to classify a document once for its line and contact rules.
    """
    by_parts: dict[tuple[str, ...], list[Block]] = {}
    out = []
    for rule in rules:
        blocks = by_parts.get(rule.parts)
        if blocks is None:
            blocks = [b for b in doc.blocks_in(rule.parts) if b.style != "directive"]
            by_parts[rule.parts] = blocks
        out.append(blocks)
    return out


def lint(doc: Document, rules: Sequence[Rule], config: Config, ctx: LintContext,
         lang: str = "en", debug: bool = False, jobs: int = 1
         ) -> tuple[list[Finding], list[FileError]]:
    """Run every rule on a document; return its sorted findings and any rule errors.

    `jobs` > 1 lets a big document's rules run in two processes (see rulefork.py);
    the result is the same as a serial run's.
    """
    word_directives = word_comment_directives(doc) if doc.format == "docx" else {}
    blocks = rule_blocks(doc, rules)
    results: list[tuple[list[Hit], FileError | None] | None] = [None] * len(rules)
    if jobs > 1 and not debug:
        from . import rulefork
        results = rulefork.run_split(doc, rules, blocks, config, ctx, word_directives)
    errors: list[FileError] = []
    hits: list[tuple[Rule, Hit]] = []
    for i, rule in enumerate(rules):
        if not blocks[i]:
            continue
        result = results[i]
        if result is None:  # not run in a second process
            result = rule_hits(doc, rule, blocks[i], config, ctx, word_directives, debug)
        rhits, error = result
        hits.extend((rule, h) for h in rhits)
        if error is not None:
            errors.append(error)
    hits = _drop_contained(hits)
    messages: dict = {}
    findings = [make_finding(doc, rule, hit, lang, messages) for rule, hit in hits]
    ignored = config.ignored_for(doc.path)
    if ignored:
        findings = [f for f in findings
                    if not (id_matches(f.rule, ignored) or f.category in ignored)]
    if doc.directives:
        index = DirectiveIndex(doc.directives)
        findings = [f for f in findings if not index.disabled(f)]
    findings.sort(key=Finding.sort_key)
    return findings, errors
