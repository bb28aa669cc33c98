"""The actors of one article and, for every token, the actor it names: what the later stages read."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Actor, TextSpan

FIRST_PERSON = {"fr": frozenset({"je", "j'", "j’", "nous"}), "en": frozenset({"i", "we"})}


@dataclass(slots=True)
class ActorTable:
    """The actors of one article and, for every token that names one, which."""

    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)  # token index -> index into ``actors``
    quoted: dict[int, int] = field(default_factory=dict)  # token index inside a quote -> its speaker's index
    # country words that name no actor themselves ("strikes on Ukrainian cities"): token index -> (iso3, name)
    country_words: dict[int, tuple[str, str]] = field(default_factory=dict)
    # the second state of a compound dyad ("U.S.-China talks", "pourparlers russo-ukrainiens"): token -> actor index
    partner: dict[int, int] = field(default_factory=dict)
    # who put forward the latest document the article names ("a draft resolution presented by X, Y and Z"):
    # the document speaks for them
    document_authors: list[Actor] = field(default_factory=list)
    # the country the story happens in or is about, when one clearly stands out (see the resolver)
    story_country: str | None = None

    def speak_for(self, doc: Doc, lang: str, quotes) -> None:
        """Inside quoted words, "we", "I", "nous", "je" are the speaker: "We condemn this act," said Yellen."""
        first_person = FIRST_PERSON.get(lang, frozenset())
        index_of = {a.id: i for i, a in enumerate(self.actors)}
        for quote in quotes:
            speaker = index_of.get(quote.speaker.actor)
            if speaker is None:
                continue
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            for token in span or ():
                self.quoted.setdefault(token.i, speaker)
                if token.lower_ in first_person and token.pos_ == "PRON" and token.i not in self.by_token:
                    self.by_token[token.i] = speaker

    def speaker_of(self, token: Token) -> Actor | None:
        """Who said the quoted words ``token`` is part of, if it is inside a quote with a known speaker."""
        index = self.quoted.get(token.i)
        return None if index is None else self.actors[index]

    def country_at(self, token: Token) -> Actor | None:
        """The state a bare country word stands for ("Ukrainian" in "Ukrainian energy targets"), added to the
        actors on first use."""
        word = self.country_words.get(token.i)
        if word is None:
            return None
        iso3, name = word
        actor = self.state(iso3, name)
        index = self.actors.index(actor)
        mention = TextSpan(token.idx, token.idx + len(token), token.text)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
        self.by_token[token.i] = index
        return actor

    def state(self, iso3: str, name: str) -> Actor:
        """The state actor of a country, added (with no mention of its own) when the article names a place
        in it but never the state: "bombed Kharkiv" strikes Ukraine."""
        found = next((a for a in self.actors if a.kind == "country" and a.country == iso3), None)
        if found is None:
            found = Actor(id=f"a{len(self.actors) + 1}", name=name, kind="country", country=iso3, sector="GOV")
            self.actors.append(found)
        return found

    def partner_of(self, token: Token) -> Actor | None:
        """The second state of the compound dyad ``token`` belongs to, also when ``token`` is another word
        of the first state's mention ("the" in "the U.S.-South Korea drills")."""
        index = self.partner.get(token.i)
        actor = self.by_token.get(token.i)
        following = token.i + 1
        while index is None and actor is not None and self.by_token.get(following) == actor:
            index = self.partner.get(following)
            following += 1
        return None if index is None else self.actors[index]

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def at(self, token: Token) -> Actor | None:
        index = self.by_token.get(token.i)
        return None if index is None else self.actors[index]

    def within(self, token: Token) -> Actor | None:
        """The actor a phrase headed by ``token`` names: the head's own, else the closest in its subtree."""
        closest = self.closest_token(token)
        return None if closest is None else self.at(closest)

    def closest_token(self, token: Token, outside: Token | None = None) -> Token | None:
        """The token nearest the head (fewest arcs) that names an actor in the phrase ``token`` heads (leaving
        out the phrase ``outside`` heads, e.g. a relative clause on it)."""
        if token.i in self.by_token:
            return token
        skip = range(outside.left_edge.i, outside.right_edge.i + 1) if outside is not None else range(0)
        best, best_depth = None, 99
        for t in token.subtree:
            if t.i not in self.by_token or t.i in skip:
                continue
            depth, node, where = 0, t, False
            while node.i != token.i and depth < 20:
                where = where or locative(node)
                node, depth = node.head, depth + 1
            if depth < best_depth and not where:
                best, best_depth = t, depth
        return best

    def all_within(self, token: Token) -> list[Actor]:
        seen, out = set(), []
        for t in token.subtree:
            index = self.by_token.get(t.i)
            if index is not None and index not in seen:
                seen.add(index)
                out.append(self.actors[index])
        return out


LOCATIVE_CASES = frozenset({"in", "at", "near", "inside", "dans", "en", "près", "à"})


def locative(token: Token) -> bool:
    """"des inconnus à Moscou", "gunmen in Kabul": a place phrase inside a noun phrase says where, not who."""
    if token.pos_ != "PROPN":  # "in protest over the drills" is no place
        return False
    if token.dep_ == "pobj":
        return token.head.lower_ in LOCATIVE_CASES
    return token.dep_ in ("nmod", "obl") and any(c.dep_ == "case" and c.lower_ in LOCATIVE_CASES for c in token.children)
