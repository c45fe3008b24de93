#!/usr/bin/env python3
"""Print where one `draftlint check` spends its time: reading, each rule, engine steps, JSON.

Usage:
    python bench/profile_rules.py FILE [--select ids] [--ignore ids] [--top N] [--repeat R]

Every enabled rule's `kind.check` is timed on its own (hits consumed into a list);
then the engine's own steps (exception filtering, containment de-dup, Finding
creation with message formatting, sorting) and the JSON reporter are timed on
the same hits. Times are the best of `--repeat` runs, in seconds.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from draftlint import engine  # noqa: E402
from draftlint.config import Config  # noqa: E402
from draftlint.readers import read_document  # noqa: E402
from draftlint.run import Runner  # noqa: E402


def best(fn, repeat: int, whole_run: bool = False):
    """(best seconds, last result) of calling fn() `repeat` times, each from cold memos
    (`whole_run`: also the per-document ones, which rules of one run share)."""
    times, result = [], None
    for _ in range(repeat):
        _clear_memos(whole_run)
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


_DOCS: list = []


def _clear_memos(documents: bool) -> None:
    """Forget what kinds memoise (per run of text, per document), so each timing starts
    as a fresh process would."""
    from draftlint.kinds import suspect
    suspect._MEMO.clear()
    for doc in _DOCS if documents else ():
        doc.meta.pop("_adblock", None)


def main() -> int:
    """Profile one file; print a table of seconds per step and per rule."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--select", default="")
    ap.add_argument("--ignore", default="")
    ap.add_argument("--top", type=int, default=0, help="show only the N slowest rules")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    split = lambda s: [x for x in s.split(",") if x]  # noqa: E731

    t0 = time.perf_counter()
    runner = Runner.create(Config(), split(args.select), split(args.ignore), "en")
    t_load = time.perf_counter() - t0
    path = Path(args.file)
    t_read, doc = best(lambda: read_document(path, str(path)), args.repeat)
    _DOCS.append(doc)

    _clear_memos(True)
    rows: list[tuple[float, str, int]] = []
    all_hits = []
    by_parts: dict = {}
    for rule in runner.rules:
        # One list per `parts`, as the engine does: kinds that share work between rules
        # (adblock's line and contact modes) see the same object and pay once.
        blocks = by_parts.get(rule.parts)
        if blocks is None:
            blocks = by_parts[rule.parts] = [b for b in doc.blocks_in(rule.parts)
                                             if b.style != "directive"]
        # Each rule from cold memos: watermark.ad and watermark.contact share one
        # classification of the document, and each is shown paying for it.
        secs, hits = best(lambda: list(rule.kind.check(doc, blocks, runner.ctx)), args.repeat,
                          whole_run=True)
        rows.append((secs, rule.id, len(hits)))
        all_hits.extend((rule, h) for h in hits)

    def filtered():
        out = []
        for rule, hit in all_hits:
            if hit.block.marks and engine._in_code(hit):
                continue
            if rule.exceptions and engine.covered_by_any(hit.block.text, rule.exceptions,
                                                         hit.start, hit.end):
                continue
            out.append((rule, hit))
        return out

    t_filter, kept = best(filtered, args.repeat)
    t_drop, kept = best(lambda: engine._drop_contained(list(kept)), args.repeat)
    t_find, findings = best(lambda: [engine.make_finding(doc, r, h, "en") for r, h in kept],
                            args.repeat)
    from draftlint.model import Finding
    t_sort, _ = best(lambda: sorted(findings, key=Finding.sort_key), args.repeat)
    t_total, (full, _) = best(lambda: runner.lint_document(doc), args.repeat, whole_run=True)
    from draftlint.model import Report
    from draftlint.report import jsonfmt
    report = Report(full, [], [str(path)], rules={r.id: r for r in runner.all_rules})
    t_json, _ = best(lambda: jsonfmt.render(report, io.StringIO()), args.repeat)

    rules_sum = sum(r[0] for r in rows)
    print(f"file: {path} ({path.stat().st_size / 1e6:.2f} MB, {len(doc.blocks)} blocks)")
    print(f"{'step':<44}{'seconds':>9}{'hits':>8}")
    print(f"{'load rule packs (first call)':<44}{t_load:9.3f}")
    print(f"{'read document':<44}{t_read:9.3f}")
    print(f"{'all rules (kind.check)':<44}{rules_sum:9.3f}{len(all_hits):8d}")
    print(f"{'engine: code/exception filter':<44}{t_filter:9.3f}")
    print(f"{'engine: containment de-dup':<44}{t_drop:9.3f}{len(kept):8d}")
    print(f"{'engine: make_finding (+message format)':<44}{t_find:9.3f}")
    print(f"{'engine: sort':<44}{t_sort:9.3f}")
    print(f"{'engine.lint total (rules + engine)':<44}{t_total:9.3f}{len(full):8d}")
    print(f"{'JSON reporter':<44}{t_json:9.3f}")
    print()
    print(f"{'rule':<44}{'seconds':>9}{'hits':>8}")
    rows.sort(reverse=True)
    for secs, rid, n in rows[:args.top or None]:
        print(f"{rid:<44}{secs:9.3f}{n:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
