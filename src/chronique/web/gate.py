"""Access to the store while serving: many readers on a read-only connection, one short writer.

DuckDB lets one process write a database file, and within a process every connection to a
file must share its configuration (read-only or not). So the page holds the store read-only;
the explicit "store this article" action waits for the running reads to finish, closes the
read-only connection, opens the store for writing, stores, closes it and reopens read-only.
Reads that arrive meanwhile wait for it (a few hundred milliseconds).

Another process (``chronique ingest``) can take the file in the instant the read-only connection
is closed, or before the server starts. The write then fails with a StoreError, reads answer
:class:`StoreBusy` while that process holds the file, and the next read after it lets go reopens
the store: the gate never stays closed.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..errors import StoreError
from ..records import ArticleResult
from ..store import LoadCounts, Store

log = logging.getLogger(__name__)


class StoreBusy(StoreError):
    """Another process holds the store file for writing; reading resumes when it lets go."""

    kind = "busy"


def _locked(exc: StoreError) -> bool:
    return "lock" in str(exc).lower()  # DuckDB: 'Could not set lock on file ...: Conflicting lock is held'


class StoreGate:
    """A readers-writer gate over one store file; ``read()`` yields a DuckDB cursor per request."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = os.fspath(path)
        if create and not os.path.exists(self.path):
            log.info("no store at %s: creating an empty one", self.path)
            Store(self.path).close()
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._closed = False
        self.generation = 0  # bumped by every write or reopening: cached answers of older generations are stale
        self._store: Store | None = None
        try:
            self._store = Store(self.path, read_only=True)
        except StoreError as exc:
            if not _locked(exc):
                raise
            log.warning("%s is held by another process: pages answer 'busy' until it lets go", self.path)

    def _reopen(self) -> Store:
        """The read-only connection, reopened if a race with another process left it closed (``_cond`` held)."""
        if self._store is None:
            if self._closed:
                raise StoreError("the store is closed")
            try:
                self._store = Store(self.path, read_only=True)
            except StoreError as exc:
                if _locked(exc):
                    raise StoreBusy("another process (a 'chronique ingest'?) is writing the store; "
                                    "the page reads it again as soon as that process ends") from exc
                raise
            self.generation += 1  # the other process may have changed anything
            log.info("store %s reopened", self.path)
        return self._store

    @contextmanager
    def read(self) -> Iterator:
        with self._cond:
            while self._writing:
                self._cond.wait()
            cursor = self._reopen().con.cursor()
            self._readers += 1
        try:
            yield cursor
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def store(self, results: Iterable[ArticleResult]) -> LoadCounts:
        """Write results through a short writable connection (the single writer), then reopen read-only."""
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            if self._closed:
                raise StoreError("the store is closed")
            self._writing = True
            if self._store is not None:
                self._store.close()
                self._store = None
        try:
            try:
                writer = Store(self.path)
            except StoreError as exc:
                if _locked(exc):
                    raise StoreBusy("another process (a 'chronique ingest'?) is writing the store; "
                                    "store this article again when it has finished") from exc
                raise
            with writer:
                return writer.add_results(results)
        finally:
            with self._cond:
                try:
                    self._reopen()
                except StoreError as exc:  # the next read tries again
                    log.warning("store %s not reopened yet: %s", self.path, exc)
                finally:
                    self._writing = False
                    self.generation += 1
                    self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            while self._readers or self._writing:
                self._cond.wait()
            self._closed = True
            if self._store is not None:
                self._store.close()
                self._store = None
