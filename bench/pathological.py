#!/usr/bin/env python3
"""Per-rule growth on adversarial one-line inputs: finds rules that are quadratic in the input.

Usage: python bench/pathological.py [--size N] [--rule ID ...]

Each input repeats a short unit (（ , 【, X, "1、", spaces, a Han clause without
punctuation …) into one long line of about N and 4N characters. Every enabled rule
runs alone on both; a rule whose time grows more than GROWTH_LIMIT× for the 4× input
(linear is 4×) is listed with its times. Exit status 1 when any rule is listed.
Timing is the median of 3 runs; rules that take under 5 ms at 4N are not judged.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from draftlint.config import Config  # noqa: E402
from draftlint.engine import context_for, lint  # noqa: E402
from draftlint.readers.text import document_from_text  # noqa: E402
from draftlint.rules import load_rules  # noqa: E402

# Units that open constructs a rule might scan forward or back from.
UNITS = {
    "open-paren": "（",
    "open-lenticular": "【",
    "slots": "X",
    "slot-pairs": "XX年X月",
    "enumeration": "1、",
    "cn-enumeration": "一是",
    "blanks": " \u3000",
    "underscores": "_",
    "han-and-blanks": "中   ",
    "half-width-parens": "( )",
    "full-stops": "。",
    "han-clause": "加强组织领导推进工作落实",
    "numbers": "共12个其中3个",
    "percent": "增长12.5%",
    "years": "2024年",
    "quotes": "“",
    "ascii-punct": "中,文;",
    "latin-words": "free templates ",
}
GROWTH_LIMIT = 7.0
MIN_SECONDS = 0.005


def _time(rule, text: str) -> float:
    doc = document_from_text(text, "p.txt")
    config = Config()
    ctx = context_for(config)
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        lint(doc, [rule], config, ctx)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    """Time every rule on every input at N and 4N characters; list the super-linear ones."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=4000, help="characters of the 1x input")
    ap.add_argument("--rule", action="append", default=[], help="only these rule ids")
    args = ap.parse_args(argv)
    rules = [r for r in load_rules() if r.enabled and (not args.rule or r.id in args.rule)]
    bad = 0
    for name, unit in UNITS.items():
        small = unit * (args.size // len(unit))
        big = unit * (4 * args.size // len(unit))
        for rule in rules:
            t1 = _time(rule, small)
            t4 = _time(rule, big)
            if t4 >= MIN_SECONDS and t4 > GROWTH_LIMIT * max(t1, 1e-6):
                bad += 1
                print(f"{name:16} {rule.id:32} {t1 * 1000:8.1f} ms -> {t4 * 1000:8.1f} ms "
                      f"({t4 / max(t1, 1e-6):.1f}x for 4x the input)")
    print(f"{bad} super-linear case(s) over {len(UNITS)} inputs and {len(rules)} rules")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
