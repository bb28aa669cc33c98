"""Every trigger lexicon row carries a sentence of our own; the coder must find that row's event in it."""
from __future__ import annotations

from importlib.resources import files

import pytest

from chronique.events.lexicon import triggers


def _rows(lang):
    seen = set()
    for entries in triggers(lang).values():
        for t in entries:
            if t.example and (t.example, t.cameo) not in seen:
                seen.add((t.example, t.cameo))
                yield pytest.param(lang, t, id=f"{lang}-{'_'.join(t.lemmas)}-{t.pos}-{t.cameo}")


ROWS = [*_rows("fr"), *_rows("en")]


@pytest.mark.parametrize("lang, trigger", ROWS)
def test_example_sentence_codes_its_row(pipeline, lang, trigger):
    result = pipeline.extract_text(trigger.example, language=lang)
    assert result.ok, result.error
    roots = {(e.cameo_root, e.trigger) for e in result.events}
    assert any(root == trigger.cameo[:2] for root, _ in roots), \
        f"{trigger.example!r}: expected root {trigger.cameo[:2]}, got {sorted(roots)}"


def test_every_root_in_both_languages():
    for lang in ("fr", "en"):
        roots = {t.cameo[:2] for entries in triggers(lang).values() for t in entries}
        assert roots == {f"{r:02d}" for r in range(1, 21)}, (lang, sorted(roots))
