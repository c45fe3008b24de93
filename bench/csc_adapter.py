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
_RULES = []
for _rule in load_rules():
    if _rule.id in _IDS:
        if _rule.kind_name == "suspect":
            changes = {}
            if "DRAFTLINT_CSC_THRESHOLD" in os.environ:
                changes["threshold"] = float(os.environ["DRAFTLINT_CSC_THRESHOLD"])
            if "DRAFTLINT_CSC_MIN_COUNT" in os.environ:
                changes["min_count"] = int(os.environ["DRAFTLINT_CSC_MIN_COUNT"])
            if "DRAFTLINT_CSC_LONG" in os.environ:
                changes["threshold_long"] = float(os.environ["DRAFTLINT_CSC_LONG"])
            if "DRAFTLINT_CSC_WEAK" in os.environ:
                changes["weak_extra"] = float(os.environ["DRAFTLINT_CSC_WEAK"])
            if "DRAFTLINT_CSC_COMMON" in os.environ:
                changes["common"] = float(os.environ["DRAFTLINT_CSC_COMMON"])
            if "DRAFTLINT_CSC_STRONG" in os.environ:
                changes["strong_bonus"] = float(os.environ["DRAFTLINT_CSC_STRONG"])
            if "DRAFTLINT_CSC_RARE" in os.environ:
                changes["rare"] = float(os.environ["DRAFTLINT_CSC_RARE"])
            if "DRAFTLINT_CSC_JOINED" in os.environ:
                changes["joined_bonus"] = float(os.environ["DRAFTLINT_CSC_JOINED"])
            if "DRAFTLINT_CSC_JOINED_MAX" in os.environ:
                changes["joined_max"] = float(os.environ["DRAFTLINT_CSC_JOINED_MAX"])
            if "DRAFTLINT_CSC_JOINED_SINGLE" in os.environ:
                changes["joined_single"] = float(os.environ["DRAFTLINT_CSC_JOINED_SINGLE"])
            if "DRAFTLINT_CSC_DOUBT" in os.environ:
                changes["neighbour_doubt"] = os.environ["DRAFTLINT_CSC_DOUBT"] == "1"
            if "DRAFTLINT_CSC_NEIGHBOUR" in os.environ:
                changes["neighbour_check"] = os.environ["DRAFTLINT_CSC_NEIGHBOUR"] == "1"
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
