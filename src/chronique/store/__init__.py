"""The corpus: one DuckDB file holding articles, actors, event mentions, merged events, quotes, failures.

    store = chronique.open("corpus.duckdb")
    store.ingest(["articles/"])            # or workers=4, or dask="local"
    store.events(country="FRA", root=4)    # pandas DataFrame, Arrow-backed

DuckDB allows one writing process: open with ``read_only=True`` to query while nothing writes.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import date

import pandas as pd

from ..errors import StoreError
from ..records import ArticleResult
from . import export as _export
from . import queries
from .load import LoadCounts, RowBatch, load_tables, refresh_events
from .schema import connect

log = logging.getLogger(__name__)
__all__ = ["Store", "LoadCounts"]


class Store:
    """An event store in one DuckDB file. Methods returning tables return pandas DataFrames."""

    def __init__(self, path: str | os.PathLike = "chronique.duckdb", read_only: bool = False):
        self.path = os.fspath(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not os.path.exists(self.path):
            raise StoreError(f"no store at {self.path}")
        try:
            self.con = connect(self.path, read_only=read_only)
        except Exception as exc:  # duckdb.IOException (locked by a writer, not a database, ...)
            raise StoreError(f"cannot open {self.path}: {exc}") from exc

    # -- lifecycle
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def shard_dir(self) -> str:
        """Where ingest workers write Parquet shards: ``<db>.shards/`` next to the database."""
        return self.path + ".shards"

    # -- writing
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")

    def add_results(self, results: Iterable[ArticleResult], batch_size: int = 32) -> LoadCounts:
        """Store extraction results (batches of ``batch_size`` per transaction), then merge events."""
        self._writable()
        total = LoadCounts()
        batch = RowBatch()
        for result in results:
            batch.add(result)
            if len(batch) >= batch_size:
                total.add(self.load_batch(batch))
                batch = RowBatch()
        total.add(self.load_batch(batch))
        self.refresh_events()
        return total

    def load_batch(self, batch: RowBatch) -> LoadCounts:
        """One transaction: the batch's articles not yet stored, with their rows, and its failures."""
        self._writable()
        counts = load_tables(self.con, batch.tables(), duplicate_lines=batch.duplicate_lines)
        counts.duplicates += batch.counts.duplicates
        return counts

    def refresh_events(self) -> int:
        """Merge the mentions not yet merged (and their blocks) into events; returns blocks redone."""
        self._writable()
        return refresh_events(self.con)

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def stored_ids(self, article_ids: list[str]) -> set[str]:
        """Which of these article ids are stored (one query for many: a query costs far more than a lookup)."""
        if not article_ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [list(article_ids)]).fetchall()
        return {r[0] for r in rows}

    def stored_texts(self, article_ids: list[str]) -> dict[str, str]:
        """The stored text of each of these ids that is stored."""
        if not article_ids:
            return {}
        return dict(self.con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                     [list(article_ids)]).fetchall())

    def failed_sources(self, sources: list[str]) -> int:
        """How many of these input lines (sources) are recorded failures."""
        if not sources:
            return 0
        return self.con.execute("SELECT count(DISTINCT source) FROM failures"
                                " WHERE source IN (SELECT unnest(?::VARCHAR[]))", [list(sources)]).fetchall()[0][0]

    def ingest(self, paths: Iterable[str], **kwargs):
        """Read, extract and store articles; see :func:`chronique.batch.ingest` for the options."""
        from ..batch import ingest

        self._writable()
        return ingest(self, paths, **kwargs)

    # -- queries (see chronique.store.queries)
    def events(self, *, actor: str | None = None, country: str | None = None, dyad: str | None = None,
               root: str | int | None = None, plover: str | None = None, since: date | str | None = None,
               until: date | str | None = None, lang: str | None = None, text: str | None = None,
               limit: int | None = 100, offset: int = 0, order: str = "-date", **more_filters) -> pd.DataFrame:
        """Merged events; ``more_filters``: pair, name, place, modality, negated, precision, min_confidence
        (see :func:`chronique.store.queries.event_filters`)."""
        return queries.events(self.con, actor=actor, country=country, dyad=dyad, root=root, plover=plover,
                              since=since, until=until, lang=lang, text=text, limit=limit, offset=offset,
                              order=order, **more_filters)

    def mentions(self, event_uid: str) -> pd.DataFrame:
        return queries.mentions(self.con, event_uid)

    def actors(self, *, country: str | None = None, limit: int | None = None) -> pd.DataFrame:
        return queries.actors(self.con, country=country, limit=limit)

    def dyad(self, a: str, b: str, *, by: str = "month", directed: bool = False) -> pd.DataFrame:
        return queries.dyad(self.con, a, b, by=by, directed=directed)

    def article(self, article_id: str) -> dict[str, pd.DataFrame] | None:
        return queries.article(self.con, article_id)

    def failures(self, *, kind: str | None = None, limit: int | None = None) -> pd.DataFrame:
        return queries.failures(self.con, kind=kind, limit=limit)

    def stats(self) -> dict:
        return queries.stats(self.con)

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Any read query, for analysts (bind values with ``?`` and ``params``)."""
        return queries.frame(self.con, query, params)

    # -- export
    def export(self, out: str, fmt: str = "parquet", table: str = "events", header: bool = True) -> int:
        """Write ``table`` to ``out`` as parquet (partitioned by month), csv, jsonl or gdelt; returns rows."""
        return _export.export(self.con, out, fmt, table, header=header)
