"""Bad input is data: each bad article becomes one clear error record and the batch goes on."""
from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronique.read import decode, read_bytes
from conftest import EXAMPLES, ROOT

GERMAN = ("Die Bundesregierung hat am Donnerstag in Berlin neue Sanktionen gegen mehrere Unternehmen beschlossen. "
          "Der Kanzler sagte, man werde die Lage in den kommenden Wochen genau beobachten.")


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    (d / "huge.txt").write_text(" ".join(rng.choice(words) for _ in range(900_000))[:5_000_000])
    (d / "german.txt").write_text(GERMAN)
    return d


def test_cli_error_records_and_batch_goes_on(bad_files):
    paths = [bad_files / "empty.txt", bad_files / "binary.txt", EXAMPLES / "talks-and-arrest.en.txt",
             bad_files / "huge.txt", bad_files / "german.txt"]
    run = subprocess.run([sys.executable, "-m", "chronique.cli", "extract", "--format", "jsonl",
                          *map(str, paths)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 1, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 5
    by_source = {r["article"]["source"].rsplit("/", 1)[-1]: r for r in records}
    assert by_source["empty.txt"]["error"]["kind"] == "empty"
    assert "binary" in by_source["binary.txt"]["error"]["message"]
    assert by_source["huge.txt"]["error"]["kind"] == "too_large"
    assert by_source["german.txt"]["error"]["message"] == \
        "language 'de' is not supported yet (supported: en, fr)"
    good = by_source["talks-and-arrest.en.txt"]
    assert "error" not in good and good["events"]
    for r in records:
        if "error" in r:
            assert r["events"] == [] and r["article"]["id"]


def test_python_api_error_record(pipeline):
    result = pipeline.extract_text(GERMAN)
    assert not result.ok and result.error.kind == "unsupported_language"
    assert result.to_dict()["error"]["message"].startswith("language 'de'")


def test_mis_encoded_latin1_is_read(pipeline):
    text = "La France a condamné mercredi l'arrestation d'un chercheur en Iran, a déclaré le ministère."
    [raw] = list(read_bytes(text.encode("cp1252"), "latin1.txt"))
    assert raw.read_error is None and raw.text == text


def test_jsonl_bad_lines(tmp_path, pipeline):
    from chronique.read import read_paths

    f = tmp_path / "mixed.jsonl"
    f.write_text('{"id": "ok", "text": "The UN condemned the attack on Monday.", "published": "2024-01-02"}\n'
                 "not json\n"
                 '{"id": "bad-date", "text": "x", "published": "yesterday"}\n'
                 '["a list"]\n')
    raws = list(read_paths([str(f)]))
    assert [r.read_error is None for r in raws] == [True, False, False, False]
    results = list(pipeline.run(raws))
    assert [r.ok for r in results] == [True, False, False, False]
    assert all(r.id for r in results)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_decode_never_crashes_on_bytes(data):
    try:
        text = decode(data)
    except Exception as exc:
        from chronique.errors import ChroniqueError

        assert isinstance(exc, ChroniqueError)
    else:
        assert isinstance(text, str) and text.strip()
