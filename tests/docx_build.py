"""Builders for .docx test fixtures: python-docx's base package plus raw WordprocessingML parts."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

# Every namespace the fixtures use, declared on each part's root element.
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}.items())

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
FIXED_DATE = (2026, 1, 1, 0, 0, 0)


@functools.lru_cache(maxsize=1)
def base_package() -> dict[str, bytes]:
    """The members of python-docx's default document (styles, numbering, theme…)."""
    import docx
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# ---------------------------------------------------------------- XML snippets

def run(text: str, rpr: str = "") -> str:
    """A w:r with optional raw rPr children (e.g. "<w:b/>") and one w:t."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, style: str | None = None, ppr: str = "") -> str:
    """A w:p holding raw inline XML (runs etc.); plain strings become runs when not XML."""
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{inner}</w:p>"


def cell(*paragraphs: str, tcpr: str = "") -> str:
    """A w:tc; each argument is a paragraph's XML or plain text for a one-run paragraph."""
    body = "".join(p if p.startswith("<") else para(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{body}</w:tc>"


def table(*rows: Sequence[str]) -> str:
    """A w:tbl from rows of cells (each a `cell()` string or plain text)."""
    trs = "".join("<w:tr>" + "".join(c if c.startswith("<w:tc") else cell(c) for c in row)
                  + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{trs}</w:tbl>"


def ins(content: str, author: str = "李四", date: str = "2026-02-01T08:00:00Z", rid: int = 1) -> str:
    """A tracked insertion around raw run XML."""
    return f'<w:ins w:id="{rid}" w:author="{author}" w:date="{date}">{content}</w:ins>'


def dele(text: str, author: str = "李四", date: str = "2026-02-01T08:00:00Z", rid: int = 2) -> str:
    """A tracked deletion of `text` (a run with w:delText)."""
    return (f'<w:del w:id="{rid}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def field(instr: str, result: str) -> str:
    """A complex field (fldChar begin/instrText/separate/result/end) as runs."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(result)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sdt(content: str, placeholder: bool = True, sid: int = 7, block: bool = False) -> str:
    """A content control around raw content; `placeholder` sets w:showingPlcHdr."""
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    return (f'<w:sdt><w:sdtPr><w:id w:val="{sid}"/>{flag}</w:sdtPr>'
            f"<w:sdtContent>{content}</w:sdtContent></w:sdt>")


def vml_watermark(text: str) -> str:
    """A run holding Word's VML WordArt watermark (shapetype template + shape with textpath)."""
    return ('<w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
            '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136">'
            '<v:textpath on="t" fitshape="t"/></v:shapetype>'
            '<v:shape id="PowerPlusWaterMarkObject1" type="#_x0000_t136" '
            'style="position:absolute;rotation:315" fillcolor="silver" stroked="f">'
            f'<v:textpath style="font-family:&quot;宋体&quot;" string={quoteattr(text)}/>'
            "</v:shape></w:pict></w:r>")


def textbox_run(choice: str, fallback: str | None = None, wordart: bool = False) -> str:
    """A text box run as Word writes it: DrawingML in mc:Choice, a VML copy in mc:Fallback."""
    warp = '<a:prstTxWarp prst="textPlain"/>' if wordart else ""
    fallback = choice if fallback is None else fallback
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor behindDoc="0"><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:txbx><w:txbxContent>{choice}</w:txbxContent></wps:txbx>"
            f"<wps:bodyPr>{warp}</wps:bodyPr></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            '<mc:Fallback><w:pict><v:shape><v:textbox>'
            f"<w:txbxContent>{fallback}</w:txbxContent>"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def vml_textbox_run(content: str) -> str:
    """A run with an old-style VML-only text box (no mc:AlternateContent)."""
    return ("<w:r><w:pict><v:shape><v:textbox>"
            f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")


def comment_range(cid: int | str, content: str) -> str:
    """Inline content anchored to a comment: rangeStart, content, rangeEnd, reference run."""
    return (f'<w:commentRangeStart w:id="{cid}"/>{content}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:commentReference w:id="{cid}"/></w:r>')


def sect(headers: Mapping[str, int] | None = None, footers: Mapping[str, int] | None = None,
         title_pg: bool = False) -> str:
    """A w:sectPr referencing header/footer numbers by type, e.g. sect({"default": 1})."""
    refs = "".join(f'<w:headerReference w:type="{t}" r:id="rIdH{n}"/>'
                   for t, n in (headers or {}).items())
    refs += "".join(f'<w:footerReference w:type="{t}" r:id="rIdF{n}"/>'
                    for t, n in (footers or {}).items())
    return f"<w:sectPr>{refs}{'<w:titlePg/>' if title_pg else ''}</w:sectPr>"


# ---------------------------------------------------------------- packages

def _part(root: str, inner: str) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f"<{root} {NSDECL}>{inner}</{root.split()[0]}>").encode()


def _core_xml(core: Mapping[str, str]) -> bytes:
    tags = {"title": "dc:title", "subject": "dc:subject", "creator": "dc:creator",
            "keywords": "cp:keywords", "description": "dc:description",
            "lastModifiedBy": "cp:lastModifiedBy", "category": "cp:category",
            "created": "dcterms:created", "modified": "dcterms:modified"}
    body = "".join(f"<{tags[k]}>{escape(v)}</{tags[k]}>" for k, v in core.items())
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/">'
            f"{body}</cp:coreProperties>").encode()


def _app_xml(app: Mapping[str, str]) -> bytes:
    body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in app.items())
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Application>Microsoft Office Word</Application>{body}'
            "</Properties>").encode()


def _notes(kind: str, notes: Sequence[str]) -> bytes:
    furniture = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                 f"</w:p></w:{kind}>"
                 f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 f"<w:continuationSeparator/></w:r></w:p></w:{kind}>")
    body = "".join(f'<w:{kind} w:id="{i}">{n}</w:{kind}>' for i, n in enumerate(notes, start=1))
    return _part(f"w:{kind}s", furniture + body)


def _comments(comments: Sequence[tuple]) -> bytes:
    body = "".join(f'<w:comment w:id="{cid}" w:author="{author}" w:date="2026-02-02T09:00:00Z" '
                   f'w:initials="{author[:1]}">{xml}</w:comment>' for cid, author, xml in comments)
    return _part("w:comments", body)


def make_docx(tmp_path: Path, body: str = "", *, name: str = "test.docx",
              sect_xml: str | None = None, headers: Sequence[str] = (),
              footers: Sequence[str] = (), footnotes: Sequence[str] | None = None,
              endnotes: Sequence[str] | None = None,
              comments: Sequence[tuple] | None = None,
              core: Mapping[str, str] | None = None, app: Mapping[str, str] | None = None,
              extra: Mapping[str, bytes | str] | None = None,
              drop: Iterable[str] = ()) -> Path:
    """Write a .docx: `body` is raw w:body content; headers/footers are numbered 1… (rIdH1, rIdF1).

    Without `sect_xml` the section uses header 1 and footer 1 as its default ones.
    `comments` are (id, author, paragraphs_xml); core/app replace the properties
    (core keys: title, creator, lastModifiedBy…; app keys: Company, Manager).
    """
    members = dict(base_package())
    rels, overrides = [], []

    def add(target: str, rel_type: str, rid: str, content: bytes, ctype: str) -> None:
        members[f"word/{target}"] = content
        rels.append(f'<Relationship Id="{rid}" Type="{REL}{rel_type}" Target="{target}"/>')
        overrides.append(f'<Override PartName="/word/{target}" ContentType="{CT_WORD}{ctype}"/>')

    for i, xml in enumerate(headers, start=1):
        add(f"header{i}.xml", "header", f"rIdH{i}", _part("w:hdr", xml), "header+xml")
    for i, xml in enumerate(footers, start=1):
        add(f"footer{i}.xml", "footer", f"rIdF{i}", _part("w:ftr", xml), "footer+xml")
    if footnotes is not None:
        add("footnotes.xml", "footnotes", "rIdFn", _notes("footnote", footnotes), "footnotes+xml")
    if endnotes is not None:
        add("endnotes.xml", "endnotes", "rIdEn", _notes("endnote", endnotes), "endnotes+xml")
    if comments is not None:
        add("comments.xml", "comments", "rIdCm", _comments(comments), "comments+xml")
    if sect_xml is None:
        sect_xml = sect({"default": 1} if headers else None, {"default": 1} if footers else None)
    members["word/document.xml"] = _part("w:document", f"<w:body>{body}{sect_xml}</w:body>")
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", "".join(rels).encode() + b"</Relationships>")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", "".join(overrides).encode() + b"</Types>")
    members["docProps/core.xml"] = _core_xml(core or {})
    members["docProps/app.xml"] = _app_xml(app or {})
    for key, value in (extra or {}).items():
        members[key] = value.encode() if isinstance(value, str) else value
    for key in drop:
        members.pop(key, None)
    return write_zip(tmp_path / name, members)


def write_zip(path: Path, members: Mapping[str, bytes | str]) -> Path:
    """Write members to a deflated zip with a fixed date; returns `path`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode() if isinstance(data, str) else data)
    return path


def read_members(path: Path) -> dict[str, bytes]:
    """All members of a zip, by name."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rewrite_zip(path: Path, out: Path, *, rename: Mapping[str, str] | None = None,
                replace: Mapping[str, bytes | str] | None = None,
                drop: Iterable[str] = ()) -> Path:
    """Copy a zip to `out`, renaming, replacing or dropping members."""
    members = read_members(path)
    for old, new in (rename or {}).items():
        members[new] = members.pop(old)
    members.update({k: v.encode() if isinstance(v, str) else v
                    for k, v in (replace or {}).items()})
    for name in drop:
        members.pop(name, None)
    return write_zip(out, members)
