#!/usr/bin/env python3
"""Build the actor knowledge base's derived tables from the openly licensed data in ``shared/data``.

Usage: ``python scripts/build_actor_kb.py --shared ../shared`` (``--out DIR`` writes elsewhere, for the test
that checks the shipped files are reproduced exactly).

Writes (UTF-8 TSV, first line a ``#`` header naming the columns, then ``#`` lines naming source and licence):
- ``src/chronique/data/actors/organizations.supraverden.tsv``: the 617 international organisations of
  SupraVerden (``supraverden_orgs``), their Wikidata ids, English and French names and acronyms, and the
  German, Spanish, Italian and Portuguese names. CC BY-SA 4.0, so a file of its own, under that licence.
- ``src/chronique/data/actors/wikidata_ids.tsv``: the Wikidata ids of states and of their heads of state
  and government, from ``world_leaders_2021`` (Wikidata statements, CC0): the stable ids of those actors.
- ``src/chronique/data/actors/countries.cldr.tsv``: country names in de, es, it, pt from the Unicode CLDR
  as the pinned ``babel`` ships it (the ``build`` extra of pyproject.toml; the shipped file is plain TSV).

Needs PyYAML and babel (``pip install -e .[build]``).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "chronique" / "data"

SUPRAVERDEN_HEADER = ["kb_id", "name", "forms", "country", "sector", "kind", "family", "names_other"]
SUPRAVERDEN_NOTE = [
    "# Source: SupraVerden (https://github.com/confirmordeny/supraverden, commit 59ab4fa0f92f3c75bb45e230908e612f15e8dbdf,",
    "# data/general_list.yaml), adapted by scripts/build_actor_kb.py: one row per organisation, its Wikidata id,",
    "# English and French names and acronyms (forms), de/es/it/pt names (names_other, lang:name).",
    "# Licence: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0); this file is under it too.",
]
IDS_HEADER = ["kb_id", "kind", "country", "name", "source"]
IDS_NOTE = [
    "# Source: world_leaders_2021 (https://github.com/every-politician-scrapers/world-leaders-2021, commit",
    "# be7039cf5952d8121c4f1e24eea64cc5dd465633, data/wikidata.csv): Wikidata statements, CC0. Built by",
    "# scripts/build_actor_kb.py. kind: country (the state's Wikidata id) or person (a head of state or government).",
]
CLDR_HEADER = ["form", "iso3", "lang"]
CLDR_LANGS = ("de", "es", "it", "pt")

# world_leaders_2021's English country names that GeoNames writes otherwise; None: not a UN member state
# (the knowledge base leaves unrecognised states to their own tables).
WL_COUNTRY_NAMES = {
    "Cape Verde": "CPV", "Czech Republic": "CZE", "East Timor": "TLS", "Federated States of Micronesia": "FSM",
    "Kingdom of Denmark": "DNK", "Kingdom of the Netherlands": "NLD", "People's Republic of China": "CHN",
    "Republic of Ireland": "IRL", "State of Palestine": "PSE", "São Tomé and Príncipe": "STP",
    "The Bahamas": "BHS", "The Gambia": "GMB", "United States of America": "USA", "Vatican City": "VAT",
    "Republic of Abkhazia": None, "Republic of Artsakh": None, "Republika Srpska": None,
    "Sahrawi Arab Democratic Republic": None, "Somaliland": None, "South Ossetia": None, "Transnistria": None,
    "Turkish Republic of Northern Cyprus": None,
}

NAME_FIELDS = ("Name_en", "Name_fr")
ABBREVIATION_FIELDS = ("Abbreviation_en", "Abbreviation_fr")
OTHER_LANG_FIELDS = tuple(f"Name_{lang}" for lang in CLDR_LANGS)
COURT_WORDS = re.compile(r"\b(Court|Tribunal|Cour)\b")


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    text = re.sub(r"\s+", " ", text).strip()
    return "" if text in ("None", "[No code found.]") else text


def _other_name_fields(record: dict) -> list[str]:
    """Name_other_en, Name_other_2_en, ..., Abbreviation_other_en, Abbreviation_former_en, in file order."""
    return [k for k in record if re.fullmatch(r"(Name|Abbreviation)_(other|former)(_\d)?_en", k)]


def build_supraverden(shared: Path) -> list[list[str]]:
    import yaml

    path = shared / "data" / "supraverden_orgs" / "general_list.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = []
    for key, record in records.items():
        name = _clean(record.get("Name_en")) or _clean(key)
        forms: list[str] = []
        for fld in (*NAME_FIELDS, *_other_name_fields(record), *ABBREVIATION_FIELDS):
            form = _clean(record.get(fld))
            if form and form not in forms:
                forms.append(form)
        others = [f"{fld[5:]}:{_clean(record[fld])}" for fld in OTHER_LANG_FIELDS if _clean(record.get(fld))]
        qid = _clean(record.get("Wikidata_code"))
        kb_id = qid if re.fullmatch(r"Q\d+", qid) else f"supraverden:{_clean(record.get('SPRVD_id'))}"
        court = bool(COURT_WORDS.search(name))
        family = _clean(record.get("Org_family"))
        rows.append([kb_id, name, "|".join(forms), "IGO", "JUD" if court else "IGO", "court" if court else "igo",
                     "" if family == "none" else family, "|".join(others)])
    for row in rows:
        if any("|" in form or "\t" in form for form in row[2].split("|")):
            raise SystemExit(f"separator inside a name: {row!r}")
    return sorted(rows, key=lambda r: r[1].casefold())


def _geonames_iso3() -> dict[str, str]:
    rows = (line.split("\t") for line in (DATA / "geo" / "countries.tsv").read_text(encoding="utf-8").splitlines())
    return {r[2]: r[0] for r in rows if r and not r[0].startswith("#")}


def build_wikidata_ids(shared: Path) -> list[list[str]]:
    iso3_of = _geonames_iso3()
    path = shared / "data" / "world_leaders_2021" / "wikidata.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    rows: dict[tuple[str, str], list[str]] = {}
    for rec in records:
        country = rec["country"]
        iso3 = WL_COUNTRY_NAMES[country] if country in WL_COUNTRY_NAMES else iso3_of.get(country)
        if iso3 is None:
            continue
        rows.setdefault(("country", rec["countryid"]), [rec["countryid"], "country", iso3, country, "wl2021"])
        if re.fullmatch(r"Q\d+", rec["officeholder"]) and rec["officeholderLabel"] != rec["officeholder"]:
            rows.setdefault(("person", rec["officeholder"]),
                            [rec["officeholder"], "person", iso3, rec["officeholderLabel"], "wl2021"])
    return sorted(rows.values(), key=lambda r: (r[1], r[2], r[3]))


def build_cldr_names() -> list[list[str]]:
    from babel import Locale

    iso2_to_3 = {}
    for line in (DATA / "geo" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) > 1:
            iso2_to_3[cells[1]] = cells[0]
    rows = []
    for lang in CLDR_LANGS:
        territories = Locale.parse(lang).territories
        for iso2, iso3 in sorted(iso2_to_3.items()):
            name = territories.get(iso2)
            if name:
                rows.append([name, iso3, lang])
    return rows


def write_tsv(path: Path, header: list[str], rows: list[list[str]], note: list[str] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("#" + "\t".join(header) + "\n")
        for line in note:
            fh.write(line + "\n")
        for row in rows:
            if any("\t" in c or "\n" in c for c in row):
                raise SystemExit(f"tab or newline inside a cell: {row!r}")
            fh.write("\t".join(row) + "\n")
    print(f"{path}: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding data/ (default: ../shared)")
    parser.add_argument("--out", type=Path, default=DATA / "actors", help="where to write (default: the package's data/actors)")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        parser.error(f"{args.shared / 'data'} is not a folder")
    write_tsv(args.out / "organizations.supraverden.tsv", SUPRAVERDEN_HEADER, build_supraverden(args.shared), SUPRAVERDEN_NOTE)
    write_tsv(args.out / "wikidata_ids.tsv", IDS_HEADER, build_wikidata_ids(args.shared), IDS_NOTE)
    write_tsv(args.out / "countries.cldr.tsv", CLDR_HEADER, build_cldr_names(),
              ["# Source: Unicode CLDR territory names as shipped by babel (pinned in pyproject.toml's build extra);",
               "# Unicode License v3. Built by scripts/build_actor_kb.py. Used for lookups (chronique whois), not by the resolver."])
    return 0


if __name__ == "__main__":
    sys.exit(main())
