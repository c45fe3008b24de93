"""The user's cache folder (~/.cache/draftlint) and atomic, versioned writes into it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

# Versions of one table kept side by side: two installations (a project venv and
# pre-commit's own) read different jieba files or run another `regex` build, so each has
# its own key; deleting every other version on each write would make them rebuild each
# other's table on every run.
KEEP_VERSIONS = 4


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/draftlint, else ~/.cache/draftlint (written by draftlint only)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "draftlint"


def write_cache(cache: Path, data: object) -> None:
    """Write a pickle cache atomically; of the other versions of the same table, keep the
    KEEP_VERSIONS - 1 most recently written."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        # "lexicon3-…" is a version of "lexicon4-…" too: strip the format version.
        stem = cache.name.split("-")[0].rstrip("0123456789")
        others = [p for p in cache.parent.glob(f"{stem}[0-9]*-*.pickle") if p != cache]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[KEEP_VERSIONS - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the rebuild on every run
