"""Offline geocoding, the place of an event, datelines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronique.nlp import load_model
from chronique.places import dateline_place, find_place, geocode, name_key

GOLD_DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "dev"


@pytest.fixture(scope="session")
def parse():
    """Parse one sentence with the project's spaCy model for ``lang`` (models load once)."""
    def _parse(text: str, lang: str):
        doc = load_model(lang)(text)
        return next(iter(doc.sents))
    return _parse


@pytest.mark.parametrize("name, country, lat, lon", [
    ("Astana", "KAZ", 51.18, 71.45),
    ("Nour-Soultan", "KAZ", 51.18, 71.45),
    ("Nur-Sultan", "KAZ", 51.18, 71.45),
    ("Pékin", "CHN", 39.9, 116.4),
    ("Pekin", "CHN", 39.9, 116.4),  # not Pekin, Illinois: Beijing dwarfs it
    ("Beijing", "CHN", 39.9, 116.4),
    ("Moscou", "RUS", 55.75, 37.62),
    ("Washington", "USA", 38.9, -77.04),  # the capital, not the state nor the English town
    ("Kiev", "UKR", 50.45, 30.52),
    ("Kyiv", "UKR", 50.45, 30.52),
    ("Genève", "CHE", 46.2, 6.15),
    ("geneve".capitalize(), "CHE", 46.2, 6.15),
    ("Bruxelles", "BEL", 50.85, 4.35),
    ("Londres", "GBR", 51.51, -0.13),
    ("Téhéran", "IRN", 35.69, 51.42),
    ("Riyad", "SAU", 24.69, 46.72),
    ("Islamabad", "PAK", 33.72, 73.04),  # a capital keeps its name against bigger namesakes
    ("Abou Dhabi", "ARE", 24.47, 54.37),
    ("Le Caire", "EGY", 30.06, 31.25),
    ("BEYROUTH", "LBN", 33.89, 35.5),
])
def test_geocode_cities(name, country, lat, lon):
    loc = geocode(name)
    assert loc is not None and loc.country == country
    assert loc.lat == pytest.approx(lat, abs=0.1) and loc.lon == pytest.approx(lon, abs=0.1)


@pytest.mark.parametrize("name, country", [
    ("Kazakhstan", "KAZ"), ("Chine", "CHN"), ("Birmanie", "MMR"), ("Liban", "LBN"),
    ("la France", "FRA"), ("Etats-Unis", "USA"), ("États-Unis", "USA"), ("the Netherlands", "NLD"),
    ("Arabie saoudite", "SAU"), ("Côte d’Ivoire", "CIV"), ("Corée du Nord", "PRK"),
    ("Myanmar", "MMR"), ("U.S.", "USA"), ("Royaume-Uni", "GBR"), ("Israël", "ISR"),
])
def test_geocode_countries_have_capital_coordinates(name, country):
    loc = geocode(name)
    assert loc is not None and loc.country == country
    assert loc.lat is not None and loc.lon is not None


@pytest.mark.parametrize("name, expected", [
    ("la France", "France"),  # a lowercase article is no part of the name
    ("Le Caire", "Le Caire"),  # a capitalised one is
    ("ASTANA", "Astana"),
    ("Beijing's", "Beijing"),
])
def test_geocode_keeps_the_written_name(name, expected):
    assert geocode(name).name == expected


@pytest.mark.parametrize("name", [
    "paris",  # lowercase: a common word
    "jeudi", "Mai", "Thursday", "March",  # calendar words
    "Les", "Selon", "But", "One",  # stop words that are alternate names of towns
    "Florence", "Victoria", "Vladimir", "David", "Martin",  # first names that are towns
    "Union", "Police", "North",  # common words that are towns
    "Otan", "Hamas", "Xinhua",  # organisations
    "Griner", "Macron", "",  "   ", "A",
])
def test_geocode_refuses_common_words_and_names(name):
    assert geocode(name) is None


def test_name_key_is_accent_case_and_article_insensitive():
    assert name_key("Pékin") == name_key("PEKIN") == name_key("pekin")
    assert name_key("la Chine") == name_key("Chine")
    assert name_key("Nour-Soultan") == name_key("Nour Soultan")
    assert name_key("Haïti") == "haiti"


@pytest.mark.parametrize("lang, sentence, name, country", [
    ("fr", "Le président a rencontré jeudi à Astana son homologue kazakh.", "Astana", "KAZ"),
    ("fr", "Des combats ont éclaté en Syrie dans la nuit.", "Syrie", "SYR"),
    ("fr", "Le ministre est arrivé mardi au Kazakhstan.", "Kazakhstan", "KAZ"),
    ("fr", "Des affrontements ont eu lieu en Syrie et à Alep.", "Alep", "SYR"),  # a city beats its country
    ("fr", "Le président a promis à Beyrouth l'aide de la France au Liban.", "Beyrouth", "LBN"),
    ("fr", "Une trêve est entrée en vigueur dans la bande de Gaza.", "bande de Gaza", "PSE"),
    ("fr", "Une explosion a retenti près de Kaboul.", "Kaboul", "AFG"),
    ("fr", "La réunion s'est tenue aux Etats-Unis.", "Etats-Unis", "USA"),
    ("fr", "Les manifestants se sont rassemblés à Nour-Soultan.", "Nour-Soultan", "KAZ"),
    ("en", "He was arrested at a hotel in Bangkok in 2008.", "Bangkok", "THA"),
    ("en", "He was arrested at a hotel in the Thai capital Bangkok.", "Bangkok", "THA"),
    ("en", "The reporter was detained at a Moscow airport.", "Moscow", "RUS"),
    ("en", "A car bomb exploded near Kabul on Tuesday.", "Kabul", "AFG"),
    ("en", "The talks were held in Astana, Kazakhstan.", "Astana", "KAZ"),
    ("en", "The foreign minister flew to Brussels for talks.", "Brussels", "BEL"),
    ("en", "He was detained in the Ural Mountains city of Yekaterinburg.", "Yekaterinburg", "RUS"),
    ("en", "Protests spread across Iran after her death.", "Iran", "IRN"),
    # the small English model labels "Dakar" a person here; after "in" no person stands
    ("en", "Opposition leader Ousmane Sonko was arrested in Dakar on Wednesday.", "Dakar", "SEN"),
])
def test_find_place(parse, lang, sentence, name, country):
    loc = find_place(parse(sentence, lang), lang)
    assert loc is not None
    assert (loc.name, loc.country) == (name, country)


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Washington a déclaré que les sanctions resteraient en vigueur."),  # a metonym subject
    ("fr", "Le texte demande à la Syrie de fournir ses plans de vol."),  # "à" + country: a dative
    ("fr", "Les Etats-Unis et la Chine ont signé un accord commercial."),
    ("fr", "Le gouvernement de Kiev a rejeté la proposition."),
    ("fr", "Le ministre a appelé jeudi à la retenue."),
    ("en", "Washington said the sanctions would stay in place."),
    ("en", "Russia fired cruise missiles at Ukraine."),  # "at" + country: a target
    ("en", "Moscow expelled ten diplomats in response."),
    ("en", "They cited interference in the 2020 U.S. elections."),  # a modifier, not a place
    ("en", "The minister met Florence Parly in the morning."),
    ("en", "The minister spoke to Jordan Bardella on Monday."),  # a person after "to" stays a person
])
def test_find_place_negative(parse, lang, sentence):
    assert find_place(parse(sentence, lang), lang) is None


@pytest.mark.parametrize("text, lang, name, country", [
    ("ASTANA, 13 octobre (Xinhua) -- Le président chinois est arrivé.", "fr", "Astana", "KAZ"),
    ("PARIS (AFP) - Le gouvernement a annoncé jeudi.", "fr", "Paris", "FRA"),
    ("Moscou, le 5 mai — Le Kremlin a démenti.", "fr", "Moscou", "RUS"),
    ("(Manille) Le président a refusé de coopérer.", "fr", "Manille", "PHL"),
    ("MOSCOW: The Kremlin said on Tuesday.", "en", "Moscow", "RUS"),
    ("KABUL, Aug 26 (Reuters) - Two blasts hit the airport.", "en", "Kabul", "AFG"),
    ("UNITED NATIONS, United States -- Russia vetoed the draft.", "en", "United States", "USA"),
    ("Sanctions against the junta\n\nWASHINGTON, Feb 22 (Reuters) - The US imposed sanctions.",
     "en", "Washington", "USA"),  # a headline may come first
])
def test_dateline_place(text, lang, name, country):
    loc = dateline_place(text, lang)
    assert loc is not None and (loc.name, loc.country) == (name, country)


@pytest.mark.parametrize("text, lang", [
    ("Paris, la capitale, a accueilli le sommet - sans incident.", "fr"),  # no date, no agency
    ("Le président a déclaré: nous ne céderons pas.", "fr"),
    ("Washington and Moscow traded blame on Tuesday.", "en"),
    ("BREAKING: talks collapse in Geneva.", "en"),
])
def test_dateline_place_negative(text, lang):
    assert dateline_place(text, lang) is None


@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="shared gold set not available")
def test_gold_dev_location_countries(parse):
    """On the dev gold events that have a location, find_place on the evidence must find the gold
    country often and almost never a wrong one.

    Measured on all 80 dev articles: 81 of 218 located events right (0.37), 8 wrong (0.04). Most misses are
    out of this function's reach: for 110 of the 218 the gold place is not named in the evidence sentence at
    all (a dateline, an earlier sentence). Where it is named, 63 of 102 are right (0.62). The first 32
    articles alone gave 0.45 overall. Floors sit just below the measured shares.
    """
    total = right = wrong = named = named_right = 0
    for path in sorted(GOLD_DEV.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        lang = article["language"]
        for event in article["events"]:
            gold = event["location"]
            if not gold:
                continue
            doc = load_model(lang)(event["evidence"])
            loc = next((p for s in doc.sents if (p := find_place(s, lang)) is not None), None)
            total += 1
            right += loc is not None and loc.country == gold["country"]
            wrong += loc is not None and loc.country != gold["country"]
            if gold["name"] and gold["name"] in event["evidence"]:
                named += 1
                named_right += loc is not None and loc.country == gold["country"]
    assert total >= 200 and named >= 90
    assert right / total >= 0.35
    assert named_right / named >= 0.58
    assert wrong / total <= 0.06


def test_a_region_the_model_takes_for_a_body_is_no_actor(pipeline):
    # the small English model labels "Crimea" an organization here
    result = pipeline.extract_text("Crimea was annexed by Russia in 2014.", language="en", published="2024-05-10")
    assert not [a.name for a in result.actors if any(m.text == "Crimea" for m in a.mentions)]
