"""Repairs of the small French model's parse (nlp.py): a past participle tagged as an adverb, adjective or noun
after its auxiliary is the clause's verb again, so the coder sees the act; a manner adverb tagged as a verb is an
adverb again; a typographic apostrophe reads as the straight one."""
from __future__ import annotations

import pytest

from chronique.nlp import load_model


@pytest.mark.parametrize("text, word, lemma", [
    ("La France a expulsé deux diplomates russes.", "expulsé", "expulser"),
    ("Le Pérou a expulsé lundi deux diplomates chiliens.", "expulsé", "expulser"),
    ("Le président a félicité son homologue.", "félicité", "féliciter"),
    ("Il a visité Moscou.", "visité", "visiter"),
    ("La Russie a annexé la Crimée.", "annexé", "annexer"),
])
def test_a_participle_after_its_auxiliary_is_the_verb(text, word, lemma):
    doc = load_model("fr")(text)
    verb = next(t for t in doc if t.text == word)
    assert (verb.pos_, verb.lemma_) == ("VERB", lemma)
    assert verb.dep_ == "ROOT"
    assert all(t.head.i == verb.i for t in doc if t.dep_ in ("nsubj", "obj") or t.lower_ in ("a", "."))


@pytest.mark.parametrize("text, word", [
    ("Le marché a été fermé.", "été"),
])
def test_words_that_are_no_participles_are_left_alone(text, word):
    doc = load_model("fr")(text)
    assert next(t for t in doc if t.text == word).lemma_ != word[:-1] + "er"


@pytest.mark.parametrize("text, expected", [
    ("La France a expulsé deux diplomates russes.", ("FRA", "RUS", "161")),
    ("Le Pérou a expulsé lundi deux diplomates chiliens.", ("PER", "CHL", "161")),
    ("Le président sénégalais a félicité son homologue ivoirien.", ("SEN", "CIV", "051")),
])
def test_the_repaired_verb_is_coded(pipeline, text, expected):
    result = pipeline.extract_text(text, language="fr", published="2024-05-15")
    assert expected in {(e.source.country, e.target.country, e.cameo) for e in result.events}


@pytest.mark.parametrize("text, word", [
    ("L'opposant a été brièvement arrêté à Dakar.", "brièvement"),
    ("Les manifestants ont été violemment dispersés.", "violemment"),
    ("Le régime a progressivement durci la répression.", "progressivement"),
])
def test_a_manner_adverb_is_no_verb(text, word):
    doc = load_model("fr")(text)
    adverb = next(t for t in doc if t.text == word)
    assert adverb.pos_ == "ADV"
    assert adverb.head.pos_ == "VERB" and adverb.head.i != adverb.i


@pytest.mark.parametrize("text, word", [("Ils estiment que la loi est injuste.", "estiment"),
                                        ("Les militaires répriment la foule.", "répriment")])
def test_verbs_ending_in_ment_stay_verbs(text, word):
    doc = load_model("fr")(text)
    assert next(t for t in doc if t.text == word).pos_ == "VERB"


def test_a_typographic_apostrophe_reads_as_a_straight_one():
    straight = load_model("fr")("L'opposant a été arrêté à Dakar.")
    curly = load_model("fr")("L\u2019opposant a été arrêté à Dakar.")
    assert curly.text == "L\u2019opposant a été arrêté à Dakar."  # the text stays as written
    assert [(t.pos_, t.dep_, t.head.i) for t in curly] == [(t.pos_, t.dep_, t.head.i) for t in straight]


@pytest.mark.parametrize("text", [
    "L’opposant sénégalais Barthélémy Dias a de nouveau été brièvement arrêté à Dakar, mercredi.",
    "L'opposant sénégalais Barthélémy Dias a de nouveau été brièvement arrêté à Dakar, mercredi.",
])
def test_an_arrest_told_with_both_repairs_is_coded(pipeline, text):
    result = pipeline.extract_text(text, language="fr", published="2024-05-15")
    assert ("SEN", "SEN", "173") in {(e.source.country, e.target.country, e.cameo) for e in result.events}
    assert all(text[e.sentence.start:e.sentence.end] == e.sentence.text for e in result.events)
