"""Acts asked for: "urged Iran to release the journalist", "a exigé que la Russie retire ses troupes".

The appeal or demand is the event, and CAMEO codes it by what is asked (an appeal for release is 0253);
the act asked for has not happened and is no event of its own.
"""
from __future__ import annotations

from spacy.tokens import Token

from .arguments import ASKING_ROOTS, told_to_act
from .lexicon import match_trigger

GENERIC_ASKING = frozenset({"020", "025", "100", "105"})


def _asks(governor: Token, lang: str) -> bool:
    found = match_trigger(governor, lang)
    return found is not None and found[0].cameo.startswith(ASKING_ROOTS)


def asked_for(verb: Token, lang: str) -> bool:
    """Whether ``verb`` says what an appeal or demand asks: its infinitive ("called on Russia to withdraw",
    "a appelé l'Iran à libérer") or its that-clause ("demanded that Russia withdraw", "exige que la Russie retire")."""
    if verb.head.i == verb.i:
        return False
    if told_to_act(verb) or verb.dep_ == "ccomp":
        return _asks(verb.head, lang)
    return False


def asked_act(verb: Token, lang: str) -> str | None:
    """The CAMEO code of the act an appeal or demand asks for, if a trigger says it."""
    for clause in verb.children:
        if clause.dep_ in ("xcomp", "advcl", "ccomp") and asked_for(clause, lang):
            found = match_trigger(clause, lang)
            if found is not None:
                return found[0].cameo
    return None


def intended_act(word: Token, lang: str) -> str | None:
    """The CAMEO code of the act one says one is willing or ready to do: "is willing to meet", "prêt à libérer"."""
    for clause in word.children:
        if clause.dep_ in ("xcomp", "advcl", "acl", "obl:arg") and clause.pos_ == "VERB" and clause.i > word.i:
            # the verb's own code, else its object's: "ready to resume talks"
            for act in (clause, *(c for c in clause.children if c.dep_ in ("obj", "dobj"))):
                found = match_trigger(act, lang)
                if found is not None and not found[0].cameo.startswith("03"):
                    return found[0].cameo
    return None
