"""Criticism told as an evaluation: a party calling an act or another party illegal, unacceptable or
irresponsible criticizes it (CAMEO 111) or, for words of breaking the law, accuses it (112).

Three constructions, each with its judge:
- an object predicate of a verb of judging: "Beijing called the drills irresponsible", "a qualifié les manœuvres
  d'irresponsables", "jugées provocatrices par les partisans" (the verb's subject or agent judges its object);
- a predicate: "the acts of the coast guard are illegal," Locsin said; "ces arrestations ne sont pas justifiées"
  (the speaker of the words, or the subject of the verb of saying whose clause it is, judges the subject);
- an attribute, inside words a known speaker said: "a deeply unacceptable violation of our sovereignty";
- a passive verb, of its subject: "these launches cannot be tolerated", « Cela ne peut pas être toléré ».
The words are in ``data/events/evaluations.{lang}.tsv``. What is judged is an actor, or an act whose author is
named in its own phrase ("the acts of the Chinese coast guard") or was told before ("these launches").
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..quotes import is_cue
from ..records import Actor, Event
from .arguments import PASSIVE_SUBJECT_DEPS, Arguments, actors_of, case_of, is_event_noun, subject_of
from .discourse import act_author, antagonist
from .lexicon import act_nouns, evaluations

EVALUATION_POS = ("ADJ", "VERB", "NOUN")  # participles ("justifiées") and misparsed adjectives
JUDGING = frozenset({"call", "describe", "label", "deem", "consider", "brand", "term", "judge", "regard", "characterize",
                     "characterise", "find", "qualifier", "juger", "estimer", "considérer", "taxer", "traiter"})
NEGATIONS = frozenset({"not", "n't", "never", "pas", "jamais", "guère", "nullement"})
# verbs that link a subject to its predicate as a copula does: "will not go unanswered", "ne restera pas impuni"
LINKING = frozenset({"go", "remain", "stay", "rester", "demeurer"})
# a modal a passive judging word hangs on: "Cela ne peut pas être toléré" (the subject and the negation are the modal's)
MODALS = frozenset({"pouvoir", "devoir", "can", "could", "must", "should", "will", "would"})
PREDICATE_DEPS = ("xcomp", "oprd", "acomp", "obl", "obl:mod", "obl:arg", "advcl", "ccomp", "advmod", "nmod", "amod", "dep",
                  "attr")


def _negated(word: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in word.children)


def _judging_verb(word: Token) -> Token | None:
    """The verb of judging the word is the object predicate of: "called [the drills] irresponsible",
    "a qualifié les manœuvres d'irresponsables" (the parser may hang the attribute on the object, or on the
    object's adjective: "les manœuvres américaines d'irresponsables")."""
    node = word
    for _ in range(3):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in JUDGING:
            return node
    return None


def _judged(verb: Token, word: Token) -> list[Token]:
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    objects = [c for c in verb.children if c.dep_ in ("obj", "dobj") and c.i != word.i]
    if word.head.i != verb.i and word.head.pos_ in ("NOUN", "PROPN", "PRON"):
        objects = [word.head]
    if not objects and not passive:  # "called [the Ugandan decision] unacceptable": the object hung on the word
        objects = [c for c in word.children if c.dep_ in ("compound", "nmod", "npadvmod") and c.i < word.i]
    return objects or passive


def _judge_by(verb: Token, word: Token, table: ActorTable) -> list[Actor]:
    """The judge of a passive verb of judging the parser did not label as its agent, or hung on the word: "jugées
    inacceptables par Moscou", "deemed illegal by Beijing"."""
    if not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
        return []
    return actors_of([c for c in (*verb.children, *word.children) if case_of(c) in ("par", "by")], table)


def _speaker(word: Token, table: ActorTable) -> tuple[list[Actor], Token | None]:
    """Whoever said the words: the quote's speaker, or the subject of the verb of saying whose clause they are."""
    speaker = table.speaker_of(word)
    if speaker is not None:
        return [speaker], None
    node = word
    for _ in range(5):
        if node.dep_ == "ccomp" and node.head.pos_ == "VERB" and (is_cue(node.head, lang_of(node))
                                                                  or node.head.lemma_.lower() in JUDGING):
            sources, _ = subject_of(node.head, table)
            return sources, node.head
        if node.head.i == node.i or node.dep_ in ("relcl", "acl:relcl", "appos"):
            break
        node = node.head
    return [], None


def lang_of(token: Token) -> str:
    return token.doc.lang_


# "This is unacceptable", "C'est une décision inacceptable": what the words point back to is the act told before
DEMONSTRATIVES = frozenset({"this", "that", "ce", "c'", "c’", "cela", "ça", "ceci"})


def _demonstrative_subject(holder: Token) -> Token | None:
    return next((c for c in holder.children if c.dep_ in ("nsubj", "expl:subj") and c.lower_ in DEMONSTRATIVES), None)


AUTHOR_CASES = frozenset({"of", "by", "de", "du", "des", "d'", "d’", "par"})


def _is_act(noun: Token, lang: str) -> bool:
    return noun.lemma_.lower() in act_nouns(lang) or is_event_noun(noun, lang)


def _author_in_phrase(act: Token, table: ActorTable, judges: list[Actor]) -> list[Actor]:
    """The author an act noun names in its own phrase: "Russia's war", "the Russian strikes", "the acts of the coast
    guard", "les frappes russes" (not its target: "the escalation against Lebanon")."""
    parts = [c for c in act.children if c.dep_ in ("poss", "nmod:poss", "amod", "compound")
             or c.dep_ == "acl" and c.pos_ == "ADJ"  # "les manœuvres américaines", misparsed as a clause
             or c.dep_ in ("nmod", "prep", "pobj", "obl") and (case_of(c) in AUTHOR_CASES or c.lower_ in AUTHOR_CASES)]
    parts = [p for c in parts for p in ([c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"])]
    return [a for a in actors_of(parts, table) if a not in judges]


def _parties_judged(judged: list[Token], lang: str, table: ActorTable, events: list[Event],
                    judges: list[Actor]) -> list[Actor]:
    for thing in judged:
        if thing.lower_ in DEMONSTRATIVES and thing.pos_ in ("PRON", "DET"):
            found = [a for a in antagonist(thing, events, judges, table) if a not in judges]
        elif _is_act(thing, lang):
            found = _author_in_phrase(thing, table, judges) or act_author(thing, lang, events, judges, table)
        else:
            found = [a for a in actors_of([thing], table) if a not in judges]
        if found:
            return found
    return []


def evaluation(word: Token, lang: str, table: ActorTable,
               events: list[Event]) -> tuple[str, Arguments, Token, bool] | None:
    """When ``word`` is a word of negative evaluation said of an act or a party: the code, the parties (the judge,
    the judged), the token that dates it (the verb of judging or saying, else the word) and whether a negation is
    part of what is said ("will not go unanswered": the event is not negated)."""
    rows, case = evaluations(lang), case_of(word)
    # a row of two words names the preposition too: "sans réponse" ("ne restera pas sans réponse")
    row = rows.get(f"{case.lower()} {word.lemma_.lower()}") if case else None
    row = row or rows.get(word.lemma_.lower()) or rows.get(word.lower_)
    if row is None or word.pos_ not in EVALUATION_POS:
        return None
    code, needs_negation = row
    linked = word.dep_ in ("xcomp", "acomp", "oprd", "obl:arg", "obl", "obj") and word.head.lemma_.lower() in LINKING
    # "ne seraient pas tolérés", "cannot be tolerated": a verb row judges only in the passive, of its subject
    passive = word.pos_ == "VERB" and any(c.dep_ in ("aux:pass", "auxpass") for c in word.children)
    modal = word.head if passive and word.dep_ == "xcomp" and word.head.lemma_.lower() in MODALS else None
    negated = _negated(word) or (word.dep_ in ("acomp", "attr") or linked) and _negated(word.head) \
        or modal is not None and _negated(modal)
    if negated != needs_negation:
        return None  # "not illegal" judges nothing; "justified" alone praises
    verb = _judging_verb(word)
    if verb is not None and word.dep_ in PREDICATE_DEPS:
        judges, _ = subject_of(verb, table)
        judges = judges or _judge_by(verb, word, table)
        judged, dated = _judged(verb, word), verb
    elif any(c.dep_ == "cop" for c in word.children) or word.dep_ in ("acomp", "attr") or linked:
        subject_holder = word if any(c.dep_ == "cop" for c in word.children) else word.head
        judged = [c for c in subject_holder.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")
                  or c.dep_ == "expl:subj" and c.lower_ in DEMONSTRATIVES]  # "C'est inacceptable"
        if not judged and subject_holder.dep_ == "xcomp":  # "que les sanctions [américaines] étaient illégales"
            judged = [c for c in subject_holder.head.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        judges, dated = _speaker(subject_holder, table)
    elif passive:
        subject_holder = modal or word
        judged = [c for c in subject_holder.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
        judges, dated = _speaker(subject_holder, table)
    elif word.dep_ == "amod" and any(c.dep_ == "cop" for c in word.head.children) \
            and (pointing := _demonstrative_subject(word.head)) is not None:
        judges, dated = _speaker(word.head, table)  # "« C'est une décision inacceptable », a-t-il dit"
        judged = [pointing]
    elif word.dep_ == "amod" and table.speaker_of(word) is not None and _is_act(word.head, lang):
        judges, dated = [table.speaker_of(word)], None  # "a deeply unacceptable violation," he said
        judged = [word.head]
    else:
        return None
    judges = [a for a in judges if a is not None]
    targets = _parties_judged(judged, lang, table, events, judges) if judges else []
    if not judges or not targets:
        return None
    return code, Arguments(judges, targets, "judge", "judged"), dated if dated is not None else word, needs_negation
