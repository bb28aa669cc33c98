"""Format checks of the shipped reference tables and lexicons (chronique.tables)."""
from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from chronique import tables

DATA = files("chronique") / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PLOVER_CODEBOOK = SHARED / "data" / "ngec_plover_resources" / "PLOVER_structured_codebook_updated.csv"
PLOVER_CLASSES = {
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
}
SECTORS = {"GOV", "MIL", "PTY", "OPP", "REB", "BUS", "MED", "CVL", "IGO", "NGO", "JUD", "POL", "UNK"}

# (file, allowed column counts): every row of every shipped TSV is checked.
TSV_FILES = [
    ("cameo/codes.tsv", {5}),
    ("geo/countries.tsv", {6}),
    ("actors/known_actors.tsv", {7}),
    ("actors/leaders_recent.tsv", {7}),
    ("actors/countries.fr.tsv", {3, 4}),
    ("actors/countries.en.tsv", {3, 4}),
    ("actors/organizations.tsv", {5}),
    ("actors/roles.fr.tsv", {4}),
    ("actors/roles.en.tsv", {4}),
]


def _lines(path: str) -> list[str]:
    return DATA.joinpath(*path.split("/")).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("path", "widths"), TSV_FILES)
def test_tsv_header_and_column_count(path: str, widths: set[int]) -> None:
    lines = _lines(path)
    assert lines[0].startswith("#"), f"{path}: first line must be a # header"
    assert len(lines[0][1:].split("\t")) == max(widths)
    bad = [(n, line) for n, line in enumerate(lines[1:], 2) if len(line.split("\t")) not in widths]
    assert not bad, f"{path}: rows with a wrong column count: {bad[:5]}"
    assert all(line == line.strip(" ") for line in lines), f"{path}: stray spaces around a row"


def test_plover_class_list_matches_shared_codebook() -> None:
    if not PLOVER_CODEBOOK.exists():
        pytest.skip("shared data not available")
    with PLOVER_CODEBOOK.open(encoding="utf-8", newline="") as fh:
        assert {r["event"] for r in csv.DictReader(fh)} == PLOVER_CLASSES


@pytest.mark.parametrize("code", sorted(tables.cameo_codes()))
def test_cameo_code_fields(code: str) -> None:
    rec = tables.cameo_code(code)
    assert rec is not None and rec.code == code
    assert code.isdigit() and 2 <= len(code) <= 4
    assert -10.0 <= rec.goldstein <= 10.0
    root = int(code[:2])
    expected_quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    assert rec.quad_class == expected_quad
    assert rec.plover is None or rec.plover in PLOVER_CLASSES
    assert rec.name
    if len(code) > 2:
        assert tables.cameo_code(code[: len(code) - 1] if len(code) == 4 else code[:2]) is not None


def test_every_root_present() -> None:
    codes = tables.cameo_codes()
    assert {f"{r:02d}" for r in range(1, 21)} <= set(codes)
    assert len(codes) == 312


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("010", None), ("015", None), ("016", "REJECT"), ("0253", "REQUEST"), ("036", "AGREE"),
        ("042", "CONSULT"), ("057", "SUPPORT"), ("072", "AID"), ("081", "CONCEDE"), ("0841", "RETREAT"),
        ("0871", "RETREAT"), ("092", "ACCUSE"), ("1053", "REQUEST"), ("1125", "ACCUSE"), ("129", "REJECT"),
        ("138", "THREATEN"), ("141", "PROTEST"), ("154", "MOBILIZE"), ("161", "SANCTION"), ("163", "SANCTION"),
        ("173", "COERCE"), ("175", "COERCE"), ("1712", "COERCE"), ("183", "ASSAULT"), ("191", "COERCE"),
        ("192", "COERCE"), ("195", "ASSAULT"), ("2041", "ASSAULT"),
    ],
)
def test_plover_conventions(code: str, plover: str | None) -> None:
    rec = tables.cameo_code(code)
    assert rec is not None
    assert rec.plover == plover


def test_cameo_code_keeps_leading_zero_and_unknown_is_none() -> None:
    assert tables.cameo_code("010").name == "Make statement"
    assert tables.cameo_code("10") is not None and tables.cameo_code("10").root == "10"
    assert tables.cameo_code("999") is None


def test_countries_table() -> None:
    info = tables.country_info("KAZ")
    assert info is not None and info.iso2 == "KZ" and info.name == "Kazakhstan"
    assert tables.country_info("ZZZ") is None
    for rec in tables.countries().values():
        assert len(rec.iso3) == 3 and rec.iso3.isupper() and len(rec.iso2) == 2
        assert (rec.lat is None) == (rec.lon is None)
        if rec.lat is not None:
            assert -90 <= rec.lat <= 90 and -180 <= rec.lon <= 180


@pytest.mark.parametrize("lang", tables.LANGUAGES)
def test_country_forms_use_known_iso3(lang: str) -> None:
    known = set(tables.countries())
    forms = tables.country_forms(lang)
    unknown = {f.iso3 for f in forms} - known
    assert not unknown
    kinds = {f.kind for f in forms}
    assert kinds == {"name", "adjective", "demonym", "prefix", "capital_metonym", "institution_metonym"}
    assert all(f.sector in SECTORS for f in forms)
    assert all(f.form == f.form.strip() and f.form for f in forms)
    assert len({f.iso3 for f in forms if f.kind == "name"}) >= 120


@pytest.mark.parametrize("kind", ["name", "adjective", "demonym"])
def test_both_languages_cover_the_same_countries(kind: str) -> None:
    fr = {f.iso3 for f in tables.country_forms("fr") if f.kind == kind}
    en = {f.iso3 for f in tables.country_forms("en") if f.kind == kind}
    assert fr == en, f"only fr: {sorted(fr - en)}; only en: {sorted(en - fr)}"


@pytest.mark.parametrize(
    ("lang", "form", "iso3", "kind"),
    [
        ("fr", "Chine", "CHN", "name"), ("fr", "kazakhes", "KAZ", "adjective"),
        ("fr", "kazakhstanaise", "KAZ", "adjective"), ("fr", "Chinois", "CHN", "demonym"),
        ("fr", "sino-", "CHN", "prefix"), ("fr", "Pékin", "CHN", "capital_metonym"),
        ("fr", "Nour-Soultan", "KAZ", "capital_metonym"), ("fr", "Birmanie", "MMR", "name"),
        ("fr", "Etats-Unis", "USA", "name"), ("fr", "Kremlin", "RUS", "institution_metonym"),
        ("en", "the US", "USA", "name"), ("en", "U.S.", "USA", "name"), ("en", "Britain", "GBR", "name"),
        ("en", "UK", "GBR", "name"), ("en", "Kazakhs", "KAZ", "demonym"), ("en", "Kyiv", "UKR", "capital_metonym"),
        ("en", "Sino-", "CHN", "prefix"), ("en", "White House", "USA", "institution_metonym"),
    ],
)
def test_country_form_examples(lang: str, form: str, iso3: str, kind: str) -> None:
    assert any(f.form == form and f.iso3 == iso3 and f.kind == kind for f in tables.country_forms(lang))


@pytest.mark.parametrize(("lang", "form", "sector"), [("fr", "Pentagone", "MIL"), ("en", "Pentagon", "MIL"),
                                                      ("fr", "Élysée", "GOV")])
def test_institution_sector(lang: str, form: str, sector: str) -> None:
    hits = [f for f in tables.country_forms(lang) if f.form == form]
    assert hits and all(f.sector == sector for f in hits)


def test_g20_covered_in_both_languages() -> None:
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
           "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"}
    for lang in tables.LANGUAGES:
        assert g20 <= {f.iso3 for f in tables.country_forms(lang) if f.kind == "name"}


def test_organizations() -> None:
    known = set(tables.countries()) | {"IGO"}
    orgs = tables.organizations()
    assert len({o.name for o in orgs}) == len(orgs), "duplicate organization names"
    for org in orgs:
        assert org.forms and org.sector in SECTORS
        assert org.country is None or org.country in known
        assert org.kind in {"igo", "court", "party", "armed_group", "security", "media", "ngo", "government", "armed_forces", "union",
                            "business", "criminal"}
    by_form = {f: o for o in orgs for f in o.forms}
    assert by_form["OTAN"].country == "IGO"
    assert by_form["CPI"].sector == "JUD"
    assert by_form["Daech"].country is None and by_form["Daech"].sector == "REB"
    assert by_form["Hamas"].country == "PSE"
    assert by_form["PCC"].sector == "PTY"
    assert by_form["Xinhua"].sector == "MED"


@pytest.mark.parametrize("lang", tables.LANGUAGES)
def test_roles(lang: str) -> None:
    rows = tables.roles(lang)
    assert all(r.sector in SECTORS and r.kind in {"person", "group", "organization"} and r.role for r in rows)
    assert len({(r.form, r.kind) for r in rows}) == len(rows), "duplicate (form, kind)"
    assert {r.kind for r in rows} == {"person", "group", "organization"}


@pytest.mark.parametrize(
    ("lang", "form", "role", "sector"),
    [("fr", "présidente", "president", "GOV"), ("fr", "vice-présidents", "vice-president", "GOV"),
     ("fr", "chef de la diplomatie", "foreign minister", "GOV"), ("fr", "procureure", "prosecutor", "JUD"),
     ("fr", "partie", "party", "GOV"), ("fr", "manifestants", "protesters", "CVL"),
     ("en", "foreign minister", "foreign minister", "GOV"), ("en", "army", "army", "MIL")],
)
def test_role_examples(lang: str, form: str, role: str, sector: str) -> None:
    assert any(r.form == form and r.role == role and r.sector == sector for r in tables.roles(lang))


def test_known_actors() -> None:
    known = set(tables.countries()) | {"IGO"}
    actors = tables.known_actors()
    assert len(actors) > 10_000
    for a in actors:
        assert a.country in known
        assert a.sector is None or a.sector in SECTORS
        assert a.name and "_" not in a.name and not a.name.isupper()
        if a.valid_from and a.valid_to:
            assert a.valid_from <= a.valid_to, a
    assert any(a.country == "KAZ" for a in actors)


def test_known_actor_lookup_by_date() -> None:
    tokayev = [a for a in tables.known_actors() if a.name == "Kassym-Jomart Tokayev"]
    on_day = [a for a in tokayev if a.valid_on(date(2022, 10, 13))]
    # the hand-written row first (its real role name), then the office table's
    assert [a.role for a in on_day] == ["president", "president"]
    assert {a.country for a in on_day} == {"KAZ"}
    assert on_day[0].country == "KAZ" and "Tokaïev" in on_day[0].aliases


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(tables.TableError):
        tables.roles("de")


def test_office_holders_cover_every_region_with_dated_rows():
    """actors/offices/<region>.tsv: the four offices of every state since 2015, dated to the day, month or year."""
    from datetime import date

    from chronique.tables import _period_end, _period_start, known_actors

    assert _period_start("2019") == date(2019, 1, 1) and _period_end("2019") == date(2019, 12, 31)
    assert _period_start("2024-02") == date(2024, 2, 1) and _period_end("2024-02") == date(2024, 2, 29)
    assert _period_end("2024-12") == date(2024, 12, 31)
    offices = [a for a in known_actors() if a.role in ("president", "prime minister", "foreign minister", "defense minister")]
    assert len({a.country for a in offices}) >= 180
    sonko = [a for a in offices if a.name == "Ousmane Sonko"]
    assert sonko and all(a.country == "SEN" for a in sonko)
    assert all(a.valid_from is None or a.valid_to is None or a.valid_from <= a.valid_to for a in offices)
