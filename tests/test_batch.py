"""Sharded ingest: one process, two worker processes and a real 2-worker Dask LocalCluster store the
same rows; a rerun skips loaded shards and loads finished ones without extracting again."""
from __future__ import annotations

import glob
import json
import os
from pathlib import Path

import pytest

from chronique.batch import extract_shard, shard_id_of
from chronique.read import read_paths
from chronique.store import Store

GOLD_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"
COMPARED = {  # every stored column but ingest times
    "articles": "* EXCLUDE (ingested_at)", "actors": "*", "mentions": "*", "quotes": "*",
    "failures": "* EXCLUDE (time)", "events": "* EXCLUDE (first_seen)",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    files = sorted(glob.glob(str(GOLD_DEV / "dev-*.json")))
    if not files:
        pytest.skip("../shared/gold/dev is not available")
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for f in files[:3] + files[16:18]:
            d = json.loads(Path(f).read_text(encoding="utf-8"))
            # short articles keep the test fast: the first paragraphs only
            text = "\n\n".join(d["text"].split("\n\n")[:3])
            fh.write(json.dumps({"id": d["id"], "text": text, "published": d["published"],
                                 "language": d["language"], "url": d["url"]}, ensure_ascii=False) + "\n")
        fh.write("{broken json\n")
    return str(path)


def snapshot(store: Store) -> dict[str, list]:
    out = {}
    for table, cols in COMPARED.items():
        df = store.sql(f"SELECT {cols} FROM {table}")
        out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in df.astype(object)
                            .where(df.notna(), None).to_dict("records"))
    return out


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("single") / "c.duckdb"
    with Store(db) as store:
        report = store.ingest([corpus])
        return report, snapshot(store)


def test_single_process_counts(single):
    report, rows = single
    assert (report.read, report.stored, report.failed) == (6, 5, 1)
    assert len(rows["articles"]) == 5 and len(rows["failures"]) == 1


def loopback_works() -> bool:
    """Dask talks TCP over 127.0.0.1; a bare ``unshare -n`` namespace has its loopback down."""
    import socket

    try:
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            socket.create_connection(server.getsockname(), timeout=2).close()
        return True
    except OSError:
        return False


DASK = pytest.param({"workers": 2, "dask": "local"}, marks=pytest.mark.skipif(
    not loopback_works(), reason="loopback is down (run under `unshare -n` with `ip link set lo up`)"))


@pytest.mark.parametrize("mode", [{"workers": 2}, DASK])
def test_parallel_modes_store_the_same_rows(corpus, single, tmp_path, mode):
    with Store(tmp_path / "c.duckdb") as store:
        report = store.ingest([corpus], shard_size=2, **mode)
        assert (report.read, report.stored, report.failed) == (6, 5, 1)
        assert snapshot(store) == single[1]
        assert store.stats()["shards_loaded"] == 3
        assert not os.path.exists(store.shard_dir)  # loaded shards are removed
        again = store.ingest([corpus], shard_size=2, **mode)
        # the failed line fails again, as a single process (which retries it) reports: the same exit code
        assert (again.stored, again.duplicates, again.failed, again.shards_skipped) == (0, 5, 1, 3)
        assert snapshot(store) == single[1]


def test_finished_shards_are_loaded_without_extracting_again(corpus, single, tmp_path):
    with Store(tmp_path / "c.duckdb") as store:
        raws = list(read_paths([corpus]))[:2]
        sid = shard_id_of(raws)
        folder = extract_shard(sid, raws, store.shard_dir)
        # mark the finished shard: a rerun must load exactly these files, not extract again
        os.rename(os.path.join(folder, "articles.parquet"), os.path.join(folder, "kept.parquet"))
        import pyarrow.parquet as pq

        table = pq.read_table(os.path.join(folder, "kept.parquet"))
        first = table.column("title").to_pylist()
        pq.write_table(table.set_column(table.schema.get_field_index("title"), "title",
                                        __import__("pyarrow").array(["from the shard"] * len(first))),
                       os.path.join(folder, "articles.parquet"))
        report = store.ingest([corpus], workers=2, shard_size=2)
        assert report.stored == 5
        titles = store.sql("SELECT id, title FROM articles ORDER BY id")
        assert (titles["title"] == "from the shard").sum() == 2
