"""Batch ingest: read → extract → store, in one process, in N worker processes, or on Dask.

Single process: results go straight to the store, a batch of articles per transaction.
Workers / Dask: the input is cut into shards (``shard_size`` articles, in input order), each
named by a hash of its articles' input keys. A worker extracts a shard and writes its rows as
Parquet files into ``<db>.shards/<shard_id>/`` (written under a temporary name, then renamed:
a shard directory either is complete or does not exist). The parent process, the only writer
of the DuckDB file, loads finished shards in input order, one transaction per shard, and
records the shard as loaded. A rerun skips shards already loaded and loads finished shards
without extracting them again. With ``--dask ADDRESS`` the shard folder must be on a file
system the Dask workers share with this process.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date

import pyarrow.parquet as pq

from .atomic import write_error
from .read import read_paths
from .records import RawArticle
from .store.load import RowBatch, load_tables
from .store.rows import TABLES
from .store.schema import arrow_schema

log = logging.getLogger(__name__)

DONE_FILE = "_done.json"
TMP_MARK = ".tmp-"  # a shard being written: <shard_id>.tmp-<worker pid>


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. Always ``read == stored + duplicates + failed``."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0  # already in the store (or twice in the input)
    failed: int = 0
    shards_skipped: int = 0
    mode: str = "single"
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def add(self, stored: int = 0, duplicates: int = 0, failed: int = 0) -> None:
        self.stored += stored
        self.duplicates += duplicates
        self.failed += failed
        self.read += stored + duplicates + failed


Progress = Callable[[IngestReport], None]


def input_key(raw: RawArticle) -> str:
    """What identifies one input article before extraction: its id, else its source and content."""
    if raw.id:
        return f"id:{raw.id}"
    body = raw.text if raw.text is not None else (raw.html or "")
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"src:{raw.source}:{digest}"


def shard_id_of(raws: list[RawArticle]) -> str:
    return hashlib.sha256("\n".join(input_key(r) for r in raws).encode("utf-8", "surrogatepass")).hexdigest()[:20]


# ---------------------------------------------------------------- worker side

_pipeline = None


def _worker_pipeline(language: str, budget=None):
    """One Pipeline per worker process; the spaCy models load once, on the first shard."""
    global _pipeline
    if _pipeline is None or _pipeline.language != language or (budget is not None and _pipeline.budget != budget):
        # one core per worker process: numeric libraries must not each spawn a thread per core
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        from .pipeline import Budget, Pipeline

        _pipeline = Pipeline(language=language, budget=budget or Budget())
    return _pipeline


def init_worker(language: str = "auto", budget=None) -> None:
    _worker_pipeline(language, budget).warm()


def init_process_worker(language: str, parent_pid: int, budget: tuple[float | None, int | None] | None = None) -> None:
    """A local worker process dies with the ingest that started it, even one killed with ``kill -9``. Its
    arguments are plain values: unpickling a Budget would import the pipeline, and spaCy with it, before the
    death signal is armed."""
    die_with_parent(parent_pid)
    from .budget import Budget

    init_worker(language, Budget(*budget) if budget is not None else None)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_SECONDS = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to kill this process when its parent dies (``PR_SET_PDEATHSIG``, Linux), and watch
    for the ingest process itself from a thread, as a fallback and for the forkserver case (a worker's
    parent is then the forkserver, which exits when the ingest does)."""
    import signal
    import sys
    import threading

    parent_of_worker = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError):
            log.debug("no prctl here; the watchdog alone ends this worker")

    def orphaned() -> bool:
        if os.getppid() != parent_of_worker:
            return True  # reparented: the process that forked this worker is gone
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        try:  # killed but not yet reaped: a zombie still answers kill(pid, 0)
            with open(f"/proc/{parent_pid}/stat", "rb") as stat:
                return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
        except (OSError, IndexError):
            return False

    def watch() -> None:
        while not orphaned():
            time.sleep(WATCHDOG_SECONDS)
        os._exit(1)  # nothing to save: a shard not renamed into place is redone by the next run

    if orphaned():  # the parent died before the death signal was armed
        os._exit(1)
    threading.Thread(target=watch, name="chronique-parent-watchdog", daemon=True).start()


def exit_without_teardown() -> None:
    """Make this worker process end like a forked multiprocessing worker (``os._exit``) rather than
    tear down its interpreter object by object: with the spaCy models loaded, a LocalCluster's
    spawned workers took 1-2 s to exit. Only for workers this ingest started and stops; everything a
    worker writes is complete on disk before its shard is reported done."""
    import atexit
    import sys

    def _exit() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        os._exit(0)

    atexit.register(_exit)


def extract_shard(shard_id: str, raws: list[RawArticle], shard_dir: str, language: str = "auto",
                  published: date | None = None, budget=None) -> str:
    """Extract one shard and write its Parquet files; returns the shard's folder. Idempotent."""
    final = os.path.join(shard_dir, shard_id)
    if os.path.exists(os.path.join(final, DONE_FILE)):
        return final
    pipeline = _worker_pipeline(language, budget)
    batch = RowBatch()
    for result in pipeline.run(raws, published=published):
        batch.add(result)
    tmp = f"{final}{TMP_MARK}{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        os.makedirs(tmp)
        for table, data in batch.tables().items():
            pq.write_table(data, os.path.join(tmp, f"{table}.parquet"))
        with open(os.path.join(tmp, DONE_FILE), "w") as fh:
            json.dump({"articles": len(raws), "duplicates": batch.counts.duplicates,
                       "duplicate_lines": batch.duplicate_lines}, fh)
    except OSError as exc:  # a full disk: no half-written shard stays behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise write_error(final, exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        os.rename(tmp, final)
    except OSError:  # another attempt finished the same shard first
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def read_shard(folder: str) -> tuple[dict, int, list[tuple[str, str]]]:
    tables = {t: pq.read_table(os.path.join(folder, f"{t}.parquet"), schema=arrow_schema(t)) for t in TABLES}
    with open(os.path.join(folder, DONE_FILE)) as fh:
        done = json.load(fh)
    return tables, done["duplicates"], [tuple(line) for line in done.get("duplicate_lines", [])]


# ---------------------------------------------------------------- parent side


def ingest(store, paths: Iterable[str], *, workers: int = 1, dask: str | None = None, shard_size: int = 32,
           batch_size: int = 32, flush_size: int = 128, language: str = "auto", published: date | None = None,
           input_format: str | None = None, progress: Progress | None = None, budget=None) -> IngestReport:
    """Ingest articles into ``store``; ``workers`` > 1 uses local processes, ``dask`` a Dask cluster
    (an address, or ``"local"`` for a LocalCluster of ``workers`` processes).

    A single process parses ``batch_size`` articles at a time and stores ``flush_size`` results per
    transaction (or what it has every 5 s); parallel modes store one shard of ``shard_size`` per
    transaction. Each transaction costs ~20 ms whatever its size (measured), so these sizes keep the
    store under 2% of the run while a killed ingest loses at most one transaction's work. ``budget``
    (a ``chronique.pipeline.Budget``; None: its defaults) bounds what each article may cost."""
    started = time.perf_counter()
    raws = read_paths(paths, input_format)
    if dask:
        report = _ingest_dask(store, raws, dask, max(1, workers), shard_size, language, published, progress, budget)
    elif workers > 1:
        report = _ingest_processes(store, raws, workers, shard_size, language, published, progress, budget)
    else:
        report = _ingest_single(store, raws, batch_size, flush_size, language, published, progress, budget)
    store.refresh_events()
    report.seconds = round(time.perf_counter() - started, 3)
    log.info("ingest: %s", report.to_dict())
    return report


def _ingest_single(store, raws: Iterator[RawArticle], batch_size: int, flush_size: int, language: str,
                   published: date | None, progress: Progress | None, budget=None) -> IngestReport:
    from .pipeline import Budget, Pipeline

    pipeline = Pipeline(language=language, budget=budget or Budget())
    report = IngestReport(mode="single")
    batch = RowBatch()
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal batch, last_flush
        counts = store.load_batch(batch)
        report.add(counts.stored, counts.duplicates, counts.failed)
        batch, last_flush = RowBatch(), time.monotonic()

    def fresh() -> Iterator[RawArticle]:
        while chunk := list(itertools.islice(raws, batch_size)):
            stored = store.stored_texts([raw.id for raw in chunk if raw.id and raw.read_error is None])
            for raw in chunk:
                # stored by an earlier run with this text: no need to parse it again (another text: a conflict,
                # which the full extraction records)
                if raw.id in stored and raw.read_error is None and pipeline.cleaned_text(raw) == stored[raw.id]:
                    report.add(duplicates=1)
                    batch.duplicate_lines.append((raw.id, raw.source))
                    if progress:
                        progress(_pending(report, batch))
                else:
                    yield raw

    for result in pipeline.run(fresh(), published=published):
        batch.add(result)
        if len(batch) >= flush_size or time.monotonic() - last_flush > 5.0:
            flush()
        if progress:
            progress(_pending(report, batch))
    flush()
    if progress:
        progress(report)
    return report


def _pending(report: IngestReport, batch: RowBatch) -> IngestReport:
    """The report as it will be once the pending batch is stored (for progress display)."""
    view = IngestReport(report.read, report.stored, report.duplicates, report.failed, report.shards_skipped,
                        report.mode)
    view.add(len(batch.rows["articles"]), batch.counts.duplicates, batch.counts.failed)
    return view


def _shards(raws: Iterator[RawArticle], size: int) -> Iterator[tuple[str, list[RawArticle]]]:
    while chunk := list(itertools.islice(raws, size)):
        yield shard_id_of(chunk), chunk


class _ShardLoader:
    """Parent side of sharded ingest: what to send, and loading finished shards in input order."""

    def __init__(self, store, report: IngestReport, progress: Progress | None):
        self.store, self.report, self.progress = store, report, progress
        try:
            os.makedirs(store.shard_dir, exist_ok=True)
        except OSError as exc:
            raise write_error(store.shard_dir, exc) from exc
        self.remove_temps()  # left by workers killed with an earlier run (this run holds the store's lock)
        self.loaded = {r[0] for r in store.con.execute("SELECT shard_id FROM shards").fetchall()}

    def plan(self, shard_id: str, raws: list[RawArticle]) -> list[RawArticle] | None:
        """The articles a worker must extract; None when the shard needs no work."""
        if shard_id in self.loaded:
            # read again: its lines that failed fail again (as a single process, which retries them, reports)
            self.report.shards_skipped += 1
            failed = self.store.failed_sources([raw.source for raw in raws])
            self.report.add(duplicates=len(raws) - failed, failed=failed)
            shutil.rmtree(os.path.join(self.store.shard_dir, shard_id), ignore_errors=True)
            return None
        if os.path.exists(os.path.join(self.store.shard_dir, shard_id, DONE_FILE)):
            return None
        return raws

    def load(self, shard_id: str) -> None:
        folder = os.path.join(self.store.shard_dir, shard_id)
        tables, in_shard_duplicates, duplicate_lines = read_shard(folder)
        counts = load_tables(self.store.con, tables, shard_id=shard_id, duplicate_lines=duplicate_lines)
        self.loaded.add(shard_id)
        self.report.add(counts.stored, counts.duplicates + in_shard_duplicates, counts.failed)
        shutil.rmtree(folder, ignore_errors=True)
        if self.progress:
            self.progress(self.report)

    def remove_temps(self) -> None:
        self.remove_temps_in(self.store.shard_dir)

    @staticmethod
    def remove_temps_in(shard_dir: str) -> None:
        if os.path.isdir(shard_dir):
            for entry in os.listdir(shard_dir):
                if TMP_MARK in entry:
                    shutil.rmtree(os.path.join(shard_dir, entry), ignore_errors=True)

    def finish(self) -> None:
        self.remove_temps()
        try:
            os.rmdir(self.store.shard_dir)
        except OSError:
            pass


def _run_sharded(store, raws, shard_size, submit, wait_one, max_in_flight, report, progress) -> IngestReport:
    """Submit shards (bounded in flight), load them in input order as they finish."""
    loader = _ShardLoader(store, report, progress)
    order: list[str] = []  # shard ids not yet loaded, in input order
    futures: dict[str, object] = {}
    done: set[str] = set()

    def drain(limit: int) -> None:
        while len(futures) > limit or (order and order[0] in done):
            if order and order[0] in done:
                sid = order.pop(0)
                done.discard(sid)
                loader.load(sid)
                continue
            for sid in wait_one(futures):
                futures.pop(sid)
                done.add(sid)

    try:
        for shard_id, chunk in _shards(raws, shard_size):
            if shard_id in order:  # the same articles twice in this input
                report.add(duplicates=len(chunk))
                continue
            work = loader.plan(shard_id, chunk)
            if shard_id in loader.loaded:
                continue
            order.append(shard_id)
            if work is None:
                done.add(shard_id)
            else:
                futures[shard_id] = submit(shard_id, work)
            drain(max_in_flight)
        drain(0)
    except BaseException:
        # a worker failed (a full disk...) or the ingest was interrupted: the shards still running are
        # cancelled or finish whole; shards complete on disk are loaded by the rerun, not extracted again
        for future in futures.values():
            future.cancel()
        raise
    finally:
        loader.finish()
    return report


def _ingest_processes(store, raws, workers, shard_size, language, published, progress, budget=None) -> IngestReport:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    report = IngestReport(mode=f"processes:{workers}")
    plain_budget = (budget.seconds, budget.memory_bytes) if budget is not None else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method),
                             initializer=init_process_worker, initargs=(language, os.getpid(), plain_budget)) as pool:
        def submit(shard_id, work):
            return pool.submit(extract_shard, shard_id, work, store.shard_dir, language, published, budget)

        def wait_one(futures):
            finished, _ = wait(list(futures.values()), return_when=FIRST_COMPLETED)
            ids = [sid for sid, f in futures.items() if f in finished]
            for sid in ids:
                futures[sid].result()  # re-raise a worker's crash here
            return ids

        try:
            return _run_sharded(store, raws, shard_size, submit, wait_one, 2 * workers, report, progress)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            _ShardLoader.remove_temps_in(store.shard_dir)
            raise


def _ingest_dask(store, raws, address, workers, shard_size, language, published, progress,
                 budget=None) -> IngestReport:
    from distributed import Client, LocalCluster, wait

    cluster = None
    if address == "local":
        import dask

        one_thread = {var: "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
        # One numeric thread per worker process: on a small machine the workers already use every core.
        # Dask's nanny also sets MALLOC_TRIM_THRESHOLD_=64 KiB, which turns off glibc's adaptive mmap
        # threshold: every large numpy buffer of the parser is then mapped and unmapped again (measured:
        # ~10% more CPU per article than a plain worker process). The statistical profiler only feeds the
        # dashboard, which is off.
        with dask.config.set({"distributed.nanny.pre-spawn-environ": one_thread,
                              "distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.WARNING, env=one_thread)
        client = Client(cluster)
    else:
        client = Client(address)
    report = IngestReport(mode=f"dask:{address}")
    try:
        client.run(init_worker, language, budget)  # every worker loads the models now, side by side
        if cluster is not None:
            client.run(exit_without_teardown)
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def submit(shard_id, work):
            return client.submit(extract_shard, shard_id, work, store.shard_dir, language, published, budget,
                                 key=f"chronique-shard-{shard_id}", pure=False)

        def wait_one(futures):
            finished = wait(list(futures.values()), return_when="FIRST_COMPLETED").done
            ids = [sid for sid, f in futures.items() if f in finished]
            for sid in ids:
                futures[sid].result()
            return ids

        return _run_sharded(store, raws, shard_size, submit, wait_one, 2 * n, report, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
