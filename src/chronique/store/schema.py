"""The corpus tables: DuckDB DDL, matching Arrow schemas (for Parquet shards), and the connection.

One DuckDB file, one writing process. Extensions are never installed or auto-loaded: Parquet,
CSV and JSON output go through pyarrow, so a store works with the network cut.
"""
from __future__ import annotations

import logging

import pyarrow as pa

from .spelling import FOLD_SQL

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# table -> [(column, duckdb type, arrow type)]; the order is the column order of both.
_S, _I, _F, _B, _D, _T = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32(), pa.timestamp("us")
COLUMNS: dict[str, list[tuple[str, str, pa.DataType]]] = {
    "articles": [
        ("id", "VARCHAR", _S), ("source", "VARCHAR", _S), ("url", "VARCHAR", _S), ("title", "VARCHAR", _S),
        ("language", "VARCHAR", _S), ("published", "DATE", _D), ("text", "VARCHAR", _S),
        ("removed", "JSON", _S), ("num_actors", "INTEGER", _I), ("num_events", "INTEGER", _I),
        ("num_quotes", "INTEGER", _I), ("ingested_at", "TIMESTAMP", _T),
    ],
    "actors": [
        ("article_id", "VARCHAR", _S), ("actor_id", "VARCHAR", _S), ("name", "VARCHAR", _S),
        ("kind", "VARCHAR", _S), ("country", "VARCHAR", _S), ("sector", "VARCHAR", _S), ("role", "VARCHAR", _S),
        ("mentions", "JSON", _S), ("aliases", "JSON", _S),
        ("kb_id", "VARCHAR", _S),  # the knowledge base's stable id: one actor across articles and languages
    ],
    "mentions": [
        ("article_id", "VARCHAR", _S), ("event_id", "VARCHAR", _S),
        ("source_name", "VARCHAR", _S), ("source_actor", "VARCHAR", _S), ("source_country", "VARCHAR", _S),
        ("source_sector", "VARCHAR", _S),
        ("target_name", "VARCHAR", _S), ("target_actor", "VARCHAR", _S), ("target_country", "VARCHAR", _S),
        ("target_sector", "VARCHAR", _S),
        ("cameo", "VARCHAR", _S), ("cameo_root", "VARCHAR", _S), ("cameo_name", "VARCHAR", _S),
        ("plover", "VARCHAR", _S), ("goldstein", "DOUBLE", _F), ("quad_class", "INTEGER", _I),
        ("date", "DATE", _D), ("date_text", "VARCHAR", _S), ("date_precision", "VARCHAR", _S),
        ("location_name", "VARCHAR", _S), ("location_country", "VARCHAR", _S),
        ("lat", "DOUBLE", _F), ("lon", "DOUBLE", _F),
        ("modality", "VARCHAR", _S), ("negated", "BOOLEAN", _B), ("trigger", "VARCHAR", _S),
        ("sentence_start", "INTEGER", _I), ("sentence_end", "INTEGER", _I), ("sentence_text", "VARCHAR", _S),
        ("confidence", "DOUBLE", _F), ("language", "VARCHAR", _S), ("published", "DATE", _D),
        ("url", "VARCHAR", _S),
        ("block_key", "VARCHAR", _S),  # dedup blocking key (see chronique.dedup)
        ("event_uid", "VARCHAR", _S),  # the merged event; NULL until events are refreshed
        ("source_kb_id", "VARCHAR", _S), ("target_kb_id", "VARCHAR", _S),  # the parties' actors' kb_id
    ],
    "quotes": [
        ("article_id", "VARCHAR", _S), ("quote_no", "INTEGER", _I), ("speaker_name", "VARCHAR", _S),
        ("speaker_actor", "VARCHAR", _S), ("speaker_country", "VARCHAR", _S), ("cue", "VARCHAR", _S),
        ("direct", "BOOLEAN", _B), ("start", "INTEGER", _I), ("end", "INTEGER", _I), ("text", "VARCHAR", _S),
    ],
    "failures": [
        ("failure_id", "VARCHAR", _S), ("article_id", "VARCHAR", _S), ("source", "VARCHAR", _S),
        ("kind", "VARCHAR", _S), ("message", "VARCHAR", _S), ("time", "TIMESTAMP", _T),
    ],
    "events": [
        ("event_uid", "VARCHAR", _S), ("block_key", "VARCHAR", _S), ("dyad", "VARCHAR", _S),
        ("source_name", "VARCHAR", _S), ("source_country", "VARCHAR", _S), ("source_sector", "VARCHAR", _S),
        ("target_name", "VARCHAR", _S), ("target_country", "VARCHAR", _S), ("target_sector", "VARCHAR", _S),
        ("cameo", "VARCHAR", _S), ("cameo_root", "VARCHAR", _S), ("plover", "VARCHAR", _S),
        ("goldstein", "DOUBLE", _F), ("quad_class", "INTEGER", _I), ("date", "DATE", _D),
        ("location_name", "VARCHAR", _S), ("location_country", "VARCHAR", _S),
        ("lat", "DOUBLE", _F), ("lon", "DOUBLE", _F),
        ("num_mentions", "INTEGER", _I), ("num_sources", "INTEGER", _I), ("num_articles", "INTEGER", _I),
        ("languages", "VARCHAR", _S), ("confidence", "DOUBLE", _F), ("first_seen", "TIMESTAMP", _T),
        ("source_url", "VARCHAR", _S), ("sentence_text", "VARCHAR", _S),
    ],
}
# Rows an ingest writes per article (events are derived afterwards from mentions).
ARTICLE_TABLES = ("articles", "actors", "mentions", "quotes")
PRIMARY_KEYS = {"articles": "id", "failures": "failure_id", "events": "event_uid"}

_EXTRA_DDL = [
    "CREATE TABLE IF NOT EXISTS shards (shard_id VARCHAR PRIMARY KEY, articles INTEGER, loaded_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP,"
    " mode VARCHAR, read INTEGER, stored INTEGER, duplicates INTEGER, failed INTEGER)",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    # Input lines (source) whose article another line had stored: read = stored + duplicates + failed.
    "CREATE TABLE IF NOT EXISTS duplicates (article_id VARCHAR, source VARCHAR, time TIMESTAMP,"
    " PRIMARY KEY (article_id, source))",
    # Every event id ever given, in the order given (seq); merged_into: the event that took its mentions.
    "CREATE TABLE IF NOT EXISTS event_ids (event_uid VARCHAR PRIMARY KEY, seq BIGINT, merged_into VARCHAR)",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS mentions_block ON mentions(block_key)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_uid)",
    "CREATE INDEX IF NOT EXISTS actors_article ON actors(article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
    "CREATE INDEX IF NOT EXISTS events_block ON events(block_key)",
]

# Columns the store derives from a row's others as it stores it; not in the Parquet shards nor in exports.
# sentence_folded: the evidence sentence as the free-text filter compares it (lower case, no accents), so
# a search reads a column instead of folding every sentence again.
DERIVED_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "mentions": [("sentence_folded", "VARCHAR", FOLD_SQL.format("sentence_text"))],
}

DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, atype) for name, _, atype in COLUMNS[table]])


def column_names(table: str) -> list[str]:
    return [name for name, _, _ in COLUMNS[table]]


def ddl() -> list[str]:
    statements = []
    for table, cols in COLUMNS.items():
        body = ", ".join(f'"{name}" {dtype}' + (" PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else "")
                         for name, dtype, _ in cols)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    return statements + _EXTRA_DDL


def visible_columns(table: str, *, exclude: tuple[str, ...] = ()) -> str:
    """The table's own columns (no derived ones), quoted, for a SELECT that shows or exports rows."""
    return ", ".join(f'"{name}"' for name in column_names(table) if name not in exclude)


def connect(path: str, read_only: bool = False):
    """A DuckDB connection with extension auto-install/auto-load off; creates the tables when writable.

    A store written before a derived column existed gains it (filled from its rows) the next time it is
    opened, read-only included: the file is opened writable for that moment when nothing else holds it.
    """
    import duckdb

    con = duckdb.connect(str(path), read_only=read_only, config=dict(DUCKDB_CONFIG))
    if not read_only:
        for statement in ddl():
            con.execute(statement)
        _add_missing_columns(con)
        _add_derived_columns(con)
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    elif _lacks_derived_columns(con):
        con.close()
        try:
            connect(path).close()
            log.info("%s: derived search columns added", path)
        except duckdb.Error as exc:
            log.warning("%s lacks its search columns and cannot be updated now (%s): free-text search "
                        "fails until it is opened once for writing", path, exc)
        con = duckdb.connect(str(path), read_only=True, config=dict(DUCKDB_CONFIG))
    return con


def _lacks_derived_columns(con) -> bool:
    for table, cols in DERIVED_COLUMNS.items():
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        if not present:  # not a store yet (or another file): nothing to add
            return False
        if any(name not in present for name, _, _ in cols):
            return True
    return False


def _add_derived_columns(con) -> None:
    """Derived columns added where missing and filled where a row lacks them (rows of an older version)."""
    for table, cols in DERIVED_COLUMNS.items():
        for name, dtype, expr in cols:
            con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {dtype}')
            con.execute(f'UPDATE {table} SET "{name}" = {expr} WHERE "{name}" IS NULL AND {expr} IS NOT NULL')


def _add_missing_columns(con) -> None:
    """A store written by an older version gains the columns added since (NULL in its old rows)."""
    for table, cols in COLUMNS.items():
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        for name, dtype, _ in cols:
            if name not in present:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')
