"""Writing to the store: a batch of article rows (or one Parquet shard) goes in one transaction,
so a killed ingest leaves every article either wholly stored or absent; rerunning stores the rest.
Then events are (re)built from the mentions of the dedup blocks that changed."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from .. import dedup
from ..records import ArticleResult
from .rows import TABLES, add_result, conflict_message, empty_rows, failure_row, rows_to_arrow, to_arrow
from .schema import DERIVED_COLUMNS, column_names

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
    """Rows of several results. An id seen twice in the batch with the same text is a duplicate (its
    line is kept in ``duplicate_lines``); with another text, a ``conflicting_id`` failure."""

    rows: dict[str, list[dict]] = field(default_factory=empty_rows)
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (source, text)
    counts: LoadCounts = field(default_factory=LoadCounts)
    duplicate_lines: list[tuple[str, str]] = field(default_factory=list)  # (article id, source)

    def add(self, result: ArticleResult, now: datetime | None = None) -> None:
        now = now or utcnow()
        if result.ok and result.id in self.seen:
            first_source, first_text = self.seen[result.id]
            if first_text == result.text:
                self.counts.duplicates += 1
                self.duplicate_lines.append((result.id, result.source))
            else:
                self.counts.failed += 1
                self.rows["failures"].append(failure_row(result.id, result.source, "conflicting_id",
                                                         conflict_message(result.id, first_source), now))
            return
        if result.ok:
            self.seen[result.id] = (result.source, result.text)
        else:
            self.counts.failed += 1
        add_result(self.rows, result, now)

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["failures"]) + self.counts.duplicates

    def tables(self) -> dict[str, pa.Table]:
        return rows_to_arrow(self.rows)


def _rollback(con) -> None:
    """Undo the open transaction; a commit that failed (a full disk) has already ended it, and the
    commit's own error is the one to report."""
    try:
        con.rollback()
    except Exception as exc:  # duckdb.TransactionException: no transaction is active
        log.debug("rollback: %s", exc)


def load_tables(con, tables: dict[str, pa.Table], shard_id: str | None = None,
                duplicate_lines: list[tuple[str, str]] = ()) -> LoadCounts:
    """Insert one batch (articles unique within it) in one transaction.

    An article whose id is stored with the same text is a duplicate (its line is recorded in
    ``duplicates`` when it is another line than the stored one); with another text, its line becomes a
    ``conflicting_id`` failure. ``duplicate_lines``: (id, source) of the batch's own duplicates.
    """
    counts = LoadCounts(failed=tables["failures"].num_rows)
    now = utcnow()
    con.begin()
    try:
        articles = tables["articles"]
        existing: set[str] = set()
        conflicts: list[dict] = []
        dups = list(duplicate_lines)
        if articles.num_rows:
            con.register("_batch_articles", articles.select(["id", "source", "text"]))
            for aid, source, stored_source, same in con.execute(
                    "SELECT b.id, b.source, a.source, a.text IS NOT DISTINCT FROM b.text"
                    " FROM articles a JOIN _batch_articles b ON a.id = b.id").fetchall():
                existing.add(aid)
                if same:
                    dups.append((aid, source))
                else:
                    conflicts.append(failure_row(aid, source, "conflicting_id", conflict_message(aid, stored_source),
                                                 now))
            # an input line that failed before and is stored now is no longer a failure; a failure of another
            # line with the same text or id stays (every failed line is kept)
            con.execute("DELETE FROM failures WHERE source IN (SELECT source FROM _batch_articles"
                        " WHERE id NOT IN (SELECT id FROM articles))")
        counts.duplicates = len(existing) - len(conflicts)
        counts.failed += len(conflicts)
        counts.stored = articles.num_rows - len(existing)
        for table in TABLES:
            data = tables[table]
            if existing and table != "failures":
                key = "id" if table == "articles" else "article_id"
                data = data.filter(pc.invert(pc.is_in(data.column(key), value_set=pa.array(sorted(existing)))))
            if table == "failures" and conflicts:
                data = pa.concat_tables([data, to_arrow("failures", conflicts)])
            if data.num_rows == 0:
                continue
            con.register("_batch", data)
            cols = ", ".join(f'"{c}"' for c in column_names(table))
            if table == "failures":
                con.execute(f"INSERT OR IGNORE INTO failures ({cols}) SELECT {cols} FROM _batch")
            else:
                derived = DERIVED_COLUMNS.get(table, [])
                names = "".join(f', "{name}"' for name, _, _ in derived)
                exprs = "".join(f", {expr}" for _, _, expr in derived)
                con.execute(f"INSERT INTO {table} ({cols}{names}) SELECT {cols}{exprs} FROM _batch")
            con.unregister("_batch")
        if articles.num_rows:
            con.unregister("_batch_articles")
        if dups:
            con.register("_dups", pa.table({"article_id": pa.array([d[0] for d in dups], pa.string()),
                                            "source": pa.array([d[1] for d in dups], pa.string())}))
            # the same line read again (a rerun) is not a duplicate of itself
            con.execute("INSERT OR IGNORE INTO duplicates SELECT DISTINCT d.article_id, d.source, ?::TIMESTAMP"
                        " FROM _dups d JOIN articles a ON a.id = d.article_id WHERE a.source <> d.source", [now])
            con.unregister("_dups")
        if shard_id is not None:
            con.execute("INSERT OR IGNORE INTO shards VALUES (?, ?, ?)", [shard_id, counts.read, now])
        con.commit()
    except BaseException:
        _rollback(con)
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


def stable_ids(fresh: dict[tuple[str, str], str], previous: dict[tuple[str, str], str],
               seq: dict[str, int]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Keep the ids events already had: (mention -> event id, old id -> the id that absorbed it).

    ``fresh``: mention -> the id re-merging gave (one id per cluster); ``previous``: mention -> its
    id before; ``seq``: known ids -> the order they were given in. Each cluster keeps the oldest old
    id among its mentions that no other cluster kept; a cluster without one keeps its fresh id. An
    old id no cluster kept points to the cluster that took most of its mentions.
    """
    clusters: dict[str, list[tuple[str, str]]] = {}
    for key in sorted(fresh):
        clusters.setdefault(fresh[key], []).append(key)

    def oldest(members):
        olds = {previous[k] for k in members if previous.get(k)}
        return sorted(olds, key=lambda u: (seq.get(u, 1 << 62), u))

    order = sorted(clusters, key=lambda c: ([seq.get(u, 1 << 62) for u in oldest(clusters[c])][:1] or [1 << 62], c))
    claimed: set[str] = set()
    final: dict[str, str] = {}
    for c in order:
        kept = next((u for u in oldest(clusters[c]) if u not in claimed), None)
        if kept is None:
            kept, n = c, 1
            while kept in claimed or kept in seq:
                kept, n = f"{c[:13]}{n:03x}", n + 1  # a fresh id never reuses one given before
        claimed.add(kept)
        final[c] = kept
    assigned = {key: final[fresh[key]] for key in fresh}
    merged: dict[str, str] = {}
    votes: dict[str, Counter] = {}
    for key, old in previous.items():
        if old and old not in claimed and key in assigned:
            votes.setdefault(old, Counter())[assigned[key]] += 1
    for old, counter in votes.items():
        merged[old] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return assigned, merged


def refresh_events(con) -> int:
    """Re-merge every dedup block that has unmerged mentions; returns the number of blocks redone.

    A block is redone whole, in one transaction. Its clusters are deterministic whatever order the
    mentions arrived in; their ids are not: an event keeps the first id it was given (see
    :func:`stable_ids`), so a link to it survives later reports of the same event.
    """
    dirty = [r[0] for r in con.execute(
        "SELECT DISTINCT block_key FROM mentions WHERE event_uid IS NULL ORDER BY 1").fetchall()]
    if not dirty:
        return 0
    con.begin()
    try:
        con.register("_dirty", pa.table({"block_key": pa.array(dirty, pa.string())}))
        rows = con.execute(
            "SELECT article_id, event_id, block_key, date, published, location_name, location_country, lat, lon,"
            " event_uid FROM mentions WHERE block_key IN (SELECT block_key FROM _dirty)").fetchall()
        fresh = dedup.merge(dedup.Mention(*r[:9]) for r in rows)
        previous = {(r[0], r[1]): r[9] for r in rows if r[9]}
        olds = sorted(set(previous.values()) | set(fresh.values()))
        con.register("_olds", pa.table({"uid": pa.array(olds, pa.string())}))
        seq = dict(con.execute("SELECT event_uid, seq FROM event_ids WHERE event_uid IN (SELECT uid FROM _olds)")
                   .fetchall())
        con.unregister("_olds")
        assigned, merged = stable_ids(fresh, previous, seq)
        keys = sorted(assigned)
        con.register("_assign", pa.table({
            "article_id": pa.array([k[0] for k in keys], pa.string()),
            "event_id": pa.array([k[1] for k in keys], pa.string()),
            "uid": pa.array([assigned[k] for k in keys], pa.string())}))
        con.execute("UPDATE mentions SET event_uid = _assign.uid FROM _assign"
                    " WHERE mentions.article_id = _assign.article_id AND mentions.event_id = _assign.event_id")
        con.execute("DELETE FROM events WHERE block_key IN (SELECT block_key FROM _dirty)")
        con.execute(_EVENTS_SQL)
        _record_ids(con, sorted(set(assigned.values())), merged)
        con.unregister("_assign")
        con.unregister("_dirty")
        con.commit()
    except BaseException:
        _rollback(con)
        raise
    log.debug("re-merged %d dedup blocks", len(dirty))
    return len(dirty)


def _record_ids(con, live: list[str], merged: dict[str, str]) -> None:
    """New ids get the next sequence numbers; live ids point nowhere; absorbed ids point to their survivor."""
    con.register("_live", pa.table({"uid": pa.array(live, pa.string())}))
    start = con.execute("SELECT coalesce(max(seq), 0) FROM event_ids").fetchall()[0][0]
    con.execute("INSERT INTO event_ids SELECT uid, ? + row_number() OVER (ORDER BY uid), NULL FROM _live"
                " WHERE uid NOT IN (SELECT event_uid FROM event_ids)", [start])
    con.execute("UPDATE event_ids SET merged_into = NULL WHERE merged_into IS NOT NULL"
                " AND event_uid IN (SELECT uid FROM _live)")
    con.unregister("_live")
    if merged:
        olds = sorted(merged)
        con.register("_merged", pa.table({"old": pa.array(olds, pa.string()),
                                          "new": pa.array([merged[o] for o in olds], pa.string())}))
        con.execute("UPDATE event_ids SET merged_into = _merged.new FROM _merged WHERE event_ids.event_uid = _merged.old")
        con.unregister("_merged")


def resolve_event_id(con, event_uid: str, max_hops: int = 20) -> str | None:
    """The live event an id now stands for: itself, the event it was merged into (followed), or None."""
    current = event_uid
    for _ in range(max_hops):
        try:
            found = con.execute("SELECT merged_into FROM event_ids WHERE event_uid = ?", [current]).fetchall()
        except Exception:  # a store made before event_ids existed (opened read-only, so never migrated)
            return None
        if not found:
            return None
        if found[0][0] is None:
            return current
        current = found[0][0]
    return None
