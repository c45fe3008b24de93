"""The fast paths of the scanning kinds: literal prefilters (draftlint/literals.py) and
untimed matching of shipped packs must give exactly the findings of a full scan."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from draftlint import literals
from draftlint.engine import context_for, lint
from draftlint.config import Config
from draftlint.kinds import adblock
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules
from draftlint.run import Runner

CLEAN = Path(__file__).parent / "clean"


def _lits(pattern: str, flags: int = regex.VERSION1) -> tuple | None:
    return literals.required_literals(pattern, flags)


def test_caseless_characters_match_only_themselves_under_any_case_setting():
    """No character's case variants or full case folding holds a CASELESS character,
    checked over every code point with the regex engine's own tables."""
    from regex import _regex_core as rc

    fold, cases = rc._regex.fold_case, rc._regex.get_all_cases
    for ch in literals.CASELESS:
        assert fold(rc.FULL_CASE_FOLDING, ch) == ch
        assert cases(rc.IGNORECASE | rc.UNICODE, ord(ch)) == [ord(ch)]
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or chr(cp) in literals.CASELESS:
            continue
        folded = fold(rc.FULL_CASE_FOLDING, chr(cp))
        assert not (set(folded) & literals.CASELESS), hex(cp)


@pytest.mark.parametrize("pattern, expected", [
    ("某{2,3}", ("某",)),
    # Optional parts are not required: 开通会员 ✓ has no "VIP".
    ("(?:开通|升级)(?:VIP)?会员", ("会员",)),
    # A lookaround's text is not consumed: only "X" is required.
    ("(?<=某)X(?!年)", ("X",)),
    # A class between two literals: either literal will do (the first is kept).
    ("加[QqＱ]?群", ("加",)),
    # The cheapest of the sequence's requirements: longer strings beat shorter ones.
    ("下载后[^。]{0,8}?删除", ("下载后",)),
    # Every alternative contributes; a literal holding another one is dropped.
    ("一键下载|下载(?:全文|地址)", ("下载",)),
    # (?i) on a caseless character is the character itself.
    ("(?i:free templates)", (" ",)),
])
def test_required_literals(pattern, expected):
    plain, folded = _lits(pattern)
    assert plain == expected and not folded


@pytest.mark.parametrize("pattern", [
    "[XＸ×]{1,4}",        # a class: anything of it
    "a?b?",               # may match nothing
    "(?i:word)",          # full case folding: "ﬆ" is "st"
    "(?:会员){e<=1}",     # fuzzy: the literal may be misspelt
    r"(\w)\1",            # a backreference
    "某|[0-9]+",          # one alternative without a literal spoils them all
    "\\p{Han}{2}",
])
def test_no_literal_no_prefilter(pattern):
    assert _lits(pattern) is None


def test_simple_case_insensitive_literals_are_searched_with_the_same_flags():
    plain, folded = _lits("(?i)templates?", regex.VERSION0 | regex.IGNORECASE)
    assert not plain and list(folded.values()) == [("template",)]
    texts = ["第一行没有", "Free TEMPLATES here", "x" * 60_000]
    doc = document_from_text("\n".join(texts), "t.txt", None)
    compiled = regex.compile("(?i)templates?", regex.VERSION0 | regex.IGNORECASE)
    may = literals.candidates(compiled, doc, doc.blocks)
    assert may is not None and list(may) == [0, 1, 0]


def test_short_documents_and_unknown_patterns_scan_every_block():
    doc = document_from_text("某某同志\n第二行", "t.txt", None)
    assert literals.candidates(regex.compile("某{2,3}"), doc, doc.blocks) is None
    long_doc = document_from_text("某某同志\n" + "甲" * 60_000, "t.txt", None)
    assert literals.candidates(regex.compile("[某乙]{2}"), long_doc, long_doc.blocks) is None
    assert list(literals.candidates(regex.compile("某{2,3}"), long_doc, long_doc.blocks)) == [1, 0]


def test_a_literal_across_two_blocks_makes_neither_a_candidate():
    doc = document_from_text("请点击下\n载全文\n" + "甲" * 60_000, "t.txt", None)
    compiled = regex.compile("下载")
    assert list(literals.candidates(compiled, doc, doc.blocks)) == [0, 0, 0]


def _shipped_patterns():
    rules = [r for r in load_rules() if r.kind_name in ("existence", "substitution", "adblock")]
    for rule in rules:
        kind = rule.kind
        if rule.kind_name == "adblock":
            for name in ("strong", "restrict", "download", "medium", "contacts"):
                yield f"{rule.id}:{name}", getattr(kind, name), rule
        else:
            yield rule.id, kind.compiled, rule


def _sample_texts(rule) -> list[str]:
    texts = []
    for key in ("bad", "good", "fixed"):
        texts += [t.replace("⟦", "").replace("⟧", "") for t in rule.examples.get(key, ())]
    return texts


def test_every_shipped_pattern_match_holds_one_of_its_literals():
    """Soundness on real text: wherever a shipped pattern matches (its rule's examples,
    every rule's examples, the clean documents), one of its literals is in the text."""
    all_rules = list(load_rules())
    corpus = [t for r in all_rules for t in _sample_texts(r)]
    for path in CLEAN.iterdir():
        if path.suffix in (".txt", ".md"):
            corpus += path.read_text(encoding="utf-8").splitlines()
    corpus += ["本文档由网友上传，仅供个人学习交流使用", "Free Business Templates", "淘宝店铺：墨香斋",
               "加V：wenmi888", "网址 www.example.com 咨询QQ81234567", "Go Pro today"]
    checked = 0
    for name, compiled, _ in _shipped_patterns():
        req = literals.required_literals(compiled.pattern, compiled.flags)
        if req is None:
            continue
        finders = literals._finders(req)
        for text in corpus:
            if compiled.search(text):
                checked += 1
                assert any(f(text) for f in finders), (name, text)
    assert checked > 100


def _findings(text: str, select=(), jobs: int = 1) -> list:
    runner = Runner.create(select=select)
    doc = document_from_text(text, "big.txt", None)
    findings, errors = lint(doc, runner.rules, runner.config, runner.ctx, "zh", jobs=jobs)
    assert not errors
    return [f.to_dict() for f in findings]


def test_prefiltered_scan_equals_full_scan_on_a_long_document(monkeypatch):
    """All shipped examples (bad and good) in one long draft: the same findings with
    the prefilter as with every block scanned."""
    lines = []
    for rule in load_rules():
        lines += _sample_texts(rule)
    lines += ["以上就是小编为大家整理的范文，更多范文请访问本站", "（更多范文请关注公众号“笔杆小站”）",
              "加入QQ群：123456789 免费领取", "禁止外传", "请于20XX年X月X日前报送",
              "完成时限：（）", "他说“好”", "(说明）"]
    # Ceiling division: the examples alone may pass 30,000 characters, and one copy would
    # then stay under MIN_CHARS.
    text = "\n".join(lines * max(1, -(-60_000 // max(1, sum(map(len, lines))))))
    assert len(text) > literals.MIN_CHARS
    select = ("placeholder", "watermark", "punctuation")
    fast = _findings(text, select)
    monkeypatch.setattr(literals, "MIN_CHARS", 10 ** 12)
    slow = _findings(text, select)
    assert fast == slow
    assert len(fast) > 50


def test_adblock_masks_skip_only_patterns_that_cannot_match():
    kind = next(r for r in load_rules() if r.id == "watermark.ad").kind
    lines = ["更多范文请关注本站", "本文仅供个人学习交流使用", "联系电话：0512-66012345"] + ["普通的一行"] * 3000
    doc = document_from_text("\n".join(lines + ["甲" * 60_000]), "t.txt", None)
    with_masks = kind._ads(doc.blocks, doc)
    without = kind._ads(doc.blocks)
    assert with_masks == without and with_masks


def test_untrusted_pattern_still_has_its_timeout(tmp_path):
    """A pack outside draftlint keeps the per-block timeout (the fast path is for
    shipped packs only): a catastrophic pattern becomes a rule error, not a hang."""
    from draftlint.kinds.existence import Existence

    kind = Existence.from_options({"patterns": ["(a|aa)+$"]}, tmp_path)
    assert not kind.trusted
    doc = document_from_text("a" * 40 + "!", "t.txt", None)
    import draftlint.kinds.existence as existence

    original = existence.PATTERN_TIMEOUT_S
    existence.PATTERN_TIMEOUT_S = 0.05
    try:
        with pytest.raises(TimeoutError):
            list(kind.check(doc, doc.blocks, context_for(Config())))
    finally:
        existence.PATTERN_TIMEOUT_S = original
