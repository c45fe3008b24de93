"""The HTML reporter: one self-contained page with each document's text, findings highlighted in place.

No scripts, fonts or images are loaded from anywhere: the page is mailed around.
Each checked file is re-read to show its text; when that fails the finding's
source line (kept on the Finding) is shown instead.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from ..i18n import localize_error, t
from ..model import Block, Finding, Report

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#f6f6f4}
header{padding:12px 20px;background:#263238;color:#fff}
header h1{font-size:18px;margin:0}header p{margin:4px 0 0;font-size:13px;color:#cfd8dc}
section.file{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:16px;padding:16px 20px;border-bottom:1px solid #ddd}
section.file h2{grid-column:1/-1;font-size:16px;margin:0;font-family:monospace}
.doc{background:#fff;border:1px solid #ddd;padding:8px 12px;line-height:1.9;font-size:15px}
.blk{display:flex;gap:10px;white-space:pre-wrap;word-break:break-all}
.ln{color:#999;font:12px monospace;min-width:5.5em;text-align:right;user-select:none;padding-top:3px}
.part{margin:10px 0 2px;font-size:12px;color:#607d8b;text-transform:uppercase;letter-spacing:.05em}
mark{border-radius:2px;padding:0 1px}
mark.error{background:#ffcdd2;border-bottom:2px solid #c62828}
mark.warning{background:#ffe0b2;border-bottom:2px solid #ef6c00}
mark.info{background:#e3f2fd;border-bottom:2px solid #1565c0}
mark.point{background:none;color:#c62828;font-weight:bold;border:0}
aside{font-size:13px}aside ol{margin:0;padding-left:1.6em}
aside li{margin:0 0 8px;background:#fff;border:1px solid #ddd;padding:6px 8px;border-radius:4px}
aside li a{color:inherit;text-decoration:none}
.sev{font:11px monospace;padding:1px 4px;border-radius:3px;color:#fff}
.sev.error{background:#c62828}.sev.warning{background:#ef6c00}.sev.info{background:#1565c0}
.rule{font-family:monospace;color:#555}.fixable{color:#2e7d32;font-size:11px}
.errors{color:#b71c1c;padding:8px 20px}.clean{color:#2e7d32;padding:8px 20px}
"""

_LABELS = {
    "en": {"title": "draftlint report", "files": "files", "findings": "findings",
           "errors": "file errors", "findings_h": "Findings", "none": "No findings.",
           "fix": "fix", "fixable": "fixable", "unread": "(text not available: showing the lines with findings)"},
    "zh": {"title": "draftlint 检查报告", "files": "个文件", "findings": "处问题",
           "errors": "个文件出错", "findings_h": "问题列表", "none": "没有发现问题。",
           "fix": "建议", "fixable": "可自动修复", "unread": "（无法读取全文：只显示有问题的行）"},
}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _blocks_of(path: str) -> list[Block] | None:
    """The document's blocks, re-read from disk (None when it cannot be read)."""
    from ..readers import ReadError, read_document
    try:
        p = Path(path)
        if not p.is_file():
            return None
        return [b for b in read_document(p, path).blocks if b.style != "directive"]
    except (ReadError, OSError, ValueError):
        return None
    except Exception:  # a reader bug must not lose the report
        return None


def _highlight(source: str, items: list[tuple[int, Finding]]) -> str:
    """The source line as HTML with every finding's span marked (overlaps nest as pieces)."""
    cuts = {0, len(source)}
    points: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    for i, f in items:
        a, b = f.context_span if f.context == source else (f.column - 1, f.end_column - 1)
        a, b = max(0, min(a, len(source))), max(0, min(b, len(source)))
        if a == b:
            points[a].append((i, f))
        cuts.update((a, b))
    spans = [(i, f, *(f.context_span if f.context == source else (f.column - 1, f.end_column - 1)))
             for i, f in items]
    out: list[str] = []
    order = sorted(cuts)
    seen: set[int] = set()
    for a, b in zip(order, order[1:]):
        for i, f in points.get(a, ()):
            out.append(f'<mark class="point" id="f{i}" title="{_e(f.message)}">‸</mark>')
        piece = _e(source[a:b])
        covering = [(i, f) for i, f, s, e in spans if s <= a and b <= e and s < e]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda x: x[1].severity)[1]
        first = next((i for i, _ in covering if i not in seen), None)
        anchor = f' id="f{first}"' if first is not None else ""
        seen.update(i for i, _ in covering)
        title = " | ".join(f.message for _, f in covering)
        out.append(f'<mark class="{worst.severity}"{anchor} title="{_e(title)}">{piece}</mark>')
    for i, f in points.get(len(source), ()):
        out.append(f'<mark class="point" id="f{i}" title="{_e(f.message)}">‸</mark>')
    return "".join(out)


def _document_html(path: str, items: list[tuple[int, Finding]], labels: dict) -> str:
    """The text column of one file: every block, or only the lines with findings."""
    by_line: dict[tuple[str, int], list[tuple[int, Finding]]] = defaultdict(list)
    for i, f in items:
        by_line[(f.part, f.line)].append((i, f))
    blocks = _blocks_of(path)
    rows: list[str] = []
    placed: set[tuple[str, int]] = set()
    if blocks is None:
        rows.append(f'<p class="part">{_e(labels["unread"])}</p>')
        blocks = []
        for (part, line), group in by_line.items():
            f = group[0][1]
            blocks.append(Block(part, line, f.context, style=f.style))
    part = None
    for b in blocks:
        if b.part != part:
            part = b.part
            rows.append(f'<div class="part">{_e(part)}</div>')
        key = (b.part, b.line)
        group = by_line.get(key, [])
        placed.add(key)
        src = b.source_text() if b.origin is not None or b.source is not None else b.text
        text = _highlight(src, group) if group else _e(src)
        rows.append(f'<div class="blk"><span class="ln">{b.line}</span><span>{text}</span></div>')
    for key, group in by_line.items():
        if key not in placed:  # e.g. a "file" finding: no block to show it in
            f = group[0][1]
            rows.append(f'<div class="part">{_e(f.part)}</div><div class="blk"><span class="ln">'
                        f'{f.line}</span><span>{_highlight(f.context or f.text, group)}</span></div>')
    return '<div class="doc">' + "".join(rows) + "</div>"


def _side_html(items: list[tuple[int, Finding]], labels: dict) -> str:
    lis = []
    for i, f in items:
        where = f"{f.line}:{f.column}" if f.part == "body" else f"{f.part} {f.line}:{f.column}"
        fix = ""
        if f.suggestion:
            fix = f' {_e(labels["fix"])}: “{_e(f.suggestion)}”'
        fixable = f' <span class="fixable">{_e(labels["fixable"])}</span>' if f.fixable else ""
        lis.append(f'<li><a href="#f{i}"><span class="sev {f.severity}">{f.severity}</span> '
                   f'<span class="rule">{_e(f.rule)}</span> <small>{_e(where)}</small>'
                   f"{fixable}<br>{_e(f.message)}{fix}</a></li>")
    return f'<aside><h3>{_e(labels["findings_h"])}</h3><ol>{"".join(lis)}</ol></aside>'


def render(report: Report, stream: TextIO) -> None:
    """Write the whole page: summary, then per file its text and its list of findings."""
    labels = _LABELS.get(report.lang, _LABELS["en"])
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.path].append(f)
    files = list(report.files) + [p for p in by_file if p not in report.files]
    s = report.summary()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(report.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(labels['title'])}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(labels['title'])}</h1><p>{s['files']} {_e(labels['files'])} · "
        f"{s['findings']} {_e(labels['findings'])} · {s['errors']} {_e(labels['errors'])}</p></header>",
    ]
    if report.errors:
        parts.append('<div class="errors">' + "<br>".join(
            f"{_e(e.path)}{_e(t('colon', report.lang))}{_e(localize_error(e.message, report.lang))}"
            for e in report.errors) + "</div>")
    counter = 0
    for path in files:
        found = by_file.get(path, [])
        if not found:
            continue
        items = list(enumerate(found, start=counter))
        counter += len(found)
        parts.append(f'<section class="file"><h2>{_e(path)}</h2>'
                     f"{_document_html(path, items, labels)}{_side_html(items, labels)}</section>")
    if not report.findings:
        parts.append(f'<p class="clean">{_e(labels["none"])}</p>')
    parts.append("</body></html>\n")
    stream.write("\n".join(parts))
