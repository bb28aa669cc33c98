"""Who brought the parties together: a joint act (talks, an agreement, a truce) said to be brokered, mediated or
negotiated by a third party is also that party's mediation (CAMEO 045) with each of them.

Three forms, in English and French:
- a participle with its agent or its hyphenated compound: "talks mediated by the African Union", "l'accord,
  négocié par l'Arabie saoudite", "the US-brokered agreement";
- a mediator noun: "mediator Qatar said ...", "les médiateurs qatari et égyptien", "la médiation du Qatar";
- an auspices phrase: "under the auspices of the AU", "sous l'égide de l'ONU".
The words are in ``data/events/mediation.tsv``.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from .. import tables
from ..actors import ActorTable
from ..records import Actor, Event

JOINT_ROOTS = ("03", "04", "05", "08")
MEDIATE = "045"
AGENT_CASES = frozenset({"by", "par"})
OWNER_CASES = frozenset({"of", "de", "du", "des", "d'", "d’"})


@cache
def mediation_words() -> dict[str, str]:
    """lemma -> how it names the mediator: ``agent`` (a participle: its agent, or the "X-" before it),
    ``noun`` (a mediator or mediation noun), ``auspices`` (a noun whose "of X" is the mediator)."""
    words = {}
    text = resources.files("chronique.data.events").joinpath("mediation.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, how = line.split("\t")[:2]
            words[lemma.strip()] = how.strip()
    return words


def _case(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ in ("case", "prep")), None)


def _named(tokens, actors: ActorTable) -> list[Actor]:
    found: list[Actor] = []
    for token in tokens:
        for actor in actors.all_within(token):
            if actor not in found:
                found.append(actor)
    return found


def _mediators_named_by(word: Token, how: str, actors: ActorTable) -> list[Actor]:
    doc = word.doc
    if how == "agent":
        if word.i >= 2 and doc[word.i - 1].text in ("-", "‐"):  # "the US-brokered agreement"
            return _named([doc[word.i - 2]], actors)
        agents = [g for c in word.children if c.dep_ in ("agent", "obl:agent") or c.dep_ == "obl" and _case(c) in AGENT_CASES
                  for g in ([c] if c.dep_ != "agent" else [x for x in c.children if x.dep_ == "pobj"])]
        return _named(agents, actors)
    if how == "noun":
        parts = [c for c in word.children if c.dep_ in ("appos", "compound", "poss", "nmod:poss", "amod", "flat", "conj")
                 or c.dep_ in ("nmod", "prep") and (_case(c) in OWNER_CASES or c.lower_ in OWNER_CASES)]
        parts = [p for c in parts for p in ([c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"])]
        if word.dep_ == "appos" or word.dep_ == "compound":  # "Qatar, the mediator, ...", "mediator Qatar"
            parts.append(word.head)
        return _named(parts, actors)
    if how == "auspices":
        owners = [c for c in word.children if c.dep_ in ("nmod", "prep") and (_case(c) in OWNER_CASES or c.lower_ in OWNER_CASES)]
        owners = [p for c in owners for p in ([c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"])]
        return _named(owners, actors)
    return []


def mediations(doc: Doc, events: list[Event], actors: ActorTable) -> list[Event]:
    """The 045 events of the mediators a joint act's own sentence names, one per party of the act."""
    code = tables.cameo_code(MEDIATE)
    words = mediation_words()
    if code is None or not words:
        return []
    out: list[Event] = []
    seen: set[tuple[str | None, str | None, int]] = set()
    for event in events:
        if event.cameo_root not in JOINT_ROOTS or event.target is None or event.negated:
            continue
        span = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
        if span is None:
            continue
        parties = {event.source.actor, event.target.actor}
        for word in span:
            how = words.get(word.lemma_.lower()) or words.get(word.lower_)
            if how is None:
                continue
            for mediator in _mediators_named_by(word, how, actors):
                if mediator.id in parties or mediator.country is None:
                    continue
                for party in (event.source, event.target):
                    key = (mediator.id, party.actor, event.sentence.start)
                    if key in seen or party.country == mediator.country:
                        continue
                    seen.add(key)
                    out.append(replace(event, source=mediator.as_party(), target=party, cameo=code.code,
                                       cameo_name=code.name, plover=code.plover or None, goldstein=code.goldstein,
                                       quad_class=code.quad_class, trigger=word.text,
                                       trigger_span=(word.idx, word.idx + len(word)), basis=f"mediator/{how}"))
    return out
