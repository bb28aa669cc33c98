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


def test_examples_hold_the_required_words(built):
    rows = [line.split("\t") for line in built if not line.startswith("#")]
    assert len(rows) > 1000
    for _lemma, _pos, requires, _cameo, example in (r for r in rows if r[2]):
        words = example.lower().rstrip(".").split()
        assert all(r in words for r in requires.split("+")), (requires, example)


def test_inherited_codes_add_bare_verb_rows(built):
    more = _script().build(DATA, inherited=True)
    assert set(built) < set(more)
    bare = [line for line in set(more) - set(built) if not line.startswith("#")]
    assert bare and all(line.split("\t")[2] == "" for line in bare)
