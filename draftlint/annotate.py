"""`draftlint annotate`: a copy of a .docx with every finding as a Word comment on its text.

Body findings are anchored on exactly the flagged characters (runs are split where
needed, each piece keeping its run properties); findings elsewhere (headers,
footers, notes, text boxes, properties…) are gathered in one comment on the first
body paragraph. comments.xml, its relationship and its content type are created
when the document has none. The input file is never written.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import os
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .model import Block, Document, Finding
from .readers import ReadError
from .readers.docx import PR, W, _w
from .writers import WriteError, discard, stage
from .writers.docx import XML_SPACE, rebuild, serialize

AUTHOR = "draftlint"
INITIALS = "DL"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


P, R, T, RPR, PPR, BODY = (_w(n) for n in ("p", "r", "t", "rPr", "pPr", "body"))


@dataclass
class AnnotateResult:
    """What `annotate` wrote: the output path and the comments it added."""

    path: str
    out: Path | None = None
    anchored: list[Finding] = field(default_factory=list)  # one comment each
    gathered: list[Finding] = field(default_factory=list)  # in the one summary comment
    error: str | None = None


def default_output(path: Path) -> Path:
    """`报告.docx` -> `报告.draftlint.docx`, beside the input."""
    return path.with_name(f"{path.stem}.draftlint{path.suffix}")


def _el(tag: str, **attrs: str) -> Any:
    from lxml import etree
    el = etree.Element(tag)
    for k, v in attrs.items():
        el.set(_w(k), v)
    return el


def _text_run(text: str) -> Any:
    r = _el(R)
    t = _el(T)
    t.text = text
    t.set(XML_SPACE, "preserve")
    r.append(t)
    return r


class _Anchors:
    """Splits the runs of one paragraph so spans of its text become whole runs."""

    def __init__(self, block: Block):
        self.block = block
        # Mutable copy of the run map: [start, end, w:t]; splitting updates it.
        self.segs: list[list[Any]] = [[s.start, s.end, s.t] for s in block.ref]

    def split(self, pos: int) -> None:
        """Make `pos` a boundary between two w:t elements (a new run for the tail)."""
        for i, (start, end, t) in enumerate(self.segs):
            if start < pos < end:
                k = pos - start
                text = t.text or ""
                run = t.getparent()
                tail = self._run_after(run)
                t2 = _el(T)
                t2.text = text[k:]
                t2.set(XML_SPACE, "preserve")
                tail.append(t2)
                for sib in list(t.itersiblings()):
                    tail.append(sib)  # moves it: later w:t keep their identity
                t.text = text[:k]
                t.set(XML_SPACE, "preserve")
                self.segs[i:i + 1] = [[start, pos, t], [pos, end, t2]]
                return

    @staticmethod
    def _run_after(run: Any) -> Any:
        r = _el(R)
        rpr = run.find(RPR)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        run.addnext(r)
        return r

    def isolate(self, t: Any, first: bool) -> Any:
        """The run of `t`, split so `t` is its first (or last) content; returns that run."""
        run = t.getparent()
        if first:
            before = [c for c in t.itersiblings(preceding=True) if c.tag != RPR]
            if before:
                new = self._run_after(run)
                for c in [t, *t.itersiblings()]:
                    new.append(c)
                return new
        else:
            after = list(t.itersiblings())
            if after:
                new = self._run_after(run)
                for c in after:
                    new.append(c)
        return t.getparent()

    def anchor(self, start: int, end: int, cid: str) -> None:
        """Wrap block text [start, end) in a comment range with its reference run."""
        crs, cre = _el(_w("commentRangeStart"), id=cid), _el(_w("commentRangeEnd"), id=cid)
        ref = _el(R)
        ref.append(_el(_w("commentReference"), id=cid))
        if end > start:
            self.split(start)
            self.split(end)
            inside = [s for s in self.segs if s[0] >= start and s[1] <= end and s[1] > s[0]]
        else:
            inside = []
        if inside:
            first = self.isolate(inside[0][2], first=True)
            last = self.isolate(inside[-1][2], first=False)
            first.addprevious(crs)
            last.addnext(cre)
        else:
            before = [s for s in self.segs if s[1] <= start and s[1] > s[0]]
            if before:
                self.isolate(before[-1][2], first=False).addnext(crs)
            else:
                after = [s for s in self.segs if s[0] >= start and s[1] > s[0]]
                if after:
                    self.isolate(after[0][2], first=True).addprevious(crs)
                else:
                    _append_in_paragraph(self.block.ref.element, crs)
            crs.addnext(cre)
        _hoist(crs, cre, self.block.ref.element)
        cre.addnext(ref)


FLD_CHAR, FLD_SIMPLE, SDT = _w("fldChar"), _w("fldSimple"), _w("sdt")


def _showing_prompt(sdt: Any) -> bool:
    """True for a content control still showing its placeholder (w:showingPlcHdr)."""
    flag = sdt.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}")
    return flag is not None and (flag.get(_w("val")) or "true").lower() not in ("0", "false", "off")


def _hoist(crs: Any, cre: Any, p: Any) -> None:
    """Move a comment range out of content Word regenerates, so the comment survives it.

    A field's result is rebuilt on update (a DATE field whenever the file opens, a
    MERGEFIELD on merge) and a content control's prompt is replaced at the first
    keystroke: a range or reference inside would vanish and orphan the comment. The
    range then covers the whole field (its result "2019年12月20日") or control instead.
    """
    def outermost(el: Any) -> Any:
        found = None
        for node in el.iterancestors():
            if node is p:
                break
            if node.tag == FLD_SIMPLE or (node.tag == SDT and _showing_prompt(node)):
                found = node
        return found

    start, end = _field_bounds(p, crs), _field_bounds(p, cre)
    box = outermost(crs)
    if box is not None:
        box.addprevious(crs)
    elif start is not None:
        start[0].addprevious(crs)
    box = outermost(cre)
    if box is not None:
        box.addnext(cre)
    elif end is not None and end[1] is not None:
        end[1].addnext(cre)


def _field_bounds(p: Any, el: Any) -> tuple[Any, Any] | None:
    """(begin run, end run or None) of the outermost complex field of `p` open at `el`."""
    depth, begin, hit = 0, None, False
    for node in p.iter(FLD_CHAR, el.tag):
        if node is el:
            if depth == 0:
                return None
            hit = True
            continue
        if node.tag != FLD_CHAR:
            continue
        kind = node.get(_w("fldCharType"))
        if kind == "begin":
            if depth == 0:
                begin = node.getparent()
            depth += 1
        elif kind == "end" and depth:
            depth -= 1
            if depth == 0 and hit:
                return begin, node.getparent()
    return (begin, None) if hit else None


def _append_in_paragraph(p: Any, el: Any) -> None:
    p.append(el)


def _wrap_paragraph(p: Any, cid: str) -> None:
    """A comment range over a whole paragraph (after its w:pPr)."""
    crs, cre = _el(_w("commentRangeStart"), id=cid), _el(_w("commentRangeEnd"), id=cid)
    ref = _el(R)
    ref.append(_el(_w("commentReference"), id=cid))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(crs)
    else:
        p.insert(0, crs)
    p.append(cre)
    p.append(ref)


def _comment(cid: str, paragraphs: Sequence[str], date: str) -> Any:
    c = _el(_w("comment"), id=cid, author=AUTHOR, date=date, initials=INITIALS)
    for i, text in enumerate(paragraphs):
        p = _el(P)
        if i == 0:
            ann = _el(R)
            ann.append(_el(_w("annotationRef")))
            p.append(ann)
        p.append(_text_run(text))
        c.append(p)
    return c


def _label(lang: str) -> str:
    return "建议" if lang == "zh" else "Suggestion"


def comment_text(f: Finding, lang: str) -> str:
    """The comment for one finding: rule, message and the suggestion when there is one."""
    text = f"[{f.rule}] {f.message}"
    if f.suggestion and f.suggestion not in f.message:
        text += f"（{_label(lang)}：{f.suggestion}）" if lang == "zh" else \
            f" ({_label(lang)}: {f.suggestion})"
    return text


def _where(f: Finding) -> str:
    return f"{f.part} {f.line}:{f.column}"


def _parse(data: bytes) -> Any:
    from lxml import etree
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _comments_part(zf: zipfile.ZipFile, handle, main: str):
    """(member, root, rels_member, rels_root, created) of the main part's comments."""
    from lxml import etree
    folder, base = posixpath.split(main)
    rels_member = posixpath.join(folder, "_rels", base + ".rels")
    rels_root = handle.trees.get(rels_member)
    if rels_root is None:
        rels_root = _parse(zf.read(rels_member)) if rels_member in zf.namelist() else \
            etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    names = set(zf.namelist())
    for rel in rels_root.iter(f"{{{PR}}}Relationship"):
        if rel.get("Type") == COMMENTS_REL and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            member = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                        else posixpath.join(folder, target))
            if member in names:
                root = handle.trees.get(member)
                if root is None:
                    root = _parse(zf.read(member))
                return member, root, rels_member, rels_root, False
    name, n = "comments.xml", 1
    while posixpath.join(folder, name) in names:
        n += 1
        name = f"comments{n}.xml"
    ids = {rel.get("Id") for rel in rels_root}
    k = 1
    while f"rId{k}" in ids:
        k += 1
    rel = etree.SubElement(rels_root, f"{{{PR}}}Relationship")
    rel.set("Id", f"rId{k}")
    rel.set("Type", COMMENTS_REL)
    rel.set("Target", name)
    root = etree.Element(_w("comments"), nsmap={"w": W})
    return posixpath.join(folder, name), root, rels_member, rels_root, True


def annotate_file(runner, path: Path, display: str, out: Path | None = None) -> AnnotateResult:
    """Write an annotated copy of the .docx at `path`; the input is never written."""
    from .readers.docx import read as read_docx
    result = AnnotateResult(display)
    out = out or default_output(path)
    result.out = out
    try:
        if out.exists() and os.path.samefile(out, path):
            result.error = "the output would overwrite the input; choose another -o"
            return result
    except OSError:
        pass
    if path.suffix.lower() != ".docx":
        result.error = "annotate works on .docx files only"
        return result
    try:
        doc = read_docx(path, display)
        data = path.read_bytes()
    except ReadError as exc:
        result.error = str(exc)
        return result
    except OSError as exc:
        result.error = f"cannot read file: {exc.strerror or exc}"
        return result
    findings, errors = runner.lint_document(doc)
    if errors:
        result.error = errors[0].message
        return result
    try:
        new_data = _annotated_bytes(doc, data, findings, runner.lang, result)
    except Exception as exc:
        if runner.debug:
            raise
        result.error = f"cannot build the annotated copy: {type(exc).__name__}: {exc}"
        return result
    try:
        tmp = stage(out, new_data)
    except WriteError as exc:
        result.error = str(exc)
        return result
    try:
        read_docx(tmp, display)  # it must re-open before it replaces anything
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except ReadError as exc:
        discard(tmp)
        result.error = f"the annotated copy would not re-open ({exc}); not written"
    except OSError as exc:
        discard(tmp)
        result.error = f"cannot write {out}: {exc.strerror or exc}"
    return result


def _annotated_bytes(doc: Document, data: bytes, findings: Sequence[Finding], lang: str,
                     result: AnnotateResult) -> bytes:
    """The package with comment ranges in the main part and the comments part filled."""
    from lxml import etree
    handle = doc.handle
    main = handle.main
    blocks = {(b.part, b.line): b for b in doc.blocks}
    date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        member, croot, rels_member, rels_root, created = _comments_part(zf, handle, main)
        used = [int(c.get(_w("id"))) for c in croot.iter(_w("comment"))
                if (c.get(_w("id")) or "").lstrip("-").isdigit()]
        next_id = max(used, default=-1) + 1
        anchors: dict[int, _Anchors] = {}
        for f in findings:
            block = blocks.get((f.part, f.line))
            body = f.part == "body" and block is not None and block.ref is not None \
                and getattr(block.ref, "part", None) == main \
                and block.text[f.column - 1:f.end_column - 1] == f.text
            if not body:
                result.gathered.append(f)
                continue
            cid = str(next_id)
            next_id += 1
            anchor = anchors.setdefault(id(block), _Anchors(block))
            anchor.anchor(f.column - 1, f.end_column - 1, cid)
            croot.append(_comment(cid, [comment_text(f, lang)], date))
            result.anchored.append(f)
        if result.gathered:
            cid = str(next_id)
            head = (f"draftlint：正文以外的 {len(result.gathered)} 处问题" if lang == "zh"
                    else f"draftlint: {len(result.gathered)} finding(s) outside the body text")
            lines = [head] + [f"[{_where(f)}] {comment_text(f, lang)}" for f in result.gathered]
            body_el = handle.trees[main].find(BODY)
            first_p = body_el.find(P) if body_el is not None else None
            if first_p is None:
                first_p = _el(P)
                body_el.insert(0, first_p)
            _wrap_paragraph(first_p, cid)
            croot.append(_comment(cid, lines, date))
        if not result.anchored and not result.gathered:
            return data  # nothing to say: an identical copy
        replace = {main: serialize(handle.trees[main], zf.read(main))}
        add: list[tuple[str, bytes]] = []
        comments_xml = etree.tostring(croot, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
        if created:
            add.append((member, comments_xml))
            rels_bytes = etree.tostring(rels_root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
            if rels_member in zf.namelist():
                replace[rels_member] = serialize(rels_root, zf.read(rels_member))
            else:
                add.append((rels_member, rels_bytes))
            ct_name = "[Content_Types].xml"
            ct = _parse(zf.read(ct_name))
            part_name = "/" + member
            if not any(o.get("PartName", "").lower() == part_name.lower()
                       for o in ct.iter(f"{{{CT}}}Override")):
                o = etree.SubElement(ct, f"{{{CT}}}Override")
                o.set("PartName", part_name)
                o.set("ContentType", COMMENTS_CT)
            replace[ct_name] = serialize(ct, zf.read(ct_name))
        else:
            replace[member] = serialize(croot, zf.read(member))
    return rebuild(data, replace, add)
