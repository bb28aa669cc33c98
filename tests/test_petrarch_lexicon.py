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


@pytest.mark.parametrize("lemma, cameo", [("applaud", "051"), ("berate", "111"), ("ambush", "190"), ("rearrest", "173")])
def test_kept_inherited_verbs_ship_with_their_blocks_code(built, lemma, cameo):
    rows = {tuple(line.split("\t")[:4]) for line in built if not line.startswith("#")}
    assert (lemma, "VERB", "", cameo) in rows


@pytest.mark.parametrize("lemma", ["think", "learn", "increase", "stab"])
def test_inherited_verbs_of_many_senses_stay_out(built, lemma):
    assert not any(line.startswith(f"{lemma}\tVERB\t\t") for line in built)


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Chinese foreign minister berated Japan over the visit.", ("CHN", "JPN", "111")),
    ("en", "The Kenyan president applauded Ethiopia for its mediation.", ("KEN", "ETH", "051")),
    ("fr", "Le ministre chinois a réprimandé l'ambassadeur du Japon.", ("CHN", "JPN", "111")),
    ("fr", "Le Premier ministre sénégalais a applaudi la Norvège pour ses efforts de paix.", ("SEN", "NOR", "051")),
])
def test_the_added_verbs_are_coded(pipeline, lang, text, expected):
    result = pipeline.extract_text(text, language=lang, published="2024-05-15")
    assert expected in {(e.source.country, e.target.country, e.cameo) for e in result.events}
