"""CSC adapter for /work/shared/eval/score_csc.py: `--py bench/csc_adapter.py:detect`.

Runs draftlint's typo rules (typo.confusion, typo.variant, typo.suspect) on one sentence
and returns {index: suggested char} for every character a finding marks as wrong.
DRAFTLINT_CSC_RULES (comma-separated ids) narrows the rules, e.g. "typo.confusion";
DRAFTLINT_CSC_THRESHOLD and DRAFTLINT_CSC_MIN_COUNT override the suspect kind's options
(tune on shared/csc/dev only).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from draftlint.config import Config  # noqa: E402
from draftlint.engine import context_for, lint  # noqa: E402
from draftlint.readers.text import document_from_text  # noqa: E402
from draftlint.rules import load_rules  # noqa: E402

_IDS = os.environ.get("DRAFTLINT_CSC_RULES", "typo.confusion,typo.variant,typo.suspect").split(",")
# Environment overrides of typo.suspect's options, for threshold sweeps on csc/dev:
# variable -> (option, parser).
_FLAG = lambda v: v == "1"  # noqa: E731
_OVERRIDES = {
    "DRAFTLINT_CSC_THRESHOLD": ("threshold", float),
    "DRAFTLINT_CSC_MIN_COUNT": ("min_count", int),
    "DRAFTLINT_CSC_LONG": ("threshold_long", float),
    "DRAFTLINT_CSC_WEAK": ("weak_extra", float),
    "DRAFTLINT_CSC_COMMON": ("common", float),
    "DRAFTLINT_CSC_STRONG": ("strong_bonus", float),
    "DRAFTLINT_CSC_RARE": ("rare", float),
    "DRAFTLINT_CSC_JOINED": ("joined_bonus", float),
    "DRAFTLINT_CSC_JOINED_MAX": ("joined_max", float),
    "DRAFTLINT_CSC_JOINED_SINGLE": ("joined_single", float),
    "DRAFTLINT_CSC_DOUBT": ("neighbour_doubt", _FLAG),
    "DRAFTLINT_CSC_NEIGHBOUR": ("neighbour_check", _FLAG),
    "DRAFTLINT_CSC_ATTESTED": ("attested_extra", float),
    "DRAFTLINT_CSC_DOUBT_BELOW": ("doubt_below", float),
    "DRAFTLINT_CSC_NO_COPY": ("no_copy", _FLAG),
    "DRAFTLINT_CSC_MIN_NEED": ("min_need", float),
}

_RULES = []
for _rule in load_rules():
    if _rule.id in _IDS:
        if _rule.kind_name == "suspect":
            changes = {option: parse(os.environ[var])
                       for var, (option, parse) in _OVERRIDES.items() if var in os.environ}
            if changes:
                _rule = dataclasses.replace(_rule, kind=dataclasses.replace(_rule.kind, **changes))
        _RULES.append(_rule)
_CONFIG = Config()
_CTX = context_for(_CONFIG)


def detect(sentence: str) -> dict[int, str | None]:
    """Wrong character positions of one sentence, with the suggested character."""
    doc = document_from_text(sentence, "<csc>")
    findings, _ = lint(doc, _RULES, _CONFIG, _CTX, debug=True)
    out: dict[int, str | None] = {}
    for f in findings:
        start, end = f.column - 1, f.end_column - 1
        fix = (f.suggestion or "").split(" / ")[0]
        if len(fix) == end - start:
            for k, (a, b) in enumerate(zip(sentence[start:end], fix)):
                if a != b:
                    out[start + k] = b
        else:
            for k in range(start, end):
                out[k] = None
    return out
