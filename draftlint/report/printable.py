"""Terminal-safe text: control characters in file names and messages shown as escapes."""

from __future__ import annotations

import unicodedata

# The escapes a reader recognises; anything else in category Cc becomes \xNN or \uNNNN.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(s: str) -> str:
    """`s` with every control character escaped, so one record stays one line and a file
    named "a\\x1b[2Jb.txt" cannot clear the terminal (JSON escapes these on its own)."""
    if s.isprintable():
        return s
    out = []
    for c in s:
        if unicodedata.category(c) == "Cc":
            out.append(_NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"))
        else:
            out.append(c)
    return "".join(out)
