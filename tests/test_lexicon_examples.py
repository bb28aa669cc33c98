"""Every trigger lexicon row carries a sentence of our own; the coder should find that row's event in it.

Each example runs through the whole pipeline (actors, arguments, code). Not every row passes yet —
the small parsers and the actor finder miss some counterparts — so the test holds the measured
share as a floor per language (a regression fails it) and requires every CAMEO root to work in
both languages; the failing rows are printed for whoever improves the mechanisms.

Rows derived by a script (``triggers.<lang>.<source>.tsv``) are measured apart from the hand-written ones: their
examples come from one template ("France <verb> the <object> of Germany on Monday.") that the coder reads far more
easily than written sentences, so pooled they would hide a regression of the hand-written rows.
"""
from __future__ import annotations

import pytest

from chronique.events.lexicon import _rows as lexicon_rows
from chronique.events.lexicon import trigger_files, triggers
from chronique.records import RawArticle

# Shares measured when this floor was set (see the closing note of the event-coding issue); raise them as the coder improves.
FLOOR = {"fr": 0.65, "en": 0.65}
# Derived rows (triggers.en.petrarch.tsv, PETRARCH-2 patterns): measured 0.982 of 4,019 with the template examples (hand-written en: 0.785 of 451).
DERIVED_FLOOR = 0.90


def _derived(lang):
    return {(r[4].strip(), r[3].strip()) for name in trigger_files(lang)[1:] for r in lexicon_rows(name) if len(r) > 4}


def _rows(lang):
    seen = set()
    for entries in triggers(lang).values():
        for t in entries:
            if t.example and (t.example, t.cameo) not in seen:
                seen.add((t.example, t.cameo))
                yield t


@pytest.fixture(scope="module")
def outcomes(pipeline):
    results = {}
    for lang in ("fr", "en"):
        rows = list(_rows(lang))
        # one corpus run (spaCy streams, as an ingest parses) gives what one extract_text per example gives, ~2.5x faster
        docs = pipeline.run([RawArticle(source=f"example-{n}", text=t.example) for n, t in enumerate(rows)], language=lang)
        results[lang] = [(t, any(e.cameo_root == t.cameo[:2] for e in r.events)) for t, r in zip(rows, docs)]
    return results


def _hand_written(outcomes, lang):
    derived = _derived(lang)
    return [(t, ok) for t, ok in outcomes[lang] if (t.example, t.cameo) not in derived]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_of_examples_coded(outcomes, lang):
    rows = _hand_written(outcomes, lang)
    share = sum(ok for _, ok in rows) / len(rows)
    failing = [f"{' '.join(t.lemmas)}/{t.pos}/{t.cameo}: {t.example}" for t, ok in rows if not ok]
    print(f"\n{lang}: {share:.3f} of {len(rows)} examples coded with their row's root")
    assert share >= FLOOR[lang], "\n".join(failing[:40])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_of_derived_examples_coded(outcomes, lang):
    derived = _derived(lang)
    rows = [(t, ok) for t, ok in outcomes[lang] if (t.example, t.cameo) in derived]
    if not rows:
        pytest.skip(f"no derived trigger file for {lang}")
    share = sum(ok for _, ok in rows) / len(rows)
    print(f"\n{lang} derived: {share:.3f} of {len(rows)} examples coded with their row's root")
    assert share >= DERIVED_FLOOR, "\n".join([f"{' '.join(t.lemmas)}/{t.cameo}: {t.example}" for t, ok in rows if not ok][:40])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_root_codes_in_each_language(outcomes, lang):
    working = {t.cameo[:2] for t, ok in outcomes[lang] if ok}
    assert working == {f"{r:02d}" for r in range(1, 21)}, sorted({f"{r:02d}" for r in range(1, 21)} - working)


def test_every_root_has_entries_in_both_languages():
    for lang in ("fr", "en"):
        roots = {t.cameo[:2] for entries in triggers(lang).values() for t in entries}
        assert roots == {f"{r:02d}" for r in range(1, 21)}, (lang, sorted(roots))
