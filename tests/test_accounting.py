"""Every line read is accounted for, in every ingest mode: read = stored + duplicates + failed, for one run
(the ingest report) and for the store (``stats``); ``failures`` keeps every failed line; the same id with
another text is a ``conflicting_id`` failure; a rerun reports and exits the same way in every mode.

Before: the unsupported-language line and the bad record whose id another line stored lost their failure
row, the conflicting line was dropped silently, ``stats`` had no duplicates (read 3 + 2 for 8 lines), and
a rerun exited 1 in a single process but 0 with --workers 2 / --dask local.
"""
from __future__ import annotations

import json

import pytest

from chronique.store import Store
from chronique.store.load import RowBatch
from test_ingest_cli import chronique

T1 = "Russia attacked Ukraine on Monday, officials in Kyiv said."
T2 = "China praised Kazakhstan on Tuesday for its support."
T3 = "France condemned Iran on Wednesday over the arrest of two citizens."
T4 = "Germany signed an agreement with Poland on Thursday."
LINES = [
    json.dumps({"text": T1, "language": "en"}),            # 1 stored (its id: the hash of its text)
    json.dumps({"text": T1, "language": "en"}),            # 2 duplicate of line 1
    json.dumps({"id": "x", "text": T2, "language": "en"}),  # 3 stored
    json.dumps({"id": "x", "text": T3, "language": "en"}),  # 4 conflicting_id: x is line 3's
    json.dumps({"text": T1, "language": "de"}),            # 5 unsupported_language, same id as line 1
    json.dumps({"id": "y", "text": 42}),                   # 6 bad_record, its id stored by line 7
    json.dumps({"id": "y", "text": T4, "language": "en"}),  # 7 stored
    '{"text": "not JSON',                                  # 8 bad_record
]
STORED, DUPLICATES, FAILED = 3, 1, 4
MODES = {"single": (), "workers2": ("--workers", "2", "--shard-size", "3"),
         "dask": ("--dask", "local", "--workers", "2", "--shard-size", "3")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("accounting") / "lines.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", MODES)
def test_every_line_is_accounted_for_and_a_rerun_exits_alike(corpus, tmp_path, mode):
    db = str(tmp_path / "c.duckdb")
    first = chronique("ingest", str(corpus), "--db", db, *MODES[mode])
    assert first.returncode == 1, first.stderr
    assert f"read 8, stored {STORED}, already stored {DUPLICATES}, failed {FAILED}" in first.stderr

    failures = [json.loads(line) for line in chronique("failures", "--db", db, "--format", "jsonl",
                                                       check=0).stdout.splitlines()]
    by_line = {int(f["source"].rsplit(":", 1)[1]): f for f in failures}
    assert sorted(by_line) == [4, 5, 6, 8]
    assert {n: by_line[n]["kind"] for n in by_line} == {4: "conflicting_id", 5: "unsupported_language",
                                                        6: "bad_record", 8: "bad_record"}
    assert by_line[4]["article_id"] == "x" and ":3" in by_line[4]["message"]

    stats = json.loads(chronique("stats", "--db", db, "--format", "json", check=0).stdout)
    assert (stats["read"], stats["stored"], stats["duplicates"], stats["failed"]) == (8, STORED, DUPLICATES, FAILED)

    again = chronique("ingest", str(corpus), "--db", db, *MODES[mode])
    assert again.returncode == 1, again.stderr
    assert f"read 8, stored 0, already stored {STORED + DUPLICATES}, failed {FAILED}" in again.stderr
    assert json.loads(chronique("stats", "--db", db, "--format", "json", check=0).stdout) == stats


def test_library_batches_count_conflicts_and_keep_failures(pipeline, corpus, tmp_path):
    from chronique.read import read_paths

    with Store(tmp_path / "c.duckdb") as store:
        results = list(pipeline.run(read_paths([str(corpus)])))
        assert len(results) == len(LINES)
        counts = store.add_results(results, batch_size=2)  # lines 5-8 after their twins were stored
        assert (counts.stored, counts.duplicates, counts.failed) == (STORED, DUPLICATES, FAILED)
        assert len(store.failures()) == FAILED
        stats = store.stats()
        assert stats["read"] == len(LINES) == stats["stored"] + stats["duplicates"] + stats["failed"]


def test_row_batch_conflicting_id(pipeline):
    batch = RowBatch()
    for text in (T2, T2, T3):
        batch.add(pipeline.extract_text(text, id="x", source=f"s{len(batch)}"))
    assert (batch.counts.duplicates, batch.counts.failed) == (1, 1)
    assert [r["kind"] for r in batch.rows["failures"]] == ["conflicting_id"]
    assert len(batch.rows["articles"]) == 1 and batch.duplicate_lines == [("x", "s1")]
