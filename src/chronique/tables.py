"""Reference tables and actor lexicons shipped under ``chronique/data``, loaded once and cached.

Files (UTF-8 TSV, first line a ``#`` header naming the columns):
- ``cameo/codes.tsv``: CAMEO codes with name, Goldstein weight, quad class and PLOVER class
  (built by ``scripts/build_tables.py``);
- ``geo/countries.tsv``: ISO codes, names and capitals (built);
- ``actors/known_actors.tsv`` (built, PETRARCH-2 Phoenix dictionaries) and
  ``actors/leaders_recent.tsv`` (hand-written, office holders since 2012), ``actors/officials.tsv`` (hand-written:
  spokespeople, ministers, security chiefs, opposition and armed-group leaders) and ``actors/offices/*.tsv``
  (the four offices of every UN member state since 2015): people and dated roles;
- ``actors/countries.{fr,en}.tsv``, ``actors/organizations.tsv``, ``actors/roles.{fr,en}.tsv``:
  hand-written lexicons;
- ``actors/organizations.supraverden.tsv`` (built, SupraVerden, CC BY-SA 4.0), ``actors/organizations.forms.tsv``
  (hand-written acronyms and usual forms it lacks), ``actors/organizations.ambiguous.tsv`` (forms that name
  several bodies: mapped to none), ``actors/wikidata_ids.tsv`` (built, world_leaders_2021, CC0: stable ids),
  ``actors/countries.cldr.tsv`` (built, CLDR country names in de/es/it/pt, for lookups only).

Loaders return fresh lists of frozen records, so callers may sort or filter them freely.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace
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
    kind: str  # igo | court | party | armed_group | security | media | ngo | government | armed_forces | union | business | criminal
    kb_id: str = ""  # stable id: the Wikidata id where SupraVerden gives one, else chronique:org/<slug>
    source: str = ""  # the file and line(s) the entry comes from ("actors/organizations.tsv:21")
    names_other: tuple[str, ...] = ()  # names in other languages, "de:Vereinte Nationen"


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
    kb_id: str = ""  # stable id: the Wikidata id where world_leaders_2021 gives one, else chronique:person/<iso3>/<slug>
    source: str = ""  # the file and line the row comes from

    def valid_on(self, day: date) -> bool:
        """True when ``day`` lies in the validity period (open ends are unbounded)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _rows(path: str, min_cols: int, max_cols: int | None = None) -> list[list[str]]:
    """Rows of a shipped TSV, header and blank lines skipped, short rows padded with ''."""
    return [cells for _lineno, cells in _numbered_rows(path, min_cols, max_cols)]


def _numbered_rows(path: str, min_cols: int, max_cols: int | None = None) -> list[tuple[int, list[str]]]:
    """``_rows`` with each row's line number in the file."""
    max_cols = max_cols or min_cols
    resource = files("chronique").joinpath("data", *path.split("/"))
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TableError(f"missing table data/{path}") from exc
    rows: list[tuple[int, list[str]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not min_cols <= len(cells) <= max_cols:
            raise TableError(f"data/{path}:{lineno}: {len(cells)} columns, expected {min_cols}-{max_cols}")
        rows.append((lineno, [c.strip() for c in cells] + [""] * (max_cols - len(cells))))
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


def form_key(text: str) -> str:
    """A form as lookups compare it: no accents, case, hyphens or repeated spaces, one kind of apostrophe."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’'`´]", "'", text)
    return re.sub(r"[\s\-‐–]+", " ", text).strip()


def slug(text: str) -> str:
    """``Kassym-Jomart Tokayev`` -> ``kassym-jomart-tokayev``: the deterministic part of a chronique id."""
    return re.sub(r"[^a-z0-9]+", "-", form_key(text)).strip("-")


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return len(form) <= 6 and bool(letters) and sum(ch.isupper() for ch in letters) >= len(letters) - 1 and " " not in form


def _with_accentless(forms) -> tuple[str, ...]:
    """Each form and, where it has accents, the same without them ("Etats" for "États"): texts drop them."""
    out: list[str] = []
    for form in forms:
        bare = "".join(ch for ch in unicodedata.normalize("NFKD", form) if not unicodedata.combining(ch))
        for f in (form, unicodedata.normalize("NFC", bare)):
            if f and f not in out:
                out.append(f)
    return tuple(out)


# Hand-written organization tables (same columns), in the order a form's first owner is taken from:
# international and transnational bodies, then national institutions, armed groups, parties, unions and media.
HAND_WRITTEN_ORGANIZATIONS = ("actors/organizations.tsv", "actors/organizations.national.tsv")

# SupraVerden's bodies join the organizations the resolver matches (a switch, so that a source that lowers
# the blind scores can be kept for lookups while left out of resolution).
SUPRAVERDEN_FOR_RESOLVER = True


@cache
def _ambiguous_forms() -> dict[str, tuple[str, ...]]:
    return {form_key(r[0]): tuple(c for c in r[1].split("|") if c) for r in _rows("actors/organizations.ambiguous.tsv", 2, 3)}


def ambiguous_form_rows() -> list[tuple[str, tuple[str, ...]]]:
    """The ambiguous forms as written ("RSF"), each with the bodies it may name."""
    return [(r[0].strip(), tuple(c for c in r[1].split("|") if c)) for r in _rows("actors/organizations.ambiguous.tsv", 2, 3)]


def ambiguous_forms() -> dict[str, tuple[str, ...]]:
    """Forms that name several bodies ("RSF"), by ``form_key``, to the bodies they may name."""
    return dict(_ambiguous_forms())


@cache
def _organization_kb() -> tuple[tuple[Organization, ...], tuple[Organization, ...]]:
    """(hand-written organizations, SupraVerden's others), merged, with their added forms and ids."""
    hand = [Organization(name=r[0], forms=tuple(f for f in r[1].split("|") if f), country=r[2] or None,
                         sector=r[3], kind=r[4], source=f"{path}:{n}")
            for path in HAND_WRITTEN_ORGANIZATIONS for n, r in _numbered_rows(path, 5)]
    supra = [Organization(name=r[1], forms=tuple(f for f in r[2].split("|") if f), country=r[3] or None, sector=r[4],
                          kind=r[5], kb_id=r[0], source=f"actors/organizations.supraverden.tsv:{n}",
                          names_other=tuple(f for f in r[7].split("|") if f))
             for n, r in _numbered_rows("actors/organizations.supraverden.tsv", 8)]
    # A SupraVerden body is the hand-written one that shares a name (not an acronym) with it.
    by_name = {form_key(f): i for i, org in enumerate(hand) for f in (org.name, *org.forms) if not _is_acronym(f)}
    others: list[Organization] = []
    for body in supra:
        same = next((by_name[form_key(f)] for f in (body.name, *body.forms)
                     if not _is_acronym(f) and form_key(f) in by_name), None)
        if same is None:
            others.append(body)
            continue
        org = hand[same]
        hand[same] = replace(org, forms=org.forms + tuple(f for f in body.forms if f not in org.forms),
                             kb_id=body.kb_id, names_other=body.names_other, source=f"{org.source} + {body.source}")
    everyone: dict[str, tuple[str, int]] = {}  # a body's names (hand-written first) -> where it is
    for label, group in (("hand", hand), ("supra", others)):
        for i, org in enumerate(group):
            for form in (org.name, *org.forms):
                if not _is_acronym(form):
                    everyone.setdefault(form_key(form), (label, i))
    for n, r in _numbered_rows("actors/organizations.forms.tsv", 2, 3):
        where = everyone.get(form_key(r[0]))
        if where is None:
            raise TableError(f"data/actors/organizations.forms.tsv:{n}: no organization named {r[0]!r}")
        group = hand if where[0] == "hand" else others
        org = group[where[1]]
        added = tuple(f for f in r[1].split("|") if f and f not in org.forms)
        group[where[1]] = replace(org, forms=org.forms + added, source=f"{org.source} + actors/organizations.forms.tsv:{n}")
    # No form names two bodies: an ambiguous one names none, and a SupraVerden form a hand-written body (or a
    # country code) already has stays with that body.
    ambiguous = _ambiguous_forms()
    country_codes = {iso3.casefold() for iso3 in _countries()}
    taken: set[str] = set()
    used_ids: set[str] = set()
    out: list[list[Organization]] = [[], []]
    for slot, group in enumerate((hand, others)):
        for org in group:
            forms = []
            for form in _with_accentless(org.forms):
                key = form_key(form)
                if key in ambiguous or (slot == 1 and (key in taken or key in country_codes or len(key) < 3)):
                    continue
                forms.append(form)
            taken.update(form_key(f) for f in forms)
            # SupraVerden gives one Wikidata id to two bodies once: the second takes a slug id
            kb_id = org.kb_id if org.kb_id and org.kb_id not in used_ids else f"chronique:org/{slug(org.name)}"
            used_ids.add(kb_id)
            out[slot].append(replace(org, forms=tuple(forms), kb_id=kb_id))
    return tuple(out[0]), tuple(out[1])


def organizations() -> list[Organization]:
    """The organizations the resolver matches: the hand-written table (with SupraVerden's ids and names where
    the two agree) and, while ``SUPRAVERDEN_FOR_RESOLVER``, SupraVerden's other bodies."""
    hand, others = _organization_kb()
    return list(hand) + (list(others) if SUPRAVERDEN_FOR_RESOLVER else [])


def all_organizations() -> list[Organization]:
    """Every organization the knowledge base knows, whatever the resolver uses (for lookups)."""
    hand, others = _organization_kb()
    return list(hand) + list(others)


@cache
def _wikidata_ids() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(country ISO3 -> Wikidata id, (ISO3, person name key) -> Wikidata id) from wikidata_ids.tsv."""
    countries_: dict[str, str] = {}
    people: dict[tuple[str, str], str] = {}
    for qid, kind, iso3, name, _source in _rows("actors/wikidata_ids.tsv", 5):
        if kind == "country":
            countries_.setdefault(iso3, qid)
        else:
            people.setdefault((iso3, form_key(name)), qid)
    return countries_, people


def country_kb_id(iso3: str) -> str:
    """A state's stable id: its Wikidata id where world_leaders_2021 gives one, else chronique:country/<ISO3>."""
    return _wikidata_ids()[0].get(iso3) or f"chronique:country/{iso3}"


def person_kb_id(country: str, name: str, aliases: tuple[str, ...] = ()) -> str:
    """A person's stable id: the Wikidata id of the office holder of that country with this name (or alias),
    else chronique:person/<iso3>/<slug>; the same for every row of the person, in every table."""
    people = _wikidata_ids()[1]
    for form in (name, *aliases):
        qid = people.get((country, form_key(form)))
        if qid:
            return qid
    return f"chronique:person/{country.lower()}/{slug(name)}"


@cache
def _cldr_names() -> tuple[tuple[str, str, str], ...]:
    return tuple((r[0], r[1], r[2]) for r in _rows("actors/countries.cldr.tsv", 3))


def cldr_country_names() -> list[tuple[str, str, str]]:
    """(name, ISO3, language) for de, es, it, pt, from the Unicode CLDR: for lookups, not for the resolver."""
    return list(_cldr_names())


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


OFFICIALS_FOR_RESOLVER = True  # a switch, like SUPRAVERDEN_FOR_RESOLVER


@cache
def _known_actors() -> tuple[KnownActor, ...]:
    actors: list[KnownActor] = []
    # Hand-written recent office holders first: they carry accents and real role names.
    for n, r in _numbered_rows("actors/leaders_recent.tsv", 7):
        aliases = tuple(a for a in r[1].split("|") if a)
        actors.append(KnownActor(
            name=r[0], aliases=aliases, country=r[2],
            sector=r[3] or None, role=r[4] or None, valid_from=_date(r[5]), valid_to=_date(r[6]),
            kb_id=person_kb_id(r[2], r[0], aliases), source=f"actors/leaders_recent.tsv:{n}",
        ))
    # Officials outside those four offices whom the news names often (actors/officials.tsv, hand-written).
    if OFFICIALS_FOR_RESOLVER:
        for n, r in _numbered_rows("actors/officials.tsv", 7):
            aliases = tuple(a for a in r[1].split("|") if a)
            actors.append(KnownActor(
                name=r[0], aliases=aliases, country=r[2], sector=r[3] or None, role=r[4] or None,
                valid_from=_period_start(r[5]), valid_to=_period_end(r[6]),
                kb_id=person_kb_id(r[2], r[0], aliases), source=f"actors/officials.tsv:{n}",
            ))
    # The four offices of every state since 2015 (actors/offices/<region>.tsv, hand-written), then Phoenix's history.
    for path in _office_files():
        rows = list(_numbered_rows(path, 7))
        heads_of_state: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for _, r in rows:
            if r[1] == "head_of_state":
                heads_of_state.setdefault((r[0], r[2]), []).append((r[4], r[5]))
        for n, (country, office, name, aliases, start, end, _checked) in rows:
            if office == "head_of_government" and any(
                    held_from <= start and (not held_to or start <= held_to)
                    for held_from, held_to in heads_of_state.get((country, name), ())):
                # a presidential system's head of state heads the government too, from the day it becomes one
                # (Turkey's president since 2018): no "prime minister"
                continue
            alias_forms = tuple(a for a in aliases.split("|") if a)
            actors.append(KnownActor(
                name=name, aliases=alias_forms, country=country, sector="GOV",
                role=OFFICE_ROLES.get(office, office), valid_from=_period_start(start), valid_to=_period_end(end),
                kb_id=person_kb_id(country, name, alias_forms), source=f"{path}:{n}",
            ))
    for n, r in _numbered_rows("actors/known_actors.tsv", 7):
        aliases = tuple(a for a in r[1].split("|") if a)
        actors.append(KnownActor(
            name=r[0], aliases=aliases, country=r[2],
            sector=r[3] or None, role=r[4] or None, valid_from=_date(r[5]), valid_to=_date(r[6]),
            kb_id=person_kb_id(r[2], r[0], aliases), source=f"actors/known_actors.tsv:{n}",
        ))
    log.debug("loaded %d known-actor rows", len(actors))
    return tuple(actors)


def known_actors() -> list[KnownActor]:
    """People with dated roles: one record per (person, role period)."""
    return list(_known_actors())
