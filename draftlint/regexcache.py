"""Compiled `regex` patterns kept across runs, so a cold start does not re-parse them.

`regex.compile` parses a pattern in Python: the ~170 patterns of a default run cost
about 65 ms of a 0.25 s cold start. A compiled pattern pickles as its finished code
(`regex` registers the reducer itself), and unpickling hands that code straight to the
C engine: the same 170 patterns load in about 2 ms. The table is keyed by the pattern
text and flags, so an edited rule is simply a new entry; the file name is keyed by the
Python version and the `regex` build, whose code format it depends on.

The file lives in the user's cache folder (see cache.py) and is written by draftlint
only, with the same trust as the typo tables next to it.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import sys
import threading
from typing import Any

import regex

from .cache import cache_dir, write_cache

_FORMAT = 1
# A table that grew past this (patterns from many configs' `extra_strong` over time)
# is cut back to the patterns the current run used.
MAX_ENTRIES = 2000

_lock = threading.Lock()
_table: dict[tuple[str, int], Any] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False


def _cache_file():
    """The table's path: its name hashes everything the compiled code depends on."""
    engine = getattr(regex, "_regex", None)
    parts = [sys.version, str(getattr(regex, "__version__", "")), str(int(regex.DEFAULT_VERSION))]
    so = getattr(engine, "__file__", None)
    if so:
        try:
            st = os.stat(so)
            parts += [so, str(st.st_size), str(st.st_mtime_ns)]
        except OSError:
            parts.append(so)
    key = hashlib.blake2b("\0".join(parts).encode(), digest_size=10).hexdigest()
    return cache_dir() / f"patterns{_FORMAT}-{key}.pickle"


def _load() -> dict[tuple[str, int], Any]:
    """The stored table, or an empty one when it is missing, unreadable or foreign."""
    try:
        with open(_cache_file(), "rb") as f:
            table = pickle.load(f)
    except Exception:  # noqa: BLE001 - any damage means "rebuild", never a failed run
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items()
            if isinstance(k, tuple) and len(k) == 2 and isinstance(v, regex.Pattern)
            and v.pattern == k[0]}


def cached_compile(pattern: str, flags: int = 0) -> Any:
    """`regex.compile(pattern, flags)`, served from the cross-run table when it is there.

    An invalid pattern raises regex.error exactly as regex.compile does.
    """
    global _table, _dirty
    key = (pattern, int(flags))
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load()
            table = _table
    compiled = table.get(key)
    if compiled is None:
        compiled = regex.compile(pattern, flags)
        with _lock:
            table[key] = compiled
            if not _dirty:
                _dirty = True
                atexit.register(save)
    _used.add(key)
    return compiled


def save() -> None:
    """Write the table when this process compiled a pattern it did not hold (atomic)."""
    global _dirty
    with _lock:
        if not _dirty or _table is None:
            return
        _dirty = False
        table = _table
        if len(table) > MAX_ENTRIES:
            table = {k: v for k, v in table.items() if k in _used}
        write_cache(_cache_file(), dict(table))
