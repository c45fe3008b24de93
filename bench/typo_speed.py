"""Throughput of the typo rules (tier 1 + tier 2) on Chinese text, after start-up.

Usage: python bench/typo_speed.py [--repeat N] FILE...   (UTF-8; each line is one block)
Prints Chinese characters per second for each rule and for all three together: the best
of N passes (default 5; the suspect kind's per-run memo is cleared before each pass), so
a machine shared with other jobs gives steadier figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from draftlint.config import Config  # noqa: E402
from draftlint.engine import context_for  # noqa: E402
from draftlint.kinds import suspect  # noqa: E402
from draftlint.readers.text import document_from_text  # noqa: E402
from draftlint.rules import load_rules  # noqa: E402
from draftlint.typo_data import _is_han  # noqa: E402


def main(paths: list[str]) -> int:
    """Time each typo rule's kind over the given files."""
    repeat = 5
    if paths[:1] == ["--repeat"]:
        repeat, paths = int(paths[1]), paths[2:]
    text = "\n".join(Path(p).read_text(encoding="utf-8") for p in paths)
    han = sum(1 for ch in text if _is_han(ch))
    doc = document_from_text(text, "<bench>")
    ctx = context_for(Config())
    rules = [r for r in load_rules() if r.category == "typo"]
    for r in rules:  # start-up: lexicon and tables load on first use
        list(r.kind.check(doc, doc.blocks[:50], ctx))
    total = 0.0
    for r in rules:
        dt = float("inf")
        for _ in range(repeat):
            suspect._MEMO.clear()
            list(r.kind.check(doc, doc.blocks[:50], ctx))
            t0 = time.perf_counter()
            n = sum(1 for _ in r.kind.check(doc, doc.blocks, ctx))
            dt = min(dt, time.perf_counter() - t0)
        total += dt
        print(f"{r.id:16} {dt:6.2f}s {han / dt / 1000:8.0f}k Han chars/s  {n} hits")
    print(f"{'all typo rules':16} {total:6.2f}s {han / total / 1000:8.0f}k Han chars/s "
          f"({han} Han chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
