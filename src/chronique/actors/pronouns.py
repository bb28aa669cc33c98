"""Pronouns that stand for an actor named before: a subject "il"/"he" for the most salient person, the subject
pronoun of a reported clause for its reporter, an object "it" for the last state or body named."""
from __future__ import annotations

from spacy.symbols import PRON
from spacy.tokens import Doc, Span, Token

from ..nlp import sentences
from .table import ActorTable

PRONOUNS = {"fr": {"il", "elle"}, "en": {"he", "she"}}
REPORTED_BODY_PRONOUNS = {"en": frozenset({"it", "they"}), "fr": frozenset({"ils", "elles"})}
OBJECT_PERSON_PRONOUNS = {"en": frozenset({"him", "her"})}
THING_PRONOUNS = {"en": frozenset({"it"}), "fr": frozenset({"l'", "l’", "le", "la"})}
POSSESSIVES = frozenset({"his", "her", "their", "its", "son", "sa", "ses", "leur", "leurs"})


def resolve_pronouns(table: ActorTable, doc: Doc, lang: str) -> None:
    """A subject pronoun is the most salient person before it: the closest one that was a subject."""
    pronouns = PRONOUNS.get(lang, set())
    last_person: int | None = None
    last_sentence = -1
    pos = doc.to_array("POS").tolist()
    previous_subject_is_thing = False
    salient: list[int] = []  # persons that were subjects, in text order
    sent_before: Span | None = None
    for sentence_no, sent in enumerate(sentences(doc)):
        thing_before, previous_subject_is_thing = previous_subject_is_thing, _subject_is_thing(table, sent)
        # the state, body or group the sentence before was about
        body_before = _body_subject(table, sent_before) if sent_before is not None else None
        sent_before = sent
        for i in range(sent.start, sent.end):
            index = table.by_token.get(i)
            if index is None and pos[i] != PRON:
                continue  # only actors and pronouns matter here: skip building the other tokens
            token = doc[i]
            is_subject = token.dep_.startswith("nsubj") or token.dep_ == "expl:subj"
            if index is not None and table.actors[index].kind == "person":
                if is_subject or token.head.dep_.startswith("nsubj") and token.head.i in table.by_token:
                    salient.append(index)
                    last_sentence = sentence_no
                last_person = index
                continue
            low = token.lower_.lstrip("-").replace("t-", "")
            if index is None and is_subject and token.pos_ == "PRON":
                reporter = _reporting_subject(table, token, low, lang)
                if reporter is not None:
                    table.by_token[token.i] = reporter
                    continue
                if body_before is not None and low in REPORTED_BODY_PRONOUNS.get(lang, ()) \
                        and _main_clause_subject(token, sent):
                    # "The AU suspended Guinea. It also called on ECOWAS to ...": a body goes on acting
                    table.by_token[token.i] = body_before
                    continue
            if index is None and token.pos_ == "PRON" and low in THING_PRONOUNS.get(lang, ()) \
                    and not is_subject:
                # "cut ties with Qatar, accusing it of ...": an object "it" is the last state or body named
                # before it in the sentence.
                state = _last_body_before(table, sent, token)
                if state is not None:
                    table.by_token[token.i] = state
                continue
            if index is None and low in OBJECT_PERSON_PRONOUNS.get(lang, ()) and not is_subject:
                # "Sullivan announced he would return, after the Kremlin called on him to": an object "him",
                # "her" is the most salient person other than its own clause's subject (French object clitics
                # are left alone: "le", "la", "lui" are too often articles or things)
                own = _clause_subjects(table, token)
                target = next((p for p in reversed(salient) if p not in own), None)
                if target is not None:
                    table.by_token[token.i] = target
                continue
            if index is None and low in pronouns and is_subject:
                if thing_before and last_sentence < sentence_no - 1:
                    continue  # "Le projet de résolution demande ... Il menace ...": the pronoun goes on with it
                target = salient[-1] if salient and sentence_no - last_sentence <= 2 else last_person
                if target is not None:
                    table.by_token[token.i] = target


def _clause_subjects(table: ActorTable, pronoun: Token) -> set[int]:
    """The actors subject of the verb an object pronoun depends on ("X urged him": not X)."""
    verb = pronoun.head.head if pronoun.head.pos_ == "ADP" else pronoun.head
    return {table.by_token[t.i] for c in verb.children if c.dep_.startswith("nsubj")
            for t in c.subtree if t.i in table.by_token}


def _body_subject(table: ActorTable, sent: Span) -> int | None:
    """The state, body or group that is the main subject of a sentence, if it names one."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
    if subject is None:
        return None
    index = table.by_token.get(subject.i)
    if index is None:
        closest = table.closest_token(subject)
        index = None if closest is None or closest.head.i != subject.i and closest.i != subject.i \
            else table.by_token.get(closest.i)
    return index if index is not None and table.actors[index].kind != "person" else None


def _main_clause_subject(pronoun: Token, sent: Span) -> bool:
    """"It has also called on ...", "Ils ont accusé ...": the subject of the sentence's own verb, not an
    impersonal "it is", "it seems"."""
    verb = pronoun.head
    if pronoun.dep_ == "expl" or verb.lemma_.lower() in ("be", "seem", "appear", "remain", "take", "mean"):
        return False
    return verb.i == sent.root.i or verb.dep_ == "conj" and verb.head.i == sent.root.i


def _subject_is_thing(table: ActorTable, sent: Span) -> bool:
    """Whether the main subject of the sentence is a common noun that names no actor ("le projet")."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
    return subject is not None and subject.pos_ == "NOUN" and subject.i not in table.by_token


def _reporting_subject(table: ActorTable, pronoun: Token, low: str, lang: str) -> int | None:
    """"Washington announced it would expel ...", "le Qatar a affirmé qu'il ne céderait pas": the subject
    pronoun of a reported clause is the subject of the verb that reports it, when the forms agree."""
    clause = pronoun.head
    if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
        return None
    for child in clause.head.children:
        if not child.dep_.startswith("nsubj") or child.i > pronoun.i:
            continue
        index = table.by_token.get(child.i)
        if index is None:  # "Qatar Airways said it would suspend ...": the actor the subject phrase names
            closest = table.closest_token(child)
            index = None if closest is None else table.by_token.get(closest.i)
        if index is None:
            return None
        kind = table.actors[index].kind
        if low in PRONOUNS.get(lang, ()) and (kind == "person" or lang == "fr") \
                or low in REPORTED_BODY_PRONOUNS.get(lang, ()) and kind != "person":
            return index
    return None


def _last_body_before(table: ActorTable, sent: Span, pronoun: Token) -> int | None:
    for t in reversed(sent[: pronoun.i - sent.start]):
        index = table.by_token.get(t.i)
        if index is not None and table.actors[index].kind in ("country", "organization") \
                and not t.dep_.startswith("nsubj"):
            return index
    return None
