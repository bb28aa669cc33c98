"""Criticism told as an evaluation (events/evaluations.py): calling an act or a party unacceptable criticizes it."""
from __future__ import annotations

import pytest


def _triples(result):
    return {(e.source.country, e.target.country if e.target else None, e.cameo_root) for e in result.events}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Chinese foreign ministry called the American drills irresponsible.", ("CHN", "USA", "11")),
    ("en", "Seoul described the North Korean launches as provocative.", ("KOR", "PRK", "11")),
    ("en", "Canada said the Iranian verdict was outrageous.", ("CAN", "IRN", "11")),
    ("en", "France said the Malian decision was not acceptable.", ("FRA", "MLI", "11")),
    ("en", "Ukraine called the Russian strikes criminal.", ("UKR", "RUS", "11")),
    ("fr", "Séoul a qualifié les tirs nord-coréens de provocateurs.", ("KOR", "PRK", "11")),
    ("fr", "L'Union africaine a qualifié la junte guinéenne d'illégitime.", ("IGO", "GIN", "11")),
    ("fr", "Le Canada a jugé le verdict iranien scandaleux.", ("CAN", "IRN", "11")),
    # words of the wider list
    ("en", "Poland called the Russian air strikes abhorrent.", ("POL", "RUS", "11")),
    ("en", "The Kenyan government described the Ugandan measures as discriminatory.", ("KEN", "UGA", "11")),
    # a demonstrative points back to the latest hostile act told before: its author is criticized
    ("en", 'Peru expelled two Chilean diplomats on Monday. "This is unacceptable," Chilean Foreign Minister Alberto van '
           'Klaveren said.', ("CHL", "PER", "11")),
    ("fr", "Le Pérou a expulsé lundi deux diplomates chiliens. « C'est inacceptable », a déclaré le ministre chilien "
           "des Affaires étrangères Alberto van Klaveren.", ("CHL", "PER", "11")),
    ("fr", "Le Pérou a expulsé lundi deux diplomates chiliens. « C'est une décision inacceptable », a déclaré le "
           "ministre chilien des Affaires étrangères Alberto van Klaveren.", ("CHL", "PER", "11")),
    # a passive verb of the list, negated, judges its subject
    ("en", "Japan said the North Korean missile launches would not be tolerated.", ("JPN", "PRK", "11")),
    ("en", 'North Korea fired two missiles toward Japan on Thursday. "This cannot be tolerated," Japanese Prime '
           'Minister Fumio Kishida said.', ("JPN", "PRK", "11")),
    ("fr", "La Corée du Nord a tiré jeudi deux missiles vers le Japon. « Cela ne peut absolument pas être toléré », a "
           "déclaré le Premier ministre japonais Fumio Kishida.", ("JPN", "PRK", "11")),
])
def test_a_negative_evaluation_is_a_criticism(pipeline, lang, text, expected):
    assert expected in _triples(pipeline.extract_text(text, language=lang, published="2024-05-15"))


@pytest.mark.parametrize("lang, text", [
    # a word that criticizes only when negated, not negated; a negated criticism; an attribute in the narration
    ("en", "France said the Malian decision was acceptable."),
    ("en", "Canada said the Iranian verdict was not outrageous."),
    ("en", "The irresponsible drills began on Monday near the Chinese coast."),
    ("en", "Japan said the North Korean missile launches would be tolerated."),
    ("en", "Japan will not tolerate North Korean provocations."),  # the active verb is no judging
    ("fr", "Le Japon a déclaré que les tirs nord-coréens seraient tolérés."),
])
def test_no_criticism_without_a_negative_judgement(pipeline, lang, text):
    assert not {t for t in _triples(pipeline.extract_text(text, language=lang, published="2024-05-15")) if t[2] == "11"}


def test_an_act_is_judged_through_its_author_not_its_target(pipeline):
    text = '"This dangerous Iranian escalation against Lebanon must stop," the Saudi foreign minister said.'
    triples = _triples(pipeline.extract_text(text, language="en", published="2024-05-15"))
    assert ("SAU", "LBN", "11") not in triples, triples
