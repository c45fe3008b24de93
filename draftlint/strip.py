"""Opt-in removals for `fix` in a .docx: watermark/ad paragraphs and shapes, Word residue, revisions."""

from __future__ import annotations

from typing import Any, Sequence

from .model import Document, Finding
from .readers.docx import W, RunMap, _w

_TEXT_PARTS = ("body", "header", "footer", "footnote", "endnote", "textbox")
# Containers that must keep at least one paragraph: a table cell, a text box, a header…
_NEEDS_P = {f"{{{W}}}{n}" for n in ("tc", "txbxContent", "hdr", "ftr", "footnote", "endnote",
                                     "comment")}


def _ancestor(el: Any, tag: str) -> Any:
    while el is not None and el.tag != tag:
        el = el.getparent()
    return el


def _clear_or_remove(p: Any) -> None:
    """Remove a paragraph, or empty it where Word needs one (last in a cell, section break)."""
    parent = p.getparent()
    ppr = p.find(_w("pPr"))
    keeps_section = ppr is not None and ppr.find(_w("sectPr")) is not None
    only = parent is not None and parent.tag in _NEEDS_P and len(parent.findall(_w("p"))) == 1
    if keeps_section or only or parent is None:
        for child in list(p):
            if child.tag != _w("pPr"):
                p.remove(child)
    else:
        parent.remove(p)


def strip_docx(doc: Document, findings: Sequence[Finding], strip, result) -> tuple[list, set, set]:
    """Apply the asked-for removals to the parsed parts; (removed findings, edited members, dropped)."""
    edited: set[str] = set()
    blocks = {(b.part, b.line): b for b in doc.blocks}
    if strip.watermarks:
        done: set[int] = set()
        for f in findings:
            if f.category != "watermark":
                continue
            b = blocks.get((f.part, f.line))
            ref = getattr(b, "ref", None)
            if b is None or not isinstance(ref, RunMap) or ref.element is None or id(ref.element) in done:
                continue
            done.add(id(ref.element))
            el = ref.element
            if b.style == "watermark" and el.tag != _w("p"):
                run = _ancestor(el, _w("r"))
                if run is None or run.getparent() is None:
                    continue
                run.getparent().remove(run)
                result.removed.append(f"watermark shape “{b.text[:30]}” ({b.part})")
            elif b.part in _TEXT_PARTS and el.tag == _w("p"):
                _clear_or_remove(el)
                result.removed.append(f"{b.part} paragraph {b.line}: “{b.text.strip()[:30]}”")
            else:
                continue
            edited.add(ref.part)
    members = doc.handle.trees
    if strip.residue:
        _strip_residue(doc, findings, blocks, result, edited)
    if strip.accept_revisions:
        for member, root in members.items():
            if _accept_revisions(root):
                edited.add(member)
                result.removed.append(f"tracked changes accepted in {member}")
    return [], edited, set()


def _strip_residue(doc, findings, blocks, result, edited: set[str]) -> None:
    """Comments (emptied, anchors removed), directly hidden runs, flagged property values."""
    trees = doc.handle.trees
    anchors = {_w("commentRangeStart"), _w("commentRangeEnd")}
    for member, root in list(trees.items()):
        if root is None or not member.endswith(".xml"):
            continue
        changed = False
        if root.tag == _w("comments"):
            for c in root.findall(_w("comment")):
                if not (c.xpath("string(.)") or "").strip().startswith("draftlint-disable"):
                    root.remove(c)
                    changed = True
            if changed:
                result.removed.append("comments")
        else:
            for el in list(root.iter(*anchors, _w("commentReference"))):
                target = el.getparent() if el.tag == _w("commentReference") else el
                if target is not None and target.getparent() is not None:
                    target.getparent().remove(target)
                    changed = True
            for vanish in list(root.iter(_w("vanish"))):
                rpr = vanish.getparent()
                run = rpr.getparent() if rpr is not None else None
                if run is not None and run.tag == _w("r") and \
                        (vanish.get(_w("val")) or "true").lower() not in ("0", "false", "off"):
                    run.getparent().remove(run)
                    result.removed.append("hidden text")
                    changed = True
        if changed:
            edited.add(member)
    for f in findings:
        if f.category != "residue" or f.part != "properties":
            continue
        b = blocks.get((f.part, f.line))
        ref = getattr(b, "ref", None)
        if isinstance(ref, RunMap) and ref.element is not None and ref.part:
            ref.element.text = ""
            for child in list(ref.element):
                ref.element.remove(child)
            edited.add(ref.part)
            result.removed.append(f"property {b.style.split(':', 1)[-1]}")


def _accept_revisions(root: Any) -> bool:
    """Accept every tracked change in one part: keep insertions, drop deletions and old formats."""
    changed = False
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(_w(tag))):
            if el.getparent() is not None:
                el.getparent().remove(el)
                changed = True
    for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                "tcPrChange", "numberingChange"):
        for el in list(root.iter(_w(tag))):
            el.getparent().remove(el)
            changed = True
    for tag in ("ins", "moveTo"):
        for el in list(root.iter(_w(tag))):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag == _w("rPr"):  # a paragraph mark's insertion flag
                parent.remove(el)
            else:
                for child in list(el):
                    el.addprevious(child)
                parent.remove(el)
            changed = True
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        for el in list(root.iter(_w(tag))):
            el.getparent().remove(el)
            changed = True
    return changed
