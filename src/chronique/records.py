"""Typed records that travel between pipeline stages, and their contract-shaped dicts.

Every stage takes and returns these dataclasses; only ``to_dict`` produces the JSON shape
defined in ``shared/contract/article.schema.json`` (schema ``chronique.article/1``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "chronique.article/1"


@dataclass(slots=True)
class RawArticle:
    """One article as read from its source, before any cleaning."""

    source: str  # file path, "path:line" for JSON Lines, "<stdin>", "<text>"
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None  # a language the input declared, if any
    read_error: ErrorInfo | None = None


@dataclass(slots=True)
class ErrorInfo:
    kind: str
    message: str
    line: int | None = None  # the line of a JSON Lines input the error is about

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.line is not None:
            out["line"] = self.line
        return out


@dataclass(slots=True)
class Removal:
    kind: str  # duplicate | caption | boilerplate
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(slots=True)
class CleanText:
    """Cleaned article text: paragraphs joined by a blank line, and what was removed."""

    text: str
    paragraphs: list[tuple[int, int]]  # (start, end) offsets of each paragraph in ``text``
    removed: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class TextSpan:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organization | country | group
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # the knowledge base's stable id (Wikidata id where known): one across articles and languages
    kb_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
            "aliases": list(self.aliases),
            "kb_id": self.kb_id,
        }

    def as_party(self) -> Party:
        return Party(actor=self.id, name=self.name, country=self.country, sector=self.sector)


@dataclass(slots=True)
class Party:
    """An event's source or target: an actor of the article, or a bare country/group."""

    name: str
    country: str | None = None
    sector: str | None = None
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(slots=True)
class DateRef:
    """A resolved date expression: ``value`` is None when the words fix no date."""

    value: date | None
    text: str
    precision: str | None  # day | month | year
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class Event:
    id: str
    source: Party
    target: Party | None
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    sentence: TextSpan
    trigger: str | None = None
    trigger_span: tuple[int, int] | None = None
    date: DateRef | None = None
    location: Location | None = None
    modality: str = "asserted"
    negated: bool = False
    confidence: float = 0.5
    cameo_name: str | None = None
    basis: str | None = None  # how source and target were read: "subject/object", "linear/oblique", ...
    features: list[str] = field(default_factory=list)  # what the confidence model saw (not serialized)

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        d = self.date
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "date": d.value.isoformat() if d and d.value else None,
            "date_text": d.text if d else None,
            "date_precision": d.precision if d and d.value else None,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "negated": self.negated,
            "trigger": self.trigger,
            "sentence": self.sentence.to_dict(),
            "confidence": round(self.confidence, 3),
            "basis": self.basis,
        }


@dataclass(slots=True)
class Quote:
    speaker: Party
    start: int
    end: int
    text: str
    cue: str | None = None
    direct: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": {"actor": self.speaker.actor, "name": self.speaker.name,
                        "country": self.speaker.country},
            "cue": self.cue,
            "direct": self.direct,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class ArticleResult:
    """Everything chronique extracted from one article (or why it could not)."""

    id: str
    source: str
    text: str = ""
    language: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    removed: list[Removal] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    error: ErrorInfo | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        article: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "removed": [r.to_dict() for r in self.removed],
        }
        if include_text:
            article["text"] = self.text
        out: dict[str, Any] = {"schema": SCHEMA, "article": article}
        if self.error is not None:
            out["error"] = self.error.to_dict()
            out["actors"], out["events"], out["quotes"] = [], [], []
            return out
        out["actors"] = [a.to_dict() for a in self.actors]
        out["events"] = [e.to_dict() for e in self.events]
        out["quotes"] = [q.to_dict() for q in self.quotes]
        return out
