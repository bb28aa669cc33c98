"""Actors stage: who is named in the article, normalized, with country, sector and role."""
from .resolve import ActorTable, find_actors

__all__ = ["ActorTable", "find_actors"]
