"""Which state acts when a sentence names none: the state body reporting the act, the state where it
happened, the state the story is about."""
from __future__ import annotations

from spacy.tokens import Token

from .. import tables
from ..actors import ActorTable
from ..places import geocode
from ..records import Actor, Location

STATE_SECTORS = ("GOV", "JUD", "MIL")


def reporting_state(verb: Token, actors: ActorTable) -> Actor | None:
    """The state body whose statement a clause is: "a Russian court said that X would be detained"."""
    node = verb
    for _ in range(2):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
                actor = actors.within(child)
                if actor is not None and actor.country not in (None, "IGO") and actor.sector in STATE_SECTORS:
                    return actor
                return None
    return None


def state_of(place: Location | None, actors: ActorTable) -> Actor | None:
    """The state actor of the country a place is in (added when the article names only the place)."""
    if place is None or place.country is None or place.country == "IGO":
        return None
    info = tables.country_info(place.country)
    if info is None:
        return next((a for a in actors.actors if a.kind == "country" and a.country == place.country), None)
    return actors.state(place.country, info.name)


def story_state(actors: ActorTable) -> Actor | None:
    """The state actor of the country the story happens in or is about, when the article names that state."""
    return next((a for a in actors.actors if a.kind == "country" and a.country == actors.story_country), None) \
        if actors.story_country else None


def struck_place(verb: Token, lang: str, actors: ActorTable) -> Location | None:
    """The place an attack's object names ("ont bombardé Kharkiv", "shelled Mariupol"), geocoded; the NER
    often labels such a name a person or an organization, so any name no actor claims is tried."""
    for child in verb.children:
        if child.dep_ not in ("obj", "dobj") or child.pos_ != "PROPN" or actors.at(child) is not None:
            continue
        entity = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
        found = geocode(entity.text if entity is not None else child.text, lang)
        if found is not None and found.country:
            return found
    return None
