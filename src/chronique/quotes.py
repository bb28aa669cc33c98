from __future__ import annotations


def find_quotes(doc, lang, actors):
    return []
