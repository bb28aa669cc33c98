"""A joint act said to be brokered, mediated or negotiated by a third party is that party's mediation (045)."""
from __future__ import annotations

from importlib import resources

import pytest

ROWS = [line.split("\t") for line in resources.files("chronique.data.events").joinpath("mediation.tsv")
        .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _mediations(result):
    return {(e.source.country, e.target.country) for e in result.events if e.cameo == "045"}


@pytest.mark.parametrize("lemma, how, example", ROWS, ids=[row[0] for row in ROWS])
def test_every_mediation_word_names_the_mediator_of_both_parties(pipeline, lemma, how, example):
    lang = "fr" if any(ch in example for ch in "éèàçë") else "en"
    found = _mediations(pipeline.extract_text(example, language=lang, published="2024-05-15"))
    assert len(found) == 2 and len({source for source, _ in found}) == 1, found


@pytest.mark.parametrize("lang, text", [
    # no third party: the signers' own act is no mediation
    ("en", "Israel and Hamas agreed to a truce on Sunday."),
    # a party to the act is not its own mediator
    ("fr", "L'accord, négocié par le Soudan, a été signé par le Soudan et le Tchad."),
])
def test_no_mediator_no_mediation(pipeline, lang, text):
    assert not _mediations(pipeline.extract_text(text, language=lang, published="2024-05-15"))
