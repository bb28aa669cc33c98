"""The two parties a story is about, for "les deux dirigeants", "the two countries", "both sides"."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..actors.table import locative
from ..records import Actor

TWO_WORDS = {"deux", "two", "both"}
PAIR_NOUNS = {  # "les deux dirigeants", "the two countries": the two parties the story is about
    "person": {"dirigeant", "président", "chef", "leader", "president", "ministre", "minister", "homologue"},
    "country": {"pays", "état", "etat", "nation", "country", "state", "gouvernement", "government"},
    "any": {"partie", "camp", "side", "party", "belligérant", "belligerent", "délégation", "delegation"},
}


def the_two(noun: Token, table: ActorTable) -> list[Actor]:
    """"Les deux dirigeants se sont entendus", "the two countries agreed", "both sides signed": the two persons
    (countries, parties) most mentioned before this point, when exactly two stand out."""
    if not any(c.lower_ in TWO_WORDS for c in noun.children):
        return []
    kind = next((k for k, nouns in PAIR_NOUNS.items() if noun.lemma_.lower() in nouns), None)
    if kind is None:
        return []
    of_states = kind == "person" and any(t.lower_ in ("état", "etat", "state") for t in noun.subtree)  # not IGO heads
    counts = []
    for actor in table.actors:
        before = _mentions_as_party(actor, noun)
        if (kind == "any" or actor.kind == kind) and before and not (of_states and actor.country in (None, "IGO")):
            counts.append((before, actor))
    counts.sort(key=lambda pair: -pair[0])
    if kind == "country" and len(counts) < 2:
        # "la déclaration entre les deux pays" where one state is told only through its leader: the two states
        # most present, each represented by its state actor or, failing one, by its most mentioned person
        return _two_states(noun, table)
    if len(counts) < 2 or (len(counts) > 2 and counts[2][0] == counts[1][0]):
        return []
    return [counts[0][1], counts[1][1]]


def _mentions_as_party(actor: Actor, before: Token) -> int:
    """How often an actor was named before a token as a party, not as the place where something happened
    ("talks in Pretoria" names no South African side)."""
    doc = before.doc
    count = 0
    for mention in actor.mentions:
        if mention.start >= before.idx:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not locative(span.root):
            count += 1
    return count


def _two_states(noun: Token, table: ActorTable) -> list[Actor]:
    per_state: dict[str, int] = {}
    representative: dict[str, tuple[tuple[int, int], Actor]] = {}
    for actor in table.actors:
        if actor.country in (None, "IGO") or actor.kind not in ("country", "person"):
            continue
        before = _mentions_as_party(actor, noun)
        if not before:
            continue
        per_state[actor.country] = per_state.get(actor.country, 0) + before
        rank = (2 if actor.kind == "country" else 1, before)
        if actor.country not in representative or rank > representative[actor.country][0]:
            representative[actor.country] = (rank, actor)
    ranked = sorted(per_state.items(), key=lambda pair: -pair[1])
    if len(ranked) < 2 or (len(ranked) > 2 and ranked[2][1] == ranked[1][1]):
        return []
    return [representative[ranked[0][0]][1], representative[ranked[1][0]][1]]


THEIR = {"leur", "leurs", "their"}
BOND_NOUNS = {"relation", "lien", "tie", "relationship"}  # what two states have only with each other


def between_themselves(trigger: Token) -> bool:
    """"Le Maroc et l'Algérie ont rompu leurs relations", "Morocco and Algeria severed diplomatic ties": with no
    counterpart named, what the coordinated subjects did to what they hold together, they did to each other."""
    held = [trigger] if trigger.pos_ == "NOUN" else [c for c in trigger.children if c.dep_ in ("obj", "dobj")]
    for noun in held:
        if any(c.lower_ in THEIR for c in noun.children if c.dep_ in ("det", "poss", "nmod:poss")):
            return True
        if noun.lemma_.lower() in BOND_NOUNS and not any(c.dep_ in ("prep", "nmod") for c in noun.children):
            return True
    return False
