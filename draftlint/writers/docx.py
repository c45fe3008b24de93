"""Write a .docx back: edit text inside runs, re-serialise only the edited parts, copy the rest raw.

Untouched zip members are copied as their original compressed bytes (local header,
data and data descriptor), in their original order, so they stay byte-identical;
an edited part is re-serialised by lxml behind its original XML declaration.
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

from ..model import Block
from ..readers.docx import CHOICE, FALLBACK, TXBX_CONTENT, W, RunMap

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_R = f"{{{W}}}r"
_P, _T = f"{{{W}}}p", f"{{{W}}}t"
# Parts whose paragraphs `fix` may edit; comments, revisions and properties are not text to fix.
EDITABLE_PARTS = frozenset({"body", "header", "footer", "footnote", "endnote", "textbox"})
# Marks inside which an edit is refused: a field result is recomputed by Word, a
# tracked change belongs to its reviewer, a content control's placeholder is a prompt.
_BLOCKING_MARKS = frozenset({"field", "inserted", "deleted", "placeholder"})
_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>[ \t\r\n]*")


class Portion(NamedTuple):
    """The part [lo, hi) of one w:t element's text that a block span covers."""

    t: Any
    lo: int
    hi: int


def portions(ref: RunMap, start: int, end: int) -> list[Portion]:
    """The w:t portions a block span [start, end) covers, in order."""
    out = []
    for seg in ref:
        lo, hi = max(start, seg.start), min(end, seg.end)
        if lo < hi:
            out.append(Portion(seg.t, lo - seg.start, hi - seg.start))
    return out


def blocker(block: Block, start: int, end: int) -> str | None:
    """Why the span [start, end) of a docx block cannot be edited in place (None: it can)."""
    ref = block.ref
    if block.part not in EDITABLE_PARTS or not isinstance(ref, RunMap) or block.style == "watermark":
        return f"text in the {block.part} part is not edited"
    for m in block.marks:
        if m.kind not in _BLOCKING_MARKS:
            continue
        inside = (m.start < end and start < m.end) if m.end > m.start else start < m.start < end
        if inside or (start == end and m.start <= start <= m.end and m.end > m.start):
            return f"the text is inside a {m.kind.replace('inserted', 'tracked change')}"
    if start == end:
        return None if any(s.start <= start <= s.end for s in ref) else "no run at that place"
    covered = sum(p.hi - p.lo for p in portions(ref, start, end))
    if covered != end - start:
        # A tab, a line break or a symbol inside the span has no w:t to edit.
        return "the span holds a tab, break or symbol"
    return None


def _set_text(t: Any, text: str) -> None:
    """Set a w:t's text; leading/trailing or doubled blanks need xml:space="preserve"."""
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def paragraph_text(p: Any) -> str:
    """The w:t text of a paragraph (text boxes inside it included), for twin matching."""
    return "".join(t.text or "" for t in p.iter(_T))


def fallback_twin(p: Any) -> Any:
    """The mc:Fallback copy of a text-box paragraph that sits in mc:Choice, or None.

    Word writes every text box twice (DrawingML in mc:Choice, VML in mc:Fallback) and
    the reader reads only the first copy: an edit or removal there must reach the
    other copy too, or the old text ("XX文库 仅供学习") survives in the Fallback,
    where older readers and text extraction still find it. The twin is the paragraph
    at the same place in the same-numbered box, and only when its text is the same.
    """
    box = p.getparent()
    if box is None or box.tag != TXBX_CONTENT:
        return None
    choice = box.getparent()
    while choice is not None and choice.tag != CHOICE:
        choice = choice.getparent()
    alt = choice.getparent() if choice is not None else None
    fallback = alt.find(FALLBACK) if alt is not None else None
    if fallback is None:
        return None
    ours, theirs = list(choice.iter(TXBX_CONTENT)), list(fallback.iter(TXBX_CONTENT))
    if len(ours) != len(theirs):
        return None
    twin_box = theirs[ours.index(box)]
    mine, others = box.findall(_P), twin_box.findall(_P)
    if len(mine) != len(others):
        return None
    twin = others[mine.index(p)]
    return twin if paragraph_text(twin) == paragraph_text(p) else None


def replace_twin(twin: Any, p: Any) -> None:
    """Make the Fallback twin a copy of the (edited) mc:Choice paragraph `p`."""
    if twin is not None and twin.getparent() is not None:
        twin.getparent().replace(twin, copy.deepcopy(p))


def apply_edit(block: Block, start: int, end: int, replacement: str) -> None:
    """Replace block text [start, end) inside its runs, keeping every run's formatting.

    A span crossing runs puts the replacement in the run holding most of it (the
    first on a tie) and deletes the covered characters from the others; the
    mc:Fallback copy of a text-box paragraph gets the same text.
    Edits of one block must be applied from the end backwards.
    """
    ref: RunMap = block.ref
    twin = fallback_twin(ref.element) if ref.element is not None else None
    _edit_runs(ref, start, end, replacement)
    replace_twin(twin, ref.element)


def _edit_runs(ref: RunMap, start: int, end: int, replacement: str) -> None:
    """apply_edit's run surgery on the w:t elements of one paragraph."""
    parts = portions(ref, start, end)
    if not parts:  # an insertion at a run boundary: the run before it, else the next
        seg = next((s for s in ref if s.start < start <= s.end), None) or \
            next(s for s in ref if s.start == start)
        parts = [Portion(seg.t, start - seg.start, start - seg.start)]
    main = max(range(len(parts)), key=lambda i: (parts[i].hi - parts[i].lo, -i))
    for i in reversed(range(len(parts))):
        p = parts[i]
        text = p.t.text or ""
        _set_text(p.t, text[:p.lo] + (replacement if i == main else "") + text[p.hi:])


def serialize(root: Any, original: bytes) -> bytes:
    """An edited part: lxml's serialisation behind the part's own XML declaration."""
    from lxml import etree
    m = _DECL.match(original)
    decl = m.group(0) if m else b""
    if decl and re.search(rb"encoding=[\"'](?!utf-8)", decl, re.I):
        return etree.tostring(root.getroottree(), xml_declaration=True,
                              encoding=root.getroottree().docinfo.encoding, standalone=True)
    return decl + etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)


def _raw_entry(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's local header, compressed data and data descriptor, exactly as stored."""
    off = info.header_offset
    header = data[off:off + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ValueError(f"bad local header for {info.filename}")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    end = off + 30 + name_len + extra_len + info.compress_size
    if info.flag_bits & 0x08:
        sig = 4 if data[end:end + 4] == b"PK\x07\x08" else 0
        big = info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF
        end += sig + 4 + (16 if big else 8)
    return data[off:end]


def rebuild(data: bytes, replace: Mapping[str, bytes], add: Iterable[tuple[str, bytes]] = (),
            drop: Iterable[str] = ()) -> bytes:
    """A new package from the bytes of an old one: members replaced, added (at the end) or dropped.

    Every other member is copied raw: same compressed bytes, same order.
    """
    dropped = set(drop)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        infos = zin.infolist()
        for info in infos:
            name = info.filename
            if name in dropped:
                continue
            if name in replace:
                zi = zipfile.ZipInfo(name, info.date_time)
                zi.compress_type = info.compress_type
                zi.external_attr = info.external_attr
                zi.create_system = info.create_system
                zout.writestr(zi, replace[name])
                continue
            raw = _raw_entry(data, info)
            zi = copy.copy(info)
            zi.header_offset = zout.fp.tell()
            zout.fp.write(raw)
            zout.filelist.append(zi)
            zout.NameToInfo[name] = zi
            zout.start_dir = zout.fp.tell()
            zout._didModify = True
        stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
        for name, content in add:
            zi = zipfile.ZipInfo(name, stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, content)
        zout.comment = zin.comment
    return out.getvalue()


def package_bytes(path: Path, trees: Mapping[str, Any], edited: Iterable[str],
                  add: Iterable[tuple[str, bytes]] = (), drop: Iterable[str] = (),
                  data: bytes | None = None) -> bytes:
    """The package at `path` with the `edited` members re-serialised from `trees`."""
    data = path.read_bytes() if data is None else data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        replace = {m: serialize(trees[m], zf.read(m)) for m in edited}
    return rebuild(data, replace, add, drop)


def new_run_after(run: Any) -> Any:
    """An empty w:r right after `run`, carrying a copy of its w:rPr (same formatting)."""
    from lxml import etree
    r = etree.Element(_R)
    rpr = run.find(f"{{{W}}}rPr")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    run.addnext(r)
    return r
