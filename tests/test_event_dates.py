"""When an act happened, read from its clause and the clauses around it (sentences written for the project;
published Friday 10 May 2024)."""
from __future__ import annotations

import pytest

PUBLISHED = "2024-05-10"


def _dates(result, root):
    return {e.date.value.isoformat() if e.date and e.date.value else None
            for e in result.events if e.cameo_root == root}


@pytest.mark.parametrize("lang, text, root, expected", [
    # "a day after", "deux jours après que", "three days before": counted from the main clause's date
    ("en", ("Kenya's foreign minister flew to Kampala on Tuesday for talks a day after Nairobi accused Uganda of "
            "spying."), "11", {"2024-05-06"}),
    ("fr", ("Le ministre kényan s'est rendu mardi à Kampala, deux jours après que Nairobi a accusé l'Ouganda "
            "d'espionnage."), "11", {"2024-05-05"}),
    ("en", "Kenya expelled two Ugandan diplomats on Monday, two days before Uganda expelled four Kenyan diplomats.",
     "16", {"2024-05-06", "2024-05-08"}),
    # "after" alone: before the main event, by how much unsaid; not the main clause's day
    ("en", "Kenya met Uganda on Tuesday after Uganda accused Kenya of spying.", "11", {None}),
    # an act someone is held "responsible for" was done before the sentence's news; its own phrase dates it
    ("en", ("Canada on Thursday sanctioned Iran's Morality Police, the entity responsible for the arrest of the "
            "Canadian student Mary Tremblay."), "17", {None}),
])
def test_an_act_dated_from_another_clause(pipeline, lang, text, root, expected):
    result = pipeline.extract_text(text, language=lang, published=PUBLISHED)
    assert _dates(result, root) == expected, [(e.cameo, e.date) for e in result.events]


def test_a_passive_relative_clause_names_its_antecedent_and_its_date(pipeline):
    text = "Canada protested the death of Mary Tremblay, a Canadian student who was arrested in Tehran on May 3."
    result = pipeline.extract_text(text, language="en", published=PUBLISHED)
    arrests = [(e.target.name, e.date.value.isoformat() if e.date and e.date.value else None)
               for e in result.events if e.cameo_root == "17"]
    assert arrests == [("Mary Tremblay", "2024-05-03")], arrests


def test_an_act_told_twice_by_the_state_and_by_its_police_is_one_record(pipeline):
    text = ("Mary Tremblay, a Canadian student who was arrested in Tehran on May 3, died in custody. Canada on "
            "Thursday sanctioned Iran's Morality Police, the entity responsible for the arrest of Mary Tremblay.")
    result = pipeline.extract_text(text, language="en", published=PUBLISHED)
    arrests = [(e.target.name, e.date.value.isoformat() if e.date and e.date.value else None)
               for e in result.events if e.cameo_root == "17"]
    assert arrests == [("Mary Tremblay", "2024-05-03")], arrests


@pytest.mark.parametrize("lang, text, root, expected", [
    # a definite act noun with no date of its own is the act of that kind told before ("the twin explosions"
    # after "two attacks rocked the airport Thursday"); violent acts are told again under other nouns
    ("en", ("Five Kenyan soldiers were killed Tuesday in Somalia when two bombs rocked their base. Al-Shabaab "
            "claimed responsibility for the twin explosions, which killed five Kenyan soldiers."), "18",
     {"2024-05-07"}),
    ("fr", ("Cinq soldats kényans ont été tués mardi en Somalie quand deux bombes ont frappé leur base. Les shebab "
            "ont revendiqué l'explosion qui a tué les soldats kényans."), "18", {"2024-05-07"}),
])
def test_an_act_told_again_keeps_its_date(pipeline, lang, text, root, expected):
    result = pipeline.extract_text(text, language=lang, published=PUBLISHED)
    assert _dates(result, root) == expected, [(e.cameo, e.date) for e in result.events]


@pytest.mark.parametrize("lang, text", [
    # received in a place with no host named: the place's state hosts; an opening participle with an agent
    # tells its own act, on its own day
    ("en", "Welcomed by the French prime minister on Sunday, the Chinese president was received in Paris on Monday."),
    ("fr", "Accueilli par le Premier ministre français la veille, le président chinois est reçu lundi à Paris."),
])
def test_a_visit_received_on_two_days_is_two_acts(pipeline, lang, text):
    result = pipeline.extract_text(text, language=lang, published="2024-05-06")
    hosted = sorted((e.source.country, e.target.country, e.date.value.isoformat()) for e in result.events
                    if e.cameo == "043")
    assert hosted == [("FRA", "CHN", "2024-05-05"), ("FRA", "CHN", "2024-05-06")], hosted
