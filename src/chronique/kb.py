"""Ask the actor knowledge base: who or what a name is, with its forms, country, sector, role on a date and the
rows it comes from. ``chronique whois`` and the web page's actor search read it.

Lookup ignores accents, case, hyphens, a possessive "'s" and titles ("M.", "Mme", "Dr"); person names also
match through the transliteration key of :mod:`chronique.actors.names` ("Tokaïev", "Tokayev", "Tokaev").
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from . import tables
from .tables import form_key

_POSSESSIVE = re.compile(r"['’]s$|s['’]$")
_ARTICLE = re.compile(r"^(?:l['’]|(?:le|la|les|the)\s+)", re.IGNORECASE)
_TITLES = frozenset({"m", "m.", "mme", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "pr", "pr.", "sir"})


@dataclass(slots=True, frozen=True)
class Role:
    """One dated row of a person: role, country, sector and period, with the row it comes from."""

    role: str | None
    country: str
    sector: str | None
    valid_from: date | None
    valid_to: date | None
    source: str


@dataclass(slots=True)
class KBEntry:
    """What the knowledge base knows of one actor."""

    kb_id: str
    kind: str  # person | organization | country | ambiguous
    name: str
    forms: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    org_kind: str | None = None
    roles: list[Role] = field(default_factory=list)  # persons: every dated row, oldest first
    sources: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # ambiguous forms: the bodies they may name
    names_other: list[str] = field(default_factory=list)

    def roles_on(self, day: date) -> list[Role]:
        return [r for r in self.roles if (r.valid_from is None or r.valid_from <= day) and (r.valid_to is None or day <= r.valid_to)]

    def to_dict(self, day: date | None = None) -> dict:
        out = {"kb_id": self.kb_id, "kind": self.kind, "name": self.name, "forms": self.forms, "country": self.country,
               "sector": self.sector, "sources": self.sources}
        if self.org_kind:
            out["org_kind"] = self.org_kind
        if self.candidates:
            out["could_be"] = self.candidates
        if self.names_other:
            out["names_other"] = self.names_other
        if self.roles:
            out["roles"] = [{"role": r.role, "country": r.country, "sector": r.sector,
                             "from": r.valid_from.isoformat() if r.valid_from else None,
                             "to": r.valid_to.isoformat() if r.valid_to else None, "source": r.source} for r in self.roles]
        if day is not None and self.kind == "person":
            out["on"] = day.isoformat()
            out["roles_on"] = [r.role for r in self.roles_on(day)]
        return out


def query_key(text: str) -> str:
    """The key a query is looked up by: ``form_key`` without a possessive or a leading title."""
    text = _ARTICLE.sub("", _POSSESSIVE.sub("", text.strip()))
    words = text.split()
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    return form_key(" ".join(words))


def _person_key(text: str) -> str:
    from .actors.names import name_words, skeleton

    return "".join(skeleton(w) for w in name_words(text))


@dataclass(slots=True)
class _Index:
    entries: dict[str, KBEntry] = field(default_factory=dict)  # kb_id -> entry
    by_form: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # query_key -> kb_ids
    by_person_key: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    matched_in: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))  # (key, kb_id) -> rows

    def add_form(self, form: str, kb_id: str, source: str | None = None) -> None:
        key = query_key(form)
        if not key:
            return
        if kb_id not in self.by_form[key]:
            self.by_form[key].append(kb_id)
        if source and source not in self.matched_in[key, kb_id]:
            self.matched_in[key, kb_id].append(source)


@cache
def _index() -> _Index:
    index = _Index()
    for org in tables.all_organizations():
        entry = KBEntry(org.kb_id, "organization", org.name, list(dict.fromkeys((org.name, *org.forms))), org.country,
                        org.sector, org.kind, sources=org.source.split(" + "), names_other=list(org.names_other))
        index.entries[org.kb_id] = entry
        for form in (*entry.forms, *(n.split(":", 1)[1] for n in org.names_other)):
            index.add_form(form, org.kb_id)
    for key, candidates in tables.ambiguous_forms().items():
        kb_id = f"chronique:ambiguous/{tables.slug(key)}"
        index.entries[kb_id] = KBEntry(kb_id, "ambiguous", key.upper() if len(key) <= 6 else key,
                                       sources=["actors/organizations.ambiguous.tsv"], candidates=list(candidates))
        index.add_form(key, kb_id)
    for lang in tables.LANGUAGES:
        for n, (form, iso3, kind, *_rest) in tables._numbered_rows(f"actors/countries.{lang}.tsv", 3, 4):
            _add_country_form(index, iso3, form, kind, f"actors/countries.{lang}.tsv:{n}")
    for n, (form, iso3, lang) in tables._numbered_rows("actors/countries.cldr.tsv", 3):
        _add_country_form(index, iso3, form, f"name ({lang})", f"actors/countries.cldr.tsv:{n}")
    for actor in tables.known_actors():
        entry = index.entries.get(actor.kb_id)
        if entry is None:
            entry = index.entries[actor.kb_id] = KBEntry(actor.kb_id, "person", actor.name, country=actor.country)
        for form in (actor.name, *actor.aliases):
            if form not in entry.forms:
                entry.forms.append(form)
            index.add_form(form, actor.kb_id, actor.source)
            pkey = _person_key(form)
            if pkey and actor.kb_id not in index.by_person_key[pkey]:
                index.by_person_key[pkey].append(actor.kb_id)
        entry.roles.append(Role(actor.role, actor.country, actor.sector, actor.valid_from, actor.valid_to, actor.source))
        if actor.source not in entry.sources:
            entry.sources.append(actor.source)
    for entry in index.entries.values():
        if entry.kind == "person":
            entry.roles.sort(key=lambda r: (r.valid_from or date.min, r.valid_to or date.max))
            latest = entry.roles[-1]
            entry.country, entry.sector = latest.country, latest.sector
    return index


def _add_country_form(index: _Index, iso3: str, form: str, kind: str, source: str) -> None:
    kb_id = tables.country_kb_id(iso3)
    entry = index.entries.get(kb_id)
    if entry is None:
        info = tables.country_info(iso3)
        entry = index.entries[kb_id] = KBEntry(kb_id, "country", info.name if info else iso3, country=iso3, sector="GOV")
    label = f"{form} ({kind})"
    if label not in entry.forms:
        entry.forms.append(label)
        entry.sources.append(source)
    index.add_form(form, kb_id, source)


def whois(query: str, day: date | None = None) -> list[KBEntry]:
    """The knowledge base's entries a name may be, best first: exact forms (accents, case, hyphens folded), then
    persons by transliteration key. With ``day``, a person holding a role that day comes before the others."""
    index = _index()
    ids = list(index.by_form.get(query_key(query), ()))
    if not ids:
        ids = list(index.by_person_key.get(_person_key(query), ())) if query.strip() else []
    found = [index.entries[i] for i in ids]
    if day is not None:
        found.sort(key=lambda e: e.kind == "person" and not e.roles_on(day))
    return found


def matched_rows(query: str, entry: KBEntry) -> list[str]:
    """The rows (file:line) whose form the query matched, for entries built from many rows (states, persons)."""
    return list(_index().matched_in.get((query_key(query), entry.kb_id), ()))
