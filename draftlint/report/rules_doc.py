"""Rule documentation: the `rules` listing and `explain RULE`, read from the rule packs.

On a terminal both use rich (a table; styled examples); on a pipe the listing is
aligned plain columns and `explain` plain text with ⟦ ⟧ around the flagged spans.
Rule text never goes through rich markup: examples like “[ ] 完成初稿” print as is.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import category_name, part_name, severity_name, t
from ..model import CATEGORIES, Severity

OPEN, CLOSE = "⟦", "⟧"
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _unique(rules: Iterable[Any]) -> list[Any]:
    """Each rule once (an index maps aliases too), in category then id order."""
    seen: dict[str, Any] = {}
    for r in rules:
        seen.setdefault(r.id, r)
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(seen.values(), key=lambda r: (rank.get(r.category, len(rank)), r.id))


def rule_record(rule: Any, enabled: bool) -> dict[str, Any]:
    """The JSON object `draftlint rules --json` prints for one rule."""
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": str(rule.severity),
        "enabled": enabled,
        "default_enabled": bool(rule.enabled),
        "fixable": bool(rule.fixable),
        "kind": rule.kind_name,
        "parts": list(rule.parts),
        "aliases": list(rule.aliases),
        "summary": rule.summary,
        # Additive: the Chinese summary (None for a user's pack that gives only English);
        # `summary` stays English whatever --lang says, so scripts keep working.
        "summary_zh": rule.doc_in("summary", "zh"),
    }


def _pad(s: str, width: int) -> str:
    """Left-align `s` in `width` terminal cells (CJK counts two)."""
    return s + " " * max(width - cell_len(s), 0)


def render_rule_list(all_rules: Iterable[Any], enabled_by_id: Mapping[str, Any], lang: str,
                     stream: TextIO, as_json: bool = False) -> None:
    """List every rule: id, category, severity, on/off (after config and selection), summary.

    Severity, state and summary are in `lang`; ids and categories stay as a config writes them.
    """
    rules = _unique(all_rules)
    if as_json:
        json.dump([rule_record(r, r.id in enabled_by_id) for r in rules], stream,
                  ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    # The effective severity (a config override) is the one in enabled_by_id.
    effective = [(r, enabled_by_id.get(r.id)) for r in rules]
    rows = [(r.id, r.category, severity_name(str((e or r).severity), lang),
             t("on" if e else "off", lang), r.doc("summary", lang)) for r, e in effective]
    heads = (t("rule_id", lang), t("category", lang), t("severity", lang),
             t("state", lang), t("summary", lang))
    footer = t("rules_count", lang, n=len(rules), on=sum(1 for _, e in effective if e))
    if not _is_tty(stream):
        widths = [max(cell_len(x) for x in col) for col in zip(heads, *rows)][:4]
        for row in (heads, *rows):
            cells = [_pad(c, w) for c, w in zip(row[:4], widths)]
            stream.write("  ".join(cells) + "  " + row[4] + "\n")
        stream.write(footer + "\n")
        return
    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(Text(heads[0]), no_wrap=True)
    table.add_column(Text(heads[2]), no_wrap=True)
    table.add_column(Text(heads[3]), no_wrap=True)
    table.add_column(Text(heads[4]), ratio=1)
    # The category is a section row rather than a column: at 80 columns the
    # summary needs the room.
    current = None
    for (r, e), row in zip(effective, rows):
        if r.category != current:
            current = r.category
            table.add_row(Text(f"{category_name(r.category, lang)} ({r.category})",
                               style="bold magenta"))
        sev = (e or r).severity
        table.add_row(Text("  " + row[0], style="bold" if e else "dim"),
                      Text(row[2], style=SEVERITY_STYLE[sev]),
                      Text(row[3], style="green" if e else "dim"), Text(row[4]))
    console.print(table)
    console.print(Text(footer, style="dim"))


def _para(console: Console, s: str, indent: int = 2) -> None:
    """Print `s` wrapped to the console with a hanging indent, no trailing padding."""
    for row in Text(s).wrap(console, max(console.width - indent, 20)):
        row.rstrip()
        console.print(Text(" " * indent) + row)


def marked(example: str, colored: bool, style: str = "bold white on red") -> Text:
    """An example with its ⟦spans⟧ styled in place (colour) or kept as ⟦ ⟧ (plain)."""
    if not colored:
        return Text(example)
    text = Text()
    inside = False
    buf = ""
    for ch in example:
        if ch in (OPEN, CLOSE):
            text.append(buf, style=style if inside else "")
            buf, inside = "", ch == OPEN
        else:
            buf += ch
    text.append(buf, style=style if inside else "")
    return text


def render_explain(rule: Any, lang: str, stream: TextIO) -> None:
    """A rule's full documentation: what, why, how to fix, examples, message template."""
    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    colored = console.color_system is not None and not console.no_color

    def heading(key: str) -> None:
        console.print()
        console.print(Text(t(key, lang), style="bold underline"))

    def para(s: str) -> None:
        _para(console, s)

    title = Text(rule.id, style="bold")
    title.append("  ")
    title.append(category_name(rule.category, lang), style="magenta")
    title.append(" · ")
    title.append(severity_name(str(rule.severity), lang), style=SEVERITY_STYLE[rule.severity])
    title.append(" · ")
    title.append(t("default_on" if rule.enabled else "default_off", lang),
                 style="green" if rule.enabled else "dim")
    console.print(title)
    _para(console, rule.doc("summary", lang), 0)
    if rule.aliases:
        console.print(Text(f"{t('aliases', lang)}{'：' if lang == 'zh' else ': '}"
                           f"{', '.join(rule.aliases)}", style="dim"))
    # Each part's display name with the name a config's `parts` takes when they differ:
    # "footnotes (footnote)", "页眉 (header)".
    parts = ", ".join(part_name(p, lang) if part_name(p, lang) == p
                      else f"{part_name(p, lang)} ({p})" for p in rule.parts)
    console.print(Text(f"{t('parts', lang)}{'：' if lang == 'zh' else ': '}{parts}", style="dim"))
    why, fix = rule.doc("why", lang), rule.doc("fix", lang)
    if why:
        heading("why")
        para(why)
    if fix or rule.fixable:
        heading("how_to_fix")
        if fix:
            para(fix)
        if rule.fixable:
            para(t("fixable_yes", lang))
    bad = rule.examples.get("bad", ())
    fixed = rule.examples.get("fixed", ())
    good = rule.examples.get("good", ())
    if bad:
        heading("examples_bad")
        for i, example in enumerate(bad):
            # soft_wrap: an example is one line even on a pipe (tests and grep find it).
            console.print(Text.assemble(("  ✗ ", "red"), marked(example, colored)), soft_wrap=True)
            if i < len(fixed):
                console.print(Text.assemble(("    → ", "green"), (fixed[i], "green")), soft_wrap=True)
    if good:
        heading("examples_good")
        for example in good:
            console.print(Text.assemble(("  ✓ ", "green"), example), soft_wrap=True)
    docx = rule.examples.get("docx", ())
    if docx:
        console.print(Text("  .docx: " + ", ".join(docx), style="dim"))
    heading("message_template")
    for code in (lang, *(c for c in ("zh", "en") if c != lang)):
        if code in rule.messages:
            console.print(Text.assemble((f"  {code}: ", "dim"), rule.messages[code]), soft_wrap=True)
