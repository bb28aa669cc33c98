from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..records import Actor


@dataclass(slots=True)
class ActorTable:
    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)


def find_actors(doc: Doc, lang: str, published: date | None) -> ActorTable:
    return ActorTable()
