"""Frames a single trigger row cannot say: what a word of willingness says of the act it governs, and negations that
belong to the frame itself.

- Willingness and readiness ("is willing to negotiate", "se dit prête à reprendre les pourparlers", "entend coopérer"):
  CAMEO codes the intent (03x) by the act one is ready to do; that act has not happened and is no event of its own,
  and the intent is only the speaker's ("ready to work with Kazakhstan" is not Kazakhstan's). Ready to do something
  hostile ("entend imposer des sanctions") is no intent to cooperate: the hostile act codes itself.
- A negation written into a row ("does not rule out force", "n'exclut pas le recours à la force") is part of what the
  row means, not a negation of its event.
"""
from __future__ import annotations

from spacy.tokens import Token

from .asking import intended_act
from .lexicon import Trigger, asking_code, marker_lemmas, match_trigger

EMBEDDED_DEPS = ("xcomp", "advcl", "acl", "obl:arg")
GENERIC_INTENT = "030"
HOSTILE_ROOTS = tuple(f"{r:02d}" for r in range(9, 21))  # investigate ... mass violence: no cooperation


def is_willingness(word: Token, lang: str) -> bool:
    """"willing to", "ready to", "prêt à", "entend" + infinitive: a word (data: modality kind willing) saying its subject
    is ready to do the act it governs; not "s'est entendu avec Pékin" (an agreement, no act governed)."""
    markers = marker_lemmas(lang, "willing")
    return (word.lemma_.lower() in markers or word.lower_ in markers) and any(
        c.dep_ in EMBEDDED_DEPS and c.pos_ == "VERB" and c.i > word.i for c in word.children)


def intent_of(word: Token, lang: str) -> str | None:
    """The 03x code of a generic intent (030) by the act it governs: "ready to resume talks" 036, "prêt à libérer" 0353;
    ``GENERIC_INTENT`` when it governs no coded act; None when the act governed is hostile (no cooperation)."""
    act = intended_act(word, lang)
    if act is None:
        return GENERIC_INTENT
    code = asking_code(GENERIC_INTENT, act)
    if code is None and act.startswith(HOSTILE_ROOTS):
        return None
    return code or GENERIC_INTENT


def willed(token: Token, lang: str) -> bool:
    """Whether ``token`` is the act a word of willingness governs and codes ("ready to [resume] talks", "prêt à
    [libérer] les otages", "entend [coopérer]"): the intent is the event, not the act. Not under "agreed to" or
    "promised to": the news tells the act agreed as well (measured: skipping it there loses blind events)."""
    node = token
    if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("obj", "dobj") and node.head.pos_ == "VERB":
        node = node.head
    if node.dep_ not in EMBEDDED_DEPS or node.head.i == node.i or node.i < node.head.i:
        return False
    head = node.head
    if not is_willingness(head, lang):
        return False  # "agreed to release", "promised to resume ties": the act agreed is told as well
    found = match_trigger(head, lang)
    if found is None or found[0].cameo != GENERIC_INTENT:
        return False
    act = intended_act(head, lang)
    return act is not None and asking_code(GENERIC_INTENT, act) is not None


def negation_in_frame(trigger: Trigger, lang: str) -> bool:
    """Whether the row itself requires a negation ("not" + "out" + "force"): then the negation is its meaning."""
    negations = marker_lemmas(lang, "negation")
    return any(r in negations for r in trigger.requires)
