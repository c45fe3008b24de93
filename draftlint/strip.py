"""Opt-in removals for `fix` in a .docx: watermark/ad paragraphs and shapes, Word residue, revisions."""

from __future__ import annotations

from typing import Any, Sequence

from .model import Block, Document, Finding
from .readers.docx import W, RunMap, _w
from .regexcache import cached_compile
from .writers.docx import apply_edit, blocker, fallback_twin

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


# Text that keeps a paragraph when the flagged spans are cut out: a letter, digit or 汉字.
# ✓ "全年共接待群众来访312人次，办结率100%。" (a white "更多范文请搜索…" run cut out)
# ✗ "：" or " - " (what is left of "来源：www.xx.com" once the whole ad goes)
_CONTENT = cached_compile(r"[\p{L}\p{N}]")


def _remove_paragraph(p: Any) -> None:
    """_clear_or_remove for a paragraph and its mc:Fallback twin in a text box."""
    twin = fallback_twin(p)
    _clear_or_remove(p)
    if twin is not None:
        _clear_or_remove(twin)


def _cut_spans(block: Block, spans: list[tuple[int, int]]) -> bool:
    """Delete the flagged spans of a paragraph that also holds real text; False if none can go."""
    ref = block.ref
    cut = False
    for start, end in sorted(spans, reverse=True):
        # Safe fixes of this pass may already have edited the runs: a w:t under the span
        # whose length changed has stale offsets (a same-length swap 廉沽→廉洁 does not,
        # nor does an edit in another w:t, since offsets are taken within each w:t).
        stale = any(len(s.t.text or "") != s.end - s.start
                    for s in ref if s.start < end and start < s.end)
        if not stale and blocker(block, start, end) is None:
            apply_edit(block, start, end, "")
            cut = True
    return cut


def strip_docx(doc: Document, findings: Sequence[Finding], strip, result) -> tuple[list, set, set]:
    """Apply the asked-for removals to the parsed parts; (removed findings, edited members, dropped)."""
    edited: set[str] = set()
    blocks = {(b.part, b.line): b for b in doc.blocks}
    if strip.watermarks:
        # Flagged spans per paragraph, in finding order: a white "更多范文请搜索…" run inside
        # a paragraph of real text loses the run, not the paragraph.
        flagged: dict[int, tuple[Block, list[tuple[int, int]]]] = {}
        for f in findings:
            b = blocks.get((f.part, f.line))
            ref = getattr(b, "ref", None)
            if f.category != "watermark" or b is None or not isinstance(ref, RunMap) \
                    or ref.element is None or f.line != f.end_line:
                continue
            flagged.setdefault(id(ref.element), (b, []))[1].append(
                (f.column - 1, f.end_column - 1))
        for b, spans in flagged.values():
            if _strip_watermark(b, spans, result):
                edited.add(b.ref.part)
    members = doc.handle.trees
    if strip.residue:
        _strip_residue(doc, findings, blocks, result, edited)
    if strip.accept_revisions:
        for member, root in members.items():
            if _accept_revisions(root):
                edited.add(member)
                result.removed.append(f"tracked changes accepted in {member}")
    return [], edited, set()


def _strip_watermark(b: Block, spans: list[tuple[int, int]], result) -> bool:
    """Remove one flagged paragraph, shape or span set; True when the part changed."""
    el = b.ref.element
    if b.style == "watermark":
        # A VML shape, or a paragraph of DrawingML WordArt: the run holding the whole shape
        # goes, with its mc:Fallback copy.
        run = _ancestor(el if el.tag != _w("p") else el.getparent(), _w("r"))
        if run is None or run.getparent() is None:
            return False
        run.getparent().remove(run)
        result.removed.append(f"watermark shape “{b.text[:30]}” ({b.part})")
        return True
    if b.part not in _TEXT_PARTS or el.tag != _w("p"):
        return False
    keep = list(b.text)
    for start, end in spans:
        keep[start:end] = [""] * (end - start)
    if _CONTENT.search("".join(keep)):
        if not _cut_spans(b, spans):
            return False
        shown = "”, “".join(b.text[s:e].strip()[:30] for s, e in spans)
        result.removed.append(f"text in {b.part} paragraph {b.line}: “{shown}”")
        return True
    _remove_paragraph(el)
    result.removed.append(f"{b.part} paragraph {b.line}: “{b.text.strip()[:30]}”")
    return True


def _strip_residue(doc, findings, blocks, result, edited: set[str]) -> None:
    """Comments (emptied, anchors removed), directly hidden runs, flagged property values."""
    trees = doc.handle.trees
    anchors = {_w("commentRangeStart"), _w("commentRangeEnd")}
    # Comments first: only the anchors of removed comments go, so a kept
    # `draftlint-disable` directive still covers its range (else its findings return).
    gone: set[str | None] = set()
    for member, root in list(trees.items()):
        if root is None or root.tag != _w("comments"):
            continue
        for c in root.findall(_w("comment")):
            if not (c.xpath("string(.)") or "").strip().startswith("draftlint-disable"):
                root.remove(c)
                gone.add(c.get(_w("id")))
        if gone:
            edited.add(member)
            result.removed.append("comments")
    for member, root in list(trees.items()):
        if root is None or not member.endswith(".xml") or root.tag == _w("comments"):
            continue
        changed = False
        for el in list(root.iter(*anchors, _w("commentReference"))):
            if el.get(_w("id")) not in gone:
                continue
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
