"""Plain-text reader: UTF-8 (BOM or not), else GB18030; one block per line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Block, Document
from ..suppress import parse_directive
from . import ReadError

# Bigger text files are refused rather than read: a report is never this large
# (16 MiB is ~5 million Chinese characters), and a hook must not stall on a stray
# dump; the rules run at roughly 1-10 s per MiB, so even this takes a while.
MAX_TEXT_BYTES = 16 * 1024 * 1024

# Only real line breaks split lines; str.splitlines() would also split on \x0c,
# \x1c, \u2028 … and disagree with every editor's line numbers.
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class TextHandle:
    """What `fix` needs to write a text file back byte for byte."""

    encoding: str  # "utf-8", "gb18030", "utf-16-le", "utf-16-be"
    bom: bytes
    newline: str  # the first newline sequence seen ("\n" if none)


def decode_bytes(data: bytes) -> tuple[str, TextHandle]:
    """Decode file bytes: BOM-marked UTF-8/16, else UTF-8, else GB18030, else ReadError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", b"\xef\xbb\xbf")
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[2:], enc, bom)
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes); not a text document")
    try:
        return _decode(data, "utf-8", b"")
    except ReadError:
        pass
    try:
        return _decode(data, "gb18030", b"")
    except ReadError:
        raise ReadError("cannot decode: neither UTF-8 nor GB18030 text") from None


def _decode(data: bytes, encoding: str, bom: bytes) -> tuple[str, TextHandle]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(f"invalid {encoding.upper()} text") from None
    m = _NEWLINE.search(text)
    return text, TextHandle(encoding, bom, m.group() if m else "\n")


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; a final newline does not add an empty line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def load_text(path: Path) -> tuple[str, TextHandle]:
    """Read and decode a text file, refusing files over MAX_TEXT_BYTES."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ReadError(f"file too large ({size // (1024 * 1024)} MiB; "
                        f"the limit is {MAX_TEXT_BYTES // (1024 * 1024)} MiB)")
    return decode_bytes(path.read_bytes())


def document_from_text(text: str, display: str, handle: TextHandle | None = None) -> Document:
    """Build a txt Document from decoded text (used by the reader and lint_text)."""
    blocks: list[Block] = []
    directives = []
    for number, line in enumerate(split_lines(text), start=1):
        directive = parse_directive(line, number)
        if directive is not None:
            directives.append(directive)
            # The directive line itself is not document text.
            blocks.append(Block("body", number, "", style="directive", source=line,
                                origin=(0,)))
            continue
        blocks.append(Block("body", number, line))
    return Document(display, "txt", blocks, directives=directives, handle=handle)


def read(path: Path, display: str) -> Document:
    """Read a .txt file into one body block per line."""
    text, handle = load_text(path)
    return document_from_text(text, display, handle)
