"""Actor figures of an evaluation: whether the parties of the gold events are found with their country, and
which persons, groups and organizations the resolver left without one.

- actor country recall: of the gold events' parties that have a country, the share for which some actor
  mentioned inside the event's evidence sentence carries that country;
- without a country: of the predicted persons, groups and organizations, the share with no country. Each of
  them is listed (article, name, kind) so that a person can see what the knowledge base lacks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLACED_KINDS = ("person", "group", "organization")


@dataclass(slots=True)
class UnresolvedActor:
    article: str
    name: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "name": self.name, "kind": self.kind}


@dataclass(slots=True)
class ActorFigures:
    parties: int = 0
    parties_found: int = 0
    placeable: int = 0
    unplaced: int = 0
    unresolved: list[UnresolvedActor] = field(default_factory=list)

    @property
    def country_recall(self) -> float | None:
        return self.parties_found / self.parties if self.parties else None

    @property
    def without_country(self) -> float | None:
        return self.unplaced / self.placeable if self.placeable else None

    def to_dict(self) -> dict[str, Any]:
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 4)
        return {"parties": self.parties, "parties_found": self.parties_found,
                "country_recall": rounded(self.country_recall), "placeable": self.placeable,
                "unplaced": self.unplaced, "without_country": rounded(self.without_country),
                "unresolved": [u.to_dict() for u in self.unresolved]}


def score_actors(figures: ActorFigures, article_id: str, gold_events, evidence_spans, actors: list[dict[str, Any]]) -> None:
    """Add one article's actor figures. ``evidence_spans`` gives, for each gold event, where its evidence lies
    in the text the actors' offsets refer to."""
    mentions = [(m.get("start"), m.get("end"), a.get("country")) for a in actors for m in a.get("mentions") or []
                if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)]
    for event, spans in zip(gold_events, evidence_spans):
        countries = {c for s, e, c in mentions if c and any(a <= s and e <= b for a, b in spans)}
        for country in (event.source_country, event.target_country):
            if country:
                figures.parties += 1
                figures.parties_found += country in countries
    for actor in actors:
        if actor.get("kind") in PLACED_KINDS:
            figures.placeable += 1
            if not actor.get("country"):
                figures.unplaced += 1
                figures.unresolved.append(UnresolvedActor(article_id, actor.get("name") or "", actor.get("kind")))
