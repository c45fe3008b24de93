"""The typo kinds: `dictionary` (tier 1) and `suspect` (tier 2), on real text and .docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds import LintContext
from draftlint.kinds.dictionary import Dictionary
from draftlint.kinds.suspect import Suspect
from draftlint.model import Block, Document, Mark
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules

from docx_build import make_docx, para, run

RULES = {r.id: r for r in load_rules()}
TYPO = [r for r in RULES.values() if r.category == "typo"]


def findings(text: str, rules=None, config: Config | None = None, **ctx):
    config = config or Config()
    doc = document_from_text(text, "<test>")
    found, errors = lint(doc, rules or TYPO, config, context_for(config, **ctx), debug=True)
    assert not errors
    return found


def spans(text: str, **kw):
    return [(f.rule, f.text, f.suggestion, f.fixable) for f in findings(text, **kw)]


def kind_from(tmp_path: Path, lines: list[str]) -> Dictionary:
    (tmp_path / "typo").mkdir(exist_ok=True)
    (tmp_path / "typo" / "t.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Dictionary.from_options({"dictionary": "typo/t.txt"}, tmp_path)


def hits(kind, text: str, words=frozenset(), marks=()):
    block = Block("body", 1, text, marks=tuple(marks))
    doc = Document("<t>", "txt", [block])
    return [(h.start, h.end, h.suggestion) for h in kind.check(doc, [block], LintContext(words=words))]


# ---------------------------------------------------------------- tier 1

def test_template_typos_are_fixable_errors():
    got = spans("严于律已，始终保持廉沽本色，对分管工作亲自过间。")
    assert got == [
        ("typo.confusion", "律已", "律己", True),
        ("typo.confusion", "廉沽", "廉洁", True),
        ("typo.confusion", "过间", "过问", True),
    ]
    assert all(f.severity.name == "ERROR" for f in findings("严于律已"))


@pytest.mark.parametrize("text", [
    "严守纪律已经成为自觉",          # 纪律已 is a context of 律已
    "发现问题及时纠正已形成制度",     # 纠正已 holds 正已
    "通过间接方式了解情况",          # 通过间 holds 过间
    "各自已经完成了任务",            # 各自已 holds 自已
    "对腐败零容忍，讲课生动活泼",
])
def test_correct_text_holding_a_key_is_clean(text):
    assert findings(text) == []


def test_segmentation_guard_without_context(tmp_path):
    """No `!ctx` here: the corrected text 纪律己经 segments far worse than 纪律已经."""
    kind = kind_from(tmp_path, ["律已->律己"])
    assert hits(kind, "严于律已，廉洁自律") == [(2, 4, "律己")]
    assert hits(kind, "严守纪律已经成为自觉") == []


def test_longest_key_wins_and_matches_do_not_overlap(tmp_path):
    kind = kind_from(tmp_path, ["截止到->截至 ?", "截止到目前->截至目前"])
    assert hits(kind, "截止到目前，共完成三项") == [(0, 5, "截至目前")]


def test_question_mark_entries_only_suggest():
    got = spans("截止到年底，各项任务全部完成")
    assert got == [("typo.confusion", "截止到", "截至", False)]


def test_several_fixes_are_a_suggestion_only():
    got = spans("All personel were informed.")
    assert got == [("typo.confusion", "personel", "personnel / personal", False)]


@pytest.mark.parametrize("text,expected", [
    ("We recieve reports.", [("recieve", "receive")]),
    ("Recieve the reports.", [("Recieve", "Receive")]),
    ("RECIEVE ALL REPORTS", [("RECIEVE", "RECEIVE")]),
    ("ReCieve is mixed case", []),
    ("the seperate_v2 field and x86seperate", []),
    ("Costs occured; rooms to accomodate 40.", [("occured", "occurred"), ("accomodate", "accommodate")]),
    ("Rooms to accommodate all who occurred.", []),
])
def test_english_words_case_and_boundaries(text, expected):
    got = [(f.text, f.suggestion) for f in findings(text)]
    assert got == expected


def test_variant_names_the_standard_and_keeps_regulated_terms():
    found = findings("大力宏扬优良传统，办公楼座落在城东")
    assert [(f.rule, f.text, f.suggestion) for f in found] == [
        ("typo.variant", "宏扬", "弘扬"), ("typo.variant", "座落", "坐落")]
    assert "GF 1001-2001" in found[0].message
    assert findings("按规定填写民族成份") == []
    assert [f.text for f in findings("土壤的化学成份")] == ["成份"]


def test_project_words_silence_both_tiers():
    text = "廉沽村要加强对干部的监督管里"
    assert {f.text for f in findings(text)} == {"廉沽", "里"}
    assert findings(text, words=frozenset({"廉沽村", "管里"})) == []


def test_noproof_mark_is_not_checked(tmp_path):
    kind = kind_from(tmp_path, ["廉沽->廉洁"])
    assert hits(kind, "廉沽本色") == [(0, 2, "廉洁")]
    assert hits(kind, "廉沽本色", marks=[Mark("noproof", 0, 4)]) == []


def test_noproof_in_a_real_docx(tmp_path):
    from draftlint.readers import read_document
    body = para(run("保持廉沽本色。")) + para(run("廉沽村", "<w:noProof/>"), run("位于城东。"))
    path = make_docx(tmp_path, body)
    doc = read_document(path, "test.docx")
    found, errors = lint(doc, TYPO, Config(), context_for(Config()), debug=True)
    assert not errors
    assert [(f.line, f.text) for f in found] == [(1, "廉沽")]


def test_unknown_option_and_missing_file_are_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown option"):
        Dictionary.from_options({"dictionary": "x.txt", "words": []}, tmp_path)
    with pytest.raises(ValueError, match="not found"):
        Dictionary.from_options({"dictionary": "typo/none.txt"}, tmp_path)
    (tmp_path / "bad.txt").write_text("廉沽廉洁\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        Dictionary.from_options({"dictionary": "bad.txt"}, tmp_path)


# ---------------------------------------------------------------- tier 2

@pytest.mark.parametrize("text,wrong,right", [
    ("全心全义为人民服务", "义", "意"),
    ("这样做可以事办功倍", "办", "半"),
    ("要加强对干部的监督管里", "里", "理"),
    ("进一步提高办事效律", "律", "率"),
])
def test_suspect_finds_broken_words(text, wrong, right):
    found = [f for f in findings(text) if f.rule == "typo.suspect"]
    assert [(f.text, f.suggestion, f.fixable) for f in found] == [(wrong, right, False)]
    assert found[0].severity.name == "WARNING"


@pytest.mark.parametrize("text", [
    "全年共组织培训十二期，参训干部一千余人次，考核合格率达到百分之九十八。",
    "围绕中心、服务大局，扎实推进党风廉政建设和反腐败工作。",
    "坚持以人民为中心的发展思想，推动经济社会高质量发展。",
    "王立新同志任职期间，认真履行岗位职责。",
    "疫情防控期间，组织志愿者开展抗疫宣传。",
    "The quarterly report covers revenue, costs and margins.",
])
def test_suspect_is_quiet_on_clean_text(text):
    assert [f for f in findings(text) if f.rule == "typo.suspect"] == []


def test_suspect_options_are_validated(tmp_path):
    assert Suspect.from_options({"threshold": 12}, tmp_path).threshold == 12.0
    with pytest.raises(ValueError, match="unknown option"):
        Suspect.from_options({"thresh": 1}, tmp_path)


def test_fix_applies_confusion_but_never_suspect():
    found = findings("始终保持廉沽本色，进一步提高办事效律")
    assert {(f.rule, f.fixable) for f in found} == {
        ("typo.confusion", True), ("typo.suspect", False)}


# ---------------------------------------------------------------- lexicon and bounds

def test_segmenter_prefix_pruning_matches_plain_viterbi():
    """The prefix-pruned segmenter gives the same score as trying every fragment."""
    from draftlint.typo_data import _is_han, lexicon
    lex = lexicon()
    if lex is None:
        pytest.skip("jieba not installed")
    for text in ["全心全意为人民服务", "要加强对干部的监督管里", "严于律已，廉洁自律", "ABC三项工作"]:
        n = len(text)
        best = [0.0] * (n + 1)
        for k in range(1, n + 1):
            ch = text[k - 1]
            b = best[k - 1] + lex.logp.get(ch, lex.unknown if _is_han(ch) else 0.0)
            for j in range(max(0, k - lex.max_word), k - 1):
                p = lex.logp.get(text[j:k])
                if p is not None:
                    b = max(b, best[j] + p)
            best[k] = b
        assert lex.score(text) == pytest.approx(best[n])


def test_known_typos_listed_by_jieba_are_not_words():
    """震憾 is in jieba's dict.txt; typos.txt drops it so it cannot vouch for itself."""
    from draftlint.typo_data import lexicon
    lex = lexicon()
    if lex is None:
        pytest.skip("jieba not installed")
    assert "震憾" not in lex.logp and "震撼" in lex.logp
    assert spans("演出给观众带来强烈的震憾") == [("typo.confusion", "震憾", "震撼", True)]


def test_text_made_of_lone_characters_is_not_repaired():
    """Garbled text (every character alone) has no sentence to repair: no suspect hit,
    while the same typo inside prose is found."""
    rule = [RULES["typo.suspect"]]
    garbled = "蚌鳖虱瓤舀葵佬捺泓琦嫣瞿衢颚琉耷" * 3
    assert findings(garbled, rules=rule) == []
    assert [f.text for f in findings("要加强对干部的监督管里", rules=rule)] == ["里"]


@pytest.mark.parametrize("text", ["中共桐港区教育局委员会", "市桐湾县交通运输局召开会议"])
def test_place_names_before_a_suffix_are_not_repaired(text):
    assert findings(text, rules=[RULES["typo.suspect"]]) == []


def _suspect_with(**options):
    """typo.suspect with some options changed (rule packs stay as shipped)."""
    import dataclasses
    from pathlib import Path

    from draftlint.kinds.suspect import Suspect
    from draftlint.rules import load_rules, rule_index

    rule = rule_index(load_rules())["typo.suspect"]
    kind = Suspect.from_options({**rule.options, **options}, Path("rules"))
    return dataclasses.replace(rule, kind=kind)


def _suspects(rule, text):
    from draftlint.config import Config
    from draftlint.engine import context_for, lint
    from draftlint.readers.text import document_from_text

    findings, _ = lint(document_from_text(text, "a.txt"), [rule], Config(), context_for(Config()))
    return [(f.text, f.suggestion) for f in findings]


def test_joined_bonus_lets_a_look_alike_swap_join_two_stray_characters():
    # 辅肋 is two stray characters; 肋→助 (a look-alike) makes the word 辅助.
    text = "该项工作长期处于辅肋地位"
    assert _suspects(_suspect_with(), text) == [("肋", "助")]
    # At a stricter threshold only the bonus lets it through.
    assert _suspects(_suspect_with(threshold=10), text) == [("肋", "助")]
    assert _suspects(_suspect_with(threshold=10, joined_bonus=0), text) == []


def test_neighbour_check_blames_the_character_whose_swap_is_likelier():
    # 成郊: 成→城 would make 城郊, but the intended word is 成效; without the check
    # the wrong character is flagged, with it the weaker reading is dropped.
    text = "各项工作成郊显著"
    assert _suspects(_suspect_with(neighbour_check=False), text) == [("成", "城")]
    assert ("成", "城") not in _suspects(_suspect_with(), text)


@pytest.mark.parametrize("text", [
    "通过微博、抖音和微信公众号发布信息，开展直播带货。",
    "年底召开述学述职述廉述法会议，领导班子逐一述责述廉。",
    "推进数字化转型，落实一网通办、接诉即办和未诉先办。",
    "加强思政课建设，落实课后服务和家校共育。",
])
def test_modern_words_jieba_lacks_are_not_broken(text):
    # words.txt lists 微博, 述学, 抖音 …: without them their characters look lone and a
    # sound-only swap (微博 → 微波, 述学 → 数学) would "repair" correct text, even with
    # the larger bonus for such swaps.
    assert _suspects(_suspect_with(), text) == []
    assert _suspects(_suspect_with(joined_single=3.0, joined_bonus=3.0), text) == []


def test_a_numeral_gets_no_joined_bonus():
    # "感染六科" is a ward's number: 六 → 文 would join the stray 科 into 文科.
    text = "他在医院感染六科工作"
    assert _suspects(_suspect_with(joined_single=5.0, joined_bonus=5.0), text) == []


def test_joined_options_are_validated(tmp_path):
    kind = Suspect.from_options({"joined_single": 2, "neighbour_doubt": False}, tmp_path)
    assert (kind.joined_single, kind.neighbour_doubt) == (2.0, False)
    with pytest.raises(ValueError):
        Suspect.from_options({"neighbour_doubt": "yes"}, tmp_path)


def test_cache_key_follows_content_not_timestamps(tmp_path):
    """Same size and mtime, other bytes: a new key (a stale table is never served)."""
    import os

    from draftlint.typo_data import source_key

    a = tmp_path / "words.txt"
    a.write_text("抗疫 20\n", encoding="utf-8")
    st = a.stat()
    key = source_key((a,))
    a.write_text("防疫 20\n", encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert a.stat().st_size == st.st_size and a.stat().st_mtime_ns == st.st_mtime_ns
    assert source_key((a,)) != key
    assert source_key((a,)) == source_key((a,))


def test_cache_tables_round_trip_and_refuse_the_separator():
    from draftlint.typo_data import (pack_floats, pack_set, pack_strings, unpack_floats,
                                     unpack_set, unpack_strings)

    floats = {"廉洁": -9.25, "效率": -8.5, "律己": -12.0}
    assert unpack_floats(*pack_floats(floats)) == floats
    strings = {"廉\0": "洁政", "\0率": "效"}
    assert unpack_strings(*pack_strings(strings)) == strings
    assert unpack_set(pack_set(frozenset({"控机", "清气"}))) == {"控机", "清气"}
    assert unpack_floats(*pack_floats({})) == {} and unpack_set(pack_set(frozenset())) == set()
    with pytest.raises(ValueError, match="separator"):
        pack_set(frozenset({"a\x01b"}))


def test_cache_keeps_a_few_versions_side_by_side(tmp_path):
    """Two installations with their own keys must not evict each other on every run."""
    import os

    from draftlint.typo_data import KEEP_VERSIONS, write_cache

    paths = [tmp_path / f"lexicon4-key{i}.pickle" for i in range(KEEP_VERSIONS + 2)]
    for i, path in enumerate(paths):
        write_cache(path, {"n": i})
        os.utime(path, ns=(i * 10**9, i * 10**9))  # written one second apart
    kept = sorted(p.name for p in tmp_path.glob("lexicon*.pickle"))
    assert kept == sorted(p.name for p in paths[-KEEP_VERSIONS:])
    write_cache(tmp_path / "lexicon3-old.pickle", {"n": -1})  # an older format counts too
    assert len(list(tmp_path.glob("lexicon*.pickle"))) == KEEP_VERSIONS
