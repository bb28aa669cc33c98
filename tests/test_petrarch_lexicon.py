"""The PETRARCH-derived English trigger file is exactly what its script builds from the shared data."""
from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _script():
    spec = importlib.util.spec_from_file_location("build_petrarch_lexicon", ROOT / "scripts" / "build_petrarch_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built():
    if not (DATA / "petrarch2_cameo_dictionaries" / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"{DATA} (shared data kept outside the project) is not here")
    return _script().build(DATA)


def test_script_reproduces_the_shipped_file(built):
    shipped = (files("chronique") / "data" / "events" / "triggers.en.petrarch.tsv").read_text("utf-8").splitlines()
    assert built == shipped


def test_rows_carry_requires_and_an_example_with_the_required_words(built):
    rows = [line.split("\t") for line in built if not line.startswith("#")]
    assert len(rows) > 1000
    for lemma, _pos, requires, _cameo, example in rows:
        assert requires, lemma
        words = example.lower().rstrip(".").split()
        assert all(r in words for r in requires.split("+")), (requires, example)


def test_with_verbs_adds_bare_verb_rows(built):
    more = _script().build(DATA, verbs=True)
    assert set(built) < set(more)
    assert any(line.split("\t")[2] == "" for line in more if not line.startswith("#"))
