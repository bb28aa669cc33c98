"""Repairs of the small French model's parse (nlp.py): a past participle tagged as an adverb, adjective or noun
after its auxiliary is the clause's verb again, so the coder sees the act."""
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
