"""Acts related across sentences: a definite event noun told before, a pronoun subject going on with the same
counterpart, the parties a mediator stands between."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..actors import ActorTable
from ..actors.descriptions import DEFINITE
from ..actors.pronouns import POSSESSIVES
from ..nlp import sent_of, sentences
from ..records import Actor, Event
from .lexicon import act_nouns, marker_lemmas, match_trigger

MEDIATE = "045"
MEDIATED_WITHIN = 2  # sentences: how far back a mediator's parties may have been named


def definite(noun: Token) -> bool:
    """"the arrests", "Gershkovich's arrest", "son arrestation", "these strikes": a noun for something known."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ in ("poss", "nmod:poss") or c.lower_ in POSSESSIVES
               for c in noun.children)


def _reacted_to(verb: Token) -> list[Token]:
    """What a reaction is about: its object, or the subject of its passive ("the coup was condemned by")."""
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)
    wanted = ("obj", "dobj", "nsubj:pass", "nsubjpass") if passive else ("obj", "dobj")
    return [c for c in verb.children if c.dep_ in wanted]


def act_author(noun: Token, lang: str, events: list[Event], sources: list[Actor], actors: ActorTable) -> list[Actor]:
    """The author of the act a definite noun names, told before it: "the arrests", "the coup", "cette décision"
    (act_nouns.<lang>.tsv gives the roots a noun that codes no act may name)."""
    if not definite(noun):
        return []  # "the arrests", "Gershkovich's arrest", "son arrestation": an act told before
    named = act_nouns(lang)
    roots: frozenset[str] | None
    if noun.lemma_.lower() in named or noun.lower_ in named:
        roots = named.get(noun.lemma_.lower(), named.get(noun.lower_))  # "the massacre": of any mass killing
    elif (found := match_trigger(noun, lang)) is not None and found[0].pos == "NOUN":
        roots = frozenset({found[0].cameo[:2]})
    else:
        return []
    for event in reversed(events):
        if (roots is None or event.cameo_root in roots) and event.source.actor and event.sentence.start < noun.idx:
            actor = actors.get(event.source.actor)
            if actor is not None and actor not in sources:
                return [actor]
    return []


def earlier_event_agents(verb: Token, lang: str, events: list[Event], sources: list[Actor],
                         actors: ActorTable) -> list[Actor]:
    """"Amnesty criticized the arrests", "the coup has been condemned by the AU": a definite event noun with no
    agent of its own refers back to the latest such event told before; its perpetrator is the target."""
    for obj in _reacted_to(verb):
        author = act_author(obj, lang, events, sources, actors)
        if author:
            return author
    return []


def killers_of_the_dead(verb: Token, lang: str, events: list[Event], sources: list[Actor],
                        actors: ActorTable) -> list[Actor]:
    """"vowed to avenge the general's death", "venger la mort du général": the act is against whoever killed the
    one whose death it names, when an earlier sentence told it."""
    deaths = marker_lemmas(lang, "death")
    for obj in verb.children:
        if obj.dep_ in ("obj", "dobj") and obj.lemma_.lower() in deaths:
            killers = _who_killed(obj, events, sources, actors)
            if killers:
                return killers
    return []


def _who_killed(death: Token, events: list[Event], sources: list[Actor], actors: ActorTable) -> list[Actor]:
    """The author of the latest violent act (roots 18-20) told before against the one whose death is named."""
    victims = {a.id for c in death.children if c.dep_ in ("nmod", "poss", "nmod:poss", "prep")
               for a in [actors.within(c)] if a is not None}
    for event in reversed(events):
        if event.cameo_root in ("18", "19", "20") and event.target is not None and event.target.actor in victims \
                and event.sentence.start < death.idx and event.source.actor:
            actor = actors.get(event.source.actor)
            if actor is not None and actor not in sources:
                return [actor]
    return []


HOSTILE_ROOTS = ("14", "15", "16", "17", "18", "19", "20")
PROTEST = "14"


def antagonist(trigger: Token, events: list[Event], sources: list[Actor], actors: ActorTable) -> list[Actor]:
    """"« C'est une violation de ses droits », a dénoncé son avocat": a criticism that names no one is aimed at
    whoever did the latest hostile act told before it (for a protest, at whom it is against), unless the critic
    did it."""
    ids = {a.id for a in sources}
    for event in reversed(events):
        if event.sentence.start >= trigger.idx or event.cameo_root not in HOSTILE_ROOTS:
            continue
        party = event.target if event.cameo_root == PROTEST else event.source
        actor = actors.get(party.actor) if party is not None and party.actor else None
        if actor is None or actor.id in ids or {event.source.actor, event.target.actor} & ids:
            return []  # the critic was part of it: "the police said the protesters attacked them"
        return [actor]
    return []


REPRESSION = "17"
STATE_BODIES = ("GOV", "MIL", "POL", "JUD")


def protest_counterpart(trigger: Token, cameo: str, events: list[Event], sources: list[Actor], actors: ActorTable,
                        state: Callable[[], Actor | None]) -> list[Actor]:
    """The other side of a domestic standoff told without it: a protest is against whom the protest told
    before was, else the state where it happens ("unions marched in Brussels": against the government); the
    police's tear gas or arrests strike the protesters told before ("Police fired tear gas")."""
    ids = {a.id for a in sources}
    protests = [e for e in events if e.cameo_root == PROTEST and e.sentence.start < trigger.idx]
    if cameo.startswith(PROTEST):
        if any(a.kind == "country" or a.sector in STATE_BODIES for a in sources):
            return []  # a state's protest is a diplomatic one: its counterpart must be named
        earlier = next((actors.get(e.target.actor) for e in reversed(protests) if e.target is not None
                        and e.target.actor and e.target.actor not in ids), None)
        if earlier is not None:
            return [earlier]
        where = state()  # asked only now: finding the state may add it to the actors
        return [where] if where is not None else []
    if cameo.startswith(REPRESSION) and all(a.sector in STATE_BODIES for a in sources):
        protesters = next((actors.get(e.source.actor) for e in reversed(protests)
                           if e.source.actor and e.source.actor not in ids), None)
        return [protesters] if protesters is not None else []
    return []


def pronoun_subject(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(c.dep_.startswith("nsubj") and c.pos_ == "PRON" for c in verb.children)


def previous_sentence_targets(sent: Span, events: list[Event], sources: list[Actor],
                              actors: ActorTable) -> list[Actor]:
    """The counterparts of the acts the same author did in the sentence just before this one."""
    if sent.start == 0:
        return []
    previous = sent_of(sent.doc[sent.start - 1])
    ids = {a.id for a in sources}
    found: list[Actor] = []
    for event in events:
        if event.sentence.start == previous.start_char and event.source.actor in ids and event.target is not None:
            target = actors.get(event.target.actor) if event.target.actor else None
            if target is not None and target not in found and target not in sources:
                found.append(target)
    return found


def mediated_parties(trigger: Token, events: list[Event], mediators: list[Actor], actors: ActorTable) -> list[Actor]:
    """The two parties of the latest joint act (roots 03-06) told in this sentence or the ones just before."""
    sentence_starts = [s.start_char for s in sentences(trigger.doc) if s.start_char <= trigger.idx]
    earliest = sentence_starts[-1 - MEDIATED_WITHIN] if len(sentence_starts) > MEDIATED_WITHIN else 0
    for event in reversed(events):
        if event.sentence.start < earliest:
            break
        if event.cameo_root not in ("03", "04", "05", "06") or event.cameo.startswith(MEDIATE):
            continue
        parties = [actors.get(p.actor) for p in (event.source, event.target) if p is not None and p.actor]
        parties = [a for a in parties if a is not None and a not in mediators]
        if len(parties) == 2:
            return parties
    return []
