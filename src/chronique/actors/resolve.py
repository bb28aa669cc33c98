"""Find the article's actors: people, organizations, countries and groups, resolved within the document.

Mentions come from the named entities of the parse and from the actor lexicons; roles and
countries come from the words around a name ("Le vice-président chinois Wang Qishan",
"Kazakh President Kassym-Jomart Tokayev", "Sergei Lavrov, Russia's foreign minister").
What the article says wins over the known-actor table, which only fills gaps.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..dates import calendar_words
from ..nlp import entities, sent_of, text_of
from ..places import place_kind
from ..records import Actor, TextSpan
from .context import StoryContext
from .descriptions import country_and_group_descriptions, organization_descriptions
from .index import ActorKeys, MatchIndex, PersonKeys, TakenSpans
from .lexicon import ActorLexicon, Entry, actor_lexicon, lookup_known, lookup_office
from .names import fold, group_phrase, person_key, strip_title
from .pronouns import resolve_pronouns
from .table import ActorTable

log = logging.getLogger(__name__)

DATELINE = re.compile(r"(?:^|(?<=\n\n))[A-ZÀ-Ý][A-ZÀ-Ý.'’ -]{2,40}(?:,[^\n(]{0,40}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?:--|—|–|-)\s")
# "Addis Ababa, Sep 11 The AU ...", "New Delhi, Sep. 11 (IANS) ...", "Dakar, 5 mai (APS) -": a wire's city and date
DATED_DATELINE = re.compile(
    r"(?:^|(?<=\n\n))[A-ZÀ-Ý][\w.'’ -]{2,30}, (?:le )?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? "
    r"\d{1,2}|\d{1,2}(?:er)? (?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)[a-zéû]*\.?)(?:,? \d{4})?"
    r"(?: ?\([^)\n]{1,20}\))?(?:\s*(?:--|—|–|-|:))?\s")
PERSON_LABELS = {"PER", "PERSON"}
PLACE_KINDS = ("city", "region", "site", "state")
CALENDAR_WORDS = calendar_words()
ORG_LABELS = {"ORG"}
WINDOW = 7  # tokens scanned on each side of a name for its role and country
COUNTRY_ACTOR_KINDS = {"name", "capital_metonym", "institution_metonym", "demonym"}


@dataclass(slots=True)
class _Found:
    start: int  # char span of the whole phrase that names the actor
    end: int
    name_start: int
    name_end: int
    kind: str
    name: str
    country: str | None
    sector: str | None
    role: str | None = None


POSTED_TO = re.compile(r"(?:\bto (?:the )?|\bin (?:the )?|\bà (?:la )?|\bà l['’]|\ben |\bau |\baux "
                       r"|auprès (?:de la |de l['’]|du |des |de ))$", re.IGNORECASE)
POSTED_TO_REACH = 40  # characters before a descriptor searched for POSTED_TO (its longest form is 14)
BASED_IN = re.compile(r"[-‐–]based\b")
BASED_TAIL = re.compile(r"(?: [a-z]+){0,2} ")  # "-based airline ", "-based oil company "

OF_STATE = re.compile(r" (?:of(?: the)?|du|de la|de l['’]|des|de|d['’])(?: ?)(?=\w)")
OF_STATE_BEFORE = re.compile(r" (?:of(?: the)?|du|de la|de l['’]|des|de|d['’]) ?$")
ON_THE_GROUND = frozenset({"POL", "MIL", "CVL", "REB"})  # groups that act where they are: police, troops, crowds


class _Builder(StoryContext):
    def __init__(self, doc: Doc, lang: str, published: date | None):
        self.doc, self.lang, self.published = doc, lang, published
        self.text = text_of(doc)  # Doc.text joins every token on each access
        self.token_starts = doc.to_array("IDX").tolist()  # no Token objects: they cost more than the lookup
        self.lex: ActorLexicon = actor_lexicon(lang)
        self.table = ActorTable()
        self.person_keys = PersonKeys()
        self.actor_keys = ActorKeys(self.table.actors, _actor_key)
        matches = sorted(self.lex.match_all(self.text), key=lambda m: (m[0], -(m[1] - m[0])))
        self.matches = matches
        self.match_index = MatchIndex(matches, len(self.text))
        self.main_country = self._main_country()
        self.place_country = self._place_country()
        # Datelines ("UNITED NATIONS, United States --", "BEYROUTH, 6 août (Reuters) -") name places and wires, not actors.
        self.taken = TakenSpans(len(self.text))
        for pattern in (DATELINE, DATED_DATELINE):
            for dateline in pattern.finditer(self.text):
                self.taken.add(*dateline.span())

    # -- lexicon helpers -------------------------------------------------------------------
    def _matches_in(self, start: int, end: int):
        return self.match_index.within(start, end)

    def _contiguous(self, matches, frontier: int):
        """Descriptors that lead up to the name ("le chercheur français Julien Marceau"), closest first; a noun or
        a verb the lexicons don't know ends the run ("l'arrestation en Iran du chercheur ...")."""
        kept = []
        for s, e, entries in matches:
            gap = self.doc.char_span(e, frontier, alignment_mode="expand") if e < frontier else None
            if gap is not None and any(t.pos_ in ("NOUN", "VERB", "AUX", "PRON") and not self._in_match(t)
                                       and not t.text[:1].isupper()  # "des Affaires étrangères" is fine
                                       and not (t.dep_ == "compound" and t.head.i > t.i)  # "US basketball star X"
                                       or t.pos_ == "CCONJ"  # "son homologue français et X": another's descriptor
                                       for t in gap):
                break
            kept.append((s, e, entries))
            frontier = min(frontier, s)
        return kept

    def _is_noun_at(self, char: int) -> bool:
        """A role word must be a noun: "que Paris juge" is not a judge."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span is not None and span[0].pos_ in ("NOUN", "PROPN", "ADJ")

    def _is_adjective_at(self, start: int, end: int) -> bool:
        """"military exercises", "activités militaires": a group word used as an adjective names no group."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) == 1 and span[0].pos_ == "ADJ" and span[0].dep_ == "amod"

    def _person_at(self, token: Token) -> bool:
        index = self.table.by_token.get(token.i)
        return index is not None and self.table.actors[index].kind == "person"

    def _in_match(self, token: Token) -> bool:
        """Lexicon words the small models mis-tag ("kazakh" as a verb) still belong to the phrase."""
        return self.match_index.covers_char(token.idx)

    def _overlaps_taken(self, start: int, end: int) -> bool:
        return self.taken.overlaps(start, end)

    def _context(self, span: Span) -> tuple[str | None, str | None, str | None, int, int]:
        """Role, sector, country found around a name, and the char span of the whole phrase."""
        doc = self.doc
        left = span.start
        own_entity_start = left  # "Jordan's King Abdullah" is one entity: its leading words are the context
        while own_entity_start > 0 and doc[own_entity_start].ent_iob_ == "I":
            own_entity_start -= 1
        while left > max(sent_of(span).start, span.start - WINDOW):
            prev = doc[left - 1]
            if (prev.ent_type_ in PERSON_LABELS and prev.i < own_entity_start) or prev.is_space:
                break
            if prev.pos_ in ("VERB", "AUX") and not self._in_match(prev):
                break
            if prev.is_punct and prev.text not in ("-", "'", "’"):
                break
            left -= 1
        if left == span.start and left - 1 > sent_of(span).start and doc[left - 1].text == "," \
                and (span.end >= sent_of(span).end or doc[span.end].text in (",", ".", ")")):
            # "la ministre française des Affaires étrangères, Claire Duval,": the role stands before the comma.
            left -= 1
            while left > max(sent_of(span).start, span.start - 2 * WINDOW):
                prev = doc[left - 1]
                if prev.is_punct or prev.is_space or prev.ent_type_ in PERSON_LABELS:
                    break
                if prev.pos_ in ("VERB", "AUX") and not self._in_match(prev):
                    break
                left -= 1
        right = span.end
        if right < sent_of(span).end and doc[right].text == ",":
            probe = right + 1
            stop = min(sent_of(span).end, probe + WINDOW)
            while probe < stop and not (doc[probe].is_punct and doc[probe].text not in ("-", "'", "’")) \
                    and doc[probe].pos_ not in ("VERB", "AUX"):
                probe += 1
            if probe > right + 1 and doc[right + 1].pos_ in ("DET", "NOUN", "ADJ", "PROPN"):
                right = probe
        role = sector = country = None
        start_char, end_char = doc[left].idx if left < span.start else span.start_char, span.end_char
        before = self._contiguous(self._matches_in(doc[left].idx, span.start_char)[::-1], span.start_char)
        used_start = span.start_char
        after = self._matches_in(span.end_char, doc[right - 1].idx + len(doc[right - 1]) if right > span.end else span.end_char)
        if not after:
            after = self._of_country(span.end_char)
        for s, e, entries in before + after:
            if entries[0].kind == "person" and not self._is_noun_at(s):
                continue
            if s < span.start_char and any(x.kind in ("person", "adjective", "name", "demonym", "org") for x in entries):
                used_start = min(used_start, s)
            posted = s < span.start_char and POSTED_TO.search(self.text, max(0, s - POSTED_TO_REACH), s)
            for entry in entries:
                if entry.kind == "person" and role is None:
                    role, sector = entry.name, entry.sector
                elif entry.kind in ("adjective", "name", "demonym") and country is None and not posted:
                    country = entry.country  # not "Ambassador to Russia", "envoyé en Syrie": a posting
                elif entry.kind == "org" and country is None and entry.country and not posted \
                        and not self._name_goes_on(s, e):
                    # not "ambassador to the United Nations", "représentant auprès de l'ONU": a posting
                    # "NATO Secretary-General Jens Stoltenberg" speaks for NATO: an IGO official is IGO.
                    country = entry.country
                    sector = "IGO" if entry.country == "IGO" else sector or entry.sector
            if e > span.end_char:
                end_char = max(end_char, e)
        start_char = max(start_char, used_start) if used_start < span.start_char else span.start_char
        return role, sector, country, start_char, end_char

    def _of_country(self, end: int) -> list:
        """"King Abdullah of Jordan", "le président Ruto du Kenya": a state named right after a name is its own."""
        found = OF_STATE.match(self.text, end)
        if found is None:
            return []
        return [(s, e, [x for x in entries if x.kind == "name"]) for s, e, entries in
                self._matches_in(found.end(), found.end() + 40)
                if s == found.end() and any(x.kind == "name" for x in entries)][:1]

    # -- adding actors -------------------------------------------------------------------
    def _add(self, found: _Found, key: tuple) -> int:
        index = self.person_keys.find(key) if found.kind == "person" else None
        if index is not None:
            self._merge(index, found)
            return index
        if found.kind != "person":
            folded = fold(found.name)
            index = self.actor_keys.first(
                ("group", found.role, found.sector, found.country) if found.kind == "group" else
                (found.kind, folded, found.country),
                lambda actor: actor.kind == found.kind and actor.country == found.country and (
                    fold(actor.name) == folded if found.kind != "group" else
                    (actor.role, actor.sector) == (found.role, found.sector)))
            if index is not None:
                self._merge(index, found)
                return index
        actor = Actor(id=f"a{len(self.table.actors) + 1}", name=found.name, kind=found.kind,
                      country=found.country, sector=found.sector, role=found.role)
        self.table.actors.append(actor)
        index = len(self.table.actors) - 1
        if found.kind == "person":
            self.person_keys.add(key, index)
        self._merge(index, found, new=True)
        return index

    def _merge(self, index: int, found: _Found, new: bool = False) -> None:
        actor = self.table.actors[index]
        text = self.text[found.name_start:found.name_end]
        actor.mentions.append(TextSpan(found.name_start, found.name_end, text))
        if not new:
            if found.kind == "person" and len(person_key(found.name)) > len(person_key(actor.name)):
                actor.name = found.name
            actor.country = actor.country or found.country
            actor.sector = actor.sector or found.sector
            actor.role = actor.role or found.role
            self.actor_keys.register(index)  # its country, role or sector may be new
        if text not in actor.aliases:
            actor.aliases.append(text)
        span = self.doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                self.table.by_token.setdefault(token.i, index)
        self.taken.add(found.start, found.end)

    # -- passes ----------------------------------------------------------------------------
    def people(self) -> None:
        for start, end, label in entities(self.doc):
            if label not in PERSON_LABELS:
                continue
            ent = self.doc[start:end]
            if self._overlaps_taken(ent.start_char, ent.end_char):
                continue
            ent = self._without_leading_descriptors(ent)
            name = strip_title(ent.text.strip(" ,.;:"))
            if not name or not name[0].isupper() or self._lexicon_covers(ent):
                continue
            if all(w.lower() in CALENDAR_WORDS or w.isdigit() for w in name.replace(",", " ").split()):
                continue  # "Samedi 28 novembre": a date the model took for a name
            if place_kind(name) in PLACE_KINDS and lookup_known(name, self.published) is None \
                    and self.person_keys.find(person_key(name)) is None:
                continue  # "Zaporizhzhia", "Crimea": a town or region the model took for a name is a place
            role, sector, country, start, end = self._context(ent)
            country = country or self._based_in(ent.start_char)
            name_start = ent.start_char + ent.text.find(name)
            kind_noun = self._organization_noun_before(ent.start_char)
            if kind_noun is not None:  # "the airline Etihad", "la compagnie Etihad": an organization, not a person
                self._add(_Found(name_start, name_start + len(name), name_start, name_start + len(name),
                                 "organization", name, country, kind_noun.sector), ())
                continue
            self._add(_Found(start, end, name_start, name_start + len(name),
                             "person", name, country, sector or ("GOV" if role else None), role), person_key(name))

    def _organization_noun_before(self, start: int) -> Entry | None:
        """The organization noun ("airline", "compagnie", "bank") right before a name, if there is one."""
        for _s, e, entries in self._matches_in(max(0, start - 30), start):
            if entries[0].kind == "organization" and not self.text[e:start].strip():
                return entries[0]
        return None

    def _based_in(self, start: int) -> str | None:
        """The country of a "<place>-based" phrase right before a name: "Abu Dhabi-based airline Etihad"."""
        for _s, e, entries in self._matches_in(max(0, start - 60), start):
            based = BASED_IN.match(self.text, e)
            if based and BASED_TAIL.fullmatch(self.text, based.end(), start):
                return next((x.country for x in entries if x.country and x.country != "IGO"
                             and x.kind in ("capital_metonym", "name", "adjective")), None)
        return None

    def _without_leading_descriptors(self, ent: Span) -> Span:
        """"Jordan's King Abdullah" as one entity: the name is "King Abdullah"'s last part; the words before
        it (country, possessive, role) stay in the phrase as its context."""
        start = ent.start
        for s, e, entries in self._matches_in(ent.start_char, ent.end_char):
            if any(x.kind in ("adjective", "name", "person", "org") for x in entries) and e < ent.end_char:
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None and span.end > start:
                    start = span.end
        while start < ent.end - 1 and (self.doc[start].text in ("'s", "’s", "'", "’", "-")
                                       or self.doc[start].pos_ == "DET"):  # "La Cédéao", "the Kremlin"
            start += 1
        end = ent.end
        for s, e, entries in self._matches_in(ent.start_char, ent.end_char):
            before = OF_STATE_BEFORE.search(self.text, ent.start_char, s)
            if e == ent.end_char and before is not None and any(x.kind == "name" for x in entries):
                name_end = self.doc.char_span(ent.start_char, before.start(), alignment_mode="contract")
                if name_end is not None and name_end.end > start:  # "le roi Abdallah de Jordanie"
                    end = name_end.end
        while end > start + 1 and self.doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1  # "Nancy Pelosi's visit": the possessive is no part of the name
        return self.doc[start:end] if (start, end) != (ent.start, ent.end) else ent

    def _lexicon_covers(self, ent: Span) -> bool:
        """A 'person' the model found that is really a country or organization form."""
        return self.match_index.covers(ent.start_char, ent.end_char)

    def lexicon_actors(self) -> None:
        for start, end, entries in self.matches:
            if self._overlaps_taken(start, end):
                continue
            entry = entries[0]
            if entry.ambiguous:
                context = {self.table.story_country, self._sentence_country(start)}
                entry = next((e for e in entries if e.country in context), None)
                if entry is None:
                    continue
            if entry.kind == "org" and not any(ch.isupper() for ch in self.text[start:end]) \
                    and not any(e.lowercase for e in entries):
                continue  # "the alliance" is no organization; "the morality police" is one
            if entry.kind == "org" and entry.sector == "MED" and (self.text[max(0, start - 1):start] == "("
                                                                 or self.text[end:end + 3].strip()[:1] in ("•", "|")):
                continue  # "(Reuters)", "(AFP)", "Reuters • 06/08/2020": the wire that carried the story
            if entry.kind == "org" and self._name_goes_on(start, end):
                continue  # "le Parti socialiste unifié" is not "le Parti socialiste": another body, unknown
            if entry.kind == "org":
                self._add(_Found(start, end, start, end, "organization", entry.name or self.text[start:end],
                                 entry.country, entry.sector or ("IGO" if entry.country == "IGO" else None)), ())
            elif entry.kind in COUNTRY_ACTOR_KINDS:
                if entry.kind != "demonym" and not any(ch.isupper() for ch in self.text[start:end]):
                    continue  # a lowercase "chine" is no country
                name = entry.name or self.lex.country_names.get(entry.country, entry.country)
                self._add(_Found(start, end, start, end, "country", name,
                                 entry.country, entry.sector if entry.kind != "demonym" else None), ())
            elif entry.kind == "group" and self._is_noun_at(start) and not self._is_adjective_at(start, end):
                self._group(start, end, entry)
            elif entry.kind == "person" and self._is_noun_at(start):
                self._role_only(start, end, entry)

    def _country_near(self, start: int, end: int, kinds=("adjective", "name", "capital_metonym")) -> tuple[str | None, int, int]:
        """Country named by an adjective right after (fr) or before (en) a noun, or a "de X"/"of X"/"X's"."""
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None, start, end
        lo = max(sent_of(span).start, span.start - 3)
        hi = min(sent_of(span).end, span.end + 4)
        best = None
        for s, e, entries in self._matches_in(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])):
            if s < start and e > start or s == start:
                continue
            if not self._modifies(*((e, start) if e <= start else (end, s))):
                continue  # "the UK blamed the regime": a verb between, so not the regime's country
            for entry in entries:
                if entry.kind in kinds and entry.country:
                    distance = s - end if s >= end else start - e
                    if best is None or distance < best[0]:
                        best = (distance, entry.country, min(s, start), max(e, end))
        if best is None:
            return None, start, end
        return best[1], best[2], best[3]

    def _group(self, start: int, end: int, entry: Entry) -> None:
        country, s, e = self._country_near(start, end)
        sector = entry.sector
        if country is None:
            # "the regime of President Bashar al-Assad": the country of the person or body it belongs to
            owner = self._owner(end)
            country = owner.country if isinstance(owner, Actor) else None
            s, e = start, end
            if isinstance(owner, int) and sector == "MIL":
                sector, e = "REB", owner  # "regional forces from Tigray": a region's or movement's armed men
        if country is None and entry.name == "state":
            return  # "le royaume", "the republic": which one only a country word beside it tells
        if country is None:
            # "Iranian students protested against the government": a bare government, army, police, rebels...
            # belongs to the country of the nearest actor of the same sentence that has one.
            if entry.sector != "JUD":  # "l'équité et la justice" is no court
                # army, police, crowds: the story's place, or failing it the place this sentence names
                on_the_ground = None if entry.sector == "GOV" else self.place_country or (
                    self._sentence_place(start) if entry.sector in ON_THE_GROUND else None)
                # "Seoul said its forces, together with the U.S., ...": "its" names a state told before
                # A country word later in the clause names the counterpart more often than the group's own
                # state ("le gouvernement a expulsé l'ambassadeur français"): it comes after the story's state.
                possessed = self._possessed(start)
                country = self._sentence_country(start, before=True, metonyms=possessed) or on_the_ground \
                    or self.main_country or (None if possessed else self._sentence_country(start))
        if country is None:
            return
        country_name = self.lex.country_names.get(country, country)
        kind = "country" if entry.sector == "GOV" and entry.name in ("side", "party", "government", "authorities",
                                                                      "regime", "state", "country") else "group"
        name = country_name if kind == "country" else group_phrase(self.text[s:e])
        self._add(_Found(s, e, s, e, kind, name, country, sector, entry.name), ())

    def _owner(self, end: int) -> Actor | int | None:
        """The actor named in a "de X"/"of X"/"from X" right after a group word; for a proper name no lexicon
        knows as a country ("forces from Tigray"), where that name ends."""
        position = bisect_left(self.token_starts, end)
        following = self.doc[position] if position < len(self.doc) else None
        if following is None or following.lower_ not in ("de", "du", "d'", "d’", "of", "from"):
            return None
        for t in self.doc[following.i + 1: min(len(self.doc), following.i + 5)]:
            index = self.table.by_token.get(t.i)
            if index is not None:
                return self.table.actors[index]
            if t.pos_ == "PROPN" and t.ent_type_ and not self._in_match(t):
                return t.idx + len(t)
            if t.pos_ not in ("DET", "ADJ", "PROPN"):
                break
        return None

    def _modifies(self, gap_start: int, gap_end: int) -> bool:
        """Whether the words between a country word and a noun let one modify the other:
        articles, adjectives, possessive 's, names and "de/du/of" — no verb, clause or punctuation."""
        if gap_end <= gap_start:
            return True
        gap = self.doc.char_span(gap_start, gap_end, alignment_mode="expand")
        if gap is None:
            return True
        for t in gap:
            if t.is_space or t.text in ("'s", "’s", "-", "'", "’"):
                continue
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and not self._in_match(t) or t.is_punct:
                return False
            if t.pos_ == "ADP" and t.lower_ not in ("de", "du", "des", "d'", "d’", "of", "en", "in"):
                return False
        return True

    def _role_only(self, start: int, end: int, entry: Entry) -> None:
        """'le président kazakh' with no name: the named person with that role and country, if any, else a new one."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "appos" and (self._person_at(span.root.head)
                                                                or span.root.head.pos_ == "PROPN"):
            return  # "Obasanjo, a former Nigerian president, said": a description of the person named, no one else
        if span is not None and ("Plur" in span[-1].morph.get("Number") or span[-1].tag_ in ("NNS", "NNPS")):
            # "five Polish diplomats", "les responsables iraniens": a group of that country, when one is named
            country, s, e = self._country_near(start, end, kinds=("adjective", "name"))
            if country is None and entry.sector not in ("GOV", "MIL", None):
                country, s, e = self._sentence_country(start), start, end
            elif country is None:  # "Russia has been bellicose, with officials blaming Ukraine": the subject state's
                country, s, e = self._subject_state(span), start, end
            if country is not None:
                self._add(_Found(s, e, s, e, "group", group_phrase(self.text[s:e]), country, entry.sector, entry.name), ())
            return
        if span is None or span.start == 0:
            return
        before = self.doc[span.start - 1]
        if before.pos_ not in ("DET", "ADJ", "NUM") and not self._in_match(before):
            return
        country, s, e = self._country_near(start, end, kinds=("adjective", "name"))
        if country is None:
            # "the president said": the last person named with that role.
            for index in range(len(self.table.actors) - 1, -1, -1):
                actor = self.table.actors[index]
                if actor.kind == "person" and actor.role == entry.name and actor.mentions \
                        and actor.mentions[0].start < start:
                    self._merge(index, _Found(start, end, start, end, "person", actor.name, None, None, None))
                    return
            return
        for index, actor in enumerate(self.table.actors):
            if actor.kind == "person" and actor.country == country and actor.role == entry.name:
                self._merge(index, _Found(s, e, s, e, "person", actor.name, country, actor.sector, actor.role))
                return
        name = f"{self.lex.country_names.get(country, country)} {entry.name}"
        self._add(_Found(s, e, s, e, "person", name, country, entry.sector, entry.name), ())

    def organizations(self) -> None:
        doc = self.doc
        for start, end, label in entities(doc):
            if label not in ORG_LABELS:
                continue
            ent = doc[start:end]
            if self._overlaps_taken(ent.start_char, ent.end_char):
                continue
            text = ent.text.strip(" ,.;:")
            if len(text) < 2 or not any(ch.isupper() for ch in text):
                continue
            if text.isupper() and len(text) > 5:  # "BRIDGEWATER, N.J. --": a dateline, not an organization
                continue
            if place_kind(text) in PLACE_KINDS and lookup_known(text, self.published) is None:
                continue  # "Crimea", "Dnipro" taken for a body: a place
            known = lookup_known(strip_title(text), self.published) if len(text.split()) > 1 else None
            if known is not None:  # "Moussa Faki Mahamat" labelled a body: a person the tables know
                name = strip_title(text)
                name_start = ent.start_char + ent.text.find(name)
                self._add(_Found(ent.start_char, ent.end_char, name_start, name_start + len(name), "person", name,
                                 known.country, known.sector, known.role), person_key(name))
                continue
            key = person_key(strip_title(text))
            person = self.person_keys.find(key)
            if person is not None and len(key) <= 3:
                self._merge(person, _Found(ent.start_char, ent.end_char, ent.start_char, ent.end_char, "person",
                                           text, None, None))
                continue
            country = sector = None
            for _s, _e, entries in self._matches_in(ent.start_char, ent.end_char):
                for entry in entries:
                    if entry.kind in ("adjective", "name") and country is None:
                        country = entry.country
                    elif entry.kind == "group" and sector is None:
                        sector = entry.sector
            glossed = self._glossed_by(ent.end_char) if country is None else None
            if glossed is not None:  # "The Economic Community for Western African States (ECOWAS)": one body
                self._merge(glossed, _Found(ent.start_char, ent.end_char, ent.start_char, ent.end_char,
                                            "organization", text, None, None))
                continue
            kind_noun = self._organization_noun_before(ent.start_char)
            country = country or self._based_in(ent.start_char)
            sector = sector or (kind_noun.sector if kind_noun is not None else None)
            self._add(_Found(ent.start_char, ent.end_char, ent.start_char, ent.end_char, "organization", text,
                             country, sector), ())

    def fill_from_known(self) -> None:
        for actor in self.table.actors:
            if actor.kind != "person" or (actor.country and actor.sector and actor.role):
                continue
            known = lookup_known(actor.name, self.published)
            if known is None:
                continue
            actor.country = actor.country or known.country
            actor.sector = actor.sector or known.sector
            if actor.role is None and actor.country == known.country:
                actor.role = lookup_office(actor.name, self.published, NOT_OFFICES)  # "le président russe" later

    def _token_at(self, char: int) -> Token | None:
        """The token starting at this character offset."""
        position = bisect_left(self.token_starts, char)
        if position < len(self.token_starts) and self.token_starts[position] == char:
            return self.doc[position]
        return None

    def surnames(self) -> None:
        """"talks with Stoltenberg": a person's surname alone, where the model saw no person, is that person
        (when only one person found has it)."""
        by_surname: dict[str, list[int]] = {}
        for index, actor in enumerate(self.table.actors):
            parts = actor.name.split() if actor.kind == "person" else []
            if parts and len(parts[-1]) >= (4 if len(parts) >= 2 else 5):
                by_surname.setdefault(parts[-1], []).append(index)
        for surname, indexes in by_surname.items():
            if len(indexes) != 1:
                continue
            for found in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", self.text):
                token = self._token_at(found.start())
                if token is None or token.pos_ != "PROPN" or token.i in self.table.by_token \
                        or self._overlaps_taken(found.start(), found.end()):
                    continue
                self.table.by_token[token.i] = indexes[0]
                self.table.actors[indexes[0]].mentions.append(TextSpan(found.start(), found.end(), surname))

    def definite_descriptions(self) -> None:
        organization_descriptions(self.table, self.text, self._token_at)
        country_and_group_descriptions(self.table, self.doc)

    def loose_country_words(self) -> None:
        for s, e, entries in self.matches:
            entry = next((x for x in entries if x.kind in ("adjective", "name", "capital_metonym") and x.country
                          and x.country != "IGO"), None)
            span = self.doc.char_span(s, e, alignment_mode="expand") if entry else None
            if span is None or any(t.i in self.table.by_token for t in span) or self._overlaps_taken(s, e):
                continue  # taken: datelines ("BRUSSELS, April 13 (Reuters) -") name no actor
            for token in span:
                self.table.country_words[token.i] = (entry.country, self.lex.country_names.get(entry.country, entry.country))


def _actor_key(actor: Actor) -> tuple | None:
    """What makes a new mention this actor (``_Builder._add``); persons are found by their name keys."""
    if actor.kind == "person":
        return None
    if actor.kind == "group":
        return ("group", actor.role, actor.sector, actor.country)
    return (actor.kind, fold(actor.name), actor.country)


NOT_OFFICES = frozenset({None, "", "government", "elite", "intelligence", "military"})  # ICEWS sectors, no role


def find_actors(doc: Doc, lang: str, published: date | None) -> ActorTable:
    builder = _Builder(doc, lang, published)
    builder.table.story_country = builder.place_country or builder.main_country
    builder.people()
    builder.fill_from_known()  # before groups: "the regime of President X" takes X's country
    builder.people_country()
    builder.lexicon_actors()
    builder.organizations()
    builder.fill_from_known()
    builder.dyads()
    builder.surnames()
    builder.definite_descriptions()
    resolve_pronouns(builder.table, doc, lang)
    builder.loose_country_words()
    builder.story_nationals()
    return builder.table
