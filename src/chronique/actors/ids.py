"""The knowledge base's stable id of each actor of an article (``Actor.kb_id``): the same for "Poutine", "Putin"
and "Vladimir Putin", in every article and language. A pass after resolution, until the resolver sets it itself."""
from __future__ import annotations

from datetime import date
from functools import cache

from .. import tables
from ..records import Actor
from .lexicon import lookup_known


@cache
def _organization_ids() -> dict[str, str]:
    ids: dict[str, str] = {}
    for org in tables.organizations():
        for form in (org.name, *org.forms):
            ids.setdefault(tables.form_key(form), org.kb_id)
    return ids


def assign_kb_ids(actors: list[Actor], published: date | None) -> None:
    """Fill ``kb_id`` where the knowledge base knows the actor: a state by its code, an organization by its
    name, a person by name when the known person's country is the actor's (a namesake elsewhere is not them)."""
    for actor in actors:
        if actor.kb_id:
            continue
        if actor.kind == "country" and actor.country and actor.country != "IGO":
            actor.kb_id = tables.country_kb_id(actor.country)
        elif actor.kind == "organization":
            actor.kb_id = _organization_ids().get(tables.form_key(actor.name))
        elif actor.kind == "person":
            known = lookup_known(actor.name, published)
            if known is not None and known.kb_id and known.country == actor.country:
                actor.kb_id = known.kb_id
