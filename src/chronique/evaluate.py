"""Score chronique's output against a gold set in the format of ``shared/gold/dev`` (issue 3).

The scorer reads gold records (the gold README's schema) and *contract-shaped* predicted dicts
(``ArticleResult.to_dict(include_text=True)``), so it does not depend on how events were extracted;
``run_eval`` only adds the step of running the pipeline on each gold text.

Decisions, as an evaluator would state them:

- **Event match.** A predicted event matches a gold event when the CAMEO roots are equal and the
  (source, target) ``country`` values are equal; for roots 03-06 (cooperative acts usually reciprocal)
  either order is accepted. Countries compare as codes: a gold ``null`` matches a predicted ``null``;
  a predicted event with no target has target country ``null``. Names and sectors are not compared.
- **One to one.** Each gold and each predicted event is used at most once. Pairs are taken greedily
  in this preference order: the predicted ``sentence`` overlaps the gold ``evidence``; same exact code;
  the gold event is the article's lead; same direction; then document order. Matching depends only on
  a key (root, country pair) shared by both sides, so the compatible pairs form disjoint complete
  bipartite groups and any greedy choice matches the maximum number of events: the preferences only
  decide *which* events pair up, never *how many*. "Same sentence" is judged on offsets (the gold
  evidence located in the predicted text); failing that, on the words (one text within the other, or
  half of their distinct words shared).
- **Negated predictions** (``negated: true``) are not events in CAMEO's sense and the gold set never
  contains them: they are left out of every event metric and counted apart.
- **Precision, recall, F1** are micro-averaged over events; per language and per CAMEO root likewise
  (a false positive counts for its predicted root, a miss for its gold root; ``support`` = gold events).
- **Lead event** of an article: its asserted gold event whose evidence comes first in the text
  (ties: file order). Lead recall = share of articles having one whose lead event was matched.
- **Date accuracy** on matched pairs, two variants: ``date`` counts only pairs whose gold event has a
  date (the headline figure: a coder cannot earn points by leaving dates empty); ``date_all`` counts
  every matched pair, a pair being right when both dates are equal, both null included.
- **Modality accuracy** on matched pairs (``asserted`` / ``reported_past`` / ``intended``).
- **Quote recall.** A gold quote ``{speaker, starts_with}`` is found when some predicted quote's
  ``[start, end)`` overlaps an occurrence of ``starts_with`` in the predicted article's cleaned text
  (``article.text``; the gold text when the prediction carries none) and the speakers match: names
  compared without case, diacritics, punctuation or titles, a name matching when its words are a
  subset of the other's ("Wang" ~ "Wang Qishan", "Macron" ~ "Emmanuel Macron"). Several gold quotes
  may be found in one long predicted quote. Quote precision (share of predicted quotes that match a
  gold quote) is reported as indicative only.
- **Calibration.** Predicted (non-negated) events binned by ``confidence`` on ``[0, .5)``,
  ``[.5, .8)``, ``[.8, 1]``, with their count and the precision within each bin.
- **Misses and false positives** are listed with their sentence and a coarse cause: nothing predicted
  in the sentence, a prediction there with another root, the same root with other countries, a
  duplicate of an already paired event, or the sentence's predictions all paired with other gold events.
- An article whose extraction failed counts with no predictions; its error is listed in the report.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EvalError
from .evaluate_actors import ActorFigures, score_actors

if TYPE_CHECKING:
    from .pipeline import Pipeline

log = logging.getLogger(__name__)

SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
DEFAULT_BINS: tuple[float, ...] = (0.0, 0.5, 0.8, 1.0)
_NAME_NOISE = frozenset(
    "the of de du des le la les l d mr mrs ms m mme mlle dr gen general president presidente "
    "minister ministre prime premier sir lord".split())


# ---------------------------------------------------------------- input records

@dataclass(slots=True)
class ScoredEvent:
    """What gold and predicted events share: what matching compares."""

    index: int
    cameo: str
    root: str
    source_name: str | None
    source_country: str | None
    target_name: str | None
    target_country: str | None
    date: str | None
    modality: str | None

    @property
    def key(self) -> tuple[str, str, str]:
        return event_key(self.root, self.source_country, self.target_country)


@dataclass(slots=True)
class GoldEvent(ScoredEvent):
    evidence: str = ""
    plover: str | None = None


@dataclass(slots=True)
class GoldQuote:
    speaker: str
    country: str | None
    starts_with: str


@dataclass(slots=True)
class GoldArticle:
    id: str
    language: str
    published: str | None
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GoldArticle:
        events = []
        for i, e in enumerate(d.get("events") or []):
            src, tgt = e.get("source") or {}, e.get("target") or {}
            cameo = str(e.get("cameo") or e.get("cameo_root") or "")
            events.append(GoldEvent(
                index=i, cameo=cameo, root=str(e.get("cameo_root") or cameo[:2]),
                source_name=src.get("name"), source_country=src.get("country"),
                target_name=tgt.get("name"), target_country=tgt.get("country"),
                date=e.get("date"), modality=e.get("modality"), evidence=e.get("evidence") or "",
                plover=e.get("plover")))
        quotes = [GoldQuote(speaker=q.get("speaker") or "", country=q.get("country"),
                            starts_with=q.get("starts_with") or "") for q in d.get("quotes") or []]
        return cls(id=d["id"], language=d.get("language") or "?", published=d.get("published"),
                   text=d.get("text") or "", events=events, quotes=quotes)


@dataclass(slots=True)
class PredictedEvent(ScoredEvent):
    confidence: float = 0.0
    negated: bool = False
    sentence_text: str = ""
    sentence_start: int | None = None
    sentence_end: int | None = None

    @classmethod
    def from_dict(cls, i: int, e: dict[str, Any]) -> PredictedEvent:
        src, tgt, sent = e.get("source") or {}, e.get("target") or {}, e.get("sentence") or {}
        cameo = str(e.get("cameo") or "")
        return cls(index=i, cameo=cameo, root=str(e.get("cameo_root") or cameo[:2]),
                   source_name=src.get("name"), source_country=src.get("country"),
                   target_name=tgt.get("name"), target_country=tgt.get("country"),
                   date=e.get("date"), modality=e.get("modality"),
                   confidence=float(e.get("confidence") or 0.0), negated=bool(e.get("negated")),
                   sentence_text=sent.get("text") or "", sentence_start=sent.get("start"),
                   sentence_end=sent.get("end"))


def load_gold(gold_dir: str | Path, langs: Iterable[str] | None = None) -> list[GoldArticle]:
    """Every ``*.json`` article of ``gold_dir`` (sorted by name), kept if its language is in ``langs``."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvalError(f"gold folder not found: {folder}")
    wanted = {lang.strip() for lang in langs if lang.strip()} if langs else None
    articles = []
    for path in sorted(folder.glob("*.json")):
        try:
            article = GoldArticle.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}: not a gold article ({exc})") from exc
        if wanted is None or article.language in wanted:
            articles.append(article)
    if not articles:
        raise EvalError(f"no gold article in {folder}" + (f" for languages {sorted(wanted)}" if wanted else ""))
    return articles


# ---------------------------------------------------------------- text helpers

def _locate_all(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``haystack``, exact first, then with any run of whitespace equivalent."""
    if not needle or not haystack:
        return []
    spans, start = [], haystack.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    if spans:
        return spans
    words = needle.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [m.span() for m in re.finditer(pattern, haystack)]


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", folded)


def _texts_overlap(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    ja, jb = f" {' '.join(wa)} ", f" {' '.join(wb)} "
    if ja in jb or jb in ja:
        return True
    sa, sb = set(wa), set(wb)
    return len(sa & sb) / len(sa | sb) >= 0.5


def speaker_matches(gold: str | None, predicted: str | None) -> bool:
    """Same person or body, ignoring case, diacritics, titles; one name's words within the other's."""
    ga = {w for w in _words(gold or "") if w not in _NAME_NOISE}
    pa = {w for w in _words(predicted or "") if w not in _NAME_NOISE}
    if not ga or not pa:
        return False
    return ga <= pa or pa <= ga


# ---------------------------------------------------------------- event matching

def event_key(root: str, source_country: str | None, target_country: str | None) -> tuple[str, str, str]:
    """What two events must share to match: the root and the country pair (unordered for 03-06)."""
    pair = (source_country or "", target_country or "")
    if root in SYMMETRIC_ROOTS:
        pair = tuple(sorted(pair))  # type: ignore[assignment]
    return (root, pair[0], pair[1])


def _same_sentence(g: GoldEvent, p: PredictedEvent, evidence_spans: list[tuple[int, int]]) -> bool:
    if evidence_spans and p.sentence_start is not None and p.sentence_end is not None:
        return any(max(a, p.sentence_start) < min(b, p.sentence_end) for a, b in evidence_spans)
    return _texts_overlap(g.evidence, p.sentence_text)


def lead_index(gold: GoldArticle) -> int | None:
    """Index of the article's lead event: the asserted event whose evidence comes first in the text."""
    asserted = [e for e in gold.events if e.modality == "asserted"]
    if not asserted:
        return None

    def position(e: GoldEvent) -> int:
        found = gold.text.find(e.evidence) if e.evidence else -1
        return found if found >= 0 else len(gold.text)

    return min(asserted, key=lambda e: (position(e), e.index)).index


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent], text: str | None = None,
                 lead: int | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold position, predicted position) pairs; see the module docstring for the order."""
    spans = [_locate_all(g.evidence, text or "") for g in gold]
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.key != p.key:
                continue
            same_direction = (g.source_country, g.target_country) == (p.source_country, p.target_country)
            rank = (_same_sentence(g, p, spans[gi]), g.cameo == p.cameo, g.index == lead, same_direction)
            candidates.append((tuple(not r for r in rank), gi, pi))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# ---------------------------------------------------------------- quotes

def _quote_hit(gold: GoldQuote, pq: dict[str, Any], spans: list[tuple[int, int]],
               aliases: dict[str, list[str]]) -> bool:
    speaker = pq.get("speaker") or {}
    names = [speaker.get("name"), *aliases.get(speaker.get("actor") or "", [])]
    if not any(speaker_matches(gold.speaker, name) for name in names):
        return False
    start, end = pq.get("start"), pq.get("end")
    if isinstance(start, int) and isinstance(end, int) and spans:
        return any(max(a, start) < min(b, end) for a, b in spans)
    return _texts_overlap(gold.starts_with, pq.get("text") or "")


def match_quotes(gold: Sequence[GoldQuote], predicted: Sequence[dict[str, Any]], text: str,
                 aliases: dict[str, list[str]] | None = None) -> list[list[int]]:
    """For each gold quote, the positions of the predicted quotes that find it (empty: missed). A speaker
    matches by its normalized name or by any name the text gives that actor (``aliases``, by actor id):
    "International Criminal Court" is the "Cour pénale internationale" of a French text."""
    out = []
    for q in gold:
        spans = _locate_all(q.starts_with, text)
        out.append([i for i, pq in enumerate(predicted) if _quote_hit(q, pq, spans, aliases or {})])
    return out


# ---------------------------------------------------------------- report records

@dataclass(slots=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "value": _round(self.value)}


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support,
                "predicted": self.tp + self.fp, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


@dataclass(slots=True)
class GroupScores:
    """Every metric for one slice of the gold set (all articles, or one language)."""

    name: str
    articles: int = 0
    events: PRF = field(default_factory=PRF)
    lead: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    date_all: Ratio = field(default_factory=Ratio)
    modality: Ratio = field(default_factory=Ratio)
    quote_recall: Ratio = field(default_factory=Ratio)
    quote_precision: Ratio = field(default_factory=Ratio)
    negated_ignored: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "articles": self.articles, "events": self.events.to_dict(),
                "lead_recall": self.lead.to_dict(), "date_accuracy": self.date.to_dict(),
                "date_accuracy_all": self.date_all.to_dict(), "modality_accuracy": self.modality.to_dict(),
                "quote_recall": self.quote_recall.to_dict(), "quote_precision": self.quote_precision.to_dict(),
                "negated_ignored": self.negated_ignored}


@dataclass(slots=True)
class RootScores:
    root: str
    name: str | None
    events: PRF = field(default_factory=PRF)

    def to_dict(self) -> dict[str, Any]:
        return {"root": self.root, "name": self.name, **self.events.to_dict()}


@dataclass(slots=True)
class CalibrationBin:
    low: float
    high: float
    closed: bool  # whether ``high`` belongs to the bin
    count: int = 0
    correct: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.count if self.count else None

    def label(self) -> str:
        return f"[{self.low:.2f}, {self.high:.2f}{']' if self.closed else ')'}"

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "closed": self.closed, "count": self.count,
                "correct": self.correct, "precision": _round(self.precision)}


@dataclass(slots=True)
class EventDiff:
    """A missed gold event or a false positive, with what a person needs to see why."""

    kind: str  # miss | false_positive
    article: str
    language: str
    cameo: str
    source: str
    target: str
    sentence: str
    date: str | None
    modality: str | None
    confidence: float | None
    cause: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class QuoteMiss:
    article: str
    language: str
    speaker: str
    starts_with: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class EvalReport:
    gold_dir: str
    languages: list[str]
    overall: GroupScores
    by_language: dict[str, GroupScores]
    by_root: list[RootScores]
    calibration: list[CalibrationBin]
    misses: list[EventDiff] = field(default_factory=list)
    false_positives: list[EventDiff] = field(default_factory=list)
    quote_misses: list[QuoteMiss] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # article id -> "kind: message"
    actors: dict[str, ActorFigures] = field(default_factory=dict)  # "all" and each language

    def to_dict(self) -> dict[str, Any]:
        return {"gold_dir": self.gold_dir, "languages": self.languages, "overall": self.overall.to_dict(),
                "by_language": {k: v.to_dict() for k, v in self.by_language.items()},
                "by_root": [r.to_dict() for r in self.by_root],
                "calibration": [b.to_dict() for b in self.calibration],
                "misses": [m.to_dict() for m in self.misses],
                "false_positives": [m.to_dict() for m in self.false_positives],
                "quote_misses": [m.to_dict() for m in self.quote_misses], "errors": dict(self.errors),
                "actors": {k: v.to_dict() for k, v in self.actors.items()}}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def root_names() -> dict[str, str]:
    """CAMEO root (two digits) -> its name, from the project's CAMEO table."""
    names: dict[str, str] = {}
    try:
        table = (files("chronique") / "data" / "cameo" / "codes.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return names
    for line in table.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2:
            continue
        if len(cols[0]) == 2:
            names[cols[0]] = cols[1]
    return names


def _calibration_bins(edges: Sequence[float]) -> list[CalibrationBin]:
    last = len(edges) - 2
    return [CalibrationBin(edges[i], edges[i + 1], i == last) for i in range(len(edges) - 1)]


def _bin_of(bins: list[CalibrationBin], confidence: float) -> CalibrationBin:
    for b in bins:
        if b.low <= confidence < b.high or (b.closed and confidence == b.high):
            return b
    return bins[0] if confidence < bins[0].low else bins[-1]


# ---------------------------------------------------------------- scoring

def _party(name: str | None, country: str | None) -> str:
    return f"{name or '-'} ({country or 'null'})"


def _describe(root: str, cameo: str, src: str | None, tgt: str | None) -> str:
    return f"{cameo or root} {src or 'null'}→{tgt or 'null'}"


def _diagnose_events(report: EvalReport, gold: GoldArticle, pred: list[PredictedEvent], text: str,
                     pairs: list[tuple[int, int]], lead: int | None) -> None:
    """Add the article's misses and false positives to ``report``, each with a coarse cause."""
    p_of_g = dict(pairs)
    g_of_p = {pi: gi for gi, pi in pairs}
    spans = [_locate_all(g.evidence, text) for g in gold.events]
    for gi, g in enumerate(gold.events):
        if gi in p_of_g:
            continue
        near = [(pi, p) for pi, p in enumerate(pred) if _same_sentence(g, p, spans[gi])]
        free = [p for pi, p in near if pi not in g_of_p]
        if not near:
            cause = "no prediction in the sentence"
        elif not free:
            cause = "the sentence's predictions are paired with other gold events"
        elif any(p.root == g.root for p in free):
            cause = "same sentence, same root, other countries"
        else:
            cause = "same sentence, other root"
        note = "predicted here: " + "; ".join(
            _describe(p.root, p.cameo, p.source_country, p.target_country) for _, p in near[:4]) if near else ""
        report.misses.append(EventDiff(
            "miss", gold.id, gold.language, g.cameo, _party(g.source_name, g.source_country),
            _party(g.target_name, g.target_country), g.evidence, g.date, g.modality, None,
            cause, "; ".join(x for x in ("lead event" if gi == lead else "", note) if x)))
    for pi, p in enumerate(pred):
        if pi in g_of_p:
            continue
        here = [g for gi, g in enumerate(gold.events) if _same_sentence(g, p, spans[gi])]
        note = "gold here: " + "; ".join(
            _describe(g.root, g.cameo, g.source_country, g.target_country) for g in here[:4]) if here else ""
        if not here:
            cause = "no gold event in the sentence"
        elif any(g.key == p.key for g in here):
            cause = "duplicate of a matched event"
        elif any(g.root == p.root for g in here):
            cause = "same sentence, same root, other countries"
        else:
            cause = "same sentence, other root"
        report.false_positives.append(EventDiff(
            "false_positive", gold.id, gold.language, p.cameo, _party(p.source_name, p.source_country),
            _party(p.target_name, p.target_country), p.sentence_text, p.date, p.modality,
            p.confidence, cause, note))


def _diagnose_quotes(report: EvalReport, gold: GoldArticle, pred_quotes: list[dict[str, Any]], text: str,
                     found: list[list[int]]) -> None:
    for q, hits in zip(gold.quotes, found):
        if hits:
            continue
        spans_q = _locate_all(q.starts_with, text)
        at = [pq for pq in pred_quotes if isinstance(pq.get("start"), int) and any(
            max(a, pq["start"]) < min(b, pq.get("end", pq["start"])) for a, b in spans_q)]
        if not spans_q:
            note = "start of the statement not found in the cleaned text"
        elif at:
            note = "speaker differs: predicted " + ", ".join(
                repr((pq.get("speaker") or {}).get("name")) for pq in at[:3])
        else:
            note = "no predicted quote at this position"
        report.quote_misses.append(QuoteMiss(gold.id, gold.language, q.speaker, q.starts_with, note))


def score_articles(pairs: Iterable[tuple[GoldArticle, dict[str, Any]]], gold_dir: str = "",
                   bins: Sequence[float] = DEFAULT_BINS) -> EvalReport:
    """Score (gold article, predicted contract dict) pairs; a pure function of its inputs."""
    names = root_names()
    overall = GroupScores("all")
    by_language: dict[str, GroupScores] = {}
    roots: dict[str, RootScores] = {}
    calibration = _calibration_bins(bins)
    report = EvalReport(gold_dir, [], overall, by_language, [], calibration)

    for gold, predicted in pairs:
        groups = (overall, by_language.setdefault(gold.language, GroupScores(gold.language)))
        if predicted.get("error"):
            err = predicted["error"]
            report.errors[gold.id] = f"{err.get('kind')}: {err.get('message')}"
        text = (predicted.get("article") or {}).get("text") or gold.text
        all_pred = [PredictedEvent.from_dict(i, e) for i, e in enumerate(predicted.get("events") or [])]
        pred = [p for p in all_pred if not p.negated]
        lead = lead_index(gold)
        pairs_ = match_events(gold.events, pred, text, lead)
        g_of_p = {pi: gi for gi, pi in pairs_}
        p_of_g = dict(pairs_)

        for group in groups:
            group.articles += 1
            group.negated_ignored += len(all_pred) - len(pred)
            group.events.tp += len(pairs_)
            group.events.fp += len(pred) - len(pairs_)
            group.events.fn += len(gold.events) - len(pairs_)
            if lead is not None:
                group.lead.add(lead in p_of_g)
            for gi, pi in pairs_:
                g, p = gold.events[gi], pred[pi]
                if g.date:
                    group.date.add((p.date or "")[:10] == g.date[:10])
                group.date_all.add((p.date or "")[:10] == (g.date or "")[:10])
                group.modality.add(p.modality == g.modality)

        for gi, g in enumerate(gold.events):
            rs = roots.setdefault(g.root, RootScores(g.root, names.get(g.root)))
            if gi in p_of_g:
                rs.events.tp += 1
            else:
                rs.events.fn += 1
        for pi, p in enumerate(pred):
            if pi not in g_of_p:
                roots.setdefault(p.root, RootScores(p.root, names.get(p.root))).events.fp += 1
            _bin_of(calibration, p.confidence).count += 1
            _bin_of(calibration, p.confidence).correct += pi in g_of_p

        _diagnose_events(report, gold, pred, text, pairs_, lead)
        spans = [_locate_all(g.evidence, text) for g in gold.events]
        for name in ("all", gold.language):
            score_actors(report.actors.setdefault(name, ActorFigures()), gold.id, gold.events, spans,
                         list(predicted.get("actors") or []))

        pred_quotes = list(predicted.get("quotes") or [])
        aliases = {a.get("id"): list(a.get("aliases") or []) for a in predicted.get("actors") or [] if a.get("id")}
        found = match_quotes(gold.quotes, pred_quotes, text, aliases)
        hit_quotes = {i for hits in found for i in hits}
        for group in groups:
            for hits in found:
                group.quote_recall.add(bool(hits))
            for i in range(len(pred_quotes)):
                group.quote_precision.add(i in hit_quotes)
        _diagnose_quotes(report, gold, pred_quotes, text, found)

    report.languages = sorted(by_language)
    report.by_root = [roots[k] for k in sorted(roots)]
    return report


# ---------------------------------------------------------------- running and printing

def run_eval(gold_dir: str | Path, langs: Iterable[str] | None = None, pipeline: Pipeline | None = None) -> EvalReport:
    """Run the extraction pipeline on every gold article of ``gold_dir`` and score it."""
    gold = load_gold(gold_dir, langs)
    if pipeline is None:
        from .pipeline import Pipeline
        pipeline = Pipeline()
    scored = []
    for article in gold:
        log.info("eval: extracting %s", article.id)
        try:
            result = pipeline.extract_text(article.text, published=article.published,
                                           language=article.language, id=article.id)
            predicted = result.to_dict(include_text=True)
        except Exception as exc:  # an extractor bug must not stop the evaluation of the others
            log.exception("eval: extraction crashed on %s", article.id)
            predicted = {"error": {"kind": "crash", "message": f"{type(exc).__name__}: {exc}"}, "events": []}
        scored.append((article, predicted))
    return score_articles(scored, gold_dir=str(gold_dir))


def error_causes(report: EvalReport) -> Counter[str]:
    """How many misses and false positives fall under each coarse cause."""
    return Counter(f"{d.kind}: {d.cause}" for d in report.misses + report.false_positives)
