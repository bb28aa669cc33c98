"""Declared intentions of force are threats (CAMEO 138x): "vowed to attack", "is studying a plan to strike",
"a menacé de bombarder"; not when a third party tells of them, nor when they are forecast."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..records import Actor
from .lexicon import match_trigger

# CAMEO 138: "declare intention to use military force" is a threat, whatever verb declares it
FORCE_THREATS = {"204": "1385", "18": "1383", "19": "1384", "20": "138"}
# intentions told as expectations, not declared: "is expected to", "is due to", "devrait"
FORECASTS = frozenset({"expect", "schedule", "due", "set", "likely", "devoir"})


def threat_of_force(code: str) -> str | None:
    return FORCE_THREATS.get(code[:3]) or FORCE_THREATS.get(code[:2])


def declared_by_source(trigger: Token, sources: list[Actor], actors: ActorTable) -> bool:
    """Whether an intended act is its actor's own word: no one above its clause speaks, or only the actor (or
    its state) does. "North Korea said it plans to strike Guam" is North Korea's threat; "US officials say Russia
    plans to invade" is not Russia's, nor is a forecast ("is expected to strike", "devrait attaquer")."""
    if any(c.lemma_.lower() in FORECASTS for c in trigger.children if c.dep_ in ("aux", "aux:tense")):
        return False
    node = trigger
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "obj", "dobj") or node.head.i == node.i:
            return True
        node = node.head
        if node.lemma_.lower() in FORECASTS:
            return False
        for child in node.children:
            speaker = actors.within(child) if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") else None
            if speaker is not None and all(speaker is not s and speaker.country != s.country for s in sources):
                return False
    return True


def pledges_force(verb: Token, lang: str) -> bool:
    """"vowed to attack", "a juré de frapper": a pledge of force is no intent to cooperate, but a threat (the
    pledged act says which)."""
    return any(c.dep_ in ("xcomp", "ccomp") and (found := match_trigger(c, lang)) is not None
               and threat_of_force(found[0].cameo) for c in verb.children)
