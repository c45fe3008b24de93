"""Word .docx reader: one block per paragraph of every part, with marks and a run map for fixes.

The package is opened read-only with zipfile and its XML parts are parsed with a
hardened lxml parser; python-docx is not used, because its `core_properties` and
`comments` create missing parts (and stamp `last_modified_by`), and its
`paragraph.text` drops tracked insertions and content controls.

Choices the rest of draftlint relies on:

* text: `w:t`; `w:tab`/`w:ptab` → "\\t"; `w:br` (text wrapping) and `w:cr` → "\\n"
  (a page or column break adds nothing); `w:noBreakHyphen` → "-"; `w:sym` → its
  character unless it is a symbol-font code (F000–F0FF), which is skipped;
  `w:softHyphen`, `w:delText`, `w:instrText`, `w:moveFrom`, ruby text (`w:rt`, the
  pinyin over 汉字) are skipped; field results are kept, field codes are not.
* `Block.ref` is a `RunMap`: a tuple of `Segment(start, end, t)`, one per non-empty
  `w:t` (its parent is the `w:r`), plus `.part` (zip member) and `.element` (the
  `w:p`, the watermark shape, the `w:ins`/`w:del`, or the property element).
* marks: hidden, inserted, placeholder, noproof, invisible, comment, field,
  deleted (zero-width, where a tracked deletion was), numbering (zero-width at 0).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple
from urllib.parse import unquote

from ..model import Block, Document, Mark
from . import ReadError

MiB = 1024 * 1024
MAX_FILE_BYTES = 200 * MiB
MAX_EXPANDED_BYTES = 256 * MiB
# A member may compress this well only when it is small: real XML reaches ~20:1.
MAX_RATIO = 200
RATIO_CHECK_BYTES = 10 * MiB
# One XML part is parsed into memory whole (~25-40 bytes of RAM per byte of XML):
# 16 MiB of Word XML is thousands of pages, and at most ~700 MiB of RAM.
MAX_XML_PART_BYTES = 16 * MiB
OLE_MAGIC = b"\xd0\xcf\x11\xe0"

# Namespaces.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _w(name: str) -> str:
    """The Clark name of a WordprocessingML tag: _w("p") -> "{…/main}p"."""
    return f"{{{W}}}{name}"


# WordprocessingML tags and attributes, built once.
P, R, T, TAB, PTAB, BR, CR = (_w(n) for n in ("p", "r", "t", "tab", "ptab", "br", "cr"))
NB_HYPHEN, SYM, DEL_TEXT, INSTR = (_w(n) for n in ("noBreakHyphen", "sym", "delText", "instrText"))
FLD_CHAR, FLD_SIMPLE = _w("fldChar"), _w("fldSimple")
INS, DEL, MOVE_TO, MOVE_FROM = (_w(n) for n in ("ins", "del", "moveTo", "moveFrom"))
SDT, SDT_PR, SDT_CONTENT, SHOWING_PLC = (
    _w(n) for n in ("sdt", "sdtPr", "sdtContent", "showingPlcHdr"))
TBL, TR, TC, TC_PR, V_MERGE, H_MERGE = (
    _w(n) for n in ("tbl", "tr", "tc", "tcPr", "vMerge", "hMerge"))
TR_PR, GRID_SPAN, GRID_BEFORE = _w("trPr"), _w("gridSpan"), _w("gridBefore")
CUSTOM_XML, PPR, RPR, PSTYLE, RSTYLE = (
    _w(n) for n in ("customXml", "pPr", "rPr", "pStyle", "rStyle"))
NUM_PR, NUM_ID, ILVL = _w("numPr"), _w("numId"), _w("ilvl")
VANISH, NO_PROOF, COLOR, SZ, SHD, HIGHLIGHT = (
    _w(n) for n in ("vanish", "noProof", "color", "sz", "shd", "highlight"))
DRAWING, PICT, OBJECT, RUBY, RUBY_BASE = (
    _w(n) for n in ("drawing", "pict", "object", "ruby", "rubyBase"))
TXBX_CONTENT = _w("txbxContent")
COMMENT, COMMENT_START, COMMENT_END, COMMENT_REF = (
    _w(n) for n in ("comment", "commentRangeStart", "commentRangeEnd", "commentReference"))
SECT_PR, BODY, HDR_REF, FTR_REF = (
    _w(n) for n in ("sectPr", "body", "headerReference", "footerReference"))
STYLE, NAME, BASED_ON, DOC_DEFAULTS = (_w(n) for n in ("style", "name", "basedOn", "docDefaults"))
NUM, ABSTRACT_NUM, ABSTRACT_NUM_ID, LVL, LVL_OVERRIDE = (
    _w(n) for n in ("num", "abstractNum", "abstractNumId", "lvl", "lvlOverride"))
NUM_FMT, LVL_TEXT, START = _w("numFmt"), _w("lvlText"), _w("start")
W_VAL, W_ID, W_TYPE, W_AUTHOR, W_DATE = (_w(n) for n in ("val", "id", "type", "author", "date"))
ALT_CONTENT, CHOICE, FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
V_TEXTPATH, V_SHAPETYPE = f"{{{V}}}textpath", f"{{{V}}}shapetype"
WPS_WSP, WPS_BODY_PR = f"{{{WPS}}}wsp", f"{{{WPS}}}bodyPr"
A_WARP = f"{{{A}}}prstTxWarp"
WP_ANCHOR = f"{{{WP}}}anchor"
R_ID = f"{{{R_NS}}}id"
COLOR_ATTR = _w("color")
TBL_PR, TBL_STYLE = _w("tblPr"), _w("tblStyle")

# Inline elements that hold no paragraph text (or whose text is handled elsewhere).
_SKIP_INLINE = frozenset({
    PPR, _w("bookmarkStart"), _w("bookmarkEnd"), _w("proofErr"), _w("permStart"),
    _w("permEnd"), f"{{{M}}}oMath", f"{{{M}}}oMathPara",
})
# Note types that are Word's own furniture, not the author's notes.
_NOTE_FURNITURE = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_OFF = frozenset({"0", "false", "off", "none"})

# python-docx's UI names for the built-in styles Word stores in lower case, so a
# style reads "Heading 1" here as it does through python-docx.
_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header",
             **{f"heading {i}": f"Heading {i}" for i in range(1, 10)}}

# The properties part's fixed order; `line` of a property block is its index here.
PROPERTY_ORDER: tuple[tuple[str, str, str], ...] = (
    ("title", "core", f"{{{DC}}}title"),
    ("subject", "core", f"{{{DC}}}subject"),
    ("author", "core", f"{{{DC}}}creator"),
    ("last_modified_by", "core", f"{{{CP}}}lastModifiedBy"),
    ("company", "app", f"{{{EP}}}Company"),
    ("manager", "app", f"{{{EP}}}Manager"),
    ("keywords", "core", f"{{{CP}}}keywords"),
    ("comments", "core", f"{{{DC}}}description"),
    ("category", "core", f"{{{CP}}}category"),
)


class Segment(NamedTuple):
    """One `w:t` element's text at block offsets [start, end); `t.getparent()` is its run."""

    start: int
    end: int
    t: Any


class RunMap(tuple):
    """Block.ref for .docx: the block's Segments, plus `.part` (zip member) and `.element`."""

    def __new__(cls, segments: tuple = (), part: str = "", element: Any = None) -> "RunMap":
        self = super().__new__(cls, segments)
        self.part = part
        self.element = element
        return self


@dataclass(slots=True)
class DocxHandle:
    """What `fix` needs to write a .docx back: the source file and its parsed XML parts."""

    path: Path
    main: str  # zip member of the main document part, e.g. "word/document.xml"
    trees: dict[str, Any]  # zip member -> parsed root; RunMap elements live in these
    size: int  # with mtime_ns: refuse to write when the file changed since it was read
    mtime_ns: int


# --------------------------------------------------------------------------- package

_PARSER = None


def _parser():
    """The hardened lxml parser: no entity expansion, no DTD, no network, no huge trees."""
    global _PARSER
    if _PARSER is None:
        from lxml import etree  # imported here: start-up time of draftlint stays low
        _PARSER = etree.XMLParser(resolve_entities=False, no_network=True,
                                  load_dtd=False, huge_tree=False)
    return _PARSER


def _check_file(path: Path) -> Any:
    """Refuse oversized files and OLE (.doc or encrypted) files; return the stat result."""
    st = path.stat()
    if st.st_size > MAX_FILE_BYTES:
        raise ReadError(f"file too large ({st.st_size // MiB} MiB; "
                        f"the limit is {MAX_FILE_BYTES // MiB} MiB)")
    with path.open("rb") as fh:
        head = fh.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        # Password-protected .docx files are OLE containers too, hence "encrypted".
        raise ReadError("encrypted or legacy .doc file (OLE compound document); "
                        "save it as .docx")
    return st


def _check_bomb(zf: zipfile.ZipFile) -> None:
    """Refuse archives that would inflate beyond the limits, before inflating anything."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    too_dense = any(i.file_size > RATIO_CHECK_BYTES
                    and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos)
    if total > MAX_EXPANDED_BYTES or too_dense:
        raise ReadError(f"refused: the archive would expand to {-(-total // MiB)} MiB "
                        f"(limit {MAX_EXPANDED_BYTES // MiB} MiB)")


class _Package:
    """The opened zip: case-insensitive member lookup, relationships and parsed parts."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        # OPC part names are case-insensitive; zip member names are not.
        self.names = {n.lower(): n for n in zf.namelist()}
        self.trees: dict[str, Any] = {}

    def find(self, name: str) -> str | None:
        """The member called `name` (any case), or None."""
        return self.names.get(name.lower())

    def xml(self, name: str) -> Any:
        """The parsed root of member `name` (cached), or None when there is no such member."""
        member = self.find(name)
        if member is None:
            return None
        if member not in self.trees:
            size = self.zf.getinfo(member).file_size
            if size > MAX_XML_PART_BYTES:
                raise ReadError(f"refused: {member} would expand to {-(-size // MiB)} MiB of XML "
                                f"(limit {MAX_XML_PART_BYTES // MiB} MiB per part)")
            self.trees[member] = _parse(self._bytes(member), member)
        return self.trees[member]

    def _bytes(self, member: str) -> bytes:
        try:
            return self.zf.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
                NotImplementedError) as exc:
            raise ReadError(f"corrupt .docx: cannot unpack {member}: {exc}") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type suffix, member) for the internal relationships of `part` ("" = package)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{{{PR}}}Relationship"):
            target = rel.get("Target")
            if not target or rel.get("TargetMode") == "External":
                continue
            target = unquote(target)
            if target.startswith("/"):
                name = posixpath.normpath(target.lstrip("/"))
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            out[rel.get("Id") or ""] = (kind, self.find(name) or name)
        return out

    def related(self, part: str, kind: str) -> str | None:
        """The member of the first relationship of type `kind` from `part` that exists."""
        for rel_kind, member in self.rels(part).values():
            if rel_kind == kind and self.find(member):
                return self.find(member)
        return None


def _parse(data: bytes, member: str) -> Any:
    """Parse one part with the hardened parser; ReadError with lxml's first line."""
    from lxml import etree
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        # exc.msg lacks lxml's "(<string>, line 1)" suffix; keep one line only.
        msg = ((exc.msg or str(exc)).strip().splitlines() or ["parse error"])[0]
        if msg.startswith("Excessive depth"):
            # libxml2 says "Excessive depth in document: 256, use XML_PARSE_HUGE option":
            # that option is not the user's to set (e.g. 90 tables nested in each other).
            msg = "elements nested more than 256 levels deep"
        elif msg.startswith("Maximum entity amplification"):
            # libxml2 >= 2.13 refuses a "billion laughs" DTD even without expanding it.
            msg = "entity expansion refused (a DTD defines nested entities)"
        raise ReadError(f"malformed XML in {member}: {msg}") from None


def _main_part(pkg: _Package) -> tuple[str, Any]:
    """The main document part through `_rels/.rels`, falling back to word/document.xml."""
    member = pkg.related("", "officeDocument") or pkg.find("word/document.xml")
    root = pkg.xml(member) if member else None
    if root is not None and root.tag == f"{{{STRICT_W}}}document":
        raise ReadError("Strict Open XML .docx is not supported; save it as a Word Document")
    if root is None or root.tag != _w("document"):
        raise ReadError("not a Word document: no word/document.xml")
    return member, root


# --------------------------------------------------------------------------- styles

def _on(el: Any) -> bool:
    """An on/off property: present means on unless w:val says 0/false/off."""
    return (el.get(W_VAL) or "true").lower() not in _OFF


_WATCHED_RPR = frozenset({RSTYLE, VANISH, NO_PROOF, COLOR, SZ, SHD, HIGHLIGHT})


def _run_props(rpr: Any) -> dict[str, Any]:
    """The run properties draftlint looks at, from one w:rPr (no inheritance)."""
    props: dict[str, Any] = {}
    if rpr is None:
        return props
    for child in rpr:
        tag = child.tag
        if tag not in _WATCHED_RPR:  # w:rFonts, w:b, w:lang…: most children, rejected fast
            continue
        if tag == RSTYLE:
            props["rstyle"] = child.get(W_VAL)
        elif tag == VANISH:
            props["vanish"] = _on(child)
        elif tag == NO_PROOF:
            props["noproof"] = _on(child)
        elif tag == COLOR:
            theme = child.get(_w("themeColor"))
            # A theme colour wins over the cached w:val; background1 is the page colour.
            white = theme in ("background1", "light1") if theme else \
                (child.get(W_VAL) or "").upper() == "FFFFFF"
            props["white"] = white
        elif tag == SZ:
            try:
                props["sz"] = int(child.get(W_VAL) or "")
            except ValueError:
                pass
        elif tag == SHD:
            props["shaded"] = _filled(child)
        elif tag == HIGHLIGHT:
            props["shaded"] = (child.get(W_VAL) or "none") not in ("none", "white")
    return props


def _filled(shd: Any) -> bool:
    """True when a w:shd paints a background other than none/white (so white text shows)."""
    if shd is None:
        return False
    if (shd.get(_w("fill")) or "auto").upper() not in ("AUTO", "FFFFFF"):
        return True
    # A "solid" pattern paints w:color, not w:fill.
    color = (shd.get(COLOR_ATTR) or "auto").upper()
    return shd.get(W_VAL) == "solid" and color not in ("AUTO", "FFFFFF")


def _run_flags(props: dict[str, Any], background: bool = False) -> tuple[tuple[str, dict], ...]:
    """The run-level mark kinds for effective run properties (on a painted background or not)."""
    flags = []
    if props.get("vanish"):
        flags.append(("hidden", {}))
    if props.get("noproof"):
        flags.append(("noproof", {}))
    # White text on a dark cell (a table's header row) is visible: not "invisible".
    if props.get("white") and not props.get("shaded") and not background:
        flags.append(("invisible", {"reason": "white"}))
    elif props.get("sz", 99) <= 4:  # w:sz is in half-points: 4 = 2pt
        flags.append(("invisible", {"reason": "tiny"}))
    return tuple(flags)


@dataclass(slots=True)
class _Style:
    name: str
    kind: str
    based_on: str | None
    props: dict[str, Any]
    num: tuple[str | None, str | None]  # (numId, ilvl) set directly on the style
    fill: bool  # paints a background (paragraph or table shading, any table region)


class _Styles:
    """Style names, inherited run properties and numbering from word/styles.xml."""

    def __init__(self, root: Any):
        self.styles: dict[str, _Style] = {}
        self.default_para = ""
        self.defaults: dict[str, Any] = {}
        self._cache: dict[tuple, Any] = {}
        if root is None:
            return
        dd = root.find(f"{DOC_DEFAULTS}/{_w('rPrDefault')}/{RPR}")
        self.defaults = _run_props(dd)
        for st in root.iter(STYLE):
            self._add(st)

    def _add(self, st: Any) -> None:
        sid = st.get(_w("styleId")) or ""
        name_el, based_el = st.find(NAME), st.find(BASED_ON)
        name = name_el.get(W_VAL) if name_el is not None else sid
        name = _UI_NAMES.get(name.lower(), name) if name else sid
        ppr = st.find(PPR)
        numpr = ppr.find(NUM_PR) if ppr is not None else None
        num = _num_pr(numpr)
        kind = st.get(W_TYPE) or "paragraph"
        fill = kind in ("paragraph", "table") and any(_filled(shd) for shd in st.iter(SHD))
        self.styles[sid] = _Style(name, kind, based_el.get(W_VAL) if based_el is not None else None,
                                  _run_props(st.find(RPR)), num, fill)
        if kind == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
            self.default_para = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        chain, seen = [], set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = chain[-1].based_on
        return chain

    def para_name(self, sid: str | None) -> str:
        """Display name of a paragraph style id (the default style when None)."""
        sid = sid or self.default_para
        st = self.styles.get(sid)
        return st.name if st else (sid or "Normal")

    def props(self, sid: str | None) -> dict[str, Any]:
        """Run properties a style gives through its basedOn chain."""
        key = ("props", sid)
        if key not in self._cache:
            merged: dict[str, Any] = {}
            for st in reversed(self._chain(sid)):
                merged.update(st.props)
            self._cache[key] = merged
        return self._cache[key]

    def base(self, psid: str | None, rsid: str | None) -> dict[str, Any]:
        """Effective run properties before direct formatting: defaults < para style < char style."""
        key = ("base", psid, rsid)
        if key not in self._cache:
            self._cache[key] = {**self.defaults, **self.props(psid or self.default_para),
                                **self.props(rsid)}
        return self._cache[key]

    def base_flags(self, psid: str | None, rsid: str | None, background: bool) -> tuple:
        """Run marks (hidden, noproof, invisible) that styles alone give a run."""
        key = ("flags", psid, rsid, background)
        if key not in self._cache:
            self._cache[key] = _run_flags(self.base(psid, rsid), background)
        return self._cache[key]

    def filled(self, sid: str | None) -> bool:
        """True when a paragraph or table style (or one it is based on) paints a background."""
        return any(st.fill for st in self._chain(sid))

    def num(self, sid: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style gives through its basedOn chain."""
        key = ("num", sid)
        if key not in self._cache:
            num_id = ilvl = None
            for st in self._chain(sid or self.default_para):
                num_id = num_id or st.num[0]
                ilvl = ilvl or st.num[1]
            self._cache[key] = (num_id, ilvl)
        return self._cache[key]


def _num_pr(numpr: Any) -> tuple[str | None, str | None]:
    """(numId, ilvl) of a w:numPr, Nones where absent."""
    if numpr is None:
        return None, None
    nid, lvl = numpr.find(NUM_ID), numpr.find(ILVL)
    return (nid.get(W_VAL) if nid is not None else None,
            lvl.get(W_VAL) if lvl is not None else None)


class _Numbering:
    """numId/ilvl -> the level's format ("decimal", "chineseCounting"…) and text ("%1、")."""

    def __init__(self, root: Any):
        self.abstract: dict[str, dict[str, tuple]] = {}
        self.nums: dict[str, tuple[str | None, dict[str, tuple]]] = {}
        if root is None:
            return
        for an in root.iter(ABSTRACT_NUM):
            self.abstract[an.get(_w("abstractNumId")) or ""] = _levels(an)
        for num in root.iter(NUM):
            aid = num.find(ABSTRACT_NUM_ID)
            overrides: dict[str, tuple] = {}
            for ov in num.iter(LVL_OVERRIDE):
                overrides.update(_levels(ov))
            self.nums[num.get(_w("numId")) or ""] = (
                aid.get(W_VAL) if aid is not None else None, overrides)

    def level(self, num_id: str, ilvl: str) -> tuple:
        """(numFmt, lvlText, start) of one list level, Nones when unknown."""
        aid, overrides = self.nums.get(num_id, (None, {}))
        found = overrides.get(ilvl) or self.abstract.get(aid or "", {}).get(ilvl)
        return found or (None, None, None)


def _levels(parent: Any) -> dict[str, tuple]:
    """ilvl -> (numFmt, lvlText, start) for the w:lvl elements under parent."""
    out = {}
    for lvl in parent.iter(LVL):
        fmt, text, start = lvl.find(NUM_FMT), lvl.find(LVL_TEXT), lvl.find(START)
        out[lvl.get(_w("ilvl")) or "0"] = (
            fmt.get(W_VAL) if fmt is not None else None,
            text.get(W_VAL) if text is not None else None,
            _int(start.get(W_VAL)) if start is not None else None)
    return out


def _int(value: str | None) -> Any:
    """value as an int when it is one, else unchanged."""
    try:
        return int(value or "")
    except ValueError:
        return value


# --------------------------------------------------------------------------- paragraphs

@dataclass(slots=True)
class _Field:
    instr: list[str]
    result: bool  # False while reading the field code, True in its result


@dataclass(slots=True)
class _Para:
    """A paragraph being assembled: text pieces, raw marks, w:t segments, shapes after it."""

    line: int
    base_style: str | None
    background: bool  # painted by the paragraph, its cell or its table: white text shows
    pieces: list[str] = field(default_factory=list)
    pos: int = 0
    raw: list[tuple] = field(default_factory=list)  # (kind, start, end, data)
    segments: list[Segment] = field(default_factory=list)
    after: list[tuple] = field(default_factory=list)  # header shapes anchored here

    def add(self, text: str, flags: tuple, t: Any = None) -> None:
        """Append text; every flag (kind, data) becomes a raw mark over it."""
        if not text:
            return
        start, end = self.pos, self.pos + len(text)
        self.pieces.append(text)
        self.pos = end
        if t is not None:
            self.segments.append(Segment(start, end, t))
        for kind, data in flags:
            self.raw.append((kind, start, end, data))


def _merge_marks(raw: list[tuple]) -> tuple[Mark, ...]:
    """Marks from raw spans, adjacent spans of one kind and equal data merged."""
    out: list[list] = []
    last: dict[str, int] = {}
    for kind, start, end, data in raw:
        i = last.get(kind)
        if i is not None and end > start:
            prev = out[i]
            if prev[2] == start and prev[2] > prev[1] and prev[3] == data:
                prev[2] = end
                continue
        last[kind] = len(out)
        out.append([kind, start, end, data])
    out.sort(key=lambda m: (m[1], m[2], m[0]))
    return tuple(Mark(k, s, e, d) for k, s, e, d in out)


@dataclass(slots=True)
class _Context:
    """State shared by the walkers of one document."""

    pkg: _Package
    styles: _Styles
    numbering_member: str | None
    comments: dict[str, dict[str, Any]]  # comment id -> id/author/date/initials
    textboxes: list[tuple[str, str, Any]] = field(default_factory=list)  # (member, kind, node)
    revisions: list[Block] = field(default_factory=list)
    anchors: dict[str, dict[str, Any]] = field(default_factory=dict)  # comment id -> place
    tables: int = 0  # tables seen so far, in document order (nested ones too): the next index
    _numbering: _Numbering | None = None

    def numbering(self) -> _Numbering:
        """numbering.xml, parsed the first time a numbered paragraph needs it."""
        if self._numbering is None:
            root = self.pkg.xml(self.numbering_member) if self.numbering_member else None
            self._numbering = _Numbering(root)
        return self._numbering


class _Walker:
    """Walks the block-level content of the members of one part and emits its blocks."""

    def __init__(self, ctx: _Context, part: str):
        self.ctx = ctx
        self.part = part
        self.member = ""
        self.blocks: list[Block] = []
        self.active: list[tuple[str, dict]] = []  # container marks: inserted, placeholder
        self.fields: list[_Field] = []
        self.open_comments: dict[str, int] = {}  # id -> start offset in this paragraph
        self.ranged: set[str] = set()
        self.background = False  # inside a shaded table cell
        self.cell: dict[str, int] | None = None  # {"table", "row", "col"} of the current cell

    def start_member(self, member: str) -> None:
        """Begin a new XML part: fields and comment ranges never cross parts."""
        self.member = member
        self.fields, self.open_comments, self.ranged = [], {}, set()

    # ---- block level

    def blocks_of(self, parent: Any, style: str | None = None) -> None:
        """Emit the paragraphs under a body-like element (body, cell, note, text box)."""
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, style)
            elif tag == TBL:
                self.table(child)
            elif tag == SDT:
                self._block_sdt(child, style)
            elif tag == CUSTOM_XML:
                self.blocks_of(child, style)
            elif tag == ALT_CONTENT:
                choice = child.find(CHOICE)
                if choice is not None:
                    self.blocks_of(choice, style)
            elif tag == COMMENT_START or tag == COMMENT_END:
                # Between paragraphs (a comment over a table): the range opens at the
                # next paragraph's start or closes after the previous one's end.
                self._block_comment(child)

    def _block_comment(self, el: Any) -> None:
        cid = el.get(W_ID) or ""
        if el.tag == COMMENT_END:
            self.open_comments.pop(cid, None)
            return
        self.open_comments[cid] = 0
        self.ranged.add(cid)
        self.ctx.anchors.setdefault(cid, {"part": self.part, "line": len(self.blocks) + 1,
                                          "column": 1})

    def _sdt(self, sdt: Any, walk: Any) -> None:
        """Walk a content control's content, marked `placeholder` while it shows its prompt."""
        content = sdt.find(SDT_CONTENT)
        if content is None:
            return
        mark = _placeholder(sdt)
        if mark:
            self.active.append(mark)
        walk(content)
        if mark:
            self.active.pop()

    def _block_sdt(self, sdt: Any, style: str | None) -> None:
        self._sdt(sdt, lambda content: self.blocks_of(content, style))

    def table(self, tbl: Any) -> None:
        """Cells row by row; a vertically merged cell once, nested tables in place."""
        outer = self.background
        pr = tbl.find(TBL_PR)
        painted = outer or (pr is not None and (
            _filled(pr.find(SHD)) or self.ctx.styles.filled(_val(pr.find(TBL_STYLE)))))
        index = self.ctx.tables
        self.ctx.tables += 1
        outer_cell = self.cell
        for row, tr in enumerate(_wrapped(tbl, TR)):
            # Grid columns, not cell positions: a cell spanning two columns moves the next
            # one two places, and a skipped merge continuation still takes its place.
            col = _grid_before(tr)
            for tc in _wrapped(tr, TC):
                tc_pr = tc.find(TC_PR)
                span = _span(tc_pr)
                if _continues_merge(tc):
                    col += span
                    continue
                self.background = painted or (tc_pr is not None and _filled(tc_pr.find(SHD)))
                self.cell = {"table": index, "row": row, "col": col}
                self.blocks_of(tc, "table-cell")
                col += span
        self.background = outer
        self.cell = outer_cell

    def paragraph(self, p: Any, style: str | None) -> None:
        """Emit one paragraph block, then any header shapes it anchors."""
        ppr = p.find(PPR)
        psid = _val(ppr.find(PSTYLE)) if ppr is not None else None
        styles = self.ctx.styles
        background = (self.background or styles.filled(psid or styles.default_para)
                      or (ppr is not None and _filled(ppr.find(SHD))))
        para = _Para(len(self.blocks) + 1, psid, background)
        for cid in self.open_comments:
            self.open_comments[cid] = 0
        self.inline(p, para)
        for cid, start in self.open_comments.items():
            if para.pos > start:
                para.raw.append(("comment", start, para.pos, self._comment_data(cid)))
        marks = self._numbering(ppr, psid) + _merge_marks(para.raw)
        if style == "table-cell" and self.cell is not None:
            # Zero-width: where the paragraph sits in its table, for table checks.
            marks = (Mark("cell", 0, 0, dict(self.cell)),) + marks
        text = "".join(para.pieces)
        self.blocks.append(Block(self.part, para.line, text,
                                 style or self.ctx.styles.para_name(psid), marks=marks,
                                 ref=RunMap(tuple(para.segments), self.member, p)))
        for item in para.after:
            self._emit_shape(*item)

    def _numbering(self, ppr: Any, psid: str | None) -> tuple[Mark, ...]:
        num_id, ilvl = self.ctx.styles.num(psid)
        direct = _num_pr(ppr.find(NUM_PR)) if ppr is not None else (None, None)
        num_id, ilvl = direct[0] or num_id, direct[1] or ilvl or "0"
        if not num_id or num_id == "0":  # numId 0 switches numbering off
            return ()
        fmt, text, start = self.ctx.numbering().level(num_id, ilvl)
        return (Mark("numbering", 0, 0, {"numId": _int(num_id), "ilvl": _int(ilvl),
                                          "numFmt": fmt, "lvlText": text, "start": start}),)

    # ---- shapes

    def _shapes(self, el: Any, para: _Para) -> None:
        """Text boxes and WordArt under a run's drawing/pict; `mc:Fallback` copies skipped."""
        for kind, node in _find_shapes(el):
            if self.part in ("header", "footer", "textbox"):
                # Its own blocks right after the anchoring paragraph: a header
                # watermark, or a box inside a box.
                para.after.append((kind, node))
            else:
                # Body boxes (and body WordArt) go to the textbox part, so body
                # numbering is untouched.
                self.ctx.textboxes.append((self.member, kind, node))

    def _emit_shape(self, kind: str, node: Any) -> None:
        if kind == "textpath":
            self.blocks.append(Block(self.part, len(self.blocks) + 1, node.get("string") or "",
                                     "watermark", ref=RunMap((), self.member, node.getparent())))
        elif self.part == "textbox":
            self.blocks_of(node)
        else:
            self.blocks_of(node, "watermark" if _is_wordart(node) else "textbox")

    def textbox(self, member: str, kind: str, node: Any) -> None:
        """Emit one body text box (or a body WordArt shape) as textbox blocks."""
        self.start_member(member)
        self._emit_shape(kind, node)

    # ---- inline level

    def inline(self, el: Any, para: _Para) -> None:
        """Walk the inline content of a paragraph (or of a container inside one)."""
        for child in el:
            tag = child.tag
            if tag == R:
                self.run(child, para)
            elif tag in _SKIP_INLINE:
                continue
            elif tag == INS or tag == MOVE_TO:
                self._insertion(child, para)
            elif tag == DEL or tag == MOVE_FROM:
                self._deletion(child, para)
            elif tag == SDT:
                self._inline_sdt(child, para)
            elif tag == FLD_SIMPLE:
                self.fields.append(_Field([child.get(_w("instr")) or ""], True))
                self.inline(child, para)
                self.fields.pop()
            elif tag == COMMENT_START:
                self._comment_start(child, para)
            elif tag == COMMENT_END:
                self._comment_end(child, para)
            elif tag == ALT_CONTENT:
                choice = child.find(CHOICE)
                if choice is not None:
                    self.inline(choice, para)
            elif isinstance(tag, str):
                # w:hyperlink, w:smartTag, w:customXml, w:dir, w:bdo: their runs are text.
                self.inline(child, para)

    def _inline_sdt(self, sdt: Any, para: _Para) -> None:
        self._sdt(sdt, lambda content: self.inline(content, para))

    def _insertion(self, ins: Any, para: _Para) -> None:
        data = _revision_data(ins, ins.tag == MOVE_TO)
        # Appended before walking, so a w:del nested in it is numbered after it.
        block = self._revision("insertion", "", data, ins, para)
        first = len(para.pieces)
        self.active.append(("inserted", data))
        self.inline(ins, para)
        self.active.pop()
        block.text = "".join(para.pieces[first:])
        block.marks = (Mark("inserted", 0, len(block.text), block.marks[0].data),)

    def _deletion(self, dele: Any, para: _Para) -> None:
        data = _revision_data(dele, dele.tag == MOVE_FROM)
        text = _deleted_text(dele)
        para.raw.append(("deleted", para.pos, para.pos, {**data, "text": text}))
        self._revision("deletion", text, data, dele, para)

    def _revision(self, style: str, text: str, data: dict, el: Any, para: _Para) -> Block:
        """Append a revision block; its mark's data says where the change is."""
        kind = "inserted" if style == "insertion" else "deleted"
        data = {**data, "part": self.part, "line": para.line}
        revs = self.ctx.revisions
        block = Block("revision", len(revs) + 1, text, style,
                      marks=(Mark(kind, 0, len(text), data),),
                      ref=RunMap((), self.member, el))
        revs.append(block)
        return block

    def _comment_data(self, cid: str) -> dict[str, Any]:
        """Mark data of a comment: id, author, date, initials (just the id if unknown)."""
        return self.ctx.comments.get(cid) or {"id": cid}

    def _comment_start(self, el: Any, para: _Para) -> None:
        cid = el.get(W_ID) or ""
        self.open_comments[cid] = para.pos
        self.ranged.add(cid)
        self.ctx.anchors.setdefault(cid, {"part": self.part, "line": para.line,
                                          "column": para.pos + 1})

    def _comment_end(self, el: Any, para: _Para) -> None:
        cid = el.get(W_ID) or ""
        start = self.open_comments.pop(cid, None)
        if start is not None:
            para.raw.append(("comment", start, para.pos, self._comment_data(cid)))

    def _comment_ref(self, el: Any, para: _Para) -> None:
        cid = el.get(W_ID) or ""
        if cid in self.ranged:
            return
        # Attached by a reference only: a zero-width mark where the balloon anchors.
        para.raw.append(("comment", para.pos, para.pos, self._comment_data(cid)))
        self.ctx.anchors.setdefault(cid, {"part": self.part, "line": para.line,
                                          "column": para.pos + 1})

    # ---- runs

    def run(self, r: Any, para: _Para) -> None:
        """Append a run's text with its marks; handles field characters and shapes."""
        flags = rpr = None
        for child in r:
            tag = child.tag
            text = None
            if tag == T:
                text = child.text or ""
            elif tag == RPR:
                rpr = child
                continue
            elif tag == TAB or tag == PTAB:
                text = "\t"
            elif tag == BR:
                # Only a text-wrapping break is a line break; page/column breaks add nothing.
                if child.get(W_TYPE) in (None, "textWrapping"):
                    text = "\n"
            elif tag == CR:
                text = "\n"
            elif tag == NB_HYPHEN:
                text = "-"
            elif tag == SYM:
                text = _sym(child)
            elif tag == FLD_CHAR:
                self._fld_char(child)
                flags = None  # text after it in this run may now be a field result
            elif tag == INSTR:
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr.append(child.text or "")
            elif tag == DRAWING or tag == PICT or tag == OBJECT or tag == ALT_CONTENT:
                self._shapes(child, para)
            elif tag == RUBY:
                for base in child.iter(RUBY_BASE):
                    for rr in base.iter(R):
                        self.run(rr, para)
            elif tag == COMMENT_REF:
                self._comment_ref(child, para)
            if not text or (self.fields and not self._visible()):
                continue
            if flags is None:
                flags = self._flags(rpr, para)
            para.add(text, flags, child if tag == T else None)

    def _visible(self) -> bool:
        """False inside a field code (text between fldChar begin and separate)."""
        return all(f.result for f in self.fields)

    def _fld_char(self, el: Any) -> None:
        kind = el.get(_w("fldCharType"))
        if kind == "begin":
            self.fields.append(_Field([], False))
        elif kind == "separate" and self.fields:
            self.fields[-1].result = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _flags(self, rpr: Any, para: _Para) -> tuple:
        """Marks for a run's text: containers, field result, formatting."""
        styles = self.ctx.styles
        direct = _run_props(rpr) if rpr is not None else {}
        rsid = direct.pop("rstyle", None)
        if direct:
            flags = _run_flags({**styles.base(para.base_style, rsid), **direct}, para.background)
        else:  # the common case: formatting comes from styles only, cached
            flags = styles.base_flags(para.base_style, rsid, para.background)
        if self.active:
            flags = tuple(self.active) + flags
        if self.fields:
            instr = " ".join("".join(self.fields[-1].instr).split())
            flags += (("field", {"instr": instr}),)
        return flags


# --------------------------------------------------------------------------- helpers

def _val(el: Any) -> str | None:
    """An element's w:val, or None when there is no element."""
    return el.get(W_VAL) if el is not None else None


def _wrapped(parent: Any, tag: str) -> Iterator[Any]:
    """Children with `tag`, also through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _wrapped(child, tag)


def _span(tc_pr: Any) -> int:
    """Grid columns a cell spans (w:gridSpan, default 1)."""
    el = tc_pr.find(GRID_SPAN) if tc_pr is not None else None
    n = _int(el.get(W_VAL)) if el is not None else 1
    return n if isinstance(n, int) and n > 0 else 1


def _grid_before(tr: Any) -> int:
    """Grid columns left empty before a row's first cell (w:trPr/w:gridBefore)."""
    pr = tr.find(TR_PR)
    el = pr.find(GRID_BEFORE) if pr is not None else None
    n = _int(el.get(W_VAL)) if el is not None else 0
    return n if isinstance(n, int) and n > 0 else 0


def _continues_merge(tc: Any) -> bool:
    """True for the continuation cells of a merged cell (vMerge without "restart")."""
    pr = tc.find(TC_PR)
    if pr is None:
        return False
    for tag in (V_MERGE, H_MERGE):
        m = pr.find(tag)
        if m is not None and (m.get(W_VAL) or "continue") == "continue":
            return True
    return False


def _placeholder(sdt: Any) -> tuple[str, dict] | None:
    """('placeholder', data) when the content control still shows its placeholder text."""
    pr = sdt.find(SDT_PR)
    if pr is None:
        return None
    flag = pr.find(SHOWING_PLC)
    if flag is None or not _on(flag):
        return None
    sid = pr.find(W_ID)
    # The id keeps two adjacent unfilled controls apart when marks are merged.
    return ("placeholder", {"id": sid.get(W_VAL)} if sid is not None else {})


def _revision_data(el: Any, move: bool) -> dict[str, Any]:
    """id/author/date of a w:ins or w:del (and move=True for moveTo/moveFrom)."""
    data = {"id": el.get(W_ID), "author": el.get(W_AUTHOR), "date": el.get(W_DATE)}
    if move:
        data["move"] = True
    return data


def _deleted_text(el: Any) -> str:
    """The text a w:del (or w:moveFrom) removed."""
    out = []
    for node in el.iter(DEL_TEXT, T, TAB, BR, CR):
        tag = node.tag
        if tag == DEL_TEXT or tag == T:
            out.append(node.text or "")
        elif tag == TAB:
            out.append("\t")
        elif tag == CR or node.get(W_TYPE) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _sym(el: Any) -> str | None:
    """A w:sym's character; symbol-font codes (F000–F0FF, e.g. Wingdings ✓) are skipped."""
    try:
        code = int(el.get(_w("char")) or "", 16)
    except ValueError:
        return None
    if 0xF000 <= code <= 0xF0FF or code < 0x20:
        return None
    return chr(code)


def _find_shapes(el: Any) -> Iterator[tuple[str, Any]]:
    """("box", txbxContent) and ("textpath", v:textpath) under el, outermost only.

    Word writes a text box twice: DrawingML under mc:Choice and VML under
    mc:Fallback; only the first copy is read.
    """
    for child in el:
        tag = child.tag
        if tag == TXBX_CONTENT:
            yield "box", child
        elif tag == V_TEXTPATH:
            # The shapetype's template textpath has no string; only shapes carry text.
            if child.get("string") is not None:
                yield "textpath", child
        elif tag == FALLBACK or tag == V_SHAPETYPE:
            continue
        elif isinstance(tag, str):
            yield from _find_shapes(child)


def _is_wordart(box: Any) -> bool:
    """True when a DrawingML text box is WordArt (warped text) or sits behind the text."""
    node = box
    while node is not None and node.tag != WPS_WSP:
        node = node.getparent()
    if node is None:
        return False
    body = node.find(WPS_BODY_PR)
    if body is not None and body.find(A_WARP) is not None:
        return True
    while node is not None and node.tag != WP_ANCHOR:
        node = node.getparent()
    return node is not None and node.get("behindDoc") in ("1", "true")


# --------------------------------------------------------------------------- parts

def _comment_info(root: Any) -> dict[str, dict[str, Any]]:
    """Comment id -> {"id", "author", "date", "initials"} from comments.xml."""
    info = {}
    if root is None:
        return info
    for c in root.iter(COMMENT):
        cid = c.get(W_ID) or ""
        info[cid] = {"id": cid, "author": c.get(W_AUTHOR), "date": c.get(W_DATE),
                     "initials": c.get(_w("initials"))}
    return info


def _sections(body: Any) -> list[Any]:
    """Every section's w:sectPr in order (paragraph-level ones, then the body's own)."""
    out = []
    for sp in body.iter(SECT_PR):
        parent = sp.getparent()
        # sectPr copies inside w:pPrChange/w:sectPrChange are history, not sections.
        if parent.tag == BODY or (parent.tag == PPR and parent.getparent().tag == P):
            out.append(sp)
    return out


_REF_ORDER = {"default": 0, "first": 1, "even": 2}


def _header_members(sections: list[Any], rels: dict, ref_tag: str) -> list[str]:
    """Distinct header (footer) members in section order: default, first, even."""
    out: list[str] = []
    for sp in sections:
        refs = sorted(sp.iter(ref_tag), key=lambda e: _REF_ORDER.get(e.get(W_TYPE) or "", 3))
        for ref in refs:
            member = rels.get(ref.get(R_ID) or "", ("", ""))[1]
            if member and member not in out:
                out.append(member)
    return out


def _read_headers(ctx: _Context, part: str, members: list[str]) -> list[Block]:
    """Blocks of the header (footer) members, numbered across them."""
    walker = _Walker(ctx, part)
    for member in members:
        root = ctx.pkg.xml(member)
        if root is not None:
            walker.start_member(member)
            walker.blocks_of(root)
    return walker.blocks


def _read_notes(ctx: _Context, part: str, member: str | None, tag: str) -> list[Block]:
    """Blocks of the footnotes (endnotes) part, separators skipped."""
    walker = _Walker(ctx, part)
    root = ctx.pkg.xml(member) if member else None
    if root is None:
        return []
    walker.start_member(member)
    for note in root.iter(tag):
        if note.get(W_TYPE) not in _NOTE_FURNITURE:
            walker.blocks_of(note)
    return walker.blocks


def _read_comments(ctx: _Context, member: str | None) -> tuple[list[Block], list[dict]]:
    """Comment blocks (each marked with its comment's id and author) and meta["comments"]."""
    walker = _Walker(ctx, "comment")
    root = ctx.pkg.xml(member) if member else None
    if root is None:
        return [], []
    walker.start_member(member)
    meta = []
    for c in root.iter(COMMENT):
        first = len(walker.blocks)
        walker.blocks_of(c, "comment")
        cid = c.get(W_ID) or ""
        data = ctx.comments.get(cid, {"id": cid})
        own = walker.blocks[first:]
        for b in own:
            b.marks = tuple(sorted(b.marks + (Mark("comment", 0, len(b.text), data),),
                                   key=lambda m: (m.start, m.end, m.kind)))
        meta.append({**data, "text": "\n".join(b.text for b in own),
                     "lines": [b.line for b in own], "anchor": ctx.anchors.get(cid)})
    return walker.blocks, meta


def _read_textboxes(ctx: _Context) -> list[Block]:
    """Blocks of the collected text boxes, in the order of their anchors."""
    walker = _Walker(ctx, "textbox")
    for member, kind, node in ctx.textboxes:
        walker.textbox(member, kind, node)
    return walker.blocks


def _read_properties(pkg: _Package, settings: str | None = None) -> tuple[list[Block], dict[str, Any]]:
    """Property blocks (the fixed order, then custom properties, the attached template and
    document variables), and meta (every fixed value, created, modified)."""
    core_m = pkg.related("", "core-properties") or pkg.find("docProps/core.xml")
    app_m = pkg.related("", "extended-properties") or pkg.find("docProps/app.xml")
    roots = {"core": pkg.xml(core_m) if core_m else None,
             "app": pkg.xml(app_m) if app_m else None}
    members = {"core": core_m, "app": app_m}
    blocks, values = [], {}
    for line, (name, src, tag) in enumerate(PROPERTY_ORDER, start=1):
        el = roots[src].find(tag) if roots[src] is not None else None
        value = "".join(el.itertext()) if el is not None else None
        values[name] = value
        if value and value.strip():
            blocks.append(Block("properties", line, value, f"property:{name}",
                                ref=RunMap((), members[src] or "", el)))
    blocks.extend(_more_properties(pkg, settings, first_line=len(PROPERTY_ORDER) + 1))
    core = roots["core"]
    meta = {"properties": values,
            "created": _core_date(core, "created"), "modified": _core_date(core, "modified")}
    return blocks, meta


def _more_properties(pkg: _Package, settings: str | None, first_line: int) -> list[Block]:
    """Where else a site leaves its name: custom properties (docProps/custom.xml), the
    attached template's path and document variables (word/settings.xml).

    Styles: `property:custom:NAME`, `property:template`, `property:variable:NAME`; lines
    continue after the fixed properties, in this order.
    """
    found: list[tuple[str, str, Any, str]] = []  # (style, value, element to clear, member)
    custom = pkg.related("", "custom-properties") or pkg.find("docProps/custom.xml")
    root = pkg.xml(custom) if custom else None
    if root is not None:
        for prop in root.iter(f"{{{CUSTOM_PROPS}}}property"):
            for value_el in prop:  # one vt:lpwstr / vt:i4 … child holds the value
                found.append((f"property:custom:{prop.get('name') or ''}",
                              "".join(value_el.itertext()), value_el, custom))
    settings_root = pkg.xml(settings) if settings else None
    if settings_root is not None:
        template = settings_root.find(_w("attachedTemplate"))
        rid = template.get(f"{{{R_NS}}}id") if template is not None else None
        if rid:
            target = _external_targets(pkg, settings).get(rid)
            if target:
                found.append(("property:template", unquote(target), None, ""))
        for var in settings_root.iter(_w("docVar")):
            found.append((f"property:variable:{var.get(_w('name')) or ''}",
                          var.get(_w("val")) or "", None, ""))
    blocks = []
    for line, (style, value, element, member) in enumerate(found, start=first_line):
        if value.strip():
            # Only a value held as element text can be cleared by `fix --strip-residue`.
            ref = RunMap((), member, element) if element is not None else None
            blocks.append(Block("properties", line, value, style, ref=ref))
    return blocks


def _external_targets(pkg: _Package, part: str) -> dict[str, str]:
    """rId -> target of the external relationships of `part` (file paths, URLs)."""
    folder, base = posixpath.split(part)
    root = pkg.xml(posixpath.join(folder, "_rels", base + ".rels"))
    if root is None:
        return {}
    return {rel.get("Id") or "": rel.get("Target") or ""
            for rel in root.iter(f"{{{PR}}}Relationship")
            if rel.get("TargetMode") == "External"}


def _core_date(core: Any, name: str) -> str | None:
    """dcterms:created / dcterms:modified as written (ISO 8601), or None."""
    el = core.find(f"{{{DCTERMS}}}{name}") if core is not None else None
    text = (el.text or "").strip() if el is not None else ""
    return text or None


# --------------------------------------------------------------------------- read

def read(path: Path, display: str) -> Document:
    """Read a .docx into blocks of every part, each numbered 1-based within its part."""
    st = _check_file(path)
    try:
        zf = zipfile.ZipFile(path)  # read-only: the file is never written
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ReadError("not a Word document: file is not a zip archive") from None
    with zf:
        _check_bomb(zf)
        pkg = _Package(zf)
        blocks, meta = _read_package(pkg)
        handle = DocxHandle(path, meta["main_part"], pkg.trees, st.st_size, st.st_mtime_ns)
    return Document(display, "docx", blocks, meta=meta, handle=handle)


def _read_package(pkg: _Package) -> tuple[list[Block], dict[str, Any]]:
    """All blocks in contract part order, and the document's meta."""
    main, root = _main_part(pkg)
    rels = pkg.rels(main)
    by_kind: dict[str, str] = {}
    for kind, member in rels.values():
        if pkg.find(member):
            by_kind.setdefault(kind, pkg.find(member))
    ctx = _context(pkg, by_kind)
    body = root.find(BODY)
    walker = _Walker(ctx, "body")
    walker.start_member(main)
    if body is not None:
        walker.blocks_of(body)
    sections = _sections(body) if body is not None else []
    # Read in this order (text boxes are collected while reading the others) …
    parts = {
        "body": walker.blocks,
        "header": _read_headers(ctx, "header", _header_members(sections, rels, HDR_REF)),
        "footer": _read_headers(ctx, "footer", _header_members(sections, rels, FTR_REF)),
        "footnote": _read_notes(ctx, "footnote", by_kind.get("footnotes"), _w("footnote")),
        "endnote": _read_notes(ctx, "endnote", by_kind.get("endnotes"), _w("endnote")),
    }
    parts["comment"], comments = _read_comments(ctx, by_kind.get("comments"))
    parts["textbox"] = _read_textboxes(ctx)
    props, meta = _read_properties(pkg, by_kind.get("settings"))
    # … and listed in the contract's order.
    blocks = [b for name in ("body", "header", "footer", "footnote", "endnote", "textbox",
                             "comment") for b in parts[name]]
    meta.update({
        "main_part": main,
        "sections": max(1, len(sections)),
        "has_comments": bool(comments),
        "comments": comments,
        "has_revisions": bool(ctx.revisions),
        "macro_enabled": pkg.find("word/vbaProject.bin") is not None or "vbaProject" in by_kind,
    })
    return blocks + ctx.revisions + props, meta


def _context(pkg: _Package, by_kind: dict[str, str]) -> _Context:
    """Styles, the numbering part and comment authors, needed before any paragraph."""
    styles = pkg.xml(by_kind["styles"]) if "styles" in by_kind else None
    comments = pkg.xml(by_kind["comments"]) if "comments" in by_kind else None
    return _Context(pkg, _Styles(styles), by_kind.get("numbering"), _comment_info(comments))
