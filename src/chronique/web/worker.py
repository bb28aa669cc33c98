""""Try it" extractions in a child process that can be killed: a deadline that really stops the work.

One extraction runs at a time (it is CPU-bound and the models are large). A request waits for
its turn only until its own deadline, and only a few may wait (the others are answered "busy" at
once, so waiting requests never fill the server's thread pool); an extraction past its deadline is stopped by killing the
child, and a fresh child starts loading the models at once, so the next request is not blocked
by the abandoned one and no memory is left behind. If the server dies, the child sees its pipe
close and exits.

The child is ``python -m chronique.web.worker FD``, not a multiprocessing child: it never re-runs
the server's main script, whatever that script is.
"""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

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


def _rss_bytes(pid: int | None) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None  # not Linux: no recycling


class Extractor:
    """The "Try it" pipeline behind a pipe; ``extract(..., timeout=)`` never waits past its deadline."""

    def __init__(self, max_waiting: int = 4, max_rss_bytes: int = 1_500_000_000):
        """``max_rss_bytes``: a child grown past this after an extraction is replaced by a fresh one."""
        self.max_waiting = max_waiting
        self.max_rss_bytes = max_rss_bytes
        self._waiting = 0
        self._count = threading.Lock()
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
        ours, theirs = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[2])  # the folder that holds chronique/
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        with theirs:
            self._proc = subprocess.Popen([sys.executable, "-m", "chronique.web.worker", str(theirs.fileno())],
                                          pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        self._conn, self._ready = Connection(ours.detach()), False

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
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
            try:
                self._until_ready(None)
            except (EOFError, OSError) as exc:
                self._kill()
                raise WorkerFailed("the 'Try it' process ended while loading the models (see the messages above)") from exc
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
                rss = _rss_bytes(self.pid)
                if rss is not None and rss > self.max_rss_bytes:  # what a big paste left behind goes with it
                    log.info("Try it: the extraction process holds %d MB, replaced", rss // 1_000_000)
                    self._kill()
                    self.restarts += 1
                    self._start()
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
                try:
                    self._proc.wait(5)
                except subprocess.TimeoutExpired:
                    pass
            self._kill()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _child(Connection(int(sys.argv[1])))
