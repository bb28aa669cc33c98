"""Rows of triggers.fr.breadth.tsv fire on sentences other than their own examples, with the row's CAMEO code
and the parties in the right direction (sentences written for this test)."""
from __future__ import annotations

import pytest

from chronique.events.lexicon import _rows as lexicon_rows

CASES = [
    ("Le Qatar a lancé un appel au cessez-le-feu à Israël.", "0256", "QAT", "ISR"),
    ("L'Égypte a lancé un appel à la retenue à l'Éthiopie.", "0256", "EGY", "ETH"),
    ("La Ligue arabe a appelé la Libye à une solution politique.", "027", "IGO", "LBY"),
    ("Le Brésil a promis des missiles à l'Ukraine.", "0332", "BRA", "UKR"),
    ("Le Japon a renforcé ses liens avec l'Inde.", "050", "JPN", "IND"),
    ("L'Union africaine a facilité les négociations entre le Soudan et le Soudan du Sud.", "045", "IGO", "SSD"),
    ("La Suède a livré des obus à l'Ukraine.", "072", "SWE", "UKR"),
    ("L'Arménie a accepté des observateurs de l'Union européenne.", "0862", "ARM", "IGO"),
    ("L'Iran a suspendu ses frappes contre le Pakistan.", "087", "IRN", "PAK"),
    ("La Turquie a exigé de la Finlande l'extradition de militants kurdes.", "1013", "TUR", "FIN"),
    ("La Pologne a accusé la Biélorussie d'ingérence.", "1123", "POL", "BLR"),
    ("La Chine a agité la menace contre Taïwan.", "130", "CHN", "TWN"),
    ("La Corée du Sud a mené un exercice naval contre la Corée du Nord.", "150", "KOR", "PRK"),
    ("La Russie a dépêché un porte-avions vers la Syrie.", "154", "RUS", "SYR"),
    ("La Chine a restreint ses exportations vers les États-Unis.", "163", "CHN", "USA"),
    ("La Corée du Nord s'est retirée des négociations avec le Japon.", "164", "PRK", "JPN"),
    ("Le Burkina Faso a ordonné l'expulsion de diplomates français.", "161", "BFA", "FRA"),
    ("L'armée soudanaise a largué des bombes sur le Soudan du Sud.", "195", "SDN", "SSD"),
]


def test_breadth_file_is_loaded_with_the_french_triggers():
    rows = lexicon_rows("triggers.fr.breadth.tsv")
    assert len(rows) > 400
    assert all(len(r) == 5 for r in rows)


@pytest.mark.parametrize("text, cameo, source, target", CASES, ids=[c[1] + "-" + c[0][:30] for c in CASES])
def test_breadth_row_codes_the_event(pipeline, text, cameo, source, target):
    result = pipeline.extract_text(text, language="fr", published="2024-05-10")
    found = [(e.cameo, e.source.country if e.source else None, e.target.country if e.target else None) for e in result.events]
    assert (cameo, source, target) in found, found
