"""What a trigger's object or governor makes of the act: an act received or welcomed rather than a visit hosted,
an opinion shared rather than an intent, which aid, aid pledged rather than given, an act played out in a drill."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from .arguments import is_event_noun
from .lexicon import Trigger, marker_lemmas, match_trigger
from .nouns import through_measure

WELCOMED_ACT = "051"  # to welcome an act is to endorse it
HOSTED = "043"  # "Xi a été reçu lundi à Paris": with no host named, the state where one is received hosts
AID_GENERIC = ("070", "033")  # provide aid, promise aid: the aid noun may say which
PLEDGED_AID = {"070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334"}  # provide -> promise


def receives_an_act(verb: Token, lang: str) -> bool:
    return verb.lemma_.lower() in marker_lemmas(lang, "receive") and any(
        c.dep_ in ("obj", "dobj") and is_event_noun(c, lang) for c in verb.children)


def shares_a_view(verb: Token) -> bool:
    """"agreed that ...", "convient que ...": agreeing to a statement, with no act agreed to."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(c.dep_ == "xcomp" for c in verb.children) and all(
        any(m.dep_ == "mark" and m.lower_ in ("that", "que", "qu'", "qu’") for m in c.children) for c in clauses)


def hosts_an_act(verb: Token, trigger: Trigger, lang: str, actors: ActorTable) -> bool:
    """A hosting verb whose direct object is an act, not a party ("welcomed the sanctions", "a accueilli les
    sanctions du Royaume-Uni"). A person word the parse left bare ("accueilli son homologue") is no act."""
    if trigger.pos != "VERB" or trigger.cameo != HOSTED:
        return False
    objects = [c for c in verb.children if c.dep_ in ("obj", "dobj")]
    return bool(objects) and all(o.pos_ == "NOUN" and actors.at(o) is None and is_event_noun(o, lang)
                                 for o in objects)


def kind_of_aid(token: Token, code: str, lang: str) -> str:
    """"a humanitarian aid package", "pledged economic aid": the aid named in a dependent says which aid
    (071-074), and a pledge of it which pledge (0331-0334)."""
    for child in token.children:
        found = match_trigger(child, lang) if child.pos_ == "NOUN" else None
        specific = found[0].cameo[:3] if found else None
        if specific in PLEDGED_AID and specific != "070":
            return specific if code == "070" else PLEDGED_AID[specific]
    return code


def pledged(noun: Token, lang: str) -> bool:
    """"announced a new aid package for Ukraine", "a promis une aide au Liban": aid announced or promised."""
    governor = through_measure(noun, lang).head
    for _ in range(3):  # "announced the allocation of another military aid package"
        if governor.pos_ not in ("ADP", "NOUN") or governor.head.i == governor.i \
                or governor.pos_ == "ADP" and governor.lower_ not in ("of", "de", "d'", "d’", "du", "des"):
            break
        governor = governor.head
    return governor.i != noun.i and governor.pos_ == "VERB" \
        and governor.lemma_.lower() in marker_lemmas(lang, "pledge")


def simulated(token: Token, lang: str) -> bool:
    """"exercises simulating precision strikes", "une simulation d'attaque": an act played out in a drill."""
    governor = token.head
    if governor.pos_ == "ADP" and governor.head.i != governor.i:  # "a simulation of an attack"
        governor = governor.head
    return governor.i != token.i and governor.lemma_.lower() in marker_lemmas(lang, "simulated")
