"""Exports and ingest shards appear whole or not at all; a full disk stops a command with one line (exit 4),
removes its temporaries, and the same command finishes the job once there is room.

The full disk is real: a 8 MiB tmpfs mounted in a user namespace (``unshare -rm``), filled with a ballast
file; those tests are skipped where the machine does not allow it. Where a failure must strike in the middle
of a write (kill -9 half-way through an export, a disk filling up between two shard files), it is injected
at one layer, named in each test.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chronique import atomic, batch
from chronique.errors import WriteError
from chronique.read import read_paths
from test_ingest_cli import ENV, chronique, write_corpus

MOUNT_MIB = 8


def tmpfs_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt 2>/dev/null ||"
                            " mount -t tmpfs -o size=1m none /tmp"], capture_output=True)
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(not tmpfs_works(), reason="cannot mount a tmpfs in a user namespace here")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("atomic")
    n = write_corpus(tmp / "a.jsonl", copies=3)
    db = tmp / "c.duckdb"
    chronique("ingest", str(tmp / "a.jsonl"), "--db", str(db), check=0)
    return tmp, db, n


def on_full_disk(script: str, mount: Path, free_kib: int) -> subprocess.CompletedProcess:
    """Run ``script`` (bash) with a tmpfs at ``mount`` of which only ``free_kib`` KiB are free ($M, $CHRONIQUE);
    ``free_space`` in the script removes the ballast."""
    mount.mkdir(exist_ok=True)
    prelude = textwrap.dedent(f"""\
        set -u
        M={mount}
        CHRONIQUE="{sys.executable} -m chronique.cli"
        mount -t tmpfs -o size={MOUNT_MIB}m none "$M"
        dd if=/dev/zero of="$M/ballast" bs=1k count={MOUNT_MIB * 1024 - free_kib} 2>/dev/null
        free_space() {{ rm "$M/ballast"; }}
        """)
    return subprocess.run(["unshare", "-rm", "bash", "-c", prelude + script], capture_output=True, text=True,
                          env=ENV, timeout=600)


# ---------------------------------------------------------------- the temporary-then-rename writer


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    final = tmp_path / "out.jsonl"
    final.write_text("previous\n")
    with pytest.raises(RuntimeError), atomic.replacing(str(final)) as tmp:
        Path(tmp).write_text("half")
        raise RuntimeError("killed half-way")
    assert final.read_text() == "previous\n"
    assert sorted(os.listdir(tmp_path)) == ["out.jsonl"]


def test_an_oserror_becomes_one_write_error(tmp_path):
    final = tmp_path / "out.jsonl"
    with pytest.raises(WriteError, match="No space left on device") as info, atomic.replacing(str(final)) as tmp:
        Path(tmp).write_text("half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert "\n" not in str(info.value)
    assert os.listdir(tmp_path) == []


def test_a_folder_replaces_a_folder_whole(tmp_path):
    final = tmp_path / "dataset"
    (final / "month=2020-01").mkdir(parents=True)
    (final / "month=2020-01" / "part-0.parquet").write_text("old")
    with atomic.replacing(str(final)) as tmp:
        (Path(tmp) / "month=2022-10").mkdir(parents=True)
        (Path(tmp) / "month=2022-10" / "part-0.parquet").write_text("new")
    assert sorted(p.name for p in final.iterdir()) == ["month=2022-10"]
    assert sorted(os.listdir(tmp_path)) == ["dataset"]


def test_a_killed_writers_temporary_is_removed_by_the_next_write(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = Path(atomic.temp_name(str(tmp_path / "out.csv"), pid=int(dead.stdout)))
    stale.write_text("half")
    with atomic.replacing(str(tmp_path / "out.csv")) as tmp:
        Path(tmp).write_text("whole")
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]


# ---------------------------------------------------------------- kill -9 in the middle of an export

KILL_AFTER_FIRST_BATCH = """
import os, signal, sys
from chronique.store import export
real_reader = export._reader

class KilledAfterFirstBatch:
    # the export's rows, then kill -9 once the first batch has been written
    def __init__(self, reader):
        self.reader, self.schema = reader, reader.schema
    def __iter__(self):
        for n, batch in enumerate(self.reader):
            if n:
                os.kill(os.getpid(), signal.SIGKILL)
            yield batch
        os.kill(os.getpid(), signal.SIGKILL)

export._reader = lambda con, table: KilledAfterFirstBatch(real_reader(con, table))
from chronique.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("fmt,table", [("jsonl", "articles"), ("csv", "mentions"), ("gdelt", "events"),
                                       ("parquet", "mentions")])
def test_kill_9_mid_export_leaves_nothing_at_the_final_name(corpus, tmp_path, fmt, table):
    _, db, _ = corpus
    out = tmp_path / "out" / f"export.{fmt}"
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_BATCH, "export", str(out), "--format", fmt,
                             "--table", table, "--db", str(db)], capture_output=True, text=True, env=ENV)
    assert killed.returncode == -9, killed.stderr
    assert not out.exists()
    assert [p for p in os.listdir(out.parent) if not p.startswith(f".{out.name}.tmp-")] == []
    again = chronique("export", str(out), "--format", fmt, "--table", table, "--db", str(db), check=0)
    assert os.listdir(out.parent) == [out.name], again.stderr  # the stale temporary is gone


# ---------------------------------------------------------------- a full disk


@needs_tmpfs
@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_on_a_full_disk_stops_cleanly_then_finishes(corpus, tmp_path, fmt):
    _, db, n = corpus
    script = f"""
        $CHRONIQUE export "$M/out/articles.{fmt}" --format {fmt} --table articles --db {db}; echo "rc=$?"
        ls -A "$M/out"; echo "--"
        free_space
        $CHRONIQUE export "$M/out/articles.{fmt}" --format {fmt} --table articles --db {db}; echo "rc=$?"
        ls -A "$M/out"
        """
    run = on_full_disk(script, tmp_path / "mnt", free_kib=12)
    full, freed = run.stdout.split("--\n")
    assert full.splitlines() == ["rc=4"], run.stdout + run.stderr  # nothing left in the folder
    first_error = run.stderr.splitlines()[0]
    assert first_error.startswith("chronique: cannot write ") and "No space left on device" in first_error
    assert "Traceback" not in run.stderr
    assert freed.splitlines() == ["rc=0", f"articles.{fmt}"]
    assert f"wrote {n} articles rows" in run.stderr


@needs_tmpfs
@pytest.mark.parametrize("mode,free_kib", [(("--workers", "2", "--shard-size", "4"), 100),
                                           (("--workers", "1"), 60)], ids=["workers2", "single"])
def test_ingest_on_a_full_disk_stops_cleanly_then_stores_every_article_once(corpus, tmp_path, mode, free_kib):
    src, _, n = corpus
    args = " ".join(mode)
    script = f"""
        $CHRONIQUE ingest {src / "a.jsonl"} --db "$M/c.duckdb" {args}; echo "rc=$?"
        find "$M" -name '*.tmp-*'; echo "--"
        free_space
        $CHRONIQUE ingest {src / "a.jsonl"} --db "$M/c.duckdb" {args}; echo "rc=$?"
        echo "--"; $CHRONIQUE stats --db "$M/c.duckdb" --format json; echo "--"
        $CHRONIQUE ingest {src / "a.jsonl"} --db "$M/c.duckdb" {args}; echo "rc=$?"
        ls -A "$M"
        """
    run = on_full_disk(script, tmp_path / "mnt", free_kib=free_kib)
    full, freed, stats, again = run.stdout.split("--\n")
    assert full.splitlines() == ["rc=4"], run.stdout + run.stderr  # no .tmp-PID shard folder left
    assert "Traceback" not in run.stderr and "No space left on device" in run.stderr.splitlines()[0]
    assert freed.splitlines() == ["rc=0"], run.stderr
    stats = json.loads(stats)
    assert stats["stored"] == n and stats["failed"] == 0
    assert again.splitlines()[0] == "rc=0"
    assert set(again.splitlines()[1:]) <= {"c.duckdb", "c.duckdb.wal"}  # no shard folder left


def test_a_shard_that_cannot_be_written_leaves_no_temporary(corpus, tmp_path, monkeypatch):
    """Injected at pyarrow's Parquet writer: the disk fills up after the first of a shard's files."""
    src, _, _ = corpus
    raws = list(read_paths([str(src / "a.jsonl")]))[:3]
    written = []
    real_write = batch.pq.write_table

    def write_then_full(table, where, **kwargs):
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), where)
        written.append(where)
        real_write(table, where, **kwargs)

    monkeypatch.setattr(batch.pq, "write_table", write_then_full)
    with pytest.raises(WriteError, match="No space left on device"):
        batch.extract_shard("s1", raws, str(tmp_path))
    assert written and os.listdir(tmp_path) == []
