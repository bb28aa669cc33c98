"""Reading on when the parse gives no argument: PETRARCH's "verb, then object" and the run of names before a verb,
bounded by clause breaks, and the rule that a state does not act on itself."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..nlp import sent_of
from ..records import Actor
from .arguments import OBJECT_DEPS, case_of, dyad_partner, place_phrase, with_conjuncts

CLAUSE_BREAKS = {"qui", "que", "qu'", "qu’", "which", "who", "whom", "that", ";", ":", "après", "after", "avant", "before",
                 "alors", "while", "tandis", "lorsque", "when", "où", "where", "dont", "whose", "car", "because", "mais", "but"}
LINEAR_REACH = 12  # words after a trigger where a counterpart may stand when the parse gives none


def same_state(a: Actor, b: Actor, quad_class: int | None = None) -> bool:
    """Russia and its president, Russia and its army: a state does not act on itself. But material conflict
    (quad class 4) between a state's military and its government ("un coup d'Etat perpétré par l'armée", "the
    army detained the president") is news."""
    state = ("GOV", "MIL")
    if quad_class == 4 and ({a.sector, b.sector} == {"MIL", "GOV"} or b.kind == "person"):
        return False  # "le président Win Myint a été arrêté": a state's force used on one of its own is news
    return a.country is not None and a.country == b.country and a.sector in state and b.sector in state \
        and a.country != "IGO"


def linear_target(trigger: Token, table: ActorTable, exclude: list[Actor], places: bool = True) -> list[Actor]:
    """The first actor after the trigger in its clause, for parses that hang the object elsewhere
    ("a pointé du doigt le régime de Bachar al-Assad"): PETRARCH's reading of "verb, then object". Without
    ``places``, a place phrase ("held talks in Brussels") is where the act happened, not its counterpart."""
    doc = trigger.doc
    words = 0
    for t in doc[trigger.i + 1:sent_of(trigger).end]:
        words += not t.is_punct  # quotation marks and commas do not move a counterpart further away
        if words > LINEAR_REACH:
            break
        if t.i <= trigger.i + 2 and t.lower_ in ("que", "qu'", "qu’", "that"):
            continue  # "a exigé que l'Otan ...": the trigger's own complement clause; its subject is the one asked
        if t.lower_ in CLAUSE_BREAKS or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass")
                                          and t.i > trigger.i + 1 and t.head.i != trigger.i):
            break
        phrase = t
        while phrase.dep_ in PHRASE_INNER and phrase.head.i > phrase.i:
            phrase = phrase.head  # "Somali police said": the phrase, not its adjective
        if phrase.dep_.startswith("nsubj") and phrase.head.i > phrase.i and not _condition_of(phrase.head, trigger):
            # "wounded two soldiers in a bomb attack, police said", "vetoed ..., with China and India abstaining":
            # the subject of another clause is not the counterpart, unless the act is made on its condition
            # ("threatening more strikes if Ukraine hits Russian territory")
            break
        actor = table.at(t)
        if actor is not None and not places and place_phrase(case_of(t) or (t.head.lower_ if t.dep_ == "pobj" else ""),
                                                             t, table):
            continue
        if actor is not None and actor not in exclude and not any(same_state(actor, x) for x in exclude):
            found = [actor]  # with those coordinated with it: "que l'Otan et Washington prennent ..."
            partner = dyad_partner(t, table)
            if partner is not None and partner not in exclude:
                found.append(partner)
            for c in with_conjuncts(t)[1:]:
                other = table.at(c)
                if other is not None and other not in found and other not in exclude:
                    found.append(other)
            return found
    return []


CONDITIONS = frozenset({"if", "unless", "si", "s'", "s’"})
PHRASE_INNER = ("amod", "compound", "det", "poss", "nmod:poss", "flat", "flat:name")


def _condition_of(clause: Token, trigger: Token) -> bool:
    """Whether ``clause`` is a condition ("if X ...", "unless X ...") on the trigger or on what it governs."""
    return trigger.is_ancestor(clause) and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


def linear_subjects(trigger: Token, table: ActorTable) -> list[Actor]:
    """Actors listed before the clause's verb, for parses that lose the subject of a long coordination
    ("Bahreïn, le Yémen, l'Arabie saoudite ... ont annoncé la rupture ..."): the run of actor mentions,
    joined only by commas, conjunctions, articles and adjectives, that ends right before the verb."""
    doc = trigger.doc
    first = sent_of(trigger).start
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.i > first:
        verb = doc[verb.i - 1]
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    stop = verb.i
    while stop > first and doc[stop - 1].dep_ in ("aux", "aux:tense", "aux:pass", "advmod", "neg"):
        stop -= 1
    found: list[Actor] = []
    i = stop - 1
    while i >= first:
        t = doc[i]
        actor = table.at(t)
        if actor is not None:
            if actor not in found:
                found.insert(0, actor)
        elif not (t.is_punct or t.pos_ in ("CCONJ", "DET", "ADJ", "NUM")
                  or t.lower_ in ("l'", "l’", "en", "y", "se", "s'", "s’")):  # clitics: "Duterte s'en est pris"
            break
        i -= 1
    if found and i >= first and doc[i].pos_ == "ADP":
        return []  # "Selon l'agence X, ..." is not a subject
    if found and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and any(
            t.head.i == verb.head.i and t.dep_ in OBJECT_DEPS for t in doc[i + 1:stop]):
        return []  # "to support terrorists and kill Americans": the first verb's object is not the second's subject
    return found


BETWEEN_WORDS = frozenset({"between", "entre"})


def parties_between(trigger: Token, table: ActorTable) -> list[Actor]:
    """The two or more parties of "fighting between X and Y", "des combats entre X et Y", read in word order
    (the parser often hangs the second party on the verb that follows)."""
    doc = trigger.doc
    end = sent_of(trigger).end
    for word in doc[trigger.i + 1:min(end, trigger.i + 6)]:
        if word.lower_ not in BETWEEN_WORDS:
            continue
        found: list[Actor] = []
        for t in doc[word.i + 1:min(end, word.i + LINEAR_REACH + 2)]:
            if (t.is_punct and t.text != ",") or t.lower_ in CLAUSE_BREAKS or t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
                break
            actor = table.at(t)
            if actor is not None and actor not in found:
                found.append(actor)
        return found if len(found) > 1 else []
    return []
