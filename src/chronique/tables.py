"""Reference tables and actor lexicons shipped under ``chronique/data``, loaded once and cached.

Files (UTF-8 TSV, first line a ``#`` header naming the columns):
- ``cameo/codes.tsv``: CAMEO codes with name, Goldstein weight, quad class and PLOVER class
  (built by ``scripts/build_tables.py``);
- ``geo/countries.tsv``: ISO codes, names and capitals (built);
- ``actors/known_actors.tsv`` (built, PETRARCH-2 Phoenix dictionaries) and
  ``actors/leaders_recent.tsv`` (hand-written, office holders since 2012): people and dated roles;
- ``actors/countries.{fr,en}.tsv``, ``actors/organizations.tsv``, ``actors/roles.{fr,en}.tsv``:
  hand-written lexicons.

Loaders return fresh lists of frozen records, so callers may sort or filter them freely.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from .errors import ChroniqueError

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
DEFAULT_COUNTRY_SECTOR = "GOV"


class TableError(ChroniqueError):
    """A shipped table is missing or malformed (a packaging or editing mistake)."""

    kind = "table"


@dataclass(slots=True, frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # None where no PLOVER class applies (e.g. 015)

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(slots=True, frozen=True)
class CountryForm:
    form: str
    iso3: str
    kind: str  # name | adjective | demonym | prefix | capital_metonym | institution_metonym
    sector: str


@dataclass(slots=True, frozen=True)
class CountryInfo:
    iso3: str
    iso2: str
    name: str
    capital: str | None
    lat: float | None
    lon: float | None


@dataclass(slots=True, frozen=True)
class Organization:
    name: str
    forms: tuple[str, ...]
    country: str | None  # ISO3, "IGO", or None for transnational groups
    sector: str
    kind: str  # igo | court | party | armed_group | security | media | ngo


@dataclass(slots=True, frozen=True)
class RoleForm:
    form: str
    role: str
    sector: str
    kind: str  # person | group | organization


@dataclass(slots=True, frozen=True)
class KnownActor:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str | None
    role: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        """True when ``day`` lies in the validity period (open ends are unbounded)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _rows(path: str, min_cols: int, max_cols: int | None = None) -> list[list[str]]:
    """Rows of a shipped TSV, header and blank lines skipped, short rows padded with ''."""
    max_cols = max_cols or min_cols
    resource = files("chronique").joinpath("data", *path.split("/"))
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TableError(f"missing table data/{path}") from exc
    rows: list[list[str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not min_cols <= len(cells) <= max_cols:
            raise TableError(f"data/{path}:{lineno}: {len(cells)} columns, expected {min_cols}-{max_cols}")
        rows.append([c.strip() for c in cells] + [""] * (max_cols - len(cells)))
    return rows


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise TableError(f"no lexicon for language {lang!r} (have {', '.join(LANGUAGES)})")
    return lang


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def _cameo_codes() -> dict[str, CameoCode]:
    return {
        r[0]: CameoCode(code=r[0], name=r[1], goldstein=float(r[2]), quad_class=int(r[3]), plover=r[4] or None)
        for r in _rows("cameo/codes.tsv", 5)
    }


def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO codes (2- to 4-digit strings, leading zeros kept) to their record."""
    return dict(_cameo_codes())


def cameo_code(code: str) -> CameoCode | None:
    return _cameo_codes().get(code)


@cache
def _country_forms(lang: str) -> tuple[CountryForm, ...]:
    return tuple(
        CountryForm(form=r[0], iso3=r[1], kind=r[2], sector=r[3] or DEFAULT_COUNTRY_SECTOR)
        for r in _rows(f"actors/countries.{lang}.tsv", 3, 4)
    )


def country_forms(lang: str) -> list[CountryForm]:
    """Words naming a country in ``lang``: names, adjectives, demonyms, prefixes, metonyms."""
    return list(_country_forms(_check_lang(lang)))


@cache
def _countries() -> dict[str, CountryInfo]:
    return {
        r[0]: CountryInfo(iso3=r[0], iso2=r[1], name=r[2], capital=r[3] or None,
                          lat=float(r[4]) if r[4] else None, lon=float(r[5]) if r[5] else None)
        for r in _rows("geo/countries.tsv", 6)
    }


def country_info(iso3: str) -> CountryInfo | None:
    return _countries().get(iso3)


def countries() -> dict[str, CountryInfo]:
    """Every country and territory of GeoNames' countryInfo, by ISO3 code."""
    return dict(_countries())


@cache
def _dependencies() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _rows("actors/dependencies.tsv", 3)}


def dependencies() -> dict[str, tuple[str, str]]:
    """Territories CAMEO codes under a sovereign state (Guam is ``USAGUM``): territory ISO3 -> (state ISO3,
    territory name)."""
    return dict(_dependencies())


@cache
def _organizations() -> tuple[Organization, ...]:
    return tuple(
        Organization(name=r[0], forms=tuple(f for f in r[1].split("|") if f), country=r[2] or None,
                     sector=r[3], kind=r[4])
        for r in _rows("actors/organizations.tsv", 5)
    )


def organizations() -> list[Organization]:
    return list(_organizations())


@cache
def _roles(lang: str) -> tuple[RoleForm, ...]:
    return tuple(RoleForm(form=r[0], role=r[1], sector=r[2], kind=r[3])
                 for r in _rows(f"actors/roles.{lang}.tsv", 4))


def roles(lang: str) -> list[RoleForm]:
    """Role nouns (kind ``person``), group nouns that are actors by themselves (``group``), and nouns that
    say a name right after them is an organization (``organization``: "the airline Etihad")."""
    return list(_roles(_check_lang(lang)))


# The office's usual title, the role words of roles.<lang>.tsv name ("le président russe" is the holder): a
# monarch is written "president" too, which only loses the link to "le roi" that the office table never gave.
OFFICE_ROLES = {"head_of_state": "president", "head_of_government": "prime minister",
                "foreign_minister": "foreign minister", "defence_minister": "defense minister"}


def _period_start(text: str) -> date | None:
    """"2019", "2019-03" or "2019-03-20": the first day the text can mean."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _period_end(text: str) -> date | None:
    """"2019", "2019-03" or "2019-03-20": the last day the text can mean."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _office_files() -> list[str]:
    folder = files("chronique").joinpath("data", "actors", "offices")
    return sorted(f"actors/offices/{p.name}" for p in folder.iterdir() if p.name.endswith(".tsv")) if folder.is_dir() else []


@cache
def _known_actors() -> tuple[KnownActor, ...]:
    actors: list[KnownActor] = []
    # Hand-written recent office holders first: they carry accents and real role names.
    for r in _rows("actors/leaders_recent.tsv", 7):
        actors.append(KnownActor(
            name=r[0], aliases=tuple(a for a in r[1].split("|") if a), country=r[2],
            sector=r[3] or None, role=r[4] or None, valid_from=_date(r[5]), valid_to=_date(r[6]),
        ))
    # The four offices of every state since 2015 (actors/offices/<region>.tsv, hand-written), then Phoenix's history.
    for path in _office_files():
        for country, office, name, aliases, start, end, _checked in _rows(path, 7):
            actors.append(KnownActor(
                name=name, aliases=tuple(a for a in aliases.split("|") if a), country=country, sector="GOV",
                role=OFFICE_ROLES.get(office, office), valid_from=_period_start(start), valid_to=_period_end(end),
            ))
    for r in _rows("actors/known_actors.tsv", 7):
        actors.append(KnownActor(
            name=r[0], aliases=tuple(a for a in r[1].split("|") if a), country=r[2],
            sector=r[3] or None, role=r[4] or None, valid_from=_date(r[5]), valid_to=_date(r[6]),
        ))
    log.debug("loaded %d known-actor rows", len(actors))
    return tuple(actors)


def known_actors() -> list[KnownActor]:
    """People with dated roles: one record per (person, role period)."""
    return list(_known_actors())
