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
