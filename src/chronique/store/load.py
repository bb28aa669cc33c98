"""Writing to the store: a batch of article rows (or one Parquet shard) goes in one transaction,
so a killed ingest leaves every article either wholly stored or absent; rerunning stores the rest.
Then events are (re)built from the mentions of the dedup blocks that changed."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from .. import dedup
from ..records import ArticleResult
from .rows import TABLES, add_result, empty_rows, rows_to_arrow
from .schema import column_names

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(slots=True)
class LoadCounts:
    """What one load did: ``stored`` new articles, ``duplicates`` already there, ``failed`` failures."""

    stored: int = 0
    duplicates: int = 0
    failed: int = 0

    @property
    def read(self) -> int:
        return self.stored + self.duplicates + self.failed

    def add(self, other: LoadCounts) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.failed += other.failed


@dataclass(slots=True)
class RowBatch:
    """Rows of several results; an id seen twice in the batch counts as a duplicate."""

    rows: dict[str, list[dict]] = field(default_factory=empty_rows)
    seen: set[str] = field(default_factory=set)
    counts: LoadCounts = field(default_factory=LoadCounts)

    def add(self, result: ArticleResult, now: datetime | None = None) -> None:
        if result.ok and result.id in self.seen:
            self.counts.duplicates += 1
            return
        if result.ok:
            self.seen.add(result.id)
        else:
            self.counts.failed += 1
        add_result(self.rows, result, now or utcnow())

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["failures"]) + self.counts.duplicates

    def tables(self) -> dict[str, pa.Table]:
        return rows_to_arrow(self.rows)


def load_tables(con, tables: dict[str, pa.Table], shard_id: str | None = None) -> LoadCounts:
    """Insert one batch (articles unique within it) in one transaction; articles already stored are skipped."""
    counts = LoadCounts(failed=tables["failures"].num_rows)
    con.begin()
    try:
        ids = tables["articles"].column("id")
        existing: set[str] = set()
        if len(ids):
            con.register("_batch_ids", pa.table({"id": ids}))
            existing = {r[0] for r in con.execute(
                "SELECT a.id FROM articles a JOIN _batch_ids b ON a.id = b.id").fetchall()}
        counts.duplicates = len(existing)
        counts.stored = len(ids) - len(existing)
        for table in TABLES:
            data = tables[table]
            if existing and table != "failures":
                key = "id" if table == "articles" else "article_id"
                data = data.filter(pc.invert(pc.is_in(data.column(key), value_set=pa.array(sorted(existing)))))
            if data.num_rows == 0:
                continue
            con.register("_batch", data)
            cols = ", ".join(f'"{c}"' for c in column_names(table))
            if table == "failures":
                con.execute(f"INSERT OR IGNORE INTO failures ({cols}) SELECT {cols} FROM _batch")
            else:
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
            con.unregister("_batch")
        if len(ids):
            # an article that failed before and is stored now is no longer a failure (only this batch's
            # articles can be: earlier ones were cleared when they were stored)
            con.execute("DELETE FROM failures WHERE article_id IN (SELECT id FROM _batch_ids)")
            con.unregister("_batch_ids")
        if shard_id is not None:
            con.execute("INSERT OR IGNORE INTO shards VALUES (?, ?, ?)", [shard_id, counts.read, utcnow()])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return counts


_EVENTS_SQL = """
INSERT INTO events
WITH m AS (
    SELECT mentions.*, coalesce(regexp_extract(url, '^[A-Za-z]+://([^/]+)', 1), article_id) AS host
    FROM mentions WHERE block_key IN (SELECT block_key FROM _dirty)),
c AS (SELECT event_uid, cameo, count(*) AS n FROM m GROUP BY event_uid, cameo),
top AS (SELECT event_uid, first(cameo ORDER BY n DESC, cameo) AS cameo FROM c GROUP BY event_uid),
lead AS (SELECT event_uid, first(article_id || chr(31) || event_id
                ORDER BY coalesce(date, published) NULLS LAST, article_id, event_id) AS k
         FROM m GROUP BY event_uid)
SELECT m.event_uid, first(m.block_key),
    coalesce(first(m.source_country ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC), '---') || '-' ||
    coalesce(first(m.target_country ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC), '---'),
    first(m.source_name ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.source_country ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.source_sector ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.target_name ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.target_country ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.target_sector ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    top.cameo, substr(top.cameo, 1, 2),
    first(m.plover ORDER BY m.cameo = top.cameo DESC, m.article_id, m.event_id),
    first(m.goldstein ORDER BY m.cameo = top.cameo DESC, m.article_id, m.event_id),
    first(m.quad_class ORDER BY m.cameo = top.cameo DESC, m.article_id, m.event_id),
    coalesce(min(m.date), min(m.published)),
    first(m.location_name ORDER BY m.location_name IS NULL, m.article_id, m.event_id),
    first(m.location_country ORDER BY m.location_name IS NULL, m.article_id, m.event_id),
    first(m.lat ORDER BY m.location_name IS NULL, m.article_id, m.event_id),
    first(m.lon ORDER BY m.location_name IS NULL, m.article_id, m.event_id),
    count(*), count(DISTINCT m.host), count(DISTINCT m.article_id),
    string_agg(DISTINCT m.language, ',' ORDER BY m.language), max(m.confidence), min(a.ingested_at),
    first(m.url ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC),
    first(m.sentence_text ORDER BY m.article_id || chr(31) || m.event_id = lead.k DESC)
FROM m JOIN top USING (event_uid) JOIN lead USING (event_uid) LEFT JOIN articles a ON a.id = m.article_id
GROUP BY m.event_uid, top.cameo
"""


def refresh_events(con) -> int:
    """Re-merge every dedup block that has unmerged mentions; returns the number of blocks redone.

    A block is redone whole (deterministic whatever order its mentions arrived in), in one transaction.
    """
    dirty = [r[0] for r in con.execute(
        "SELECT DISTINCT block_key FROM mentions WHERE event_uid IS NULL ORDER BY 1").fetchall()]
    if not dirty:
        return 0
    con.begin()
    try:
        con.register("_dirty", pa.table({"block_key": pa.array(dirty, pa.string())}))
        rows = con.execute(
            "SELECT article_id, event_id, block_key, date, published, location_name, location_country, lat, lon"
            " FROM mentions WHERE block_key IN (SELECT block_key FROM _dirty)").fetchall()
        assigned = dedup.merge(dedup.Mention(*r) for r in rows)
        keys = sorted(assigned)
        con.register("_assign", pa.table({
            "article_id": pa.array([k[0] for k in keys], pa.string()),
            "event_id": pa.array([k[1] for k in keys], pa.string()),
            "uid": pa.array([assigned[k] for k in keys], pa.string())}))
        con.execute("UPDATE mentions SET event_uid = _assign.uid FROM _assign"
                    " WHERE mentions.article_id = _assign.article_id AND mentions.event_id = _assign.event_id")
        con.execute("DELETE FROM events WHERE block_key IN (SELECT block_key FROM _dirty)")
        con.execute(_EVENTS_SQL)
        con.unregister("_assign")
        con.unregister("_dirty")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    log.debug("re-merged %d dedup blocks", len(dirty))
    return len(dirty)
