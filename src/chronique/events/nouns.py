"""Source and target of an event noun: "la visite du président chinois au Kazakhstan", "Russia's invasion of
Ukraine", "the police, responsible for the arrest of X"."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..records import Actor
from .arguments import (
    BETWEEN,
    GIVER_CASES,
    LIGHT_VERB_DEPS,
    OBJECT_DEPS,
    SOURCE_CASES,
    TARGET_CASES,
    UNNAMED_AGENT,
    Arguments,
    actors_of,
    case_of,
    coordinated_verbs,
    dyad_partner,
    governs_as_trigger,
    oblique_targets,
    place_phrase,
    prep_objects,
    subject_of,
    verb_arguments,
)
from .lexicon import marker_lemmas, match_trigger
from .pairs import the_two

PATIENT_ROOTS = ("17", "18", "19", "20")  # coerce, assault, fight, mass violence: done to someone
PATIENT_CODES = ("0841", "0842", "0843")  # release persons, property


def _patient_noun(noun: Token, lang: str) -> bool:
    from .lexicon import triggers

    codes = [t.cameo for t in triggers(lang).get(noun.lemma_.lower(), ()) if t.pos == "NOUN"]
    return bool(codes) and all(c.startswith(PATIENT_ROOTS) or c.startswith(PATIENT_CODES) for c in codes)


def through_measure(noun: Token, lang: str) -> Token:
    """"held four days of talks", "une série de frappes": the measure noun carries the event noun to its verb."""
    head = noun.head
    if head.pos_ == "ADP" and head.lower_ == "of":
        head = head.head
    if head.i != noun.i and head.pos_ == "NOUN" and (head.lemma_.lower() in marker_lemmas(lang, "measure")
                                                    or any(c.dep_ == "nummod" for c in head.children)):
        return head
    return noun


def _received(noun: Token, lang: str, table: ActorTable) -> Arguments | None:
    """"Ukraine received support from Poland", "found no support", "protesters faced a crackdown by the police":
    the receiver is the counterpart; the giver is the "from"/"de"/"by" complement, or unknown."""
    carrier = through_measure(noun, lang)
    governor = carrier.head
    if governor.i == carrier.i or governor.pos_ not in ("VERB", "AUX") or carrier.dep_ not in LIGHT_VERB_DEPS \
            or governor.lemma_.lower() not in marker_lemmas(lang, "receive"):
        return None
    receivers, _ = subject_of(governor, table)
    givers = [a for case, nominal in prep_objects(noun) + prep_objects(governor)
              if case in GIVER_CASES or case in ("by", "par") for a in actors_of([nominal], table)]
    return Arguments(givers, [r for r in receivers if r not in givers], "agent" if givers else "none",
                     "object" if receivers else "none")


def responsibility_word(noun: Token, lang: str) -> Token | None:
    """"responsible" in "responsible for the arrest", "responsabilité" in "la responsabilité de l'attentat"."""
    carrier = through_measure(noun, lang)
    word = carrier.head
    if word.pos_ == "ADP" and word.i < carrier.i:
        word = word.head
    if word.i == carrier.i or word.lemma_.lower() not in marker_lemmas(lang, "responsible"):
        return None
    return word


def _responsible_party(noun: Token, lang: str, table: ActorTable) -> list[Actor]:
    """"the police, the entity responsible for the arrest", "la milice, responsable de l'enlèvement", "X claimed
    responsibility for the bombing": who is responsible for the act did it."""
    word = responsibility_word(noun, lang)
    if word is None:
        return []
    if word.dep_ in ("amod", "acl", "appos"):  # "the entity responsible for": the noun it describes, or what
        holder, inside = word.head, word         # that noun is in apposition to ("the police, the entity...")
        while True:
            closest = table.closest_token(holder, outside=inside)  # not the act's own complement
            if closest is not None:
                return actors_of([closest], table)
            if holder.dep_ != "appos" or holder.head.i == holder.i:
                return []
            holder, inside = holder.head, holder
    if word.pos_ in ("NOUN", "PROPN"):  # "claimed responsibility for": the claimant
        governor = word.head
        return subject_of(governor, table)[0] if governor.pos_ in ("VERB", "AUX") and word.dep_ in LIGHT_VERB_DEPS \
            else []
    verb = word if word.dep_ == "ROOT" else word.head
    if word.dep_ in ("advcl", "xcomp", "oprd"):  # "sanctioned a militia accountable for": the object described
        described = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i < word.i]
        if described:
            return actors_of(described, table)
    return subject_of(verb, table)[0]  # "X is responsible for", "X a été jugé responsable de"


JOINT_ROOTS = ("03", "04", "05", "06")


def _joint_act(noun: Token, lang: str) -> bool:
    found = match_trigger(noun, lang)
    return found is not None and found[0].cameo.startswith(JOINT_ROOTS)


def noun_arguments(noun: Token, lang: str, table: ActorTable, patient_noun: bool | None = None) -> Arguments:
    """'la visite du président chinois au Kazakhstan', 'Russia's invasion of Ukraine', 'US sanctions on Iran'.

    For acts done to someone (arrests, attacks, killings, releases) the possessor and the "de"/"of"
    complement name who it was done to: "l'arrestation d'Aung San Suu Kyi", "Gershkovich's arrest".
    """
    received = _received(noun, lang, table)
    if received is not None:
        return received
    complements_only = patient_noun is False  # the patient branch asks for the complements alone
    if patient_noun is None:
        patient_noun = _patient_noun(noun, lang)
    if patient_noun:
        args = noun_arguments(noun, lang, table, patient_noun=False)
        agents = [a for case, nominal in prep_objects(noun) if case in ("by", "par")
                  for a in actors_of([nominal], table)]
        patients = [a for a in args.sources if a not in agents]
        sources = agents or [a for a in _responsible_party(noun, lang, table) if a not in patients]
        source_how = "agent" if sources else "none"
        carrier = through_measure(noun, lang)
        governor = carrier.head
        if not sources and governor.i != carrier.i and governor.pos_ in ("VERB", "AUX") \
                and carrier.dep_ in LIGHT_VERB_DEPS and not governs_as_trigger(governor, lang):
            sources, _ = subject_of(governor, table)
            source_how = "light_verb" if sources else "none"
        targets = patients or args.targets
        return Arguments(sources, [t for t in targets if t not in sources], source_how,
                         "nominal" if targets else "none")
    sources: list[Actor] = []
    targets: list[Actor] = []
    source_how = target_how = "none"
    for child in noun.children:
        if child.dep_ in ("nmod:poss", "poss"):
            sources, source_how = actors_of([child], table), "possessor"
        elif child.dep_ in ("amod", "compound", "nmod") and case_of(child) is None and not sources \
                and child.pos_ not in ("VERB", "AUX"):  # a verb hung on the noun heads a clause, not a possessor
            closest = table.closest_token(child)
            if closest is not None:  # "the U.S.-China talks": both states of a compound dyad
                sources = [a for a in (table.at(closest), dyad_partner(closest, table)) if a is not None]
                source_how = "possessor"
            elif child.i in table.country_words:  # "an Australian ultimatum", "l'invasion russe"
                sources, source_how = [table.country_at(child)], "possessor"
    for case, nominal in prep_objects(noun):
        actors = actors_of([nominal], table)
        if not actors and case in BETWEEN:  # "l'entretien entre les deux présidents"
            actors = the_two(nominal, table)
        if not actors:
            if case in ("by", "par") and not sources:
                source_how = UNNAMED_AGENT  # "les livraisons d'armes par les Occidentaux"
            continue
        if case in ("by", "par"):
            sources, source_how = actors, "agent"
        elif case in SOURCE_CASES.get(lang, set()) and not sources:
            sources, source_how = actors, "possessor"
        elif case in TARGET_CASES.get(lang, set()) and not targets:
            if place_phrase(case, nominal, table) and _joint_act(noun, lang):
                continue  # "talks in Brussels", "l'accord signé à Washington": where it happened, not with whom
            targets, target_how = actors, "between" if case in BETWEEN else "nominal"
    if not sources and not complements_only:
        sources = _responsible_party(noun, lang, table)
        source_how = "agent" if sources else source_how
    carrier = through_measure(noun, lang)
    governor = carrier.head
    if governor.i != carrier.i and governor.pos_ in ("VERB", "AUX") and carrier.dep_ in LIGHT_VERB_DEPS \
            and not governs_as_trigger(governor, lang):  # "condemned the arrest": the condemner did not arrest
        if not sources:
            sources, _ = subject_of(governor, table)
            source_how = "light_verb" if sources else "none"
        if not targets:
            targets = oblique_targets(governor, lang, table, places=not _joint_act(noun, lang))
            target_how = "oblique" if targets else "none"
        if not targets:
            # "would expel 10 Russian diplomats and impose sanctions on 32 individuals": the coordinated verb's
            # counterpart, when this one names none
            for partner in coordinated_verbs(governor):
                shared = verb_arguments(partner, lang, table, _shared=True)
                if shared.targets:
                    targets, target_how = shared.targets, "object"
                    break
    targets = [t for t in targets if t not in sources]
    return Arguments(sources, targets, source_how, target_how)
