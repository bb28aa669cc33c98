"""Texts that speak for those who put them forward: "the three states presented a draft resolution calling for
an inquiry", then "the draft demands that Syria ..." are the three states' appeal and demand."""
from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from ..actors import ActorTable
from ..nlp import sent_of
from ..records import Actor
from .lexicon import marker_lemmas

GOVERNOR_HOPS = 3  # "présenté mardi soir un projet": the parser may hang the object on the date


def is_document(noun: Token) -> bool:
    """"la résolution", "le projet de résolution", "the draft resolution", "the statement"."""
    words = marker_lemmas(noun.doc.lang_, "document")
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in words or any(
        c.dep_ in ("nmod", "compound") and c.lemma_.lower() in words for c in noun.children))


def _authoring_verb(noun: Token) -> Token | None:
    """The verb that puts the document forward ("a présenté un projet", "issued a statement")."""
    verbs = marker_lemmas(noun.doc.lang_, "authoring")
    head = noun
    for _ in range(GOVERNOR_HOPS):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head if head.lemma_.lower() in verbs else None
    return None


def document_words(doc: Doc) -> list[int]:
    """Indexes of the tokens whose lemma is a document word, read from the doc's array."""
    wanted = {doc.vocab.strings.add(word) for word in marker_lemmas(doc.lang_, "document")}
    return [i for i, lemma in enumerate(doc.to_array(LEMMA).tolist()) if lemma in wanted]


def register_documents(sent: Span, words: list[int], table: ActorTable,
                       authors_of_verb: Callable[[Token], list[Actor]]) -> None:
    """Remember who put forward the documents this sentence introduces (the latest one counts); ``words``
    are the article's document words (``document_words``)."""
    for index in words:
        if not sent.start <= index < sent.end:
            continue
        token = sent.doc[index]
        if token.dep_ in ("nmod", "compound") and token.head.pos_ == "NOUN":
            token = token.head  # "un projet de résolution": the phrase's head
        if token.pos_ != "NOUN" or not is_document(token):
            continue
        verb = _authoring_verb(token)
        if verb is None:
            continue
        authors = authors_of_verb(verb)
        if authors:
            table.document_authors = list(authors)


def authors_of(noun: Token, table: ActorTable) -> list[Actor]:
    """The authors a document standing as a subject speaks for, also through a pronoun whose antecedent is the
    previous sentence's document subject ("The draft demands ... It threatens ...")."""
    if not table.document_authors:
        return []
    if noun.pos_ == "PRON" and noun.lower_ in THING_SUBJECTS:
        start = sent_of(noun).start
        previous = sent_of(noun.doc[start - 1]) if start > 0 else None
        return list(table.document_authors) if previous is not None and any(
            t.dep_.startswith("nsubj") and is_document(t) for t in previous) else []
    return list(table.document_authors) if is_document(noun) else []


THING_SUBJECTS = frozenset({"il", "elle", "it"})


def _present_participle(verb: Token) -> bool:
    return verb.tag_ == "VBG" or ("Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"))


def participle_of_document(verb: Token, table: ActorTable) -> list[Actor]:
    """"un projet de résolution condamnant ... et appelant à ...", however the parser hangs the participle:
    a present participle after a document of this sentence whose authors are known is theirs."""
    if not table.document_authors or not _present_participle(verb):
        return []
    sent = sent_of(verb)
    before = verb.doc[sent.start:verb.i]
    return list(table.document_authors) if any(is_document(t) and _authoring_verb(t) for t in before) else []
