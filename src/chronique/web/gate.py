"""Access to the store while serving: many readers on a read-only connection, one short writer.

DuckDB lets one process write a database file, and within a process every connection to a
file must share its configuration (read-only or not). So the page holds the store read-only;
the explicit "store this article" action waits for the running reads to finish, closes the
read-only connection, opens the store for writing, stores, closes it and reopens read-only.
Reads that arrive meanwhile wait for it (a few hundred milliseconds). If another process
(``chronique ingest``) holds the file, that action fails with a StoreError and reading goes on.
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
        self.generation = 0  # bumped by every write: cached answers of older generations are stale
        self._store: Store | None = Store(self.path, read_only=True)

    @contextmanager
    def read(self) -> Iterator:
        with self._cond:
            while self._writing:
                self._cond.wait()
            if self._store is None:
                raise StoreError("the store is closed")
            self._readers += 1
            cursor = self._store.con.cursor()
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
            self._writing = True
            if self._store is not None:
                self._store.close()
                self._store = None
        try:
            with Store(self.path) as writer:
                return writer.add_results(results)
        finally:
            with self._cond:
                try:
                    self._store = Store(self.path, read_only=True)
                finally:
                    self._writing = False
                    self.generation += 1
                    self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            while self._readers:
                self._cond.wait()
            if self._store is not None:
                self._store.close()
                self._store = None
