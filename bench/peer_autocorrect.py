#!/usr/bin/env python3
"""A command line for the AutoCorrect peer (autocorrect-py has none): lint files and folders.

Usage: python bench/peer_autocorrect.py PATH...   (run with bench/.venv/bin/python)

Reads every .txt/.md file (UTF-8, else GB18030, as draftlint does), runs
`autocorrect_py.lint_for` on it and prints one line per file with the number of
lines it would change; exit status 1 when anything would change.
"""

from __future__ import annotations

import os
import sys

import autocorrect_py


def _files(paths: list[str]):
    for p in paths:
        if os.path.isdir(p):
            for folder, dirs, names in os.walk(p):
                dirs.sort()
                for name in sorted(names):
                    if name.endswith((".txt", ".md")):
                        yield os.path.join(folder, name)
        else:
            yield p


def main(paths: list[str]) -> int:
    """Lint each file; print a count per file."""
    changed = 0
    out = []
    for path in _files(paths):
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        # lint_for picks its rules from the extension; plain text is linted as "text".
        result = autocorrect_py.lint_for(text, path if path.endswith(".md") else "text.txt")
        n = len(result.lines)
        changed += n
        out.append(f"{path}: {n}")
    sys.stdout.write("\n".join(out) + "\n")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
