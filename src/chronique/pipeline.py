"""One Pipeline composes the stages; the CLI, the Python API, the store and the web page all call it."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from datetime import date

from . import clean as clean_stage
from . import nlp
from .actors import find_actors
from .actors.ids import assign_kb_ids
from .budget import Budget, Meter
from .dates import clamp_published
from .errors import ChroniqueError, EmptyArticleError, ReadError, TooLargeError
from .events import find_events
from .language import choose_language
from .quotes import find_quotes
from .read import MAX_ARTICLE_BYTES, valid_unicode
from .records import ArticleResult, CleanText, ErrorInfo, RawArticle

log = logging.getLogger(__name__)


def text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def html_to_text(html: str) -> tuple[str, str | None, date | None]:
    """Main text (paragraphs on their own lines), title and date of a web page, via trafilatura."""
    import trafilatura

    options = {"include_comments": False, "include_tables": False, "favor_precision": True}
    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, **options)
    except Exception:  # trafilatura's date finder (htmldate) asserts on some broken trees: the text without it
        log.debug("metadata extraction failed; extracting the main text only", exc_info=True)
        try:
            document = trafilatura.bare_extraction(html, with_metadata=False, **options)
        except Exception as exc:
            raise ReadError(f"the web page could not be parsed ({type(exc).__name__})") from exc
    if document is None:
        return "", None, None
    published = None
    if getattr(document, "date", None):
        try:
            published = date.fromisoformat(str(document.date)[:10])
        except ValueError:
            published = None
    return document.text or "", getattr(document, "title", None), published


class Pipeline:
    """read → clean → language → parse → actors → events (dates, places) → quotes."""

    def __init__(self, language: str = "auto", max_bytes: int = MAX_ARTICLE_BYTES, min_confidence: float = 0.0,
                 budget: Budget = Budget(), chunk_chars: int = nlp.CHUNK_CHARS):
        self.language = language
        self.max_bytes = max_bytes
        self.min_confidence = min_confidence
        self.budget = budget
        self.chunk_chars = chunk_chars  # texts longer than this are parsed in pieces, one article at a time

    def warm(self, languages: Iterable[str] = nlp.SUPPORTED_LANGUAGES) -> None:
        """Load the models, lexicons and gazetteer now rather than on the first article."""
        from .actors.lexicon import actor_lexicon, known_people
        from .events.lexicon import triggers
        from .places import warm as warm_places

        known_people()
        warm_places()
        for lang in languages:
            nlp.load_model(lang)
            actor_lexicon(lang)
            triggers(lang)

    def extract_text(self, text: str, *, published: date | str | None = None, language: str | None = None,
                     id: str | None = None, url: str | None = None, title: str | None = None,
                     html: bool = False, source: str = "<text>") -> ArticleResult:
        text = valid_unicode(text)
        id, url, title = (valid_unicode(v, one_line=True) if v is not None else None for v in (id, url, title))
        raw = RawArticle(source=source, text=None if html else text, html=text if html else None,
                         id=id, url=url, title=title)
        if isinstance(published, str):
            published = date.fromisoformat(published)
        return self.extract(raw, published=published, language=language)

    def run(self, articles: Iterable[RawArticle], *, published: date | None = None,
            language: str | None = None, batch_size: int = 64) -> Iterator[ArticleResult]:
        """Results in input order. Articles are taken ``batch_size`` at a time and parsed in spaCy streams per
        language, which is what makes a corpus run as fast as a bare parse of the same texts (64: a mixed
        French and English corpus still gives each model batches of about 32, the size it pipes best). A
        stream holds at most ``chunk_chars`` characters, and a longer article is parsed alone, piece by
        piece, so that memory stays bounded whatever the input."""
        batch: list[RawArticle] = []
        for raw in articles:
            batch.append(raw)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, published, language)
                batch = []
        if batch:
            yield from self._run_batch(batch, published, language)

    def _run_batch(self, raws: list[RawArticle], published: date | None, language: str | None) -> list[ArticleResult]:
        results = [self._new_result(raw, published) for raw in raws]
        prepared: dict[str, list[tuple[ArticleResult, CleanText]]] = {}
        for raw, result in zip(raws, results):
            if result.error is None:
                cleaned = self._guarded(result, raw.source, self._prepare, raw, result, language)
                if cleaned is not None:
                    prepared.setdefault(result.language, []).append((result, cleaned))
        for lang, items in prepared.items():
            for group in self._groups(items):
                if len(group) == 1 and len(group[0][1].text) > self.chunk_chars:
                    self._run_long(*group[0], lang)
                else:
                    self._run_group(group, lang)
        return [self._finish(result) for result in results]

    def _groups(self, items: list[tuple[ArticleResult, CleanText]]) -> Iterator[list[tuple[ArticleResult, CleanText]]]:
        """Consecutive articles parsed in one stream, at most ``chunk_chars`` characters in all (the parser's
        memory grows with what one stream holds); a longer article alone."""
        group: list[tuple[ArticleResult, CleanText]] = []
        chars = 0
        for item in items:
            if group and chars + len(item[1].text) > self.chunk_chars:
                yield group
                group, chars = [], 0
            group.append(item)
            chars += len(item[1].text)
        if group:
            yield group

    def _run_group(self, group: list[tuple[ArticleResult, CleanText]], lang: str) -> None:
        try:
            docs = nlp.parse_many([cleaned for _, cleaned in group], lang)
        except Exception:  # isolate the article that broke the shared stream
            log.warning("batched parse failed; parsing %d articles one by one", len(group))
            docs = [self._guarded(result, result.source, nlp.parse, cleaned, lang) for result, cleaned in group]
        for (result, _), doc in zip(group, docs):
            if doc is not None and result.error is None:
                self._guarded(result, result.source, self._analyse, doc, lang, result, self.min_confidence,
                              self.budget.start())

    def _run_long(self, result: ArticleResult, cleaned: CleanText, lang: str) -> None:
        """A text longer than ``chunk_chars``: parsed piece by piece, within its budget from the first piece."""
        meter = self.budget.start()

        def after_chunk(done: int, total: int) -> None:
            meter.check(f"after parsing {done} of {total} pieces")

        doc = self._guarded(result, result.source, nlp.parse_chunked, cleaned, lang, self.chunk_chars, after_chunk)
        if doc is not None:
            self._guarded(result, result.source, self._analyse, doc, lang, result, self.min_confidence, meter)

    def extract(self, raw: RawArticle, *, published: date | None = None, language: str | None = None) -> ArticleResult:
        """Never raises for a bad article: its result carries ``error`` instead."""
        return self._run_batch([raw], published, language)[0]

    def cleaned_text(self, raw: RawArticle) -> str | None:
        """The text ``raw`` would be stored with, without parsing it; None when it would fail first."""
        result = self._new_result(raw, None)
        if result.error is not None:
            return None
        try:
            return self._prepare(raw, result, None).text
        except Exception:  # the full extraction will record why
            return None

    @staticmethod
    def _new_result(raw: RawArticle, published: date | None) -> ArticleResult:
        result = ArticleResult(id=raw.id or "", source=raw.source, url=raw.url, title=raw.title,
                               published=raw.published or published, language=raw.language)
        if raw.read_error is not None:
            result.error = raw.read_error
        return result

    @staticmethod
    def _guarded(result: ArticleResult, source: str, step, *args):
        """Run one stage for one article; a failure becomes that article's error record."""
        try:
            return step(*args)
        except ChroniqueError as exc:
            result.error = ErrorInfo(exc.kind, str(exc))
        except Exception as exc:  # a bug must not stop a batch; it is logged and recorded
            log.exception("internal error on %s", source)
            result.error = ErrorInfo("internal", f"{type(exc).__name__}: {exc}")
        return None

    @staticmethod
    def _finish(result: ArticleResult) -> ArticleResult:
        if not result.id:
            result.id = text_id(result.text or result.source)
        if result.error is not None:
            result.actors, result.events, result.quotes = [], [], []
        return result

    def _prepare(self, raw: RawArticle, result: ArticleResult, language: str | None) -> CleanText:
        """Web page to text, size check, cleaning, language."""
        text = raw.text
        if raw.html is not None:
            text, page_title, page_date = html_to_text(raw.html)
            result.title = result.title or page_title
            result.published = result.published or page_date
        if text is None or not text.strip():
            raise EmptyArticleError("article is empty" if raw.html is None else "no main text found in the web page")
        if len(text.encode("utf-8", "surrogatepass")) > self.max_bytes:
            raise TooLargeError(f"article is larger than the {self.max_bytes:,} byte limit")
        cleaned = clean_stage.clean(text, title=result.title)
        result.text = cleaned.text
        result.removed = cleaned.removed
        result.id = result.id or text_id(cleaned.text)
        result.language = choose_language(cleaned.text, raw.language or language or self.language)
        limit = nlp.max_length(result.language)
        if len(cleaned.text) > limit:  # spaCy would refuse it (E088) inside the shared parse stream
            raise TooLargeError(f"article is longer than the parser's {limit:,} character limit")
        return cleaned

    @staticmethod
    def _analyse(doc, lang: str, result: ArticleResult, min_confidence: float = 0.0, meter: Meter | None = None) -> None:
        check = meter.check if meter is not None else lambda where: None
        # the anchor of relative dates, clamped to years date arithmetic can reach; the record keeps its own
        published = clamp_published(result.published)
        check("before finding actors")
        actors = find_actors(doc, lang, published)
        result.actors = actors.actors
        check("before finding quotes")
        result.quotes = find_quotes(doc, lang, actors)
        actors.speak_for(doc, lang, result.quotes)
        check("before finding events")
        result.events = [e for e in find_events(doc, lang, actors, published) if e.confidence >= min_confidence]
        check("before linking actors to the knowledge base")
        assign_kb_ids(result.actors, published)  # after the events: they add the bare country words' states


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(text: str, *, published: date | str | None = None, language: str | None = None,
            id: str | None = None, url: str | None = None, title: str | None = None,
            html: bool = False) -> ArticleResult:
    """Extract one article from text (or HTML with ``html=True``); ``.to_dict()`` gives the contract's shape."""
    return default_pipeline().extract_text(text, published=published, language=language, id=id, url=url,
                                           title=title, html=html)
