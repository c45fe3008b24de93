"""typo.suspect stays silent on correct report wording and spoken look-alikes, and
finds broken words a place suffix or a copied neighbour would otherwise hide."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds.suspect import Suspect, attested, tables
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules
from draftlint.typo_data import lexicon

SUSPECT = [r for r in load_rules() if r.id == "typo.suspect"]


def suspects(text: str) -> list[tuple[str, str]]:
    found, errors = lint(document_from_text(text, "<test>"), SUSPECT, Config(),
                         context_for(Config()), debug=True)
    assert not errors
    return [(f.text, f.suggestion) for f in found]


# Correct 述职报告 / 工作总结 wording, much of it newer than jieba's dictionary.
REPORT = [
    "营造风清气正的良好政治生态，推动全面从严治党向纵深发展。",
    "经过一年的努力，我们离年度目标又近一步，离群众的期盼更近一步。",
    "对巡察反馈的问题坚持立行立改，建立整改台账，逐项销号。",
    "深入开展以案促改、以案促治，用身边事教育身边人。",
    "认真落实党风廉政建设主体责任，班子成员严格履行一岗双责。",
    "广大党员干部展现担当作为，敢于碰硬，勇于攻坚克难。",
    "车间新购置工控机二十台，生产线自动化水平明显提升。",
    "扎实开展作风建设年活动，坚决整治形式主义、官僚主义。",
    "严格执行中央八项规定精神，持之以恒纠治“四风”。",
    "全年累计走访企业一百二十家，协调解决难题三十余个。",
    "持续深化“放管服”改革，营商环境进一步优化。",
    "聚焦主责主业，推动各项工作提质增效。",
    "坚持以人民为中心，着力解决群众急难愁盼问题。",
    "落实意识形态工作责任制，牢牢掌握意识形态工作领导权。",
    "扎实推进乡村振兴，巩固拓展脱贫攻坚成果。",
    "本人始终把学习摆在首位，坚持读原著、学原文、悟原理。",
    "在工作中做到守土有责、守土负责、守土尽责。",
    "强化安全生产监管，开展隐患排查整治专项行动。",
    "全面完成年度目标任务，主要经济指标稳中有进、稳中向好。",
    "坚持民主集中制，重大事项均经集体研究决定。",
    "针对查摆出的问题，制定整改措施十二条，明确责任人和完成时限。",
    "加强干部队伍建设，选优配强基层党组织书记。",
    "深入学习贯彻党的二十大精神，切实把思想和行动统一起来。",
    "对照检查材料经班子成员逐一审阅，做到见人见事见思想。",
    "积极推动数字化转型，建成智慧社区服务平台。",
    "严肃查处侵害群众利益的不正之风和腐败问题。",
    "本年度共办理人大代表建议和政协委员提案四十六件，办结率百分之百。",
    "扎实开展“我为群众办实事”实践活动，解决群众身边事。",
    "认真履行述职述廉职责，自觉接受组织和群众监督。",
    "全面推行河长制、林长制，生态环境质量持续改善。",
    "坚持问题导向、目标导向和结果导向，统筹推进各项改革。",
    "我将以此次述职为契机，查找不足，改进作风，再接再厉。",
    "加强统筹协调，形成上下联动、齐抓共管的工作格局。",
    "健全完善内控制度，堵塞管理漏洞，防范廉政风险。",
    "定期召开专题会议，研究部署信访维稳工作。",
    "推动党史学习教育常态化长效化。",
    "组织开展应急演练三次，提升突发事件处置能力。",
    "做好困难群众兜底保障，落实低保和特困供养政策。",
    "认真落实“三会一课”制度，严格党内政治生活。",
    "会员下单即可立享八折优惠。",
    "值班表请于12月25日前报县政府办公室。",          # 表请 must not read 表情
    "凝心聚力、苦干实干，奋力谱写新篇章。",
]


@pytest.mark.parametrize("text", REPORT)
def test_report_wording_is_not_suspect(text):
    assert suspects(text) == []


@pytest.mark.parametrize("text", [
    "这是一个太大的改变，我一时还不能适应。",   # 太 → 大 would read 大大的
    "下班以后我们一起去吃个饭吧。",             # 个 → 干 would read 吃干饭
    "他做错了事，羞愧得抬不起头来。",           # 抬 → 吃 would read 吃不起
    "这件衣服太贵了，我买不起。",
    "周末我常常去图书馆看书，有时候也去看电影。",
    "他一边听音乐一边做作业。",
])
def test_spoken_look_alikes_are_not_suspect(text):
    assert suspects(text) == []


@pytest.mark.parametrize("text,wrong,right", [
    ("民族自冶区的干部", "冶", "治"),                  # 区 is a place suffix, 自治区 a word
    ("关中平原成市群建设加快", "成", "城"),            # 城市群 takes the 市 in
    ("单位新建了一座综合报税区", "报", "保"),          # 保税区
    ("推进垃圾分类工作常太化", "太", "态"),
    ("认真落实安全生产责壬制", "壬", "任"),
    ("这件事请很重要，要抓紧办", "请", "情"),          # 请于 is a word, 事请 is not
])
def test_broken_words_are_found(text, wrong, right):
    assert suspects(text) == [(wrong, right)]


def test_pairs_the_lexicon_attests():
    lex = lexicon()
    if lex is None:
        pytest.skip("jieba not installed")
    tab = tables(Suspect().min_count)
    assert attested("风清", lex, tab)        # inside 风清弊绝
    assert attested("以案", lex, tab)        # starts 以案说法
    assert not attested("效律", lex, tab)
    assert not attested("管里", lex, tab)


def test_new_options_are_validated(tmp_path: Path):
    kind = Suspect.from_options(
        {"attested_extra": 1, "doubt_below": 0, "no_copy": False}, tmp_path)
    assert (kind.attested_extra, kind.doubt_below, kind.no_copy) == (1.0, 0.0, False)
    with pytest.raises(ValueError):
        Suspect.from_options({"no_copy": "yes"}, tmp_path)


def test_no_copy_keeps_a_reduplication_out():
    import dataclasses
    rule = SUSPECT[0]
    loose = dataclasses.replace(rule, kind=dataclasses.replace(rule.kind, no_copy=False))
    text = "这是一个太大的改变"
    found, _ = lint(document_from_text(text, "<t>"), [loose], Config(), context_for(Config()))
    assert [(f.text, f.suggestion) for f in found] == [("太", "大")]
    assert suspects(text) == []
