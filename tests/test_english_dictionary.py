"""rules/typo/english.txt: correct English in report style gives no typo.confusion finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds.dictionary import read_dictionary
from draftlint.readers.text import document_from_text
from draftlint.rules import load_rules, rules_dir

ENGLISH = rules_dir() / "typo" / "english.txt"
CONFUSION = [r for r in load_rules() if r.id == "typo.confusion"]
WORD_LISTS = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]

# Correct sentences with easily confused words (lose/loose, affect/effect, principal/principle,
# its/it's, complement/compliment …) and British spellings, which are not errors.
CORRECT = [
    "We must not lose sight of the annual targets, even if the schedule is loose.",
    "The loose cables in the server room were fastened before the audit.",
    "Rising costs will affect the budget; the effect on profit is still unclear.",
    "The new policy took effect on 1 March and was meant to effect lasting change.",
    "The principal of the loan is repaid in equal quarterly instalments.",
    "The principle of openness guides every procurement decision of the council.",
    "The department published its findings; it's clear that further work is needed.",
    "Each team reviewed its own figures before the deadline.",
    "The new module complements the existing platform rather than replacing it.",
    "The minister complimented the volunteers on their dedication.",
    "Office stationery is ordered centrally; the equipment itself stays stationary.",
    "Please ensure that every contract is insured and that clients are assured of support.",
    "The town council sought counsel from an independent lawyer.",
    "Staff were asked to be discreet about the two discrete phases of the project.",
    "Revenue was higher than forecast, and then it fell in the fourth quarter.",
    "Their report is there on the shared drive, and they're updating it weekly.",
    "We accept every recommendation except the one on overtime pay.",
    "The consultants advise the board, and their advice is recorded in the minutes.",
    "The licence was renewed in May; the firm is licensed to export chemicals.",
    "Doctors practise medicine under a code of practice set by the association.",
    "Each employee may register one dependant, and benefits are dependent on tenure.",
    "The training programme was extended to all regional centres.",
    "The organisation will analyse the survey data and publish a catalogue of results.",
    "Our neighbours in the science park share a common centre for visitors.",
    "Labour costs rose by 4 per cent, in line with the colour-coded forecast.",
    "The committee praised the behaviour of the staff during the inspection.",
    "Travelling expenses were cancelled for the postponed meeting.",
    "All samples were labelled, and the modelling results were checked twice.",
    "An ageing population places new demands on healthcare and pensions.",
    "Payment may be made by cheque or by bank transfer.",
    "Enquiries should be sent to the secretariat whilst the office is closed.",
    "Amongst the lessons learnt was the value of early consultation.",
    "The fulfilment of the contract depends on the timely delivery of parts.",
    "Students must enrol before the start of term to fulfil the requirements.",
    "In our judgement the acknowledgement letter should be sent immediately.",
    "The new theatre has a capacity of two thousand and a stage of 20 metres.",
    "The defence budget and the offence statistics were published together.",
    "The manoeuvre was rehearsed in the harbour under favourable weather.",
    "Paediatric and orthopaedic wards were refurbished with aluminium fittings.",
    "The archaeology team catalogued artefacts from the mediaeval site.",
    "Several tyres were replaced after the vehicle hit the kerb.",
    "The grey building on the corner has a ten-storey car park.",
    "We recognise the need to prioritise, specialise and utilise resources well.",
    "Sceptical investors asked for a clear dialogue with management.",
    "The project was formally approved; it was formerly managed by another unit.",
    "Sales have been targeted at small firms, which benefited from the scheme.",
    "The recipient of the award acknowledged the support of her colleagues.",
    "The mortgage rate was fixed, and the occurrence of arrears was rare.",
    "A liaison officer will accompany the delegation to Shenzhen and Haidian District.",
    "The fiery debate in Zhongguancun ended with a consensus on data privacy.",
    "The marvellous woollen goods were shipped to counsellors in the north.",
    "A skilful negotiator avoided wilful delays in the supply chain.",
    "The results were appalling, so we will instil stricter controls.",
    "The programme was paused to minimise risk and maximise value for money.",
    "Our rumour-free culture relies on honour, candour and endeavour.",
    "The sulphur content of the fuel was measured in tonnes per year.",
    "Quarterly revenue exceeded expectations; the dividend was raised accordingly.",
    "The questionnaire was sent to every recipient on the list in February.",
    "We cannot accept liability for losses caused by loose packaging.",
    "The lead engineer led the review; lead pipes were replaced last year.",
    "Whose responsibility is it to check who's attending the seminar?",
    "Its efficiency improved, and it's now the principal site for assembly.",
]


def _confusion(text: str):
    doc = document_from_text(text, "<english>")
    found, errors = lint(doc, CONFUSION, Config(), context_for(Config()), debug=True)
    assert not errors
    return [(f.text, f.suggestion) for f in found]


def test_there_are_about_sixty_sentences():
    assert len(CORRECT) >= 60 and len(set(CORRECT)) == len(CORRECT)


@pytest.mark.parametrize("sentence", CORRECT)
def test_correct_english_gives_nothing(sentence):
    assert _confusion(sentence) == []


def test_all_sentences_together_give_nothing():
    assert _confusion("\n".join(CORRECT)) == []


@pytest.mark.parametrize("text,expected", [
    ("The goverment issued new guidlines.", [("goverment", "government"), ("guidlines", "guidelines")]),
    ("Teh Managment team met.", [("Teh", "The"), ("Managment", "Management")]),
    ("ENVIROMENT AND INFOMATION", [("ENVIROMENT", "ENVIRONMENT"), ("INFOMATION", "INFORMATION")]),
    ("项目名称：Developement of a Procurment Platform", [
        ("Developement", "Development"), ("Procurment", "Procurement")]),
])
def test_common_misspellings_fire(text, expected):
    assert _confusion(text) == expected


@pytest.mark.skipif(not all(p.is_file() for p in WORD_LISTS),
                    reason="system word lists /usr/share/dict/{american,british}-english absent")
def test_no_key_is_a_dictionary_word():
    """A key found in an American or British word list is a correct spelling, not a typo."""
    words: set[str] = set()
    for path in WORD_LISTS:
        with open(path, encoding="utf-8", errors="replace") as f:
            words.update(line.strip().lower() for line in f)
    found = [e.key for e in read_dictionary(ENGLISH) if e.key.lower() in words]
    assert not found
