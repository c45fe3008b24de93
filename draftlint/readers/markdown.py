"""Markdown reader: one block per line, syntax removed, true source columns kept.

Code (fenced, indented, inline), front matter, HTML comments and tags, link
destinations, images and emphasis markers are not document text. Each remaining
character keeps its source column in `Block.origin`, so a finding reports the file's
real column and its `text` is the source slice.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..model import Block, Document, Mark
from ..suppress import parse_directive
from .text import load_text, split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FRONT_MATTER = {"---": "---", "+++": "+++"}
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_ORDERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]+")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_TABLE_DELIM = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+")
# A footnote's definition is text a reader sees: [^1]: 数据来源：市统计局。 (its label is not)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")

# Inline tokens, tried at each position in this order.
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<codebody>.+?)(?P=ticks))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<image>!\[(?P<alt>[^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<link>\[(?P<ltext>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>(?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<reflink>\[(?P<rtext>[^\[\]]+)\]\[[^\]]*\])"
    r"|(?P<footref>\[\^[^\]]+\])"
    r"|(?P<autolink><(?P<auto>(?:https?|ftp)://[^>\s]+|[^@>\s]+@[^@>\s]+\.[^@>\s]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
)
# Emphasis delimiters: ** __ * _ ~~ around non-space text. Intraword underscores are
# literal in CommonMark, so 常住人口____万人 keeps its blank (a placeholder).
_EMPHASIS = re.compile(
    r"(?<!\\)(?P<d>\*{1,3}|~~)(?=\S)(?P<body>.+?)(?<=\S)(?P=d)"
    r"|(?<!\w)(?P<u>_{1,3})(?=[^\s_])(?P<ubody>.+?)(?<=[^\s_])(?P=u)(?!\w)"
)


class _Line:
    """Accumulates kept characters of one source line with their columns and marks."""

    __slots__ = ("chars", "origin", "marks")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.marks: list[Mark] = []

    def add(self, text: str, col: int) -> None:
        self.chars.extend(text)
        self.origin.extend(range(col, col + len(text)))

    def add_char(self, ch: str, col: int) -> None:
        self.chars.append(ch)
        self.origin.append(col)

    def pos(self) -> int:
        return len(self.chars)


def _is_punct(ch: str) -> bool:
    """Unicode punctuation or symbol, as CommonMark's flanking rules define it."""
    return unicodedata.category(ch)[0] in "PS"


def _is_cjk(ch: str) -> bool:
    """A Han character or CJK / full-width punctuation."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2018 <= o <= 0x201F)


def _emphasis_keep(src: str, lo: int, hi: int) -> list[bool]:
    """Per character of src[lo:hi]: False for emphasis delimiters, True otherwise.

    CommonMark closes `**…。**` only when a space or punctuation follows, and opens
    `**“…` only after one: `**扩大覆盖面。** 新建` needs its space, which is syntax,
    not a stray space between Chinese words, so it is dropped too (with Chinese on
    its other side only: `**Note.** The` keeps the English word space).
    """
    keep = [True] * (hi - lo)
    for m in _EMPHASIS.finditer(src, lo, hi):
        d = "d" if m.group("d") else "u"
        n = len(m.group(d))
        for i in range(m.start(), m.start() + n):
            keep[i - lo] = False
        for i in range(m.end() - n, m.end()):
            keep[i - lo] = False
        first, last = src[m.start() + n], src[m.end() - n - 1]
        after, before = m.end(), m.start() - 1
        if (_is_punct(last) and after + 1 < hi and src[after] == " "
                and _is_cjk(src[after + 1])):
            keep[after - lo] = False
        if (_is_punct(first) and before - 1 >= lo and src[before] == " "
                and _is_cjk(src[before - 1])):
            keep[before - lo] = False
    return keep


def _inline(src: str, lo: int, hi: int, out: _Line) -> None:
    """Append the visible text of src[lo:hi] to `out`."""
    pos = lo
    keep = _emphasis_keep(src, lo, hi)

    def plain(a: int, b: int) -> None:
        for i in range(a, b):
            if keep[i - lo]:
                out.add_char(src[i], i)

    for m in _INLINE.finditer(src, lo, hi):
        plain(pos, m.start())
        kind = next(k for k in ("code", "comment", "image", "link", "reflink", "footref",
                                "autolink", "tag", "escape") if m.group(k) is not None)
        if kind == "code":
            start = out.pos()
            out.add(m.group("codebody"), m.start("codebody"))
            out.marks.append(Mark("code", start, out.pos()))
        elif kind == "link":
            start = out.pos()
            _inline(src, m.start("ltext"), m.end("ltext"), out)
            out.marks.append(Mark("link", start, out.pos(), {"url": m.group("url")}))
        elif kind == "reflink":
            _inline(src, m.start("rtext"), m.end("rtext"), out)
        elif kind == "autolink":
            start = out.pos()
            out.add(m.group("auto"), m.start("auto"))
            out.marks.append(Mark("link", start, out.pos(), {"url": m.group("auto")}))
        elif kind == "escape":
            out.add_char(src[m.start() + 1], m.start() + 1)
        # comment, image, footref, tag: not visible text
        pos = m.end()
    plain(pos, hi)


def _table_row(src: str, out: _Line) -> None:
    """Cells of a `| a | b |` row, separated by a tab that maps to the pipe's column."""
    bounds = [i for i, ch in enumerate(src) if ch == "|" and (i == 0 or src[i - 1] != "\\")]
    first = True
    for a, b in zip(bounds, bounds[1:]):
        cell_lo, cell_hi = a + 1, b
        while cell_lo < cell_hi and src[cell_lo] in " \t":
            cell_lo += 1
        while cell_hi > cell_lo and src[cell_hi - 1] in " \t":
            cell_hi -= 1
        if not first:
            out.add_char("\t", a)
        first = False
        _inline(src, cell_lo, cell_hi, out)


def _block(number: int, src: str, out: _Line, style: str) -> Block:
    # Trailing blanks are Markdown's hard line break, not stray spaces.
    while out.chars and out.chars[-1] in " \t":
        out.chars.pop()
        out.origin.pop()
    text = "".join(out.chars)
    end = out.origin[-1] + 1 if out.origin else 0
    origin = tuple(out.origin) + (end,)
    marks = tuple(m for m in out.marks if m.start < len(text))
    return Block("body", number, text, style=style, origin=origin, source=src, marks=marks)


def document_from_markdown(text: str, display: str, handle=None) -> Document:
    """Build an md Document from decoded Markdown text."""
    lines = split_lines(text)
    blocks: list[Block] = []
    directives = []
    fence: str | None = None
    in_comment = False
    front_end: str | None = _FRONT_MATTER.get(lines[0].strip()) if lines else None
    in_front = front_end is not None
    prev_blank = True
    for number, src in enumerate(lines, start=1):
        out = _Line()
        style = ""
        if in_front:
            if number > 1 and src.strip() in ("---", "...", "+++"):
                in_front = False
            blocks.append(_block(number, src, out, "front-matter"))
            continue
        if fence is not None:
            m = _FENCE.match(src)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not src[m.end():].strip():
                fence = None
            blocks.append(_block(number, src, out, "code"))
            continue
        if in_comment:
            end = src.find("-->")
            if end == -1:
                blocks.append(_block(number, src, out, "comment"))
                continue
            in_comment = False
            src_rest = end + 3
        else:
            src_rest = 0
        directive = parse_directive(src, number)
        if directive is not None:
            directives.append(directive)
            blocks.append(_block(number, src, out, "directive"))
            continue
        m = _FENCE.match(src)
        if m and src_rest == 0:
            fence = m.group(1)
            blocks.append(_block(number, src, out, "code"))
            continue
        stripped = src.strip()
        if src_rest == 0 and prev_blank and (src.startswith("    ") or src.startswith("\t")) \
                and stripped and not _BULLET.match(src) and not _ORDERED.match(src) \
                and not (blocks and blocks[-1].style == "list-item"):
            blocks.append(_block(number, src, out, "code"))
            continue
        # An HTML comment that opens and does not close on this line.
        opened = src.rfind("<!--")
        if opened != -1 and src.find("-->", opened) == -1:
            in_comment = True
            hi = opened
        else:
            hi = len(src)
        pos = src_rest
        if _THEMATIC.match(src) or (_SETEXT.match(src) and not prev_blank) or _LINK_DEF.match(src):
            blocks.append(_block(number, src, out, "markup"))
            prev_blank = False
            continue
        if _TABLE_DELIM.match(src) and "-" in src and ("|" in src):
            blocks.append(_block(number, src, out, "table-delimiter"))
            prev_blank = False
            continue
        if _TABLE_ROW.match(src):
            _table_row(src[:hi], out)
            blocks.append(_block(number, src, out, "table-row"))
            prev_blank = False
            continue
        while True:
            q = _QUOTE.match(src, pos)
            if not q:
                break
            pos = q.end()
            style = "blockquote"
        h = _HEADING.match(src, pos)
        f = _FOOTNOTE_DEF.match(src, pos) if not h else None
        if f:
            style, pos = "footnote", f.end()
        elif h:
            style = f"heading{len(h.group(1))}"
            pos = h.end()
            tail = _HEADING_TAIL.search(src, pos, hi)
            if tail:
                hi = tail.start()
        else:
            b = _BULLET.match(src, pos)
            if b:
                pos, style = b.end(), "list-item"
            elif _ORDERED.match(src, pos):
                # The number is visible text ("1. ") and numbering rules read it.
                style = "list-item"
        while pos < hi and src[pos] in " \t" and style != "":
            pos += 1
        _inline(src, pos, hi, out)
        blocks.append(_block(number, src, out, style))
        prev_blank = not stripped
    return Document(display, "md", blocks, directives=directives, handle=handle)


def read(path: Path, display: str) -> Document:
    """Read a Markdown file (same decoding as .txt)."""
    text, handle = load_text(path)
    return document_from_markdown(text, display, handle)
