"""Quotes stage: direct and reported speech, attributed to a speaker.

Handles "X a déclaré que …", "…, a déclaré M. Wang.", "…, a-t-il ajouté", "Pour sa part, X a
déclaré que …", participles ("affirmant que …"), "X said (that) …", "…, X said.", "…, said X." and
quoted words in «…», “…” or "…" attributed by a cue in the same or the previous sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Span, Token

from .actors import ActorTable
from .nlp import sentences
from .records import Actor, Party, Quote

SPEAKER_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "nsubjpass"}
QUOTE_MARKS = re.compile(r"«\s*([^«»]{12,}?)\s*»|“([^“”]{12,}?)”|\"([^\"]{12,}?)\"")
INVERSION_REACH = 4  # tokens after the cue where an inverted subject may stand
MIN_WORDS = 3
MIN_DIRECT_WORDS = 6  # shorter words in quotation marks are names or scare quotes, not speech


@cache
def cue_lemmas(lang: str) -> frozenset[str]:
    path = files("chronique") / "data" / "quotes" / f"cues.{lang}.tsv"
    if not path.is_file():
        return frozenset()
    return frozenset(line.split("\t")[0].strip() for line in path.read_text("utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@dataclass(slots=True)
class _Candidate:
    speaker: Actor
    cue: Token
    start: int
    end: int
    direct: bool


def _finite(cue: Token) -> bool:
    return "Fin" in cue.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in cue.children) \
        or cue.tag_ in ("VBD", "VBZ", "VBP")


def _inverted(cue: Token) -> bool:
    """", a déclaré M. Wang" / ", said Lavrov": the cue (with its auxiliary) follows a comma or a closing quote."""
    doc, first = cue.doc, cue
    while first.i > cue.sent.start and doc[first.i - 1].dep_ in ("aux", "aux:tense", "expl:subj") \
            or first.i > cue.sent.start and doc[first.i - 1].lower_ in ("-t", "-t-il", "-t-elle"):
        first = doc[first.i - 1]
    return first.i > cue.sent.start and doc[first.i - 1].text in (",", "»", "”", '"', "“")


def _speaker(cue: Token, table: ActorTable) -> Actor | None:
    sent = cue.sent
    if _inverted(cue):
        for t in cue.doc[cue.i + 1: min(sent.end, cue.i + 1 + INVERSION_REACH)]:
            if t.is_punct and t.text not in ("-",):
                break
            actor = table.at(t)
            if actor is not None:
                return actor
    for child in cue.children:
        if child.dep_ in SPEAKER_DEPS and child.i < cue.i and child.pos_ in ("NOUN", "PROPN", "PRON"):
            actor = table.within(child) if child.pos_ != "PRON" else table.at(child)
            if actor is not None:
                return actor
    if _inverted(cue) or not any(c.dep_ in SPEAKER_DEPS for c in cue.children):
        # An inverted subject right after the cue (", a déclaré M. Wang", ", said Lavrov", "-t-il").
        if _inverted(cue):
            for t in cue.doc[cue.i + 1: min(sent.end, cue.i + 1 + INVERSION_REACH)]:
                if t.is_punct and t.text not in ("-",):
                    break
                actor = table.at(t)
                if actor is not None:
                    return actor
        for t in cue.doc[max(sent.start, cue.i - 3): cue.i]:
            actor = table.at(t)
            if actor is not None and t.pos_ == "PRON":
                return actor
    for child in cue.children:
        if child.dep_ in SPEAKER_DEPS:
            actor = table.within(child)
            if actor is not None:
                return actor
    # A participle or coordinated cue ("affirmant que", "and added") speaks for its governor's subject.
    node = cue
    for _ in range(2):
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head.i == node.i:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in SPEAKER_DEPS:
                actor = table.within(child)
                if actor is not None:
                    return actor
    return None


def _content(cue: Token, sent: Span) -> tuple[int, int] | None:
    """Character span of what the cue reports: its clausal complement, or the words before an inverted cue."""
    doc = cue.doc
    for child in ([] if _inverted(cue) else cue.children):
        if child.dep_ in ("ccomp", "xcomp", "obj", "dobj") and child.pos_ in ("VERB", "AUX", "ADV", "ADJ", "NOUN") \
                and child.i > cue.i:
            tokens = list(child.subtree)
            start = tokens[0]
            while start.dep_ == "mark" or start.lower_ in ("que", "qu'", "qu’", "that", ":", ","):
                if start.i + 1 >= sent.end:
                    break
                start = doc[start.i + 1]
            end = tokens[-1]
            if end.i - start.i + 1 >= MIN_WORDS:
                return start.idx, end.idx + len(end)
    # Inverted: "<content>, a déclaré M. Wang." / "<content>, he said."
    if not _finite(cue):
        return None
    first = cue
    while first.i > sent.start and doc[first.i - 1].dep_ in ("aux", "aux:tense", "aux:pass", "nsubj", "expl:subj") \
            or first.i > sent.start and doc[first.i - 1].pos_ in ("AUX", "PRON", "PROPN") and doc[first.i - 1].i > sent.start \
            and doc[first.i - 2].text == ",":
        first = doc[first.i - 1]
    if first.i > sent.start + MIN_WORDS and doc[first.i - 1].text in (",", "»", "”", '"'):
        end = doc[first.i - 2] if doc[first.i - 1].text == "," else doc[first.i - 1]
        while end.i > sent.start and end.text in (",", "»", "”", '"'):
            end = doc[end.i - 1]
        start = sent[0]
        for t in sent:
            if t.i >= end.i:
                break
            if t.text == "," and t.i > start.i and _is_intro(doc[start.i:t.i]):
                start = doc[t.i + 1]
        return start.idx, end.idx + len(end)
    return None


def _is_intro(span: Span) -> bool:
    """A short opening adverbial such as "Pour sa part" or "On Monday" is not part of what was said."""
    return len(span) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in span)


def find_quotes(doc: Doc, lang: str, actors: ActorTable) -> list[Quote]:
    cues = cue_lemmas(lang)
    candidates: list[_Candidate] = []
    direct_spans = [(m.start(i), m.end(i)) for m in QUOTE_MARKS.finditer(doc.text)
                    for i in (1, 2, 3) if m.group(i) and len(m.group(i).split()) >= MIN_DIRECT_WORDS]
    for sent in sentences(doc):
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in cues:
                continue
            speaker = _speaker(token, actors)
            if speaker is None or speaker.kind not in ("person", "organization", "country", "group"):
                continue
            span = _content(token, sent)
            quoted = [d for d in direct_spans if sent.start_char <= d[0] < sent.end_char
                      and not (d[0] <= token.idx < d[1])]
            if quoted:
                for start, end in quoted:
                    candidates.append(_Candidate(speaker, token, start, end, True))
            elif span is not None:
                candidates.append(_Candidate(speaker, token, span[0], span[1], False))
    candidates.extend(_unattributed_direct(doc, direct_spans, candidates, actors, cues))
    quotes: list[Quote] = []
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if any(q.start <= c.start < q.end or c.start <= q.start < c.end for q in quotes):
            continue
        cue_text = c.cue.text
        aux = [a.text for a in c.cue.children if a.dep_ in ("aux", "aux:tense") and a.i < c.cue.i]
        if aux:
            cue_text = " ".join(aux + [c.cue.text])
        quotes.append(Quote(speaker=Party(name=c.speaker.name, country=c.speaker.country, sector=c.speaker.sector,
                                          actor=c.speaker.id),
                            start=c.start, end=c.end, text=doc.text[c.start:c.end], cue=cue_text, direct=c.direct))
    return quotes


def _unattributed_direct(doc: Doc, direct_spans, candidates, actors: ActorTable, cues) -> list[_Candidate]:
    """Quoted words whose sentence has no cue: the speaker of a cue ending the previous sentence with ':'."""
    out = []
    taken = {(c.start, c.end) for c in candidates}
    for start, end in direct_spans:
        if (start, end) in taken or len(doc.text[start:end].split()) < MIN_WORDS:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else None
        for scope in (sent, previous):
            if scope is None:
                continue
            cue = next((t for t in scope if t.lemma_.lower() in cues and t.pos_ in ("VERB", "AUX")
                        and not (start <= t.idx < end)), None)
            if cue is not None:
                speaker = _speaker(cue, actors)
                if speaker is not None:
                    out.append(_Candidate(speaker, cue, start, end, True))
                    break
    return out
