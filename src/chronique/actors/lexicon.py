"""Compiled matchers over the actor tables: country forms, organizations, role and group nouns."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .. import tables
from .names import fold, name_words, skeleton

# A form is matched as a whole word: not glued to letters, digits or a hyphen-joined word.
_LEFT = r"(?<![\w\-])"
_RIGHT = r"(?![\w])"
_WHITE_SPACE = re.compile(r"\s+")


def _accent_table() -> dict[int, str]:
    """Latin letters with diacritics to their bare letter, one character for one, so that offsets in the
    folded text are offsets in the original: "Cédéao" and "Etats" find the tables' "CEDEAO" and "États"."""
    table = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and decomposed[0].isascii() and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[code] = decomposed[0]
    return table


ACCENTS = _accent_table()


def without_accents(text: str) -> str:
    return text.translate(ACCENTS)


@dataclass(slots=True, frozen=True)
class Entry:
    """What a matched form means: a country form, an organization or a role/group noun."""

    kind: str  # country forms: name|adjective|demonym|prefix|capital_metonym|institution_metonym; org; person; group
    country: str | None
    sector: str | None = None
    name: str | None = None  # canonical name (organizations) or normalized role
    org_kind: str | None = None
    lowercase: bool = False  # the table writes this form in lower case ("morality police", "houthis")
    kb_id: str | None = None  # the knowledge base's stable id (Wikidata id where known) of a country or organization
    ambiguous: bool = False  # one of the bodies a form such as "RSF" may name: the story's country chooses


@dataclass(slots=True)
class Matcher:
    """One regular expression over many forms; ``entries`` maps a folded form to what it means."""

    pattern: re.Pattern[str] | None
    entries: dict[str, list[Entry]] = field(default_factory=dict)

    def finditer(self, text: str):
        if self.pattern is None:
            return
        for match in self.pattern.finditer(without_accents(text)):
            # a space of the pattern matches any white space: "the United\n\nNations" is "the united nations"
            yield match.start(), match.end(), self.entries[fold(_WHITE_SPACE.sub(" ", match.group(0)))]


def _compile(forms: dict[str, list[Entry]], raw_forms: list[str], case_sensitive: bool) -> Matcher:
    if not raw_forms:
        return Matcher(None, forms)
    flags = 0 if case_sensitive else re.IGNORECASE
    return Matcher(re.compile(f"{_LEFT}{trie_pattern(raw_forms)}{_RIGHT}", flags), forms)


def trie_pattern(forms: list[str]) -> str:
    """One regular expression for many words, shaped as a trie: Python's ``re`` tries the branches of
    a flat alternation one by one at every position, a trie shares their prefixes. Greedy optional
    tails make the longest form win; spaces match any white space and apostrophes either kind."""
    trie: dict = {}
    for form in set(forms):
        node = trie
        for ch in re.sub(r"\s+", " ", without_accents(form).replace("’", "'")):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [_char_pattern(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def _norm_form(form: str) -> str:
    return re.sub(r"\s+", " ", fold(form))


@dataclass(slots=True)
class ActorLexicon:
    countries: Matcher
    organizations_upper: Matcher  # acronyms, matched case-sensitively (UE, EI, ONU)
    organizations: Matcher
    roles: Matcher
    country_names: dict[str, str]  # iso3 -> English country name

    def match_all(self, text: str):
        for matcher in (self.organizations_upper, self.organizations, self.countries, self.roles):
            yield from matcher.finditer(text)


@cache
def actor_lexicon(lang: str) -> ActorLexicon:
    country_entries: dict[str, list[Entry]] = defaultdict(list)
    raw: list[str] = []
    dependencies = tables.dependencies()
    for row in tables.country_forms(lang):
        sector = row.sector or ("GOV" if row.kind in ("name", "capital_metonym", "institution_metonym") else None)
        # a territory acts for its sovereign state, as CAMEO codes it ("Guam" is USAGUM), under its own name
        state, territory = dependencies.get(row.iso3, (row.iso3, None))
        country_entries[_norm_form(row.form)].append(Entry(row.kind, state, sector, territory,
                                                            kb_id=tables.country_kb_id(state)))
        raw.append(row.form)
    # acronyms keep their case: "CAR" is the Central African Republic, "Car bombs" are not
    acronyms = [form for form in raw if form.isupper()]
    words = [form for form in raw if not form.isupper()]
    countries = Matcher(re.compile(f"{_LEFT}(?:(?-i:{trie_pattern(acronyms)})|{trie_pattern(words)}){_RIGHT}",
                                   re.IGNORECASE), dict(country_entries))

    upper_entries: dict[str, list[Entry]] = defaultdict(list)
    other_entries: dict[str, list[Entry]] = defaultdict(list)
    upper_raw, other_raw = [], []
    for org in tables.organizations():
        for form in {org.name, *org.forms}:
            if not form:
                continue
            entry = Entry("org", org.country or None, org.sector or None, org.name, org.kind,
                          lowercase=form == form.lower(), kb_id=org.kb_id or None)
            if form.isupper() or len(form) <= 4:
                upper_entries[_norm_form(form)].append(entry)
                upper_raw.append(form)
                if form.isupper() and form.isalpha() and len(form) >= 4 and _norm_form(form) not in country_entries:
                    # French writes acronyms read as words in title case: "l'Otan", "la Cédéao", "l'Unesco";
                    # but "Guam" is the island, not the GUAM organization
                    upper_raw.append(form.title())
            else:
                other_entries[_norm_form(form)].append(entry)
                other_raw.append(form)
    by_name = {org.name: org for org in tables.organizations()}
    for form, bodies in tables.ambiguous_form_rows():
        # "RSF" is Sudan's Rapid Support Forces in a Sudanese story, and no one elsewhere
        for org in (by_name[b] for b in bodies if b in by_name and by_name[b].country not in (None, "", "IGO")):
            upper_entries[_norm_form(form)].append(Entry("org", org.country, org.sector or None, org.name, org.kind,
                                                         kb_id=org.kb_id or None, ambiguous=True))
            upper_raw.append(form)
    role_entries: dict[str, list[Entry]] = defaultdict(list)
    role_raw = []
    for role in tables.roles(lang):
        role_entries[_norm_form(role.form)].append(Entry(role.kind, None, role.sector or None, role.role))
        role_raw.append(role.form)
    names = {}
    for iso3 in {e.country for es in country_entries.values() for e in es if e.country}:
        info = tables.country_info(iso3)
        names[iso3] = info.name if info else iso3
    return ActorLexicon(
        countries=countries,
        organizations_upper=_compile(dict(upper_entries), upper_raw, case_sensitive=True),
        organizations=_compile(dict(other_entries), other_raw, case_sensitive=False),
        roles=_compile(dict(role_entries), role_raw, case_sensitive=False),
        country_names=names,
    )


@dataclass(slots=True, frozen=True)
class KnownPerson:
    name: str
    country: str | None
    sector: str | None
    role: str | None
    valid_from: date | None
    valid_to: date | None
    kb_id: str | None = None  # the knowledge base's stable id: one per person across rows, tables and languages


@cache
def known_people() -> dict[str, list[KnownPerson]]:
    """Known actors keyed by the skeleton of their full name (all words joined)."""
    index: dict[str, list[KnownPerson]] = defaultdict(list)
    for row in tables.known_actors():
        person = KnownPerson(row.name, row.country or None, row.sector or None, row.role or None,
                             row.valid_from, row.valid_to, row.kb_id or None)
        for name in {row.name, *row.aliases}:
            key = full_key(name)
            if key:
                index[key].append(person)
    return dict(index)


def full_key(name: str) -> str:
    return "".join(skeleton(w) for w in name_words(name))


def lookup_office(name: str, when: date | None, not_offices: frozenset) -> str | None:
    """The office (president, prime minister...) the known person held on ``when`` (else their latest one)."""
    offices = [p for p in known_people().get(full_key(name), ()) if p.role not in not_offices]
    if when is not None:
        valid = [p for p in offices if (p.valid_from is None or p.valid_from <= when)
                 and (p.valid_to is None or when <= p.valid_to)]
        if valid:
            return valid[-1].role
        return None
    return offices[-1].role if offices else None


SECTOR_WORDS = frozenset({None, "", "government", "elite", "intelligence", "military", "opposition"})


def lookup_known(name: str, when: date | None) -> KnownPerson | None:
    """The known actor with this name, preferring the entry valid on ``when``, then the latest one."""
    people = known_people()
    candidates = people.get(full_key(name))
    words = name.split()
    if not candidates and len(words) >= 3:
        # "Emmanuel Jean-Michel Macron", "Moussa Faki Mahamat": a table may lack a middle or a last name
        candidates = people.get(full_key(f"{words[0]} {words[-1]}")) or people.get(full_key(" ".join(words[:2])))
    if not candidates:
        return None
    if when is not None:
        valid = [p for p in candidates if (p.valid_from is None or p.valid_from <= when)
                 and (p.valid_to is None or when <= p.valid_to) and p.sector]
        if valid:
            # a title ("prime minister") before Phoenix's sector words ("government", "elite")
            titled = [p for p in valid if p.role not in SECTOR_WORDS]
            return (titled or valid)[-1]
    dated = sorted((p for p in candidates if p.country), key=lambda p: p.valid_from or date.min)
    return dated[-1] if dated else None
