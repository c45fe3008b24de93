"""The rich reporter: findings grouped by file and part, each with an excerpt whose span is styled in place.

Document text never goes through rich markup (`[/x]` would raise, `[link]` would
vanish): every line is built as a `Text` with styles applied to ranges. On a console
without colour (a pipe, a file) the flagged span is wrapped in ⟦ ⟧ instead, so the
output stays readable as plain text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Sequence, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import category_name, localize_error, part_name, severity_name, t
from ..model import CATEGORIES, PARTS, Finding, Report, Severity
from .printable import printable

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SPAN_STYLE = {Severity.ERROR: "bold white on red", Severity.WARNING: "bold black on yellow",
              Severity.INFO: "bold black on cyan"}
OPEN, CLOSE = "⟦", "⟧"
ELLIPSIS = "…"
# A run of more lines than this shows its first MAX_GROUP_LINES - 2 and a count.
MAX_GROUP_LINES = 10
MIN_EXCERPT = 12
# The per-file "placeholders still to fill" list stops after this many files.
MAX_PLACEHOLDER_FILES = 10


@dataclass
class Entry:
    """One item of the report: a finding, or a run of one rule's findings on consecutive lines."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def first(self) -> Finding:
        """The entry's first finding (its message, rule and severity head the entry)."""
        return self.findings[0]

    @property
    def lines(self) -> list[int]:
        """The distinct lines of the entry, in order."""
        return sorted({f.line for f in self.findings})

    def location(self) -> str:
        """`line:col` for one finding, `first–last` for a run."""
        lines = self.lines
        if len(lines) > 1:
            return f"{lines[0]}–{lines[-1]}"
        return f"{self.first.line}:{self.first.column}"


def group_entries(findings: Sequence[Finding]) -> list[Entry]:
    """Merge findings of the same rule on consecutive lines (a block of ad lines) into one entry.

    `findings` are those of one file and part, sorted. A run must cover at least two
    lines and its findings must share their suggestion; findings of one rule on a
    single line stay separate entries. JSON and the other formats are not grouped.
    """
    runs: list[Entry] = []
    open_run: dict[str, Entry] = {}
    for f in findings:
        run = open_run.get(f.rule)
        # A different suggestion is per-finding advice a group would hide
        # (廉沽→廉洁 and 律已→律己 on two lines stay two entries).
        if (run is not None and f.line - run.findings[-1].line in (0, 1)
                and f.suggestion == run.findings[-1].suggestion):
            run.findings.append(f)
            continue
        run = Entry([f])
        open_run[f.rule] = run
        runs.append(run)
    entries: list[Entry] = []
    for run in runs:
        if len(run.lines) > 1:
            entries.append(run)
        else:
            entries.extend(Entry([f]) for f in run.findings)
    entries.sort(key=lambda e: e.first.sort_key())
    return entries


def _width(ch: str) -> int:
    """Cells a character may take: East Asian Ambiguous (“ ” … ×) counts as 2 to be safe."""
    if unicodedata.east_asian_width(ch) == "A":
        return 2
    return cell_len(ch)


def _visible(s: str) -> str:
    """Tabs and control characters as spaces (one for one, so offsets still hold)."""
    return "".join(" " if (c == "\t" or unicodedata.category(c) == "Cc") else c for c in s)


def _show_span(s: str) -> str:
    """A flagged span that would be invisible (zero-width, empty) gets a visible stand-in."""
    if not s:
        return "‸"
    out = []
    for c in s:
        if c == "\t" or unicodedata.category(c) == "Cc":
            out.append(" ")
        elif unicodedata.category(c) == "Cf":  # U+200B, U+FEFF … take no cell at all
            out.append(f"<U+{ord(c):04X}>")
        else:
            out.append(c)
    return "".join(out)


def excerpt(context: str, spans: Sequence[tuple[int, int]], budget: int,
            styles: Sequence[str], colored: bool) -> Text:
    """The context line trimmed to `budget` cells around its spans, spans styled in place.

    Without colour the spans are wrapped in ⟦ ⟧. Trimmed ends get an ellipsis.
    """
    spans = sorted(spans)
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    widths = [_width(c) for c in context]
    marker_cost = 0 if colored else 2 * len(spans)
    start, end = 0, len(context)
    if sum(widths) + marker_cost > budget:
        dots = 2 * _width(ELLIPSIS)
        room = budget - marker_cost - dots - sum(widths[lo:hi])
        start, end = lo, hi
        if room < 0:
            # The spans alone are too wide: keep the beginning of the flagged text.
            used, end = 0, lo
            limit = max(budget - marker_cost - dots, 1)
            while end < hi and used + widths[end] <= limit:
                used += widths[end]
                end += 1
            end = max(end, min(lo + 1, hi))
            spans = [(s, min(e, end)) for s, e in spans if s < end or s == e == lo]
        else:
            # Grow on both sides: half the room before the span, the rest after,
            # and whatever the right side cannot use goes back to the left.
            left = room // 2
            while start > 0 and widths[start - 1] <= left:
                left -= widths[start - 1]
                start -= 1
            right = room - (room // 2 - left)
            while end < len(context) and widths[end] <= right:
                right -= widths[end]
                end += 1
            while start > 0 and widths[start - 1] <= right:
                right -= widths[start - 1]
                start -= 1
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if start > 0:
        text.append(ELLIPSIS, style="dim")
    pos = start
    for (s, e), style in zip(spans, styles):
        if s < pos:
            continue
        text.append(_visible(context[pos:s]))
        if not colored:
            text.append(OPEN, style="bold")
        text.append(_show_span(context[s:e]), style=style if colored else "bold")
        if not colored:
            text.append(CLOSE, style="bold")
        pos = e
    text.append(_visible(context[pos:end]))
    if end < len(context):
        text.append(ELLIPSIS, style="dim")
    return text


def _suggestion(f: Finding, lang: str) -> Text | None:
    if f.suggestion is None:
        return None
    line = Text("→ ", style="green")
    if f.suggestion == "":
        line.append(t("suggest_delete", lang), style="green")
    else:
        line.append(t("suggest_prefix", lang), style="green")
        line.append(_visible(f.suggestion), style="bold green")
    if f.fixable:
        line.append(t("fixable_note", lang), style="dim")
    return line


# Chinese punctuation that must not begin a line (kinsoku): “，” “。” “”” “）” …
_NO_LINE_START = frozenset("，。、；：？！”’）】》〉」』〕…—·,.;:?!)]}%％")
# … and what must not end one: “ （ 【 《
_NO_LINE_END = frozenset("“‘（【《〈「『〔([{")
# Characters of a Latin word, kept together when a line is folded: "placeholder.unfilled".
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.%/+=,:'’")


def fold(text: Text, width: int) -> list[Text]:
    """Split `text` into rows of at most `width` cells, breaking anywhere in Chinese.

    rich's own wrapping breaks only at spaces, so a long Chinese message after
    "警告  " would jump whole to the next row and leave the severity alone. Here a
    row breaks at the last character that fits, except inside a Latin word (moved
    whole when it is short) and before closing punctuation (which stays on its row).
    """
    plain = text.plain
    width = max(width, 8)
    cuts: list[int] = []
    start, used = 0, 0
    i = 0
    while i < len(plain):
        w = _width(plain[i])
        if used + w > width and i > start:
            cut = i
            # Keep a Latin word whole when it started on this row and is short.
            j = cut
            while j > start and plain[j - 1] in _LATIN and plain[cut] in _LATIN:
                j -= 1
            if start < j < cut and cut - j <= 24:
                cut = j
            # Closing punctuation clings to the character before it, opening
            # punctuation to the one after it: never "某\n”" nor "“\n某".
            while cut > start + 1 and (plain[cut] in _NO_LINE_START
                                       or plain[cut - 1] in _NO_LINE_END):
                cut -= 1
            cuts.append(cut)
            start = cut
            while start < len(plain) and plain[start] == " ":
                start += 1
            used = sum(_width(c) for c in plain[start:i])
            if start > i:
                i = start
                continue
        used += w
        i += 1
    rows = text.divide(cuts)
    out = []
    for row in rows:
        row.rstrip()
        if row.plain.startswith(" ") and out:
            row = row[len(row.plain) - len(row.plain.lstrip(" ")):]
        out.append(row)
    return out


def _hang(first: Text, rest: Text, line: Text, width: int, console: Console) -> list[Text]:
    """`line` folded to `width` cells, the first row after `first`, the others after `rest`."""
    rows = fold(line, width)
    return [(first if i == 0 else rest).copy() + row for i, row in enumerate(rows)] or [first.copy()]


def entry_lines(entry: Entry, lang: str, locw: int, width: int, console: Console,
                colored: bool) -> list[Text]:
    """The printed lines of one entry: location and headline, excerpt(s), suggestion.

    Every line starts with a gutter of `locw` + 4 cells (the location on the first),
    so wrapped messages hang under the message, never under the location.
    """
    f = entry.first
    gutter = Text(" " * (locw + 4))
    loc = Text("  ") + Text(f"{entry.location():>{locw}}", style="cyan") + Text("  ")
    content = width - locw - 4
    head = Text()
    head.append(severity_name(str(f.severity), lang), style=SEVERITY_STYLE[f.severity])
    head.append("  ")
    head.append(printable(f.message))
    lines = entry.lines
    if len(lines) > 1:
        head.append(" ")
        head.append(t("lines_count", lang, n=len(entry.findings), lines=len(lines)), style="dim")
    head.append("  ")
    head.append(f.rule, style="dim")
    out = _hang(loc, gutter, head, content, console)
    style = SPAN_STYLE[f.severity]
    budget = max(content - 2, MIN_EXCERPT)
    if len(lines) == 1:
        if f.context:
            out.append(gutter + Text("│ ", style="dim")
                       + excerpt(f.context, [f.context_span], budget, [style], colored))
        suggestion = _suggestion(f, lang)
        if suggestion is not None:
            out.extend(_hang(gutter, gutter + Text("  "), suggestion, content, console))
        return out
    shown = lines if len(lines) <= MAX_GROUP_LINES else lines[:MAX_GROUP_LINES - 2]
    numw = len(str(shown[-1]))
    for line in shown:
        found = [x for x in entry.findings if x.line == line]
        if not found[0].context:
            continue
        out.append(gutter + Text(f"{line:>{numw}} │ ", style="dim")
                   + excerpt(found[0].context, [x.context_span for x in found],
                             max(content - numw - 3, MIN_EXCERPT), [style] * len(found), colored))
    if len(shown) < len(lines):
        out.append(gutter + Text(t("more_lines", lang, n=len(lines) - len(shown)), style="dim"))
    suggestion = _suggestion(f, lang)
    if suggestion is not None:
        out.extend(_hang(gutter, gutter + Text("  "), suggestion, content, console))
    return out


def _file_heading(path: str, findings: Sequence[Finding], lang: str) -> Text:
    head = Text()
    head.append(printable(path), style="bold underline")
    head.append("  ")
    head.append(t("findings_in_file", lang, n=len(findings)), style="dim")
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity == sev)
        if n:
            head.append(" · ", style="dim")
            head.append(t("severity_count", lang, n=n, name=severity_name(str(sev), lang)),
                        style=SEVERITY_STYLE[sev])
    return head


def _render_file(console: Console, path: str, findings: Sequence[Finding], lang: str,
                 colored: bool) -> None:
    console.print(_file_heading(path, findings, lang))
    by_part: dict[str, list[Finding]] = {}
    for f in findings:
        by_part.setdefault(f.part, []).append(f)
    order = [p for p in PARTS if p in by_part] + [p for p in by_part if p not in PARTS]
    entries_by_part = {p: group_entries(by_part[p]) for p in order}
    locw = max(len(e.location()) for es in entries_by_part.values() for e in es)
    width = max(console.width, locw + 4 + MIN_EXCERPT + 2)
    for part in order:
        console.print(Text(part_name(part, lang), style="bold magenta"))
        for entry in entries_by_part[part]:
            for line in entry_lines(entry, lang, locw, width, console, colored):
                line.no_wrap = True
                line.overflow = "ellipsis"
                console.print(line)
    console.print()


def _summary(console: Console, report: Report, lang: str) -> None:
    counts: dict[str, dict[Severity, int]] = {}
    for f in report.findings:
        counts.setdefault(f.category, {s: 0 for s in Severity})[f.severity] += 1
    table = Table(title=Text(t("by_category", lang), style="bold"), box=box.SIMPLE,
                  title_justify="left", show_footer=True, pad_edge=False)
    total = {s: sum(c[s] for c in counts.values()) for s in Severity}
    table.add_column(Text(t("category", lang)), footer=Text(t("total", lang)))
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        table.add_column(Text(severity_name(str(sev), lang), style=SEVERITY_STYLE[sev]),
                         justify="right", footer=Text(str(total[sev])))
    table.add_column(Text(t("count", lang)), justify="right",
                     footer=Text(str(len(report.findings)), style="bold"))
    ordered = [c for c in CATEGORIES if c in counts] + [c for c in counts if c not in CATEGORIES]
    for cat in ordered:
        c = counts[cat]
        table.add_row(Text(category_name(cat, lang)),
                      *(Text(str(c[s]) if c[s] else "·", style="" if c[s] else "dim")
                        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)),
                      Text(str(sum(c.values())), style="bold"))
    console.print(table)


def _placeholders(console: Console, report: Report, lang: str) -> None:
    per_file: dict[str, int] = {}
    for f in report.findings:
        if f.category == "placeholder":
            per_file[f.path] = per_file.get(f.path, 0) + 1
    todo = [(path, per_file[path]) for path in report.files if per_file.get(path)]
    for path, n in todo[:MAX_PLACEHOLDER_FILES]:
        line = Text()
        line.append(printable(path), style="bold")
        line.append(t("colon", lang))
        line.append(t("placeholders_left", lang, n=n), style="yellow")
        console.print(line)
    if len(todo) > MAX_PLACEHOLDER_FILES:
        rest = todo[MAX_PLACEHOLDER_FILES:]
        console.print(Text(t("more_files", lang, files=len(rest), n=sum(n for _, n in rest)),
                           style="yellow"))


def _errors(console: Console, report: Report, lang: str) -> None:
    console.print(Text(t("errors", lang), style="bold red"))
    for e in report.errors:
        line = Text("  ")
        line.append(printable(e.path), style="bold")
        line.append(t("colon", lang))
        line.append(printable(localize_error(e.message, lang)), style="red")
        console.print(line)
    console.print()


def render_to(report: Report, console: Console) -> None:
    """Write the annotated report to a rich console (its width and colour decide the layout)."""
    lang = report.lang
    colored = console.color_system is not None and not console.no_color
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    order = [p for p in report.files if p in by_file] + [p for p in by_file if p not in report.files]
    for path in order:
        findings = sorted(by_file[path], key=Finding.sort_key)
        _render_file(console, path, findings, lang, colored)
    if report.errors:
        _errors(console, report, lang)
    if report.findings:
        _summary(console, report, lang)
        _placeholders(console, report, lang)
    elif not report.errors:
        console.print(Text("✓ " + t("no_findings", lang), style="bold green"))
    console.print(Text(t("summary_line", report.lang, files=len(report.files),
                         findings=len(report.findings), errors=len(report.errors)),
                       style="bold"))
    if report.findings:
        console.print(Text(t("explain_hint", lang), style="dim"))


def render(report: Report, stream: TextIO) -> None:
    """Write the annotated report to `stream` (colour only when it is a terminal)."""
    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    render_to(report, console)
