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
    subjects = [c for c in cue.children if c.dep_ in SPEAKER_DEPS and c.i < cue.i]
    if subjects:  # "…, the Russian military said": step over the whole subject
        first = doc[min(subjects[0].left_edge.i, cue.i)]
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


OPENING, CLOSING = "«“„\"", "»”\""


def direct_spans(text: str) -> list[tuple[int, int]]:
    """Words inside quotation marks, within one paragraph; a paragraph that opens a quotation and never
    closes it (a quote running over several paragraphs) is quoted to its end."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        i = 0
        while i < len(paragraph):
            if paragraph[i] in OPENING and (paragraph[i] != '"' or i == 0 or not paragraph[i - 1].isalnum()):
                closing = "»" if paragraph[i] == "«" else "\"" if paragraph[i] == '"' else "”\"»"
                j = i + 1
                while j < len(paragraph) and paragraph[j] not in closing:
                    j += 1
                start = i + 1
                while start < j and paragraph[start].isspace():
                    start += 1
                end = j
                while end > start and paragraph[end - 1].isspace():
                    end -= 1
                if len(paragraph[start:end].split()) >= MIN_WORDS and (j < len(paragraph) or i == 0):
                    spans.append((offset + start, offset + end))
                i = j + 1
            else:
                i += 1
        offset += len(paragraph) + 2
    return spans


def _according_to(token: Token, lang: str) -> bool:
    if lang == "fr":
        return token.lower_ in ("selon", "d'après", "d’après")
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


def _attribution_candidates(sent: Span, lang: str, actors: ActorTable) -> list[_Candidate]:
    """"Selon l'agence SPA, …" / "…, according to the ministry.": the rest of the sentence is theirs."""
    out = []
    doc = sent.doc
    for token in sent:
        if not _according_to(token, lang):
            continue
        first = token.i + (2 if lang == "en" else 1)
        speaker, last = None, first
        for t in doc[first: min(sent.end, first + 8)]:
            if t.text in (",", ".", ";"):
                break
            speaker = speaker or actors.at(t)
            last = t.i
        if speaker is None:
            continue
        if token.i <= sent.start + 1:  # opening attribution: the clause after the comma
            rest = [t for t in doc[last + 1: sent.end] if not t.is_punct or t.text not in (",",)]
            if len(rest) >= MIN_WORDS:
                out.append(_Candidate(speaker, token, rest[0].idx, _end_of(sent), False))
        else:  # closing attribution: the clause before it
            before = doc[sent.start: token.i]
            while len(before) and before[-1].is_punct:
                before = before[:-1]
            if len(before) >= MIN_WORDS:
                out.append(_Candidate(speaker, token, before.start_char, before.end_char, False))
    return out


def _end_of(sent: Span) -> int:
    tokens = [t for t in sent if not t.is_space]
    while tokens and tokens[-1].is_punct and tokens[-1].text in (".", ";"):
        tokens.pop()
    return tokens[-1].idx + len(tokens[-1]) if tokens else sent.end_char


def find_quotes(doc: Doc, lang: str, actors: ActorTable) -> list[Quote]:
    cues = cue_lemmas(lang)
    candidates: list[_Candidate] = []
    quoted_spans = direct_spans(doc.text)
    for sent in sentences(doc):
        candidates.extend(_attribution_candidates(sent, lang, actors))
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in cues:
                continue
            speaker = _speaker(token, actors)
            if speaker is None:
                continue
            span = _content(token, sent)
            mine = [d for d in quoted_spans if (sent.start_char <= d[0] < sent.end_char
                                                 or sent.start_char < d[1] <= sent.end_char)
                    and not (d[0] <= token.idx < d[1])]
            for start, end in mine:
                inside = span is not None and span[0] <= start and end <= span[1]
                if not inside or len(doc.text[start:end].split()) >= MIN_DIRECT_WORDS:
                    candidates.append(_Candidate(speaker, token, start, end, True))
            if span is not None and not any(d[0] <= span[0] and span[1] <= d[1] for d in mine):
                candidates.append(_Candidate(speaker, token, span[0], span[1], False))
    candidates.extend(_unattributed_direct(doc, quoted_spans, candidates, actors, cues))
    quotes: list[Quote] = []
    for c in sorted(candidates, key=lambda c: (not c.direct, c.start, -c.end)):
        if any(q.start <= c.start < q.end or c.start <= q.start < c.end for q in quotes):
            continue
        cue_text = c.cue.text
        aux = [a.text for a in c.cue.children if a.dep_ in ("aux", "aux:tense") and a.i < c.cue.i]
        if aux:
            cue_text = " ".join(aux + [c.cue.text])
        quotes.append(Quote(speaker=Party(name=_speaker_name(c.speaker, c.cue, doc), country=c.speaker.country,
                                          sector=c.speaker.sector, actor=c.speaker.id),
                            start=c.start, end=c.end, text=doc.text[c.start:c.end], cue=cue_text, direct=c.direct))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _speaker_name(actor: Actor, cue: Token, doc: Doc) -> str:
    """A country that speaks through an institution ("le Kremlin", "Moscow") is named as the text names it."""
    if actor.kind != "country":
        return actor.name
    nearest = min(actor.mentions, key=lambda m: abs(m.start - cue.idx), default=None)
    return nearest.text if nearest is not None and abs(nearest.start - cue.idx) < 80 else actor.name


def _unattributed_direct(doc: Doc, quoted_spans, candidates, actors: ActorTable, cues) -> list[_Candidate]:
    """Quoted words with no cue of their own: a cue ending the previous sentence (':'), the subject of the
    verb the quotation hangs from ("Trump threatened North Korea "with fire and fury""), or, for a
    paragraph that opens with a quotation, the speaker of the quotation just before."""
    out: list[_Candidate] = []
    taken = [(c.start, c.end) for c in candidates]
    for start, end in quoted_spans:
        if any(s <= start < e or start <= s < end for s, e in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else None
        found = None
        if previous is not None and previous.text.rstrip().endswith(":"):
            cue = next((t for t in previous if t.lemma_.lower() in cues and t.pos_ in ("VERB", "AUX")), None)
            if cue is not None:
                speaker = _speaker(cue, actors)
                found = (speaker, cue) if speaker else None
        if found is None and span[0].head.i != span[0].i:
            verb = span[0]
            while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end):
                verb = verb.head
            if not (span.start <= verb.i < span.end):
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                actor = actors.within(subject) if subject is not None else None
                if actor is not None and actor.kind in ("person", "organization"):
                    found = (actor, verb)
        if found is None and (start <= 1 or doc.text[start - 3:start - 1] == "\n\n" or doc.text[start - 2] == "\n"):
            before = [c for c in candidates + out if c.end <= start and start - c.end < 600]
            if before:
                last = max(before, key=lambda c: c.end)
                found = (last.speaker, last.cue)
        if found is not None:
            out.append(_Candidate(found[0], found[1], start, end, True))
    return out
