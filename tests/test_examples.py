"""The project's own example articles (examples/): a visit, a criticism, an arrest, a protest, in both languages."""
from __future__ import annotations


def _find(result, root, source_country=None, target_country=None):
    return [e for e in result.events if e.cameo_root == root
            and (source_country is None or e.source.country == source_country)
            and (target_country is None or (e.target is not None and e.target.country == target_country))]


def test_examples_all_extract(example_results, schema_validator):
    assert len(example_results) == 4
    for name, result in example_results.items():
        assert result.ok, (name, result.error)
        assert not list(schema_validator.iter_errors(result.to_dict())), name


def test_english_meeting(example_results):
    r = example_results["talks-and-arrest.en.txt"]
    meetings = [e for e in _find(r, "04", "IDN", "AUS") + _find(r, "04", "AUS", "IDN")
                if {e.source.name, e.target.name} == {"Budi Santoso", "Laura Hughes"}]
    assert meetings, [(e.source.name, e.target.name, e.cameo) for e in r.events]
    e = meetings[0]
    assert e.date is not None and e.date.value.isoformat() == "2025-03-13"
    assert e.location is not None and e.location.country == "IDN"


def test_english_criticism_and_arrest(example_results):
    r = example_results["talks-and-arrest.en.txt"]
    assert _find(r, "11", target_country="IDN"), [(e.source.name, e.cameo) for e in r.events]
    arrests = _find(r, "17", "IDN")
    assert arrests and arrests[0].source.sector in ("POL", "GOV")


def test_english_quote_with_speaker(example_results):
    r = example_results["talks-and-arrest.en.txt"]
    assert any(q.speaker.name == "Laura Hughes" and q.direct and q.text.startswith("Our partnership") for q in r.quotes)


def test_english_protest_threat_rejection(example_results):
    r = example_results["protest-sanctions.en.txt"]
    assert _find(r, "11", "IGO", "GEO")  # the EU condemned the law
    assert _find(r, "13", "IGO", "GEO") or _find(r, "16", "IGO", "GEO")  # threatened Georgia with sanctions
    assert _find(r, "11", "GEO", "IGO") or _find(r, "12", "GEO", "IGO")  # rejected/accused the EU
    assert any(q.speaker.name == "Irakli Beridze" for q in r.quotes)


def test_french_visit_and_agreement(example_results):
    r = example_results["visite-dakar.fr.txt"]
    meetings = _find(r, "04", "JPN", "SEN")
    assert meetings and meetings[0].date.value.isoformat() == "2025-03-13"
    assert meetings[0].location is not None and meetings[0].location.name == "Dakar"
    assert any(q.speaker.name == "Kenji Moriyama" and q.direct for q in r.quotes)
    assert any(q.speaker.name == "Amadou Faye" for q in r.quotes)
    assert [x.kind for x in r.removed] == ["caption", "boilerplate"]


def test_french_criticism_arrest_demand(example_results):
    r = example_results["critique-teheran.fr.txt"]
    assert _find(r, "11", "FRA", "IRN")
    arrests = _find(r, "17", "IRN")
    assert arrests and any(e.date and e.date.value.isoformat() == "2025-03-03" for e in arrests)
    assert _find(r, "10", "FRA", "IRN") or _find(r, "02", "FRA", "IRN")
    speakers = {q.speaker.name for q in r.quotes}
    assert "Claire Duval" in speakers
