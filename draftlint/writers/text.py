"""Write .txt/.md text back byte for byte: same encoding, BOM and newlines; only edited spans change."""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from ..readers.text import TextHandle

# The reader's line breaks, captured so each line keeps its own terminator
# (a file mixing "\r\n" and "\n" stays mixed).
_NEWLINE = re.compile(r"(\r\n|\r|\n)")


class TextEdit(NamedTuple):
    """Replace source columns [start, end) (0-based code points) of 1-based `line` by `text`."""

    line: int
    start: int
    end: int
    text: str


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """The text with non-overlapping edits applied, from the end backwards."""
    pieces = _NEWLINE.split(text)
    for edit in sorted(edits, key=lambda e: (e.line, e.start, e.end), reverse=True):
        i = 2 * (edit.line - 1)
        if i >= len(pieces):
            raise ValueError(f"edit on line {edit.line} beyond the end of the text")
        line = pieces[i]
        if not 0 <= edit.start <= edit.end <= len(line):
            raise ValueError(f"edit columns {edit.start}-{edit.end} outside line {edit.line}")
        pieces[i] = line[:edit.start] + edit.text + line[edit.end:]
    return "".join(pieces)


def encode(text: str, handle: TextHandle) -> bytes:
    """Text back to bytes in the file's own encoding, behind its own BOM."""
    return handle.bom + text.encode(handle.encoding)


def faithful(data: bytes, text: str, handle: TextHandle) -> bool:
    """True when re-encoding the decoded text gives the original bytes back exactly."""
    try:
        return encode(text, handle) == data
    except UnicodeEncodeError:
        return False
