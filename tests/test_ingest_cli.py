"""`chronique ingest` and the corpus commands, run as a user runs them (subprocesses), including kill -9."""
from __future__ import annotations

import glob
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DEV = ROOT.parent / "shared" / "gold" / "dev"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def chronique(*args, check=None, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "chronique.cli", *args], capture_output=True, text=True,
                          env=ENV, timeout=300, **kwargs)
    if check is not None:
        assert proc.returncode == check, proc.stderr
    return proc


def write_corpus(path: Path, copies: int = 1, paragraphs: int = 2) -> int:
    files = sorted(glob.glob(str(GOLD_DEV / "dev-*.json")))
    if not files:
        pytest.skip("../shared/gold/dev is not available")
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for f in files[:4] + files[16:20]:
                d = json.loads(Path(f).read_text(encoding="utf-8"))
                text = "\n\n".join(d["text"].split("\n\n")[:paragraphs])
                fh.write(json.dumps({"id": f"{d['id']}-{copy}", "text": text, "published": d["published"],
                                     "language": d["language"], "url": d["url"]}, ensure_ascii=False) + "\n")
                n += 1
    return n


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    corpus = tmp / "a.jsonl"
    n = write_corpus(corpus)
    (tmp / "bad.txt").write_bytes(b"\x00\x01binary")
    db = tmp / "c.duckdb"
    first = chronique("ingest", str(corpus), str(tmp / "bad.txt"), "--db", str(db))
    return tmp, db, n, first


def test_ingest_reports_and_exits_1_on_failures(ingested):
    _, _, n, first = ingested
    assert first.returncode == 1, first.stderr
    assert f"read {n + 1}, stored {n}, already stored 0, failed 1" in first.stderr
    assert first.stdout == ""
    assert "\r" not in first.stderr  # no progress bar when stderr is not a terminal


def test_rerun_adds_nothing_and_stats_balance(ingested):
    tmp, db, n, _ = ingested
    again = chronique("ingest", str(tmp / "a.jsonl"), "--db", str(db), check=0)
    assert f"stored 0, already stored {n}, failed 0" in again.stderr
    stats = json.loads(chronique("stats", "--db", str(db), "--format", "json", check=0).stdout)
    assert stats["stored"] == n and stats["failed"] == 1 and stats["read"] == stats["stored"] + stats["failed"]


def test_failures_command(ingested):
    _, db, _, _ = ingested
    rows = [json.loads(line) for line in chronique("failures", "--db", str(db), check=0).stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["kind"] == "read" and rows[0]["source"].endswith("bad.txt")


@pytest.mark.parametrize("command", [
    ["events", "--format", "json"], ["events", "--root", "04", "--format", "csv"], ["actors"],
    ["dyad", "USA", "RUS", "--by", "week"], ["article", "dev-en-001-0"],
])
def test_query_commands_run(ingested, command):
    _, db, _, _ = ingested
    out = chronique(*command, "--db", str(db), check=0).stdout
    if command[0] == "article":
        assert json.loads(out)["article"]["id"] == "dev-en-001-0"
    elif command[-1] == "json":
        assert isinstance(json.loads(out), list)


def test_article_not_found_and_export(ingested, tmp_path):
    _, db, _, _ = ingested
    assert chronique("article", "nope", "--db", str(db)).returncode == 2
    out = tmp_path / "events.tsv"
    chronique("export", str(out), "--format", "gdelt", "--db", str(db), check=0)
    assert out.read_text(encoding="utf-8").startswith("GLOBALEVENTID\tSQLDATE\tMonthYear")


@pytest.mark.parametrize("delay", [4.0, 7.0])
def test_kill_9_then_rerun_stores_every_article_once(tmp_path, delay):
    corpus = tmp_path / "big.jsonl"
    n = write_corpus(corpus, copies=4, paragraphs=1)
    db = tmp_path / "c.duckdb"
    args = [sys.executable, "-m", "chronique.cli", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    chronique("ingest", str(corpus), "--db", str(db), check=0)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    assert total == distinct == n
    # no half-stored article: every article has exactly the child rows it announced
    bad = con.execute(
        "SELECT count(*) FROM articles a WHERE num_actors != (SELECT count(*) FROM actors WHERE article_id = a.id)"
        " OR num_events != (SELECT count(*) FROM mentions WHERE article_id = a.id)"
        " OR num_quotes != (SELECT count(*) FROM quotes WHERE article_id = a.id)").fetchone()[0]
    assert bad == 0
    assert con.execute("SELECT count(*) FROM mentions WHERE event_uid IS NULL").fetchone()[0] == 0
    con.close()
