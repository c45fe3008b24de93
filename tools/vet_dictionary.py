#!/usr/bin/env python3
"""Vet typo dictionary entries mechanically before a person checks each one by hand.

Usage:
    python tools/vet_dictionary.py [FILE ...]        (default: every rules/typo/*.txt)
    python tools/vet_dictionary.py --stdin < new.txt  (candidate lines, same format)

A Chinese entry `wrong->right [!ctx …]` is reported when:
  dead        the key alone ("我们{key}。") is not flagged: the segmentation guard or a
              context hides it, so the entry can never fire;
  inside      a lexicon word holding the key, linted alone, is flagged: 架式 inside
              开架式 (open-shelf) would be "fixed" to 开架势 (add `!开架式` or drop the
              entry); 筚路蓝缕 holds 蓝缕 but the segmentation guard already spares it;
  clean       the key is flagged in a correct text shipped with the project (tests/clean/,
              examples/*clean*);
  inside-word as inside, but the fixed holder is a lexicon word too (想像力 → 想象力):
              usually a right flag, yet 不能自已 is correct although jieba lists 不能自己;
  fix-unknown the right-hand side is not a lexicon word (jieba's dict plus words.txt) and
              does not split into two: check it by hand in a standard dictionary;
  key-word    the key is itself a lexicon word with a count above 20 (jieba lists some
              typos, e.g. 震憾; others are real words): make sure it is really wrong.
An English entry is reported when it is a correct English word in the lexicon of
common words jieba also carries (rare) or occurs in the clean texts.
The first three are errors (exit status 1); the rest are notes for the reviewer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from draftlint.config import Config  # noqa: E402
from draftlint.engine import context_for, lint  # noqa: E402
from draftlint.kinds.dictionary import Entry, parse_line, read_dictionary  # noqa: E402
from draftlint.readers.text import document_from_text  # noqa: E402
from draftlint.rules import load_rules  # noqa: E402
from draftlint.typo_data import lexicon  # noqa: E402

ERRORS = ("dead", "inside", "clean")
KEY_WORD_COUNT = 20


def clean_texts() -> str:
    """Every correct text the project ships, joined: keys must not occur in it."""
    paths = [*sorted((ROOT / "tests" / "clean").glob("*")),
             *sorted((ROOT / "examples").glob("*clean*"))]
    out = []
    for p in paths:
        if p.is_file() and p.suffix in (".txt", ".md"):
            out.append(p.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(out)


def _words_holding(key: str, words: list[str]) -> list[str]:
    """The lexicon words that contain `key` and are longer than it."""
    return [w for w in words if key in w and w != key]


def _splits_into_words(text: str, known) -> bool:
    """Whether `text` is two lexicon words (工作+总结)."""
    return any(text[:i] in known and text[i:] in known for i in range(1, len(text)))


def _flagged_lines(lines: list[str], rules) -> dict[int, set[str]]:
    """Lint one line per entry; return line number -> the texts flagged on it."""
    config = Config()
    doc = document_from_text("\n".join(lines), "<vet>")
    findings, _ = lint(doc, rules, config, context_for(config))
    out: dict[int, set[str]] = {}
    for f in findings:
        out.setdefault(f.line, set()).add(f.text)
    return out


def vet(entries: list[Entry], rules=None) -> list[tuple[str, Entry, str]]:
    """Problems of each entry as (code, entry, detail), in entry order."""
    lex = lexicon()
    known = lex.logp if lex else {}
    long_words = [w for w in known if len(w) >= 3]
    rules = rules if rules is not None else [r for r in load_rules() if r.kind_name == "dictionary"]
    # dead: the key alone, in a neutral frame.
    frames = [f"我们{e.key}。" if not e.key.isascii() else f"We saw {e.key} here." for e in entries]
    fired = _flagged_lines(frames, rules)
    # inside: every lexicon word holding a Chinese key, linted on its own line.
    holders: list[tuple[int, str]] = []
    for i, e in enumerate(entries):
        if not e.key.isascii():
            holders.extend((i, w) for w in _words_holding(e.key, long_words))
    holder_hits = _flagged_lines([w for _, w in holders], rules)
    broken: dict[int, list[str]] = {}
    for n, (i, w) in enumerate(holders, 1):
        if entries[i].key in holder_hits.get(n, ()):
            broken.setdefault(i, []).append(w)
    # clean: the shipped correct texts, with these rules.
    clean_lines = clean_texts().splitlines()
    clean_hits = {t for texts in _flagged_lines(clean_lines, rules).values() for t in texts}
    problems = []
    for i, e in enumerate(entries):
        if e.key not in fired.get(i + 1, ()) and e.key.lower() not in {
                t.lower() for t in fired.get(i + 1, ())}:
            problems.append(("dead", e, "the key alone is not flagged"))
        if e.key in clean_hits:
            problems.append(("clean", e, "flagged in a shipped correct text"))
        if i in broken:
            # A holder the fix turns into another word is usually misspelt itself (想像力 →
            # 想象力), but not always (不能自已 is right; jieba also lists 不能自己): a note.
            bad = [w for w in broken[i] if not any(w.replace(e.key, f) in known for f in e.fixes)]
            if bad:
                problems.append(("inside", e, "flagged inside the words " + "、".join(bad[:5])))
            if len(bad) < len(broken[i]):
                problems.append(("inside-word", e, "flagged inside " + "、".join(
                    w for w in broken[i][:5] if w not in bad) + " (fixed, still a word)"))
        if e.key.isascii():
            continue
        for fix in e.fixes:
            if fix not in known and not _splits_into_words(fix, known):
                problems.append(("fix-unknown", e, f"{fix} is not a lexicon word"))
        if lex and lex.count(e.key) > KEY_WORD_COUNT:
            problems.append(("key-word", e, f"the lexicon counts {e.key} {lex.count(e.key)} times"))
    return problems


def _candidate_rules(entries: list[Entry]) -> list:
    """typo.confusion with a dictionary of the candidates alone (they are in no pack yet)."""
    import dataclasses
    import tempfile

    from draftlint.kinds.dictionary import Dictionary

    lines = [f"{e.key}->{','.join(e.fixes)}" + "".join(f" !{c}" for c in e.contexts)
             for e in sorted(entries, key=lambda e: e.key)]
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "candidates.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        kind = Dictionary.from_options({"dictionary": "candidates.txt"}, Path(tmp))
    base = next(r for r in load_rules() if r.id == "typo.confusion")
    return [dataclasses.replace(base, kind=kind)]


def main(argv: list[str] | None = None) -> int:
    """Print one line per problem; exit 1 when an error-level problem was found."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--stdin", action="store_true", help="vet candidate lines from stdin")
    args = ap.parse_args(argv)
    entries: list[Entry] = []
    rules = None
    if args.stdin:
        entries = [e for e in map(parse_line, sys.stdin.read().splitlines()) if e is not None]
        rules = _candidate_rules(entries)
    else:
        for path in args.files or sorted((ROOT / "rules" / "typo").glob("*.txt")):
            entries.extend(read_dictionary(path))
    problems = vet(entries, rules)
    for code, e, detail in problems:
        print(f"{code:12} {e.key}->{','.join(e.fixes)}  {detail}")
    errors = sum(code in ERRORS for code, _, _ in problems)
    print(f"{len(entries)} entries, {errors} errors, {len(problems) - errors} notes", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
