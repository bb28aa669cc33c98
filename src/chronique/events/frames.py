"""Frames a single trigger row cannot say: what a word of willingness says of the act it governs, and negations that
belong to the frame itself.

- Willingness and readiness ("is willing to negotiate", "se dit prête à reprendre les pourparlers", "entend coopérer"):
  CAMEO codes the intent (03x) by the act one is ready to do; that act has not happened and is no event of its own,
  and the intent is only the speaker's ("ready to work with Kazakhstan" is not Kazakhstan's). Ready to do something
  hostile ("entend imposer des sanctions") is no intent to cooperate: the hostile act codes itself.
- Penalties ("gave Iran one week to halt enrichment or face sanctions", "sous peine de sanctions", "faute de quoi des
  sanctions seront imposées"): the one who orders threatens (13x by the act named) the one ordered; the act named is
  no event. Where the word "ultimatum" is used, the lexicon's 139 row codes it (CAMEO: otherwise it is a threat).
- "All options are on the table" (« toutes les options sont sur la table »): a threat of force (138).
- A negation written into a row ("does not rule out force", "n'exclut pas le recours à la force") is part of what the
  row means, not a negation of its event.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors import ActorTable
from ..nlp import sent_of
from ..records import Actor
from .arguments import SUBJECT_DEPS, Arguments, actors_of, subject_of, verb_arguments
from .asking import intended_act
from .evaluations import _speaker
from .lexicon import Trigger, asking_code, frame_words, marker_lemmas, match_trigger, ready_for_noun, willing_words
from .threats import threat_of_force

EMBEDDED_DEPS = ("xcomp", "advcl", "acl", "obl:arg")
GENERIC_INTENT = "030"
HOSTILE_ROOTS = tuple(f"{r:02d}" for r in range(9, 21))  # investigate ... mass violence: no cooperation


def is_willingness(word: Token, lang: str) -> bool:
    """"willing to", "ready to", "prêt à", "entend" + infinitive: a word (data: frame willing) saying its subject is
    ready to do the act it governs; not "s'est entendu avec Pékin" (an agreement, no act governed)."""
    markers = willing_words(lang)
    return (word.lemma_.lower() in markers or word.lower_ in markers) and any(
        c.dep_ in EMBEDDED_DEPS and c.pos_ == "VERB" and c.i > word.i for c in word.children)


def intent_of(word: Token, lang: str) -> str | None:
    """The 03x code of a generic intent (030) by the act it governs: "ready to resume talks" 036, "prêt à libérer" 0353;
    ``GENERIC_INTENT`` when it governs no coded act; None when the act governed is hostile (no cooperation)."""
    act = intended_act(word, lang) or _readied_act(word, lang)
    if act is None:
        return GENERIC_INTENT
    code = asking_code(GENERIC_INTENT, act)
    if code is None and act.startswith(HOSTILE_ROOTS):
        return None
    return code or GENERIC_INTENT


def _readied_act(word: Token, lang: str) -> str | None:
    """The code of the event noun a word of willingness takes: "ready for [talks]" 046 (the intent: 036)."""
    if not (word.lemma_.lower() in willing_words(lang) or word.lower_ in willing_words(lang)):
        return None
    noun = ready_for_noun(word)
    found = match_trigger(noun, lang) if noun is not None else None
    return found[0].cameo if found is not None and found[0].pos == "NOUN" and not found[0].cameo.startswith("03") else None


def willed(token: Token, lang: str) -> bool:
    """Whether ``token`` is the act a word of willingness governs and codes ("ready to [resume] talks", "prêt à
    [libérer] les otages", "entend [coopérer]"): the intent is the event, not the act. Not under "agreed to" or
    "promised to": the news tells the act agreed as well (measured: skipping it there loses blind events)."""
    if token.pos_ == "NOUN":  # "ready for [talks]", "prêt au [dialogue]"
        word = token.head.head if token.head.pos_ == "ADP" else token.head
        readied = ready_for_noun(word) if word.i != token.i else None
        if readied is not None and readied.i == token.i \
                and asking_code(GENERIC_INTENT, _readied_act(word, lang) or "") is not None:
            return True
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


NEGATED_FRAME = "@negated-frame"  # the requirement of a frame built by the coder whose negation is its meaning


def negation_in_frame(trigger: Trigger, lang: str) -> bool:
    """Whether the row itself requires a negation ("not" + "out" + "force"): then the negation is its meaning."""
    negations = marker_lemmas(lang, "negation")
    return any(r in negations or r == NEGATED_FRAME for r in trigger.requires)


# The threat a penalty names, by the act threatened (force: threats.FORCE_THREATS)
PENALTY_THREATS = {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136", "172": "132",
                   "16": "131", "17": "137", "15": "138", "13": ""}
PENALTY_WINDOW = 8  # words after the frame's words in which its act is told
HOLDING = frozenset({"keep", "leave", "put", "remain", "garder", "laisser", "maintenir", "mettre"})  # X keeps options on ...


def _frame_at(token: Token, lang: str) -> tuple[str, int] | None:
    """The frame whose words start at ``token``, and the index after them."""
    doc, end = token.doc, sent_of(token).end
    for frame, words in frame_words(lang).get(token.lower_, ()):
        if token.i + len(words) <= end and all(doc[token.i + k].lower_ == w for k, w in enumerate(words)):
            return frame, token.i + len(words)
    return None


def _threat_for(code: str) -> str | None:
    if code.startswith("13"):
        return code
    force = threat_of_force(code)
    if force:
        return force
    return PENALTY_THREATS.get(code[:3]) or PENALTY_THREATS.get(code[:2])


def _penalty_act(after: int, sent: Span, lang: str) -> tuple[Token, str] | None:
    """The first hostile act told in the words after a penalty frame, and the threat it makes."""
    for t in sent.doc[after:min(sent.end, after + PENALTY_WINDOW)]:
        if t.text in (";", ".", "?", "!"):
            break
        found = match_trigger(t, lang)
        threat = _threat_for(found[0].cameo) if found is not None else None
        if threat:
            return t, threat
    return None


def penalized(token: Token, lang: str) -> bool:
    """Whether ``token`` tells the act a penalty threatens ("or face [sanctions]", "sous peine de [sanctions]",
    "faute de quoi des sanctions seront [imposées]"): threatened, not done; the threat is the event."""
    sent = sent_of(token)
    for start in range(max(sent.start, token.i - PENALTY_WINDOW - 3), token.i):
        frame = _frame_at(sent.doc[start], lang)
        if frame is not None and frame[0] == "penalty" and frame[1] <= token.i < frame[1] + PENALTY_WINDOW:
            return _penalty_act(frame[1], sent, lang) is not None
    return False


def _direct_subjects(verb: Token, table: ActorTable) -> list[Actor]:
    return actors_of([c for c in verb.children if c.dep_ in SUBJECT_DEPS], table)


def _orderer(start: Token, table: ActorTable, lang: str) -> tuple[Arguments, Token] | None:
    """Who threatens, and whom, by the clause before a penalty: "[gave Iran one week] to halt ... or face",
    "[a sommé la Biélorussie] de libérer ..., faute de quoi": the verb ordering the act; "Iran must halt enrichment
    or face sanctions, the US warned": the one told to act is the target, whoever says so the source."""
    verb = next((t for t in reversed(start.doc[sent_of(start).start:start.i]) if t.pos_ in ("VERB", "AUX")
                 and t.dep_ not in ("aux", "aux:tense", "aux:pass", "auxpass", "cop")), None)
    if verb is None:
        return None
    told = _direct_subjects(verb, table)
    if told:
        speakers, cue = _speaker(verb, table)
        speakers = [a for a in speakers if a is not None and a not in told]
        if speakers:
            return Arguments(speakers, told, "speaker", "subject"), cue or verb
    node = verb
    for _ in range(4):
        if node.dep_ not in ("xcomp", "advcl", "ccomp", "acl", "conj", "obj", "dobj") or node.head.i == node.i:
            break
        node = node.head
        subjects = [a for a in _direct_subjects(node, table) if a not in told]
        if subjects and told:  # "a exigé que le Niger libère le président, sous peine de ..."
            return Arguments(subjects, told, "subject", "clause"), node
        if subjects:
            args = verb_arguments(node, lang, table)
            return (args, node) if args.sources else None
    return None


def frame_event(token: Token, lang: str, table: ActorTable) -> tuple[str, Arguments, Token, bool] | None:
    """The event a frame starting at ``token`` tells: the code, the parties (the targets may be left to the coder's
    reading of the words after the verb) and the token that dates it."""
    frame = _frame_at(token, lang)
    if frame is None:
        return None
    kind, after = frame
    sent = sent_of(token)
    if kind == "penalty":
        act = _penalty_act(after, sent, lang)
        found = _orderer(token, table, lang) if act is not None else None
        return (act[1], found[0], found[1], False) if act is not None and found is not None else None
    if kind == "table":
        verb = token.head if token.head.pos_ in ("VERB", "AUX") else token.head.head  # UD: "sur" is the case of "table"
        options = [t for t in sent if t.lemma_.lower() == "option" and t.i < token.i and t.head.i in (verb.i, token.i)]
        if not options or verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" or c.lemma_.lower()
                                                                  in marker_lemmas(lang, "negation")
                                                                  for o in options for c in (*o.children, *verb.children)):
            return None
        if verb.lemma_.lower() in HOLDING and _direct_subjects(verb, table):
            sources, cue = subject_of(verb, table)[0], verb
        else:
            sources, cue = _speaker(verb, table)
        sources = [a for a in sources if a is not None]
        return ("138", Arguments(sources, [], "speaker", "none"), cue or verb, False) if sources else None
    return None


def absorbed(noun: Token, lang: str) -> bool:
    """Whether an event noun is part of the row of the verb that governs it and tells another act or a refusal:
    "accepted the offer of [aid]" is the recipient's 086, not aid given; "did not agree on [sanctions]" imposes none."""
    governor = noun.head
    for _ in range(3):  # "accepted the offer of aid": aid <- of <- offer <- accepted
        if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
            break
        governor = governor.head
    if governor.pos_ not in ("VERB", "AUX") or governor.i == noun.i:
        return False
    found, own = match_trigger(governor, lang), match_trigger(noun, lang)
    if found is None or own is None or noun.lemma_.lower() not in found[0].requires:
        return False
    negations = marker_lemmas(lang, "negation")
    negated = any(c.dep_ == "neg" or c.lemma_.lower() in negations and c.lemma_.lower() != "ne" for c in governor.children)
    return negated or found[0].cameo[:2] != own[0].cameo[:2]
