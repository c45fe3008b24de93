"""The JSON reporter: exactly the findings contract (spec/findings-json.md)."""

from __future__ import annotations

import json
from itertools import chain
from json.encoder import encode_basestring
from typing import Any, Sequence, TextIO

from ..model import Finding, Report


def to_json(report: Report, records: bool = True) -> dict:
    """The contract object: version, findings, errors, summary.

    `records=False` leaves the findings list empty (render writes them itself).
    """
    return {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings] if records else [],
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


# ------------------------------------------------------------ finding records

# A record's indentation inside the contract object: findings are the items of a
# list at depth 1, their fields at depth 3 (two spaces a level, as `indent=2`).
_ITEM_SEP = ",\n    "


def _head(f: Finding) -> str:
    """The record's opening up to `"line": `: path, rule, category, severity and part."""
    return ('{\n      "path": %s,\n      "rule": %s,\n      "category": %s,\n'
            '      "severity": %s,\n      "part": %s,\n      "line": ') % (
        encode_basestring(f.path), encode_basestring(f.rule), encode_basestring(f.category),
        encode_basestring(str(f.severity)), encode_basestring(f.part))


def _plain(f: Finding) -> bool:
    """True when every number is an int and `fixable` a bool, as json.dumps would write them
    with str(); anything else (a subclass, a float) takes the generic path."""
    return (type(f.line) is int and type(f.column) is int and type(f.end_line) is int
            and type(f.end_column) is int and type(f.fixable) is bool
            and (f.suggestion is None or isinstance(f.suggestion, str)))


def _write_findings(findings: Sequence[Finding], stream: TextIO) -> None:
    """Write the findings list exactly as dumps([f.to_dict() for f in findings], 1) would.

    Each record is one f-string with only its strings escaped by json's C routine:
    about 1.2 µs a record against 4.5 µs for building the dict and running the
    encoder (26,000 findings on a 3 MB draft: 0.03 s instead of 0.12 s). The first
    five fields repeat across records (one path, a few rules), so their text is
    built once per combination. Written in chunks: memory stays bounded.
    """
    if not findings:
        stream.write("[]")
        return
    heads: dict[tuple, str] = {}
    stream.write("[\n    ")
    for c in range(0, len(findings), _CHUNK):
        out = []
        for f in findings[c:c + _CHUNK]:
            if not _plain(f):
                out.append(dumps(f.to_dict(), 2))
                continue
            key = (f.path, f.rule, f.category, f.severity, f.part)
            head = heads.get(key)
            if head is None:
                head = heads[key] = _head(f)
            sugg = "null" if f.suggestion is None else encode_basestring(f.suggestion)
            out.append(f'{head}{f.line},\n      "column": {f.column},\n'
                       f'      "end_line": {f.end_line},\n      "end_column": {f.end_column},\n'
                       f'      "text": {encode_basestring(f.text)},\n'
                       f'      "message": {encode_basestring(f.message)},\n'
                       f'      "suggestion": {sugg},\n'
                       f'      "fixable": {"true" if f.fixable else "false"}\n    }}')
        if c:
            stream.write(_ITEM_SEP)
        stream.write(_ITEM_SEP.join(out))
    stream.write("\n  ]")


def render(report: Report, stream: TextIO) -> None:
    """Write the contract object as UTF-8 JSON (CJK left unescaped).

    The same text as _write(to_json(report)), with the findings written record by
    record by _write_findings (tests/test_speed_paths.py compares the two).
    """
    contract = to_json(report, records=False)
    stream.write("{\n  ")
    for i, (key, value) in enumerate(contract.items()):
        if i:
            stream.write(",\n  ")
        stream.write(json.dumps(key, ensure_ascii=False) + ": ")
        if key == "findings":
            _write_findings(report.findings, stream)
        else:
            _write(value, stream, 1)
    stream.write("\n}\n")
