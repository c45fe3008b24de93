"""The JSON reporter: exactly the findings contract (spec/findings-json.md)."""

from __future__ import annotations

import json
from itertools import chain
from typing import Any, TextIO

from ..model import Report


def to_json(report: Report) -> dict:
    """The contract object: version, findings, errors, summary."""
    return {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "errors": [e.to_dict() for e in report.errors],
        "summary": report.summary(),
    }


def dumps(obj: Any, level: int = 0) -> str:
    """Exactly json.dumps(obj, ensure_ascii=False, indent=2), much faster for many records.

    The standard encoder falls back to pure Python whenever `indent` is set; here every
    flat object (a finding: only strings, numbers, booleans, null) goes through the C
    encoder in one call, its item separator carrying the newline and indentation.
    """
    pad = "  " * (level + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        if all(isinstance(v, _SCALARS) or v is None for v in obj.values()):
            flat = _flat_encoder(level).encode(obj)
            return "{\n" + pad + flat[1:-1] + "\n" + "  " * level + "}"
        # The key as json writes it (1 -> "1", True -> "true"): ': null}' cut off.
        items = (json.dumps({k: None}, ensure_ascii=False)[1:-7] + ": " + dumps(v, level + 1)
                 for k, v in obj.items())
        return "{\n" + pad + (",\n" + pad).join(items) + "\n" + "  " * level + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return ("[\n" + pad + (",\n" + pad).join(dumps(v, level + 1) for v in obj)
                + "\n" + "  " * level + "]")
    return json.dumps(obj, ensure_ascii=False)


_ENCODERS: dict[int, json.JSONEncoder] = {}


def _flat_encoder(level: int) -> json.JSONEncoder:
    """One C-backed encoder per depth (building one per record costs more than encoding)."""
    enc = _ENCODERS.get(level)
    if enc is None:
        enc = _ENCODERS[level] = json.JSONEncoder(
            ensure_ascii=False, separators=(",\n" + "  " * (level + 1), ": "))
    return enc


# Values the C encoder writes the same with or without `indent` (str subclasses such
# as a str-valued Enum included: json writes them as plain strings either way).
_SCALARS = (str, int, float, bool)


# Records encoded per C-encoder call: 23,000 findings cost one Python-level step per
# chunk instead of several per record, and memory stays bounded.
_CHUNK = 1024
_FLAT_TYPES = frozenset({str, int, float, bool, type(None)})


def _flat_records(items: Any) -> bool:
    """True when every item is a non-empty dict of plain scalars (checked in C loops)."""
    if not all(type(d) is dict for d in items) or not all(items):
        return False
    return set(map(type, chain.from_iterable(map(dict.values, items)))) <= _FLAT_TYPES


def _dumps_records(items: Any, level: int) -> str:
    """",\n".join(dumps(d, level) for d in items) for flat dicts, in one C-encoder call.

    The flat encoder writes the list as [{…},<sep>{…}] with <sep> = ",\n" + the inner
    pad; "}" + <sep> + "{" occurs nowhere else (keys are strings, values scalars, and
    strings never hold a raw newline), so one replace turns it into dumps()'s layout.
    """
    inner, outer = "  " * (level + 1), "  " * level
    flat = _flat_encoder(level).encode(list(items))
    body = flat[2:-2].replace("},\n" + inner + "{", "\n" + outer + "},\n" + outer + "{\n" + inner)
    return "{\n" + inner + body + "\n" + outer + "}"


def _write(obj: Any, stream: TextIO, level: int = 0) -> None:
    """Stream dumps(obj, level): one write per flat record, never the whole document in memory."""
    if isinstance(obj, dict) and obj and not all(isinstance(v, _SCALARS) or v is None
                                                 for v in obj.values()):
        pad = "  " * (level + 1)
        stream.write("{\n" + pad)
        for i, (k, v) in enumerate(obj.items()):
            if i:
                stream.write(",\n" + pad)
            stream.write(json.dumps({k: None}, ensure_ascii=False)[1:-7] + ": ")
            _write(v, stream, level + 1)
        stream.write("\n" + "  " * level + "}")
    elif isinstance(obj, (list, tuple)) and obj:
        pad = "  " * (level + 1)
        stream.write("[\n" + pad)
        for c in range(0, len(obj), _CHUNK):
            chunk = obj[c:c + _CHUNK]
            if c:
                stream.write(",\n" + pad)
            if _flat_records(chunk):
                stream.write(_dumps_records(chunk, level + 1))
                continue
            for i, v in enumerate(chunk):
                if i:
                    stream.write(",\n" + pad)
                _write(v, stream, level + 1)
        stream.write("\n" + "  " * level + "]")
    else:
        stream.write(dumps(obj, level))


def render(report: Report, stream: TextIO) -> None:
    """Write the contract object as UTF-8 JSON (CJK left unescaped)."""
    _write(to_json(report), stream)
    stream.write("\n")
