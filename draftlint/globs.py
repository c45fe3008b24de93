"""Gitignore-style glob matching for `exclude` and `per-file-ignores`."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    """Translate a glob to a regex: `**` spans folders, `*` and `?` stay in one name."""
    anchored = "/" in pattern.rstrip("/")
    pat = pattern.strip("/") if anchored else pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pat.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pat[i + 1:j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    # An unanchored pattern ("~$*", "drafts") matches a name at any depth; a
    # folder match also covers everything below it.
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def glob_match(pattern: str, path: str) -> bool:
    """True when the `/`-separated relative `path` matches the glob `pattern`."""
    while path.startswith("./"):
        path = path[2:]
    return _compile(pattern).match(path) is not None
