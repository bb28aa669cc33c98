"""Search by any spelling: accents and case folded, and a name's other forms from the actor tables.

"Russie", "russia" and "Fédération de Russie" find the same events; "Cédéao" finds ECOWAS; "Etats-Unis"
is the country USA. The forms come from the package's tables (country names per language,
organizations, known actors); the store adds the spellings its own articles used (an actor's
aliases), which :func:`chronique.store.queries.event_filters` looks up in SQL.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

from .. import tables

FOLD_SQL = "strip_accents(lower({}))"  # the SQL twin of fold()
MAX_FORMS = 40


def fold(text: str) -> str:
    """Lower case without accents: 'Cédéao' -> 'cedeao', 'États-Unis' -> 'etats-unis'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(slots=True)
class Entity:
    """Every form of one thing a user may type: its names and, for a country, its ISO3 code."""

    names: set[str] = field(default_factory=set)
    iso3: set[str] = field(default_factory=set)


@cache
def _index() -> dict[str, Entity]:
    index: dict[str, Entity] = {}
    by_country: dict[str, set[str]] = {}
    for lang in ("fr", "en"):
        for f in tables.country_forms(lang):
            if f.kind == "name":
                by_country.setdefault(f.iso3, set()).add(f.form)
    for iso3, info in tables.countries().items():
        by_country.setdefault(iso3, set()).add(info.name)
    for iso3, forms in by_country.items():
        entity = Entity(set(forms), {iso3})
        for form in forms:
            index.setdefault(fold(form), Entity()).names.update(entity.names)
            index[fold(form)].iso3.add(iso3)
    for org in tables.organizations():
        forms = {org.name, *org.forms}
        for form in forms:
            index.setdefault(fold(form), Entity()).names.update(forms)
    for person in tables.known_actors():
        forms = {person.name, *person.aliases}
        for form in forms:
            if len(form) > 3:  # initials and short tokens would tie unrelated people together
                index.setdefault(fold(form), Entity()).names.update(forms)
    return index


def resolve(query: str | None) -> Entity:
    """The forms and countries the query spells exactly (folded); empty when the tables do not know it."""
    if not query:
        return Entity()
    found = _index().get(fold(query)) or _from_knowledge_base(query)
    if found is None:
        return Entity()
    return Entity(set(sorted(found.names)[:MAX_FORMS]), set(found.iso3))


def _from_knowledge_base(query: str) -> Entity | None:
    """What ``chronique whois`` finds for a query no table spells exactly ("Tokaïev's", "M. Poutine", "the
    Kremlin", "Kassym Jomart Tokayev"): the same lookup as the command line."""
    from ..kb import whois

    entity = Entity()
    for entry in whois(query):
        if entry.kind == "country" and entry.country:
            known = _index().get(fold(tables.country_info(entry.country).name)) if tables.country_info(entry.country) else None
            entity.iso3.add(entry.country)
            entity.names.update(known.names if known else ())
        elif entry.kind in ("person", "organization"):
            entity.names.update(f for f in entry.forms if len(f) > 3 or entry.kind == "organization")
    return entity if entity.names or entity.iso3 else None


def patterns(query: str) -> tuple[list[str], list[str]]:
    """(LIKE patterns over folded text, exact names) for a name query: the query and each of its other
    forms as a substring; forms shorter than 5 letters ('US', 'ONU') only as a whole name."""
    forms = {fold(query)} | {fold(n) for n in resolve(query).names}
    likes = sorted(f"%{f}%" for f in forms if len(f) >= 5 or f == fold(query))
    exact = sorted(resolve(query).names)
    return likes, exact


def countries(query: str) -> list[str]:
    """ISO3 codes a country filter means: the code itself, else the countries the name spells."""
    code = query.strip().upper()
    if code in tables.countries() or code == "IGO":
        return [code]
    return sorted(resolve(query).iso3) or [code]


def warm() -> None:
    """Build the spelling tables and the knowledge base now (about 10 s), not in the first search that needs
    them: built under a request, they hold the interpreter while every other request waits."""
    from .. import kb

    _index()
    kb._index()
