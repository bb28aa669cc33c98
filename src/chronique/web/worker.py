""""Try it" extractions in a child process that can be killed: a deadline that really stops the work.

One extraction runs at a time (it is CPU-bound and the models are large). A request waits for
its turn only until its own deadline, and only a few may wait (the others are answered "busy" at
once, so waiting requests never fill the server's thread pool); an extraction past its deadline is stopped by killing the
child, and a fresh child starts loading the models at once, so the next request is not blocked
by the abandoned one and no memory is left behind. If the server dies, the child sees its pipe
close and exits.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import threading
import time

from ..errors import ChroniqueError
from ..records import ArticleResult

log = logging.getLogger(__name__)


class ExtractTimeout(ChroniqueError):
    kind = "timeout"


class ExtractBusy(ChroniqueError):
    kind = "busy"


class WorkerFailed(ChroniqueError):
    kind = "internal"


def _child(conn) -> None:
    from . import pages

    conn.send(("ready", pages.warm()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if job is None:
            return
        try:
            conn.send(("ok", pages.extract(**job)))
        except ChroniqueError as exc:
            conn.send(("error", exc))
        except Exception:
            logging.getLogger(__name__).exception("Try it: extraction failed")
            conn.send(("error", WorkerFailed("internal error (details are in the server log)")))


class Extractor:
    """The "Try it" pipeline behind a pipe; ``extract(..., timeout=)`` never waits past its deadline."""

    def __init__(self, max_waiting: int = 4):
        self.max_waiting = max_waiting
        self._waiting = 0
        self._count = threading.Lock()
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self._ctx = mp.get_context(method)
        self._turn = threading.Lock()  # one extraction at a time; the holder alone uses the pipe
        self._proc = None
        self._conn = None
        self._ready = False
        self.load_seconds: float | None = None
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> None:
        ours, theirs = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_child, args=(theirs,), name="chronique-try-it", daemon=True)
        self._proc.start()
        theirs.close()
        self._conn, self._ready = ours, False

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
            self._conn.close()
        self._proc = self._conn = None
        self._ready = False

    def _until_ready(self, deadline: float | None) -> bool:
        if self._proc is None:
            self._start()
        if self._ready:
            return True
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not self._conn.poll(wait):
            return False
        status, seconds = self._conn.recv()  # EOFError if the child died while loading
        self._ready, self.load_seconds = True, seconds
        return True

    def start(self) -> None:
        """Begin loading the models in the background."""
        with self._turn:
            if self._proc is None:
                self._start()

    def wait_ready(self) -> float:
        """Load the models now (seconds the child took)."""
        with self._turn:
            self._until_ready(None)
        return self.load_seconds or 0.0

    def extract(self, *, timeout: float, **job) -> ArticleResult:
        """``pages.extract(**job)`` in the child; ExtractTimeout past ``timeout`` seconds (the child is killed)."""
        deadline = time.monotonic() + timeout
        with self._count:
            if self._waiting >= self.max_waiting:
                raise ExtractBusy(f"{self._waiting} extractions are already waiting; try again in a moment")
            self._waiting += 1
        try:
            turn = self._turn.acquire(timeout=max(0.0, timeout))
        finally:
            with self._count:
                self._waiting -= 1
        if not turn:
            raise ExtractTimeout(f"another extraction is running; none started within {timeout:g} s")
        try:
            try:
                if not self._until_ready(deadline):
                    raise ExtractTimeout("the language models are still loading; try again in a few seconds")
                self._conn.send(job)
                if not self._conn.poll(max(0.0, deadline - time.monotonic())):
                    log.warning("Try it: extraction past %.1f s, stopped (pid %s)", timeout, self.pid)
                    self._kill()
                    self.restarts += 1
                    self._start()  # the next request finds the models loading, not this extraction running
                    raise ExtractTimeout(f"the extraction took over {timeout:g} s and was stopped")
                status, payload = self._conn.recv()
            except (EOFError, OSError) as exc:  # the child died (out of memory?): start afresh
                log.error("Try it: the extraction process died (%s)", exc)
                self._kill()
                self.restarts += 1
                self._start()
                raise WorkerFailed("the extraction process died; try again") from exc
        finally:
            self._turn.release()
        if status == "error":
            raise payload
        return payload

    def close(self) -> None:
        with self._turn:
            if self._conn is not None:
                try:
                    self._conn.send(None)
                except OSError:
                    pass
                self._proc.join(5)
            self._kill()
