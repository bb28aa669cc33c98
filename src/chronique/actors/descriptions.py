"""Definite descriptions that refer back to an actor named before: "cette cour", "the agency", "le pays"."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from .table import ActorTable

DEFINITE = frozenset({"le", "la", "les", "l'", "l’", "cette", "ce", "ces", "the", "this", "these"})
SINGULAR_DEFINITE = frozenset({"le", "l'", "l’", "du", "au", "ce", "cet", "the", "this"})  # du, au: de le, à le
COUNTRY_NOUNS = frozenset({"pays", "country"})
# "le groupe islamiste", "the militant group": a group word refers back to the organization named last
GROUP_NOUNS = frozenset({"groupe", "group", "mouvement", "movement", "milice", "militia", "organisation",
                         "organization"})
QUALIFIERS = frozenset({"amod", "nmod", "compound", "acl", "acl:relcl", "relcl", "appos", "nummod", "prep"})


def organization_descriptions(table: ActorTable, text: str, token_at: Callable[[int], Token | None]) -> None:
    """"cette cour", "the court", "l'agence": a definite noun that is a word of an organization's name,
    named before it, is that organization (the latest one named)."""
    words: list[tuple[int, str, int]] = []  # (first mention start, name word, actor index)
    for index, actor in enumerate(table.actors):
        if actor.kind != "organization" or not actor.mentions or actor.sector is None and actor.country is None:
            continue
        for alias in {actor.name, *actor.aliases}:
            for word in alias.split():
                if len(word) >= 4 and word[:1].isupper():
                    words.append((actor.mentions[0].start, word.lower(), index))
    for word in {w for _, w, _ in words}:
        for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            token = token_at(found.start())
            if token is None or token.pos_ != "NOUN" or token.i in table.by_token or not any(
                    c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
                continue
            earlier = [(start, index) for start, w, index in words if w == word and start < token.idx]
            if earlier:
                table.by_token[token.i] = max(earlier)[1]


def country_and_group_descriptions(table: ActorTable, doc: Doc) -> None:
    """"appelant à la refondation d'un ordre politique dans le pays", "the country's president": a bare
    "le pays", "the country" is the country named last before it; "le groupe islamiste", "the group" is the
    organization named last before it."""
    named = {kind: sorted((m.start, index) for index, actor in enumerate(table.actors) if actor.kind == kind
                          for m in actor.mentions) for kind in ("country", "organization")}
    starts = {kind: [start for start, _ in mentions] for kind, mentions in named.items()}
    wanted = {doc.vocab.strings.add(word) for word in COUNTRY_NOUNS | GROUP_NOUNS}
    for index, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower not in wanted:
            continue  # building a Token for every word costs more than this whole pass
        token = doc[index]
        kind = "country" if token.lower_ in COUNTRY_NOUNS else "organization"
        if not named[kind] or token.pos_ != "NOUN" or token.i in table.by_token:
            continue
        qualifiers = QUALIFIERS if kind == "country" else QUALIFIERS - {"amod"}  # "le groupe islamiste"
        if not any(c.dep_ in ("det", "case") and c.lower_ in SINGULAR_DEFINITE for c in token.children) \
                or any(c.dep_ in qualifiers for c in token.children):
            continue  # "les pays", "le pays voisin", "the country of origin", "le groupe de contact"
        position = bisect_left(starts[kind], token.idx)
        if position:
            table.by_token[token.i] = named[kind][position - 1][1]
