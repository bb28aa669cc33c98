"""The actor knowledge base: its derived files rebuild exactly, its forms and ids, and ``chronique whois``."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from chronique import kb, tables
from chronique.actors.lexicon import actor_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = files("chronique") / "data" / "actors"
BUILT = ["organizations.supraverden.tsv", "wikidata_ids.tsv", "countries.cldr.tsv"]


@pytest.mark.skipif(not (SHARED / "data").is_dir() or not all(importlib.util.find_spec(m) for m in ("yaml", "babel")),
                    reason="needs ../shared/data and the build extra (PyYAML, babel)")
def test_build_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_actor_kb.py"), "--shared", str(SHARED),
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for name in BUILT:
        assert (tmp_path / name).read_text(encoding="utf-8") == DATA.joinpath(name).read_text(encoding="utf-8"), name


def test_supraverden_file_states_source_and_licence() -> None:
    head = DATA.joinpath("organizations.supraverden.tsv").read_text(encoding="utf-8").splitlines()[:6]
    assert head[0].startswith("#kb_id\t")
    assert any("SupraVerden" in line for line in head) and any("CC BY-SA 4.0" in line for line in head)
    assert "SupraVerden" in (ROOT / "NOTICE").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["Cédéao", "CEDEAO", "Cedeao", "cédéao", "ECOWAS",
                                  "Communauté économique des Etats de l'Afrique de l'Ouest"])
def test_ecowas_forms(form: str) -> None:
    found = kb.whois(form)
    assert found and found[0].name == "Economic Community of West African States" and found[0].kb_id == "Q193272"


@pytest.mark.parametrize(("form", "name"), [
    ("OTAN", "North Atlantic Treaty Organization"), ("NATO", "North Atlantic Treaty Organization"),
    ("CPI", "International Criminal Court"), ("ICC", "International Criminal Court"),
    ("AIEA", "International Atomic Energy Agency"), ("IAEA", "International Atomic Energy Agency"),
    ("OCS", "Shanghai Cooperation Organisation"), ("SCO", "Shanghai Cooperation Organisation"),
    ("UA", "African Union"), ("AU", "African Union"), ("ONU", "United Nations"), ("UN", "United Nations"),
    ("UE", "European Union"), ("EU", "European Union"), ("OMS", "World Health Organization"),
    ("WHO", "World Health Organization"), ("PNUD", "United Nations Development Programme"),
])
def test_acronyms_in_both_languages(form: str, name: str) -> None:
    assert [e.name for e in kb.whois(form) if e.kind == "organization"][:1] == [name]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_ambiguous_acronym_names_no_single_body(lang: str) -> None:
    """RSF is Reporters sans frontières and Sudan's Rapid Support Forces: the resolver's lexicon gives only
    candidates marked ambiguous (the story's country chooses, see test_parties), never one body outright."""
    lexicon = actor_lexicon(lang)
    found = [entry for _s, _e, entries in lexicon.organizations_upper.finditer("RSF") for entry in entries]
    assert found and all(entry.ambiguous for entry in found)
    assert not list(lexicon.organizations.finditer("RSF"))
    assert all("RSF" not in org.forms for org in tables.all_organizations())
    (entry,) = kb.whois("RSF")
    assert entry.kind == "ambiguous" and {"Reporters Without Borders", "Rapid Support Forces"} <= set(entry.candidates)
    assert any(e.country == "SDN" for e in kb.whois("Forces de soutien rapide"))


def test_no_form_names_two_organizations() -> None:
    seen: dict[str, str] = {}
    for org in tables.organizations():
        for form in org.forms:
            key = tables.form_key(form)
            assert seen.setdefault(key, org.name) == org.name, (form, org.name, seen[key])


def test_organizations_have_ids_and_sources() -> None:
    orgs = tables.all_organizations()
    assert len(orgs) > 600
    assert all(o.kb_id and o.source for o in orgs)
    assert len({o.kb_id for o in orgs}) == len(orgs)
    assert sum(o.kb_id.startswith("Q") for o in orgs) > 500


def test_phoenix_rows_close_at_the_dictionary_horizon() -> None:
    phoenix = [a for a in tables.known_actors() if a.source.startswith("actors/known_actors.tsv")]
    horizon = max(d for a in phoenix for d in (a.valid_from, a.valid_to) if d)
    assert horizon == date(2015, 2, 17)
    assert all(a.valid_to is not None and a.valid_to <= horizon for a in phoenix)
    assert not [a for a in phoenix if a.valid_on(date(2022, 10, 13))]


@pytest.mark.parametrize(("names", "country"), [(("Vladimir Putin", "Poutine", "Putin"), "RUS"),
                                                (("Kassym-Jomart Tokayev", "Tokaïev", "Tokayev"), "KAZ")])
def test_one_stable_id_per_person_across_tables_and_spellings(names: tuple[str, ...], country: str) -> None:
    ids = {e.kb_id for name in names for e in kb.whois(name) if e.kind == "person" and e.country == country}
    assert len(ids) == 1 and next(iter(ids)).startswith("Q")
    rows = [a for a in tables.known_actors() if a.kb_id in ids]
    assert len({a.source.split(":")[0] for a in rows}) >= 2  # the same id in several tables


def test_slug_ids_are_deterministic() -> None:
    assert tables.person_kb_id("ZZZ", "Jean-Édouard  Dupont") == "chronique:person/zzz/jean-edouard-dupont"
    assert tables.country_kb_id("FRA") == "Q142" and tables.country_kb_id("ATA").startswith("chronique:country/")


@pytest.mark.parametrize(("query", "iso3"), [("l'Élysée", "FRA"), ("Downing Street", "GBR"), ("the Kremlin", "RUS"),
                                            ("la Maison Blanche", "USA"), ("Zhongnanhai", "CHN"), ("Frankreich", "FRA"),
                                            ("Estados Unidos", "USA"), ("sino-", "CHN")])
def test_states_by_seat_of_power_and_other_languages(query: str, iso3: str) -> None:
    assert iso3 in [e.country for e in kb.whois(query) if e.kind == "country"]


@pytest.mark.parametrize("query", ["Tokaïev", "TOKAYEV", "tokaev", "Kassym Jomart Tokayev", "M. Tokaïev", "Tokayev's"])
def test_tokayev_on_a_date(query: str) -> None:
    found = kb.whois(query, date(2022, 10, 13))
    assert found and found[0].country == "KAZ"
    assert "president" in [r.role for r in found[0].roles_on(date(2022, 10, 13))]
    assert "senate chairman" in [r.role for r in found[0].roles_on(date(2015, 1, 1))]


def _whois(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chronique.cli", "whois", *args], capture_output=True, text=True, timeout=120)


def test_cli_whois_prints_entry_forms_and_rows() -> None:
    run = _whois("Cédéao")
    assert run.returncode == 0, run.stderr
    assert "Q193272" in run.stdout and "CEDEAO" in run.stdout and "organizations.supraverden.tsv:" in run.stdout
    run = _whois("Tokaïev", "--date", "2022-10-13")
    assert run.returncode == 0 and "on 2022-10-13: president (KAZ, GOV)" in run.stdout
    assert "actors/offices/asia.tsv:" in run.stdout


def test_cli_whois_json_and_unknown_name() -> None:
    run = _whois("Tokaïev", "--date", "2022-10-13", "--json")
    (entry,) = json.loads(run.stdout)
    assert entry["kb_id"] == "Q200881" and "president" in entry["roles_on"]
    run = _whois("Xqzzyv Blorp")
    assert run.returncode == 1 and "not in the knowledge base" in run.stdout
    assert _whois("Tokaïev", "--date", "13/10/2022").returncode == 2


@pytest.mark.parametrize(("lang", "form", "iso3"), [("en", "Bankova", "UKR"), ("fr", "Casa Rosada", "ARG"), ("en", "Oval Office", "USA"),
                                                    ("fr", "palais de Buckingham", "GBR"), ("en", "Nassau", "BHS"), ("fr", "kényano-", "KEN")])
def test_added_state_forms(lang: str, form: str, iso3: str) -> None:
    assert any(f.form == form and f.iso3 == iso3 for f in tables.country_forms(lang))


@pytest.mark.parametrize(("form", "country", "sector"), [("FDLR", "RWA", "REB"), ("Bundeswehr", "DEU", "MIL"), ("CGT", "FRA", "CVL"),
                                                         ("Hashd al-Shaabi", "IRQ", "MIL"), ("BJP", "IND", "PTY"), ("Stand News", "HKG", "MED")])
def test_national_institutions_groups_parties_unions_media(form: str, country: str, sector: str) -> None:
    org = next(o for o in tables.organizations() if form in o.forms)
    assert (org.country, org.sector) == (country, sector) and org.source.startswith("actors/organizations.national.tsv:")


@pytest.mark.parametrize(("form", "country", "sector"), [
    ("Parti démocratique de Côte d'Ivoire", "CIV", "PTY"), ("FARDC", "COD", "MIL"), ("Nigeria Labour Congress", "NGA", "CVL"),
    ("Rassemblement national des indépendants", "MAR", "PTY"), ("Union generale des travailleurs algeriens", "DZA", "CVL"),
    ("Histadrut", "ISR", "CVL"), ("Mouvement réformateur", "BEL", "PTY"), ("coalition avenir quebec", "CAN", "PTY"),
    ("Confédération des syndicats nationaux", "CAN", "CVL"), ("AFL-CIO", "USA", "CVL"), ("Press Trust of India", "IND", "MED"),
    ("Tigres tamouls", "LKA", "REB"), ("Syrian Observatory for Human Rights", "SYR", "NGO"), ("Serviteur du peuple", "UKR", "PTY"),
])
def test_parties_unions_agencies_and_armed_groups_of_every_region(form: str, country: str, sector: str) -> None:
    """Forms in French and English, with or without accents, find the national body with its state and sector."""
    key = tables.form_key(form)
    org = next(o for o in tables.organizations() if key in {tables.form_key(f) for f in (o.name, *o.forms)})
    assert (org.country, org.sector) == (country, sector) and org.source.startswith("actors/organizations.national.tsv:")


@pytest.mark.parametrize(("lang", "text", "name", "expected"), [
    # a short acronym that is also a word or names other bodies names its party only in a story about its state
    ("fr", "À Paris, le patron de LR a dénoncé la réforme des retraites du gouvernement français.", "Les Républicains", ["FRA"]),
    ("en", "In Abuja, the APC won the governorship election, Nigeria's electoral commission said.", "All Progressives Congress",
     ["NGA"]),
    ("en", "Troops in an APC were ambushed near Kandahar, Afghanistan's defence ministry said.", "All Progressives Congress", []),
    # an acronym two states' bodies share takes the one of the story's state
    ("en", "Moldova's ruling PAS won the parliamentary election in Chisinau.", "Party of Action and Solidarity", ["MDA"]),
    ("en", "In Kuala Lumpur, PAS leaders rejected the Malaysian government's budget.", "Malaysian Islamic Party", ["MYS"]),
])
def test_a_gated_acronym_names_its_body_only_in_a_story_about_its_state(pipeline, lang: str, text: str, name: str,
                                                                       expected: list[str]) -> None:
    actors = pipeline.extract_text(text, language=lang, published="2024-10-01").actors
    assert [a.country for a in actors if a.name == name] == expected, [(a.name, a.country) for a in actors]


@pytest.mark.parametrize(("query", "name", "iso3"), [("Tokaïev's", "Kassym-Jomart Tokayev", None), ("M. Poutine", "Vladimir Putin", None),
                                                     ("Kassym Jomart Tokayev", "Kassym-Jomart Tokayev", None), ("Frankreich", None, "FRA")])
def test_web_search_falls_back_on_the_same_lookup(query: str, name: str | None, iso3: str | None) -> None:
    from chronique.store import spelling

    found = spelling.resolve(query)
    assert (name is None or name in found.names) and (iso3 is None or iso3 in found.iso3)
    assert not spelling.resolve("RSF").names  # an ambiguous acronym widens no search


def test_one_actor_one_id_across_articles_and_languages(pipeline) -> None:
    """"Poutine" in French and "Vladimir Putin" in English are one actor of the knowledge base, and so is Russia."""
    fr = pipeline.extract_text("Le président russe Vladimir Poutine a reçu jeudi à Moscou le président chinois Xi Jinping.",
                               published="2022-10-14", language="fr")
    en = pipeline.extract_text("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Thursday.",
                               published="2022-10-14", language="en")
    ids = [{a.kb_id for a in r.actors if a.kind == "person" and a.country == iso3} for r in (fr, en) for iso3 in ("RUS", "CHN")]
    assert ids[0] == ids[2] == {tables.person_kb_id("RUS", "Vladimir Putin")} == {"Q7747"}
    assert ids[1] == ids[3] == {tables.person_kb_id("CHN", "Xi Jinping")}
    countries = {a.to_dict()["kb_id"] for r in (fr, en) for a in r.actors if a.kind == "country" and a.country == "RUS"}
    assert countries <= {tables.country_kb_id("RUS")}


@pytest.mark.parametrize(("name", "day", "country", "role"), [
    ("Gérald Darmanin", date(2022, 5, 1), "FRA", "interior minister"), ("Darmanin", date(2025, 3, 1), "FRA", "justice minister"),
    ("Zabihullah Mujahid", date(2020, 1, 1), "AFG", "spokesperson"), ("Hemedti", date(2023, 6, 1), "SDN", "RSF leader"),
    ("Mao Ning", date(2023, 1, 1), "CHN", "spokesperson"),
])
def test_officials_by_date(name: str, day: date, country: str, role: str) -> None:
    (entry, *_rest) = kb.whois(name, day)
    assert entry.country == country and role in [r.role for r in entry.roles_on(day)]
    assert any(r.source.startswith("actors/officials.tsv:") for r in entry.roles)


def test_an_official_who_changed_sides_changes_sector_with_the_date() -> None:
    (entry,) = [e for e in kb.whois("Zabihullah Mujahid") if e.kind == "person"]
    assert [r.sector for r in entry.roles_on(date(2020, 1, 1))] == ["REB"]
    assert [r.sector for r in entry.roles_on(date(2022, 1, 1))] == ["GOV"]


@pytest.mark.parametrize(("name", "day", "role"), [
    # Turkey's president heads the government since the 2018 reform: he is no "prime minister" then
    ("Recep Tayyip Erdogan", date(2024, 5, 10), "president"),
    ("Recep Tayyip Erdogan", date(2010, 5, 10), "prime minister"),
])
def test_a_head_of_state_who_becomes_head_of_government_keeps_his_title(name: str, day: date, role: str) -> None:
    from chronique.actors.lexicon import lookup_known

    assert lookup_known(name, day).role == role


@pytest.mark.parametrize(("name", "known"), [("Emmanuel Jean-Michel Macron", "Emmanuel Macron"),
                                             ("Joseph Robinette Biden", "Joe Biden")])
def test_a_full_name_with_a_middle_name_finds_the_entry_without_it(name: str, known: str) -> None:
    from chronique.actors.lexicon import lookup_known

    assert lookup_known(name, date(2022, 5, 10)).name == known


@pytest.mark.parametrize(("lang", "text", "name", "country"), [
    ("fr", "Le pape François a reçu lundi au Vatican le président ukrainien Volodymyr Zelensky.", "François", "VAT"),
    ("en", "Pope Francis met Ukrainian President Volodymyr Zelensky at the Vatican on Monday.", "Francis", "VAT"),
    ("en", "Albin Kurti met Aleksandar Vucic in Brussels on Monday.", "Albin Kurti", "XKX"),
])
def test_heads_of_states_outside_the_un_are_known(pipeline, lang: str, text: str, name: str, country: str) -> None:
    actors = pipeline.extract_text(text, language=lang, published="2024-05-10").actors
    assert next(a for a in actors if a.name == name).country == country


@pytest.mark.parametrize(("text", "name", "country"), [
    # the name goes on past the known form: another body, whose country the table does not know
    ("Jamal El Aassri, secrétaire général du Parti socialiste unifié, a dénoncé la répression au Maroc.",
     "Jamal El Aassri", None),
    # the known form itself, or followed by a country word, is that body
    ("Le Parti socialiste a dénoncé la réforme du gouvernement français.", "Parti socialiste (France)", "FRA"),
])
def test_a_known_name_carried_on_by_an_adjective_is_another_body(pipeline, text: str, name: str,
                                                                  country: str | None) -> None:
    actors = pipeline.extract_text(text, language="fr", published="2024-05-10").actors
    assert next(a for a in actors if a.name == name).country == country
