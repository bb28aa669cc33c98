"""One odd JSON Lines record stays one record: it is read, typed and cleaned at the boundary, one line at a time.

Each odd line sits at line 6 of an 11-line file whose other ten lines are good articles. A line that is not a
well-typed record becomes that line's ``bad_record`` error record; a line whose text is merely odd Unicode is
cleaned and extracted. Either way the batch goes on: 11 records out, and ``ingest`` stores the good ones.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronique.read import RECORD_STRING_FIELDS, read_bytes, read_paths, valid_unicode
from conftest import ROOT

ODD_LINE_NO = 6
LINES = 11
CITIES = ["Paris", "Berlin", "Dakar", "Nairobi", "Madrid", "Ottawa", "Lima", "Hanoi", "Oslo", "Accra"]

# name: (the odd line, the error kind it must give, or None when it is a good article once cleaned)
ODD_LINES = {
    "lone_surrogate": ('{"text": "The UN \\ud800 condemned the attack."}', None),
    "line_separators": ('{"id": "sep", "text": "The UN\\u2028condemned the attack\\u2029on Monday."}', None),
    "number_over_4300_digits": ('{"id": "big", "text": "The UN condemned the attack.", "n": ' + "7" * 4301 + "}",
                                "bad_record"),
    "nesting_1000_deep": ('{"text": "The UN condemned the attack.", "n": ' + "[" * 1000 + "]" * 1000 + "}",
                          "bad_record"),
    "not_json": ('{"text": "The UN condemned the attack.', "bad_record"),
    "not_an_object": ('["The UN condemned the attack."]', "bad_record"),
    "url_number": ('{"id": "u", "text": "The UN condemned the attack.", "url": 123}', "bad_record"),
    "title_array": ('{"id": "t", "text": "The UN condemned the attack.", "title": ["a", "b"]}', "bad_record"),
    "id_object": ('{"id": {"n": 1}, "text": "The UN condemned the attack."}', "bad_record"),
    "text_number": ('{"id": "x", "text": 42}', "bad_record"),
    "html_boolean": ('{"id": "h", "html": true}', "bad_record"),
    "published_number": ('{"id": "p", "text": "The UN condemned the attack.", "published": 20240501}',
                         "bad_record"),
    "language_object": ('{"id": "l", "text": "The UN condemned the attack.", "language": {"en": 1}}', "bad_record"),
}
# what the CLI runs are parametrized over (each is a subprocess): one of each way a line goes wrong
CLI_CASES = ["lone_surrogate", "line_separators", "number_over_4300_digits", "nesting_1000_deep", "not_json",
             "not_an_object", "url_number", "title_array", "id_object"]


def good_line(case: str, i: int) -> str:
    return json.dumps({"id": f"{case}-{i}", "url": f"https://news.example/{case}/{i}",
                       "title": f"Talks in {CITIES[i]}", "published": f"2024-05-{i + 1:02d}", "language": "en",
                       "text": f"The foreign minister of France met his German counterpart in {CITIES[i]} on "
                               f"Monday to discuss trade and security, officials said."})


def write_case(folder: Path, case: str) -> Path:
    lines = [good_line(case, i) for i in range(LINES - 1)]
    lines.insert(ODD_LINE_NO - 1, ODD_LINES[case][0])
    path = folder / f"{case}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def chronique_command() -> list[str]:
    script = ROOT / ".venv" / "bin" / "chronique"
    return [str(script)] if script.exists() else [sys.executable, "-m", "chronique.cli"]


def run_chronique(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*chronique_command(), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def check_records(records: list[dict], case: str, schema_validator) -> None:
    """11 records in input order; the odd one at line 6 is a bad_record or a cleaned good article."""
    assert len(records) == LINES
    for record in records:
        schema_validator.validate(record)
    kind = ODD_LINES[case][1]
    odd = records[ODD_LINE_NO - 1]
    assert odd["article"]["source"].endswith(f"{case}.jsonl:{ODD_LINE_NO}")
    others = records[: ODD_LINE_NO - 1] + records[ODD_LINE_NO:]
    assert [r["article"]["id"] for r in others] == [f"{case}-{i}" for i in range(LINES - 1)]
    assert all("error" not in r for r in others), [r["error"] for r in others if "error" in r]
    assert sum(bool(r["events"]) for r in others) >= 5  # the good articles were really extracted
    if kind is None:
        assert "error" not in odd, odd["error"]
        text = odd["article"]["text"]
        assert "\ud800" not in text and "\u2028" not in text and "\u2029" not in text
        assert ("\ufffd" in text) == (case == "lone_surrogate")
    else:
        error = odd["error"]
        assert error["kind"] == kind and error["line"] == ODD_LINE_NO
        assert f":{ODD_LINE_NO}: " in error["message"] and "\n" not in error["message"]
        assert odd["events"] == [] and odd["article"]["id"]


# ---------------------------------------------------------------- through the real CLI


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Two ``extract`` runs (each a process that loads the models): the files whose odd line is a good article once
    cleaned (exit 0), and those whose odd line is a bad record (exit 1); the records are grouped by file."""
    folder = tmp_path_factory.mktemp("extract")
    out = {}
    for cases in ([c for c in CLI_CASES if ODD_LINES[c][1] is None], [c for c in CLI_CASES if ODD_LINES[c][1]]):
        run = run_chronique("extract", "--format", "jsonl", "--include-text",
                            *(str(write_case(folder, case)) for case in cases))
        records = [json.loads(line) for line in run.stdout.splitlines()]
        for case in cases:
            mine = [r for r in records if Path(r["article"]["source"].rsplit(":", 1)[0]).name == f"{case}.jsonl"]
            out[case] = run, mine
    return out


@pytest.mark.parametrize("case", CLI_CASES)
def test_extract_cli_gives_one_record_per_line(case, extracted, schema_validator):
    run, records = extracted[case]
    assert run.returncode == (1 if ODD_LINES[case][1] else 0), run.stderr[-2000:]
    check_records(records, case, schema_validator)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One ingest of every CLI case's file (their good lines have distinct ids), into one temp DuckDB."""
    folder = tmp_path_factory.mktemp("bad-records")
    paths = [write_case(folder, case) for case in CLI_CASES]
    db = folder / "corpus.duckdb"
    run = run_chronique("ingest", *map(str, paths), "--db", str(db), "--progress", "never")
    failures = run_chronique("failures", "--db", str(db), "--format", "jsonl")
    stats = run_chronique("stats", "--db", str(db), "--format", "json")
    return run, failures, stats, db


def test_ingest_cli_stores_the_good_lines_and_exits_1(ingested):
    run, failures, stats, _ = ingested
    assert run.returncode == 1, run.stderr[-2000:]
    expected_failed = sum(ODD_LINES[case][1] is not None for case in CLI_CASES)
    counts = json.loads(stats.stdout)
    assert (counts["read"], counts["failed"]) == (LINES * len(CLI_CASES), expected_failed)
    assert counts["stored"] == counts["read"] - expected_failed


@pytest.mark.parametrize("case", CLI_CASES)
def test_ingest_cli_records_the_bad_line(case, ingested):
    _, failures, _, db = ingested
    rows = [json.loads(line) for line in failures.stdout.splitlines()]
    mine = [r for r in rows if Path(r["source"].rsplit(":", 1)[0]).name == f"{case}.jsonl"]
    if ODD_LINES[case][1] is None:
        assert mine == []
    else:
        [row] = mine
        assert row["kind"] == "bad_record" and row["source"].endswith(f":{ODD_LINE_NO}")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT id FROM articles WHERE source LIKE ?",
                                            [f"%{case}.jsonl:%"]).fetchall()}
    assert {f"{case}-{i}" for i in range(LINES - 1)} <= stored
    assert len(stored) == LINES - (ODD_LINES[case][1] is not None)


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_internal_error_exits_3(command, tmp_path):
    """A bug (here one planted in the stage the command runs) exits 3, not 1 ("some article failed")."""
    path = write_case(tmp_path, "url_number")
    plant = {"extract": "import chronique.pipeline as m; m.Pipeline.run = boom",
             "ingest": "import chronique.batch as m; m.ingest = boom"}[command]
    args = ["extract", "--format", "jsonl", str(path)] if command == "extract" else \
        ["ingest", str(path), "--db", str(tmp_path / "c.duckdb"), "--progress", "never"]
    code = ("import sys\n"
            "def boom(*args, **kwargs):\n    raise RuntimeError('planted bug')\n"
            f"{plant}\n"
            "from chronique.cli import main\n"
            f"sys.exit(main({args!r}))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    python = ROOT / ".venv" / "bin" / "python"
    run = subprocess.run([str(python) if python.exists() else sys.executable, "-c", code], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=300)
    assert run.returncode == 3, run.stderr[-2000:]
    assert "RuntimeError: planted bug" in run.stderr and "internal error" in run.stderr


# ---------------------------------------------------------------- through the library


@pytest.mark.parametrize("case", sorted(ODD_LINES))
def test_library_gives_one_record_per_line(case, tmp_path, pipeline, schema_validator):
    path = write_case(tmp_path, case)
    raws = list(read_paths([str(path)]))
    assert len(raws) == LINES
    odd = raws[ODD_LINE_NO - 1]
    if ODD_LINES[case][1] is None:
        assert odd.read_error is None
    else:
        assert odd.read_error.kind == "bad_record" and odd.read_error.line == ODD_LINE_NO
    results = list(pipeline.run(raws))
    records = [r.to_dict(include_text=True) for r in results]
    for record in records:
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # printable and storable as UTF-8
    check_records(records, case, schema_validator)


@pytest.mark.parametrize("field", RECORD_STRING_FIELDS)
@pytest.mark.parametrize("value", [0, 1.5, True, [], {}])
def test_every_field_must_be_a_string_or_null(field, value):
    record = {"text": "The UN condemned the attack.", field: value}
    [raw] = read_bytes(json.dumps(record).encode(), "f.jsonl", "jsonl")
    assert raw.read_error is not None and raw.read_error.kind == "bad_record"
    assert f"'{field}' must be a string" in raw.read_error.message


def test_null_fields_are_absent_fields():
    record = {"text": "The UN condemned the attack.", **{f: None for f in RECORD_STRING_FIELDS if f != "text"}}
    [raw] = read_bytes(json.dumps(record).encode(), "f.jsonl", "jsonl")
    assert raw.read_error is None and raw.text == record["text"] and raw.url is None


@pytest.mark.parametrize(("text", "one_line", "expected"), [
    ("The UN \ud800 condemned", False, "The UN \ufffd condemned"),
    ("\udfff\ud800", False, "\ufffd\ufffd"),
    ("one\u2028two\u2029three", False, "one\ntwo\nthree"),
    ("A\u2028title", True, "A title"),
    ("\U0001F600 stays", False, "\U0001F600 stays"),
])
def test_valid_unicode(text, one_line, expected):
    assert valid_unicode(text, one_line=one_line) == expected


def test_extract_text_with_a_lone_surrogate_and_no_id(pipeline):
    result = pipeline.extract_text("The UN \ud800 condemned the attack.", title="A\u2029title")
    assert result.id and "\ufffd" in result.text and result.title == "A title"
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- any lines at all

ODD_STRINGS = ["\ud800", "\udfff", "\u2028", "\u2029", "\x00", "\x85", "\ufeff", "\U0001F600"]
strings = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(ODD_STRINGS)), max_size=4).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | strings,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3),
    max_leaves=8)
records = st.dictionaries(st.sampled_from(RECORD_STRING_FIELDS + ("extra",)), json_values | strings, max_size=5)
raw_lines = st.text(max_size=40).filter(lambda s: "\n" not in s)
lines = st.one_of(
    records.map(json.dumps), json_values.map(json.dumps), raw_lines,
    st.sampled_from([ODD_LINES[case][0] for case in ("number_over_4300_digits", "nesting_1000_deep")]),
    st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, max_size=6))
def test_any_lines_give_one_record_each(pipeline, lines_):
    data = b"\n".join(line.encode("utf-8") for line in lines_)
    expected = [n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    raws = list(read_bytes(data, "any.jsonl", "jsonl"))
    assert [raw.source for raw in raws] == [f"any.jsonl:{n}" for n in expected]
    results = list(pipeline.run(raws))
    assert len(results) == len(expected)
    for result in results:
        assert result.error is None or result.error.kind != "internal", result.error
        json.dumps(result.to_dict(include_text=True), ensure_ascii=False).encode("utf-8")
