"""The counterpart of a call for a release is the captor (the gold convention, and CAMEO's 0253/1053): "demanded
the release of the journalists held by the Taliban", "a appelé à la libération des Français détenus en Iran"."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..records import Actor
from .arguments import AGENT_DEPS, actors_of, prep_objects
from .lexicon import captivity_words

RELEASE_CODES = ("0253", "1053")

LOCATIVE = frozenset({"in", "en", "au", "aux", "à"})


def captors(trigger: Token, lang: str, actors: ActorTable) -> list[Actor]:
    """Who holds the persons whose release ``trigger`` asks for: the agent of the participle that tells their
    captivity, or the state where they are held; empty when the sentence does not say."""
    releases, captivity = captivity_words(lang, "release"), captivity_words(lang, "captivity")
    for noun in (t for t in trigger.subtree if t.lemma_.lower() in releases and t.pos_ == "NOUN"):
        for held in (t for t in noun.subtree if t.lemma_.lower() in captivity and t.pos_ == "VERB" and t.i != noun.i):
            agents = [p for a in held.children if a.dep_ in AGENT_DEPS
                      for p in ([a] if a.dep_ == "obl:agent" else [c for c in a.children if c.dep_ == "pobj"])]
            found = actors_of(agents, actors)
            if found:
                return found
            for case, nominal in prep_objects(held):
                state = actors.within(nominal) if case in LOCATIVE else None
                if state is not None and state.kind == "country":
                    return [state]
    return []
