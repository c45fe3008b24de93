"""`draftlint fix`: choose non-overlapping fixable findings, apply them from the end, verify, write.

The flow per file: read (keeping the bytes and the file's fingerprint), lint, choose,
apply in memory, re-lint the result (a fix that did not take or that created a new
finding undoes the whole file), then either show a diff or write atomically.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .model import Block, Document, Finding
from .readers import ReadError, format_of
from .writers import WriteError, commit, discard, fingerprint, stage


@dataclass
class FixResult:
    """What `fix` did (or would do) to one file."""

    path: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # fixable, not applied: why
    removed: list[str] = field(default_factory=list)  # what --strip-* options deleted
    diff: str = ""
    written: bool = False
    error: str | None = None

    @property
    def changed(self) -> bool:
        """True when the file is (or would be) different after fixing."""
        return self.error is None and bool(self.applied or self.removed)


@dataclass(frozen=True)
class StripOptions:
    """Opt-in removals: watermark/ad lines and shapes, Word residue, tracked changes."""

    watermarks: bool = False
    residue: bool = False
    accept_revisions: bool = False

    def any(self) -> bool:
        """True when some removal was asked for."""
        return self.watermarks or self.residue or self.accept_revisions


def _span_key(f: Finding) -> tuple:
    return (f.part, f.line, f.column, f.end_column)


def choose(findings: Iterable[Finding]) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """The fixable findings to apply (non-overlapping, unambiguous) and the ones left out.

    Two fixes of one span that disagree are both left out; of two overlapping
    spans the first is kept (a second run of `fix` gets the other).
    """
    fixable = sorted((f for f in findings if f.fixable and f.suggestion is not None), key=_span_key)
    by_span: dict[tuple, list[Finding]] = {}
    for f in fixable:
        by_span.setdefault(_span_key(f), []).append(f)
    chosen: list[Finding] = []
    skipped: list[tuple[Finding, str]] = []
    last: tuple[str, int, int] | None = None  # (part, line, end column) of the last kept span
    for key, group in by_span.items():
        if len({f.suggestion for f in group}) > 1:
            skipped.extend((f, "rules disagree on the fix") for f in group)
            continue
        f, dupes = group[0], group[1:]
        skipped.extend((d, "same fix as another rule") for d in dupes)
        part, line, col, end = key
        if last is not None and last[:2] == (part, line) and (
                col < last[2] or (col == end and col == last[2])):
            skipped.append((f, "overlaps another fix"))
            continue
        chosen.append(f)
        last = (part, line, end)
    return chosen, skipped


# A fix may cascade (fixing one "," makes its neighbour a flagged "," too): a few passes.
MAX_PASSES = 4


def _keys(findings: Iterable[Finding]) -> Counter:
    """Position-free identity of findings: counts per rule and part.

    Edits move columns and may change the text of a finding that holds them
    (a stray space fixed inside an ad line), so only the counts are compared.
    """
    return Counter((f.rule, f.part) for f in findings)


def verify(before: Sequence[Finding], applied: Sequence[Finding], after: Sequence[Finding]) -> str | None:
    """Why the fixed document is not acceptable (None when it is).

    After fixing, the findings must be the old ones minus the fixed ones: anything
    more is a fix that did not take or a finding the fix created.
    """
    fixed = _keys(applied)
    extra = _keys(after) - (_keys(before) - fixed)
    if not extra:
        return None
    rule, part = next(iter(extra))
    example = next((f for f in after if (f.rule, f.part) == (rule, part)), None)
    text = f" “{example.text}”" if example is not None else ""
    if (rule, part) in fixed:
        return f"a fix did not take ({rule}{text}); file left unchanged"
    return f"a fix created a new finding ({rule}{text}); file left unchanged"


def _block_index(doc: Document) -> dict[tuple[str, int], Block]:
    return {(b.part, b.line): b for b in doc.blocks}


# --------------------------------------------------------------------------- txt / md

def _text_edits(doc: Document, chosen: Sequence[Finding], result: FixResult):
    """TextEdits for the chosen findings of a txt/md document (source columns)."""
    from .writers.text import TextEdit
    blocks = _block_index(doc)
    edits = []
    for f in chosen:
        block = blocks.get((f.part, f.line))
        start, end = f.column - 1, f.end_column - 1
        if block is None or block.source_text()[start:end] != f.text:
            result.skipped.append((f, "the finding does not match the text"))
            continue
        if block.origin is not None and end > start:
            # Every source column of the span must be document text: a span that
            # crosses Markdown markup (**粗体** …) would delete the markup.
            cols = set(block.origin[:-1])
            if any(c not in cols for c in range(start, end)):
                result.skipped.append((f, "the span crosses Markdown markup"))
                continue
        edits.append(TextEdit(f.line, start, end, f.suggestion or ""))
        result.applied.append(f)
    return edits


def _strip_text_lines(doc: Document, findings: Sequence[Finding], strip: StripOptions,
                      result: FixResult):
    """TextEdits deleting whole lines that watermark rules flag (--strip-watermarks)."""
    from .writers.text import TextEdit
    if not strip.watermarks:
        return []
    blocks = _block_index(doc)
    lines = sorted({f.line for f in findings if f.category == "watermark" and f.part == "body"})
    edits = []
    for line in lines:
        block = blocks.get(("body", line))
        if block is None:
            continue
        edits.append(TextEdit(line, 0, len(block.source_text()), ""))
        result.removed.append(f"line {line}: {block.source_text().strip()[:40]}")
    return edits


def _build_text_doc(text: str, fmt: str, display: str, handle) -> Document:
    from .readers.markdown import document_from_markdown
    from .readers.text import document_from_text
    build = document_from_markdown if fmt == "md" else document_from_text
    return build(text, display, handle)


def fix_text(runner, text: str, fmt: str = "txt", display: str = "<text>",
             handle=None, strip: StripOptions = StripOptions()) -> tuple[str, FixResult]:
    """Fix decoded txt/md text in memory; returns the new text and what was done."""
    from .writers.text import apply_edits
    result = FixResult(display)
    doc = _build_text_doc(text, fmt, display, handle)
    findings, errors = runner.lint_document(doc)
    if errors:
        result.error = errors[0].message
        return text, result
    before, current = findings, text
    for number in range(MAX_PASSES):
        chosen, result.skipped = choose(findings)
        strip_edits = _strip_text_lines(doc, findings, strip, result) if number == 0 else []
        stripped_lines = {e.line for e in strip_edits}
        chosen = [f for f in chosen if f.line not in stripped_lines or f.part != "body"]
        edits = _text_edits(doc, chosen, result) + strip_edits
        if not edits:
            break
        current = _drop_empty_lines(apply_edits(current, edits), stripped_lines)
        doc = _build_text_doc(current, fmt, display, handle)
        findings, _ = runner.lint_document(doc)
    if current == text:
        return text, result
    new_text, after = current, findings
    problem = verify(before, result.applied, after)
    if problem:
        result.error = problem
        result.applied, result.removed = [], []
        return text, result
    return new_text, result


def _drop_empty_lines(text: str, lines: set[int]) -> str:
    """Remove the (now empty) stripped lines together with their line breaks."""
    if not lines:
        return text
    import re
    pieces = re.split(r"(\r\n|\r|\n)", text)
    out = []
    for i in range(0, len(pieces), 2):
        number = i // 2 + 1
        sep = pieces[i + 1] if i + 1 < len(pieces) else ""
        if number in lines and pieces[i] == "":
            continue
        out.append(pieces[i] + sep)
    return "".join(out)


def _text_diff(old: str, new: str, display: str) -> str:
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"a/{display}", tofile=f"b/{display}"))


def _fix_text_file(runner, path: Path, display: str, fmt: str, write: bool,
                   backup: bool, strip: StripOptions) -> FixResult:
    from .readers.text import MAX_TEXT_BYTES, decode_bytes
    from .writers.text import encode, faithful
    try:
        stamp = fingerprint(path)
        if stamp[0] > MAX_TEXT_BYTES:
            raise ReadError("file too large")
        data = path.read_bytes()
        text, handle = decode_bytes(data)
    except (ReadError, OSError) as exc:
        return FixResult(display, error=str(exc) if isinstance(exc, ReadError)
                         else f"cannot read file: {exc.strerror or exc}")
    new_text, result = fix_text(runner, text, fmt, display, handle, strip)
    if result.error or new_text == text:
        return result
    if not faithful(data, text, handle):
        result.error = "the file does not re-encode to the same bytes; not written"
        return result
    try:
        new_data = encode(new_text, handle)
    except UnicodeEncodeError:
        result.error = f"the fix cannot be written in {handle.encoding}; not written"
        return result
    result.diff = _text_diff(text, new_text, display)
    if write:
        _write(path, new_data, stamp, backup, result)
    return result


def _write(path: Path, data: bytes, stamp: tuple[int, int], backup: bool, result: FixResult,
           staged: Path | None = None) -> None:
    """Commit new bytes over `path` (or a staged temp file), recording errors in `result`."""
    try:
        tmp = staged or stage(path, data)
        commit(tmp, path, stamp, backup_path(path) if backup else None)
        result.written = True
    except WriteError as exc:
        result.error = str(exc)


def backup_path(path: Path) -> Path:
    """Where --backup keeps the original: `报告.docx` -> `报告.docx.bak`."""
    return path.with_name(path.name + ".bak")


# --------------------------------------------------------------------------- docx

def _docx_lines(doc: Document) -> list[str]:
    """The text of a docx as diffable lines: one per paragraph, its part named."""
    return [f"[{b.part}:{b.line}] {b.text}\n" for b in doc.blocks
            if b.part not in ("revision",)]


def _docx_pass(doc: Document, findings: Sequence[Finding], result: FixResult) -> set[str]:
    """Apply one pass of chosen fixes to the doc's parsed parts; the members edited."""
    from .writers.docx import apply_edit, blocker
    chosen, result.skipped = choose(findings)
    blocks = _block_index(doc)
    edits: list[tuple[Block, int, int, str, Finding]] = []
    for f in chosen:
        block = blocks.get((f.part, f.line))
        start, end = f.column - 1, f.end_column - 1
        if block is None or block.text[start:end] != f.text:
            result.skipped.append((f, "the finding does not match the text"))
            continue
        reason = blocker(block, start, end)
        if reason:
            result.skipped.append((f, reason))
            continue
        edits.append((block, start, end, f.suggestion or "", f))
    edited: set[str] = set()
    for block, start, end, text, f in sorted(edits, key=lambda e: (id(e[0]), e[1]), reverse=True):
        apply_edit(block, start, end, text)
        edited.add(block.ref.part)
        result.applied.append(f)
    return edited


def _fix_docx_file(runner, path: Path, display: str, write: bool, backup: bool,
                   strip: StripOptions) -> FixResult:
    from .readers.docx import read as read_docx
    from .writers.docx import package_bytes
    result = FixResult(display)
    try:
        doc = read_docx(path, display)
        stamp = (doc.handle.size, doc.handle.mtime_ns)
        data = path.read_bytes()
        if fingerprint(path) != stamp:
            raise ReadError("changed on disk while it was read")
    except ReadError as exc:
        result.error = str(exc)
        return result
    except OSError as exc:
        result.error = f"cannot read file: {exc.strerror or exc}"
        return result
    old_lines = _docx_lines(doc)
    findings, errors = runner.lint_document(doc)
    if errors:
        result.error = errors[0].message
        return result
    before = findings
    tmpdir = Path(tempfile.mkdtemp(prefix="draftlint-"))
    probe = tmpdir / path.name
    try:
        for number in range(MAX_PASSES):
            edited = _docx_pass(doc, findings, result)
            drop: set[str] = set()
            if number == 0 and strip.any():
                from .strip import strip_docx
                _gone, more, drop = strip_docx(doc, findings, strip, result)
                edited |= more
            if not edited and not drop:
                break
            try:
                data = package_bytes(probe if number else path, doc.handle.trees, sorted(edited),
                                     drop=drop, data=data)
            except Exception as exc:  # a serialisation bug must not corrupt the file
                raise _Undo(f"cannot rebuild the package: {type(exc).__name__}: {exc}; "
                            f"not written") from None
            probe.write_bytes(data)
            try:
                doc = read_docx(probe, display)
            except ReadError as exc:
                raise _Undo(f"the edited file would not re-open ({exc}); not written") from None
            findings, _ = runner.lint_document(doc)
        result.applied.sort(key=Finding.sort_key)
        if not result.applied and not result.removed:
            return result
        problem = verify(before, result.applied, findings)
        if problem:
            raise _Undo(problem)
        result.diff = "".join(difflib.unified_diff(
            old_lines, _docx_lines(doc), fromfile=f"a/{display}", tofile=f"b/{display}"))
    except _Undo as exc:
        result.error = str(exc)
        result.applied, result.removed = [], []
        return result
    finally:
        discard(probe)
        try:
            tmpdir.rmdir()
        except OSError:
            pass
    if write:
        _write(path, data, stamp, backup, result)
    return result


class _Undo(Exception):
    """The fixed file failed verification: nothing is written."""


# --------------------------------------------------------------------------- entry

def fix_file(runner, path: Path, display: str, *, write: bool = True, backup: bool = False,
             strip: StripOptions = StripOptions()) -> FixResult:
    """Fix one file: apply its fixable findings (and asked-for removals), verify, write."""
    fmt = format_of(path)
    # A symlink is fixed where it points: replacing the link itself by a fixed copy
    # would leave the real file unfixed and the link broken off (link.txt -> real.txt).
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        if fmt in ("txt", "md"):
            return _fix_text_file(runner, path, display, fmt, write, backup, strip)
        if fmt == "docx":
            return _fix_docx_file(runner, path, display, write, backup, strip)
    except Exception as exc:  # one bad file never hides the others
        if runner.debug:
            raise
        return FixResult(display, error=f"internal error fixing file: {type(exc).__name__}: {exc}")
    return FixResult(display, error=f"unsupported file type {path.suffix or '(no suffix)'!r}")


# --------------------------------------------------------------------------- output

def describe(result: FixResult, mode: str, out, err, lang: str = "en") -> None:
    """Report one file's outcome: `mode` is "write", "diff" or "check"."""
    from .i18n import error_line, t, t_or_same

    if result.error:
        err.write(error_line(result.path, result.error, lang) + "\n")
        return
    if mode == "diff" and result.diff:
        out.write(result.diff if result.diff.endswith("\n") else result.diff + "\n")
    if result.changed:
        line = t("fix_file" if mode == "write" else "fix_file_dry", lang,
                 path=result.path, n=len(result.applied))
        if result.removed:
            line += t("fix_removed", lang, n=len(result.removed))
        (err if mode == "diff" else out).write(line + "\n")
        if mode != "diff":
            for f in result.applied:
                part = "" if f.part == "body" else f"[{f.part}]"
                out.write(f"  {f.path}{part}:{f.line}:{f.column}: [{f.rule}] "
                          f"“{f.text}” -> “{f.suggestion}”\n")
            for item in result.removed:
                out.write(t("fix_removed_item", lang, item=item) + "\n")
    for f, why in result.skipped:
        part = "" if f.part == "body" else f"[{f.part}]"
        err.write(f"{f.path}{part}:{f.line}:{f.column}: {t('fix_not_fixed', lang)} [{f.rule}]: "
                  f"{t_or_same(why, lang)}\n")
