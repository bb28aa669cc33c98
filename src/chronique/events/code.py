from __future__ import annotations


def find_events(doc, lang, actors, published):
    return []
