"""A reaction aimed at an act told before: its target is the act's author (events/discourse.py)."""
from __future__ import annotations

import pytest

from chronique.events.lexicon import act_nouns

FLOOR = 0.7


def _triples(result):
    return {(e.source.country, e.target.country if e.target else None, e.cameo_root) for e in result.events}


@pytest.mark.parametrize("lang, text, expected", [
    # the passive of a reaction: every coordinated agent reacts, to the author of the act named by the subject
    ("en", "Soldiers in Niger seized power on Wednesday and detained President Mohamed Bazoum. The coup has been widely "
           "condemned by the United States, the African Union and France.",
     {("USA", "NER", "11"), ("IGO", "NER", "11"), ("FRA", "NER", "11")}),
    ("en", "Soldiers in Niger detained President Mohamed Bazoum on Wednesday. The United States and France condemned the coup.",
     {("USA", "NER", "11"), ("FRA", "NER", "11")}),
    # a noun of any act ("the move") names the latest act told
    ("en", "Russia expelled two British diplomats on Monday. Britain condemned the move.", {("GBR", "RUS", "11")}),
    ("fr", "Le Mali a rompu ses relations diplomatiques avec la France. La France a critiqué cette décision.", {("FRA", "MLI", "11")}),
])
def test_a_reaction_to_an_act_told_before_targets_its_author(pipeline, lang, text, expected):
    triples = _triples(pipeline.extract_text(text, language=lang, published="2024-05-15"))
    assert expected <= triples, triples


@pytest.mark.parametrize("lang, text", [
    # an indefinite noun is a new act, not one told before; nothing told before, no target
    ("en", "Russia expelled two British diplomats on Monday. Britain condemned a move by Iran."),
    ("en", "Britain condemned the move."),
])
def test_no_earlier_act_no_reaction_target(pipeline, lang, text):
    triples = _triples(pipeline.extract_text(text, language=lang, published="2024-05-15"))
    assert ("GBR", "RUS", "11") not in triples, triples


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_act_noun_examples_read_back(pipeline, lang):
    """Each act noun's example, written for the project: the reaction in its second sentence targets the first's author."""
    from chronique.events.lexicon import _rows

    rows = [r for r in _rows(f"act_nouns.{lang}.tsv") if len(r) > 2]
    assert len(rows) == len(act_nouns(lang)) >= 15
    coded = 0
    for _, _, example in rows:
        result = pipeline.extract_text(example.strip(), language=lang, published="2024-05-15")
        first = [e for e in result.events if e.sentence.start == 0]
        later = [e for e in result.events if e.sentence.start > 0]
        coded += bool(first and later and any(e.target.actor == first[0].source.actor for e in later if e.target))
    print(f"\n{lang}: {coded} of {len(rows)} act-noun examples read back")
    # measured when written: en 13 of 18, fr 17 of 17 (the small parsers miss some first acts)
    assert coded / len(rows) >= FLOOR, coded
