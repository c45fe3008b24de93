"""The typo rules stay silent on everyday Chinese (narratives, letters, dialogue, names,
food, travel) and still find the everyday slips their guards sit next to."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules

DATA = Path(__file__).parent / "data" / "everyday_clean.txt"
# typo.variant (info level) is left out: a sentence may use a sanctioned variant form.
RULES = [r for r in load_rules() if r.id in ("typo.confusion", "typo.suspect")]


def typos(text: str) -> list[tuple[str, str, str]]:
    """(rule id, flagged text, suggestion) of every typo finding in `text`."""
    found, errors = lint(document_from_text(text, "<test>"), RULES, Config(),
                         context_for(Config()), debug=True)
    assert not errors
    return [(f.rule, f.text, f.suggestion) for f in found]


def test_everyday_corpus_is_large_and_varied():
    lines = [s for s in DATA.read_text(encoding="utf-8").splitlines() if s.strip()]
    assert len(lines) >= 300
    assert len(set(lines)) == len(lines)


def test_everyday_corpus_has_no_typo_findings():
    # One document, one sentence a line: each line is its own block.
    text = DATA.read_text(encoding="utf-8")
    found = [(f.line, f.rule, f.text, f.suggestion) for f in lint(
        document_from_text(text, "everyday_clean.txt"), RULES, Config(),
        context_for(Config()), debug=True)[0]]
    assert found == []


# Each mechanism: sentences it keeps silent (✓) and slips beside it still found (✗).
SILENT = [
    # 哪/那/这 are never swapped for one another.
    "哪种颜色最适合我？你帮我参考一下。",
    "你要哪种口味的冰淇淋？",
    # A sentence-final particle at the end of a clause is grammar.
    "走咯，我们回家吃饭喽！",
    # A surname opening a clause with two lone name characters after it.
    "郑丽华是我们小区的楼长。",
    # A familiar-name prefix opening a clause: 小宇, 阿杰.
    "小宇一看到蛋糕就高兴得跳了起来。",
    # Everyday words added to words.txt.
    "这道菜需要先焯水，再用大火快炒。",
    "上海的生煎包底部煎得金黄酥脆。",
    "我们在海边买了一些扇贝、生蚝和皮皮虾。",
    "刘翔在奥运会上夺得了一百一十米栏的金牌。",
    "我们在糖水铺喝了一碗红豆沙。",
]


@pytest.mark.parametrize("text", SILENT)
def test_everyday_guards_keep_silent(text):
    assert typos(text) == []


FOUND = [
    # The pointer rule does not hide a content slip in the same clause.
    ("哪种菜味道很不措？", "措", "错"),
    # A particle inside a run is still tried: 嗨关 → 海关.
    ("出入境要过嗨关检查。", "嗨", "海"),
    # A surname-like character followed by a function word is no name: 肖除 → 消除.
    ("肖除在班上的不良影响。", "肖", "消"),
    # 小 not opening the clause is no name prefix: 小芯 → 小心.
    ("过马路的时候一定要小芯。", "芯", "心"),
    # A slip before a sentence-final particle is still found.
    ("他们在公园里打太级拳呢。", "级", "极"),
]


@pytest.mark.parametrize("text, wrong, fix", FOUND)
def test_everyday_slips_beside_guards_are_found(text, wrong, fix):
    assert ("typo.suspect", wrong, fix) in typos(text)


# Everyday slips (的/得/地 left out) the typo rules found before the everyday guards were
# added; they must all still be found. ⟦…⟧ marks the wrong character or word.
SLIPS = [
    "我们一起去公⟦圆⟧散步吧。",
    "他每天都坚持⟦锻练⟧身体。",
    "这个问题我们明天再讨⟦伦⟧。",
    "今天⟦气侯⟧好多了。",
    "她穿了一件很漂亮的连衣⟦群⟧。",
    "他做事总是⟦按步就班⟧，从不着急。",
    "这家饭店的菜味道很不⟦措⟧。",
    "他⟦迫不急待⟧地打开了礼物。",
    "我们要⟦再接再励⟧，争取下次考得更好。",
    "我想去图书馆借几本⟦书藉⟧。",
    "我们去超市买了一些水果和⟦蔬莱⟧。",
    "和同学们一起去郊游，留下了美好的回⟦亿⟧。",
    "这家商店价格便宜，质量也不错，所以顾客很多，生意兴⟦陇⟧。",
    "她获得了第一名，大家都为她感到骄⟦敖⟧。",
    "公园里的花有红的，有黄的，五彩⟦宾⟧纷。",
    "这本书的内容非常丰富，我看了以后受⟦易⟧匪浅。",
    "我们要把垃圾扔进垃圾⟦筒⟧里。",
    "这场足球比赛非常⟦激列⟧，双方打到了加时赛。",
    "奶奶每天早上都去公园里打太⟦级⟧拳。",
    "祝你生日快乐，天天开心，万事如⟦易⟧。",
]


@pytest.mark.parametrize("marked", SLIPS)
def test_everyday_slips_are_found(marked):
    start = marked.index("⟦")
    end = marked.index("⟧") - 1
    text = marked.replace("⟦", "").replace("⟧", "")
    found, errors = lint(document_from_text(text, "<test>"), RULES, Config(),
                         context_for(Config()), debug=True)
    assert not errors
    assert any(f.column - 1 <= start and end <= f.end_column - 1 for f in found), found
