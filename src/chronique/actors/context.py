"""What a story says of states around its names: the state it is about or happens in, the state a sentence
tells before a word or places it in, the subject acting on a group, pairs of states joined by a hyphen
("the U.S.-China talks"), short forms glossing a name, and the state of a story's unplaced nationals.
Mixed into the resolver's builder (``resolve._Builder``), whose text, matches and table it reads."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..nlp import sent_of
from ..records import Actor, TextSpan
from .names import fold
from .pronouns import POSSESSIVES

GLOSS = re.compile(r"\s*\(\s*([^()\s][^()]{0,29})\)")  # a short form in brackets right after a name
STATE_SECTORS = frozenset({"GOV", "JUD", "MIL", "POL"})
PLACE_PREPOSITIONS = frozenset({"en", "au", "aux", "dans", "in", "inside", "across", "throughout"})
DYAD = re.compile(r"(?<![\w-])([^\W\d][\w.]*?)-([^\W\d][\w.]*)")
COUNTRY_FORM_KINDS = ("name", "adjective", "demonym", "prefix", "capital_metonym")


class StoryContext:
    def _country_word_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, _, entries in self.matches:
            entry = entries[0]
            if entry.kind in ("name", "adjective", "demonym", "capital_metonym") and entry.country:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        return counts

    def _main_country(self) -> str | None:
        """The country a story is about, when one clearly dominates (at least half of the country words
        and three of them): "la police", "les manifestants" in a national story are that country's."""
        counts = self._country_word_counts()
        if not counts:
            return None
        country, top = max(counts.items(), key=lambda kv: kv[1])
        return country if top >= 3 and top * 2 >= sum(counts.values()) else None

    def people_country(self) -> None:
        """A story that names hardly any country word still has a state when the people the tables place are
        mostly of one ("les syndicats ... le gouvernement De Wever ... Théo Francken": Belgium): its bare police,
        unions and crowds are that state's. Called once the known people are placed, before the group words."""
        if self.main_country is not None:
            return
        counts: dict[str, int] = {}
        for actor in self.table.actors:
            if actor.kind == "person" and actor.country and actor.country != "IGO":
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        if not counts:
            return
        country, top = max(counts.items(), key=lambda kv: kv[1])
        named_elsewhere = sum(n for c, n in self._country_word_counts().items() if c != country)
        # a story naming other states ("Biden ... Griner ... Russia, Moscow, the Kremlin") is about more than one
        if top >= 2 and top * 2 > sum(counts.values()) and named_elsewhere <= 1:
            self.main_country = country
            self.table.story_country = self.place_country or country

    def _place_country(self) -> str | None:
        """The country a story happens in, when it is named as the place ("en Birmanie", "in Myanmar") at least
        twice and more often than any other: a bare "l'armée", "la police", "les manifestants" there are that
        country's, even in a story written from Washington whose words name the United States more."""
        counts: dict[str, int] = {}
        for start, _, entries in self.matches:
            entry = entries[0]
            if entry.kind != "name" or not entry.country or entry.country == "IGO":
                continue
            before = self.text[max(0, start - 12):start].split()
            if before and fold(before[-1]) in PLACE_PREPOSITIONS:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or ranked[0] < 2 or len(ranked) > 1 and ranked[1] == ranked[0]:
            return None
        return max(counts, key=counts.get)

    def _sentence_place(self, char: int) -> str | None:
        """The country of the first state or capital named as a place in the sentence ("in Dhaka", "à Dakar")."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = sent_of(span)
        for start, _end, entries in self._matches_in(sent.start_char, sent.end_char):
            entry = entries[0]
            if entry.kind not in ("name", "capital_metonym") or not entry.country or entry.country == "IGO":
                continue
            before = self.text[max(0, start - 12):start].split()
            prepositions = PLACE_PREPOSITIONS | ({"a", "at"} if entry.kind == "capital_metonym" else set())  # folded "à"
            if before and fold(before[-1]) in prepositions:
                return entry.country
        return None

    def _possessed(self, char: int) -> bool:
        """Whether the noun phrase starting at ``char`` opens with a possessive ("its special forces", "ses troupes")."""
        token = self._token_at(char)
        if token is None:
            return False
        before = token.i - 1
        while before >= 0 and self.doc[before].pos_ == "ADJ":
            before -= 1
        return before >= 0 and self.doc[before].lower_ in POSSESSIVES

    def _sentence_country(self, char: int, before: bool = False, metonyms: bool | None = None) -> str | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = sent_of(span)
        best = None
        metonyms = before if metonyms is None else metonyms
        kinds = ("adjective", "name", "demonym", "capital_metonym") if metonyms else ("adjective", "name", "demonym")
        acting_on = self._agent_acting_on(span[0]) if before else None
        for s, _e, entries in self._matches_in(sent.start_char, char if before else sent.end_char):
            if acting_on is not None and acting_on[0] <= s < acting_on[1]:
                continue  # "Israël a obtenu la libération de civils": a state acting on a group is not its own
            for entry in entries:
                if entry.kind in kinds and entry.country and entry.country != "IGO":
                    distance = abs(s - char)
                    if best is None or distance < best[0]:
                        best = (distance, entry.country)
        return best[1] if best else None

    @staticmethod
    def _agent_acting_on(token: Token) -> tuple[int, int] | None:
        """The char span of the subject of the verb a noun is the object or complement of, if any."""
        node, verb = token, None
        while node.head.i != node.i:
            if node.dep_.startswith("nsubj"):
                return None  # the noun is (in) the subject itself
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                verb = node
                break
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < token.i), None)
        if subject is None:
            return None
        words = list(subject.subtree)
        return words[0].idx, words[-1].idx + len(words[-1])

    def _subject_state(self, span: Span) -> str | None:
        """The country named by the subject of the sentence's main verb, for a role that acts (a subject, or
        "with officials blaming ...") and is not that subject."""
        head = span.root
        acting = head.dep_.startswith("nsubj") or any(
            c.dep_ == "acl" and (c.tag_ == "VBG" or "Pres" in c.morph.get("Tense")) for c in head.children)
        if not acting:
            return None  # "impose sanctions on twelve officials": the officials are acted upon, whoever's they are
        root = sent_of(span).root
        for child in root.children:
            if child.dep_.startswith("nsubj") and not (span.start <= child.i < span.end):
                return self._country_of_form(child.text)
        return None

    def _name_goes_on(self, start: int, end: int) -> bool:
        """Whether a lowercase adjective that is no country word carries a matched name on ("Parti socialiste
        unifié", "Front populaire ivoirien" is still that front's country): the words name another body."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.end >= len(self.doc):
            return False
        after = self.doc[span.end]
        describes = after.pos_ == "ADJ" or after.pos_ == "VERB" and after.dep_ in ("acl", "amod")  # "unifié"
        return describes and after.text.islower() and span.start <= after.head.i < span.end \
            and not any(x.kind in ("adjective", "name", "demonym") for _, _, entries in
                        self._matches_in(after.idx, after.idx + len(after)) for x in entries)

    def _glossed_by(self, end: int) -> int | None:
        """The known organization whose short form follows a name in brackets ("... States (ECOWAS)")."""
        found = GLOSS.match(self.text, end)
        if found is None:
            return None
        token = self._token_at(found.start(1))
        index = self.table.by_token.get(token.i) if token is not None else None
        if index is None:
            return None
        actor = self.table.actors[index]
        return index if actor.kind == "organization" and actor.country else None

    def story_nationals(self) -> None:
        """In a story about one state, a person no table or context places is that state's ("Margaret Ng" in a
        Hong Kong story), unless a placed person of the story bears the same family name."""
        country = self.table.story_country
        placed = {actor.name.split()[-1]: actor.country for actor in self.table.actors
                  if actor.kind == "person" and actor.country and len(actor.name.split()) > 1}
        for actor in self.table.actors:
            if actor.country is None and actor.kind == "organization" and actor.sector in STATE_SECTORS:
                actor.country = country  # "the Supreme Court", "National Guard": a state body of the story's state
            if actor.country is None and actor.kind == "person":
                # "Brigitte Macron" beside Emmanuel Macron: a relative, of his state before the story's
                actor.country = placed.get(actor.name.split()[-1]) if len(actor.name.split()) > 1 else None
                actor.country = actor.country or country

    def _country_of_form(self, text: str) -> str | None:
        """The country a whole word names ("China", "ukrainiens", "russo-"), if it is a country form."""
        for s, e, entries in self.lex.countries.finditer(text):
            if s == 0 and e == len(text):
                return next((x.country for x in entries if x.kind in COUNTRY_FORM_KINDS and x.country), None)
        return None

    def dyads(self) -> None:
        """"the U.S.-China talks", "les pourparlers russo-ukrainiens", "Iran-US relations": two states joined
        by a hyphen are both parties of what the phrase names."""
        for found in DYAD.finditer(self.text):
            first, second = found.group(1), found.group(2)
            one = self._country_of_form(first) or self._country_of_form(first + "-")
            other = self._country_of_form(second)
            if other is None:  # "U.S.-South Korea": the second state may take two words
                tail = self.text[found.start(2):found.start(2) + 30]
                other = next((x.country for s, e, entries in self.lex.countries.finditer(tail) if s == 0
                              for x in entries if x.kind in COUNTRY_FORM_KINDS and x.country), None)
            if one is None or other is None or one == other or "IGO" in (one, other):
                continue
            span = self.doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is None:
                continue
            indexes = [self._state(one, span), self._state(other, span)]
            for token in span:
                self.table.by_token.setdefault(token.i, indexes[0])
                self.table.partner[token.i] = indexes[1]

    def _state(self, iso3: str, span: Span) -> int:
        for index, actor in enumerate(self.table.actors):
            if actor.kind == "country" and actor.country == iso3:
                return index
        name = self.lex.country_names.get(iso3, iso3)
        # a new state of its own, with the compound as its mention, but its tokens stay the first state's
        self.table.actors.append(Actor(id=f"a{len(self.table.actors) + 1}", name=name, kind="country",
                                       country=iso3, sector="GOV",
                                       mentions=[TextSpan(span.start_char, span.end_char, span.text)],
                                       aliases=[span.text]))
        return len(self.table.actors) - 1
