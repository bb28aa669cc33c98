"""Appeals and demands are coded by what they ask; the act asked for is no event (sentences written for the project)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Kenyan president called on Uganda on Tuesday to withdraw its troops from the border.",
     ("KEN", "UGA", "0256")),
    ("en", "Kenya demanded that Uganda withdraw its troops.", ("KEN", "UGA", "1056")),
    ("en", "The Kenyan president urged Somalia on Friday to release the detained aid workers.", ("KEN", "SOM", "0253")),
    ("fr", "Le président français a exigé que la Russie retire ses troupes.", ("FRA", "RUS", "1056")),
    ("fr", "Le ministre turc a exhorté la Russie à retirer ses troupes.", ("TUR", "RUS", "0256")),
    ("fr", "La France a appelé l'Iran à libérer les deux journalistes français.", ("FRA", "IRN", "0253")),
    # the one told is the "à" phrase of an order ("stop" the fighting, not "arrest" anyone)
    ("fr", "La Cour internationale de justice a ordonné à la Russie d'arrêter les hostilités en Ukraine.",
     ("IGO", "RUS", "1056")),
])
def test_an_appeal_is_coded_by_what_it_asks_and_the_act_asked_for_did_not_happen(pipeline, lang, text, expected):
    result = pipeline.extract_text(text, language=lang, published="2024-05-10")
    records = {(e.source.country, e.target.country, e.cameo) for e in result.events}
    assert records == {expected}, records


@pytest.mark.parametrize("lang, text, expected", [
    # not asked: done ("forced Russia to withdraw"), or the subject's own purpose ("met ... to sign")
    ("en", "Kenya met Uganda on Tuesday to sign a trade agreement.", ("KEN", "UGA", "04")),
    ("en", "Kenyan mediators persuaded Uganda to sign a ceasefire with Sudan.", ("UGA", "SDN", "05")),
    ("en", "Kenya helped Uganda to negotiate a ceasefire with Sudan.", ("UGA", "SDN", "04")),
])
def test_acts_not_asked_for_stay(pipeline, lang, text, expected):
    result = pipeline.extract_text(text, language=lang, published="2024-05-10")
    records = {(e.source.country, e.target.country, e.cameo_root) for e in result.events}
    assert expected in records, records


def test_every_asked_act_row_names_real_codes_of_the_right_roots():
    from chronique import tables
    from chronique.events.lexicon import _asked_acts

    rows = _asked_acts()
    assert len(rows) >= 20
    for act, appeal, demand, intent in rows:
        assert tables.cameo_code(act) or tables.cameo_code(act + "0"), act
        assert appeal.startswith("02") and tables.cameo_code(appeal), appeal
        assert demand.startswith("10") and tables.cameo_code(demand), demand
        assert intent.startswith("03") and tables.cameo_code(intent), intent
