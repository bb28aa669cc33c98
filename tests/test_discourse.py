"""Counterparts told outside the sentence: a pronoun going on with the body named before, a criticism aimed at
whoever did the act at issue, a speech verb after its quote, "the two sides" (sentences written for the project)."""
from __future__ import annotations

import pytest


def _triples(result):
    return {(e.source.country, e.target.country if e.target else None, e.cameo_root) for e in result.events}


@pytest.mark.parametrize("lang, text, expected, absent", [
    # a main-clause "it"/"ils" goes on with the body that was the subject of the sentence before
    ("en", "The African Union suspended Mali on Friday. It also called on the Malian junta to hold elections.",
     ("IGO", "MLI", "02"), None),
    ("fr", "Les syndicats belges ont manifesté jeudi à Bruxelles. Ils ont accusé le gouvernement de vouloir rogner "
           "les pensions.", ("BEL", "BEL", "11"), None),
    # an impersonal "it is" is no one
    ("en", "The African Union suspended Mali on Friday. It is the third suspension this year, Mali said.",
     ("IGO", "MLI", "16"), ("IGO", "IGO", "16")),
    # a criticism that names no one is aimed at whoever did the latest hostile act
    ("en", "Turkish police detained Istanbul mayor Ekrem Imamoglu on Wednesday. The European Union denounced a "
           "serious blow to democracy.", ("IGO", "TUR", "11"), None),
    ("fr", "La police turque a arrêté mercredi le maire d'Istanbul Ekrem Imamoglu. L'Union européenne a dénoncé un "
           "coup grave porté à la démocratie.", ("IGO", "TUR", "11"), None),
    # the speaker of a verb that follows its quote is its subject, not its object
    ("fr", "La police turque a arrêté mercredi le maire d'Istanbul Ekrem Imamoglu. « C'est un coup grave porté à la "
           "démocratie », a déploré l'Union européenne.", ("IGO", "TUR", "11"), ("TUR", "IGO", "11")),
    # "the two sides" are the parties, not the place where they met
    ("en", "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti held talks in Brussels on "
           "Monday. On Tuesday, the two sides signed an agreement.", ("SRB", "XKX", "05"), ("SRB", "BEL", "05")),
])
def test_a_counterpart_told_outside_the_sentence(pipeline, lang, text, expected, absent):
    triples = _triples(pipeline.extract_text(text, language=lang, published="2024-05-10"))
    assert expected in triples
    if absent is not None:
        assert absent not in triples


def test_a_place_is_where_a_joint_act_happened_not_its_counterpart_but_an_attack_strikes_it(pipeline):
    for lang, text in (("en", "Kosovo Prime Minister Albin Kurti held talks in Brussels on Monday."),
                       ("fr", "Le Premier ministre kosovar Albin Kurti a eu des entretiens à Bruxelles lundi.")):
        assert ("XKX", "BEL", "04") not in _triples(pipeline.extract_text(text, language=lang, published="2024-05-10"))
    strikes = pipeline.extract_text("Israeli jets carried out strikes in Lebanon on Monday.", language="en",
                                    published="2024-05-10")
    assert ("ISR", "LBN", "19") in _triples(strikes)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Les Russes ont bombardé Kharkiv lundi."),  # the parser's NER calls Kharkiv a person here
    ("en", "Russian forces shelled Mariupol on Monday."),  # and Mariupol an organization
])
def test_an_attack_on_a_city_strikes_its_state_even_when_the_article_never_names_the_state(pipeline, lang, text):
    result = pipeline.extract_text(text, language=lang, published="2024-05-10")
    assert ("RUS", "UKR", "19") in _triples(result)
    ukraine = next(a for a in result.actors if a.country == "UKR")
    assert ukraine.kind == "country" and ukraine.mentions == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The European Union denounced a serious blow to democracy."),
    ("fr", "« C'est un coup grave porté à la démocratie », a déploré l'Union européenne."),
])
def test_a_criticism_with_no_act_told_before_is_no_event(pipeline, lang, text):
    assert not [e for e in pipeline.extract_text(text, language=lang, published="2024-05-10").events
                if e.cameo_root == "11"]


DHAKA = ("DHAKA, Bangladesh (AP) — Thousands of students marched in Dhaka on Tuesday against the job quotas. "
         "Police fired tear gas and rubber bullets.")


@pytest.mark.parametrize("lang, text, expected, absent", [
    # a protest told without its counterpart is against the state where it happens
    ("en", DHAKA, ("BGD", "BGD", "14"), None),
    # the police's tear gas strikes the protesters told before
    ("en", DHAKA, ("BGD", "BGD", "17"), None),
    # a state's protest is a diplomatic one: with no counterpart named, no event, and none from the protest before
    ("en", DHAKA + " Pakistan also protested on Wednesday.", ("BGD", "BGD", "14"), ("PAK", "BGD", "14")),
])
def test_the_other_side_of_a_domestic_standoff(pipeline, lang, text, expected, absent):
    test_a_counterpart_told_outside_the_sentence(pipeline, lang, text, expected, absent)
