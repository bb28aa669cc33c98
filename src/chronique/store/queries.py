"""Read queries of the store: small functions returning pandas DataFrames with Arrow-backed dtypes.

Every value reaches SQL as a bound parameter; only whitelisted identifiers (sort orders, time
buckets) are put into the SQL text. These are what the CLI and the web page call.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from ..errors import StoreError
from . import spelling
from .schema import visible_columns

EVENT_ORDERS = {
    "date": "date NULLS LAST, event_uid", "-date": "date DESC NULLS LAST, event_uid",
    "mentions": "num_mentions DESC, date DESC NULLS LAST, event_uid",
    "goldstein": "goldstein, event_uid", "-goldstein": "goldstein DESC, event_uid",
}
BUCKETS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def frame(con, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run a query; the result as a DataFrame with pyarrow-backed columns."""
    table = con.sql(sql, params=params or None).to_arrow_table()
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _root(value: str | int) -> str:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise StoreError(f"a CAMEO root is 01-20, got {value!r}")
    return f"{int(text):02d}"


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise StoreError(f"expected a date YYYY-MM-DD, got {value!r}") from exc


def event_filters(*, actor: str | None = None, country: str | None = None, dyad: str | None = None,
                  root: str | int | None = None, plover: str | None = None, since: date | str | None = None,
                  until: date | str | None = None, lang: str | None = None,
                  text: str | None = None, pair: str | None = None, name: str | None = None, place: str | None = None,
                  modality: str | None = None, negated: bool | str | None = None,
                  min_confidence: float | str | None = None, precision: str | None = None) -> tuple[str, list]:
    """(`` WHERE ...`` or ``""``, params) for the event filters; shared by every query that lists,
    counts or maps events, so they all select the same events.

    ``actor``, ``country`` and ``text`` match any spelling (see :mod:`chronique.store.spelling`);
    ``pair``: two countries ``"RUS-TUR"`` in either direction; ``name``: an actor's exact name on
    either side; ``place``: the event's place name (``|`` between spellings); ``modality``, ``negated``, ``precision`` (of the date): some mention has it;
    ``min_confidence``: the event's confidence at least this.
    """
    where, params = [], []
    if actor:
        where.append(_actor_condition(actor, params))
    if country:
        codes = spelling.countries(country)
        where.append("(list_contains(?, source_country) OR list_contains(?, target_country))")
        params += [codes, codes]
    if dyad:
        where.append("dyad = ?")
        params.append(dyad.upper())
    if pair:
        a, _, b = pair.upper().partition("-")
        where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
        params += [a, b, b, a]
    if name:
        where.append("event_uid IN (SELECT event_uid FROM mentions WHERE source_name = ? OR target_name = ?)")
        params += [name, name]
    if place:  # one place or its spellings, "Bruxelles|Brussels"
        where.append("list_contains(?, location_name)")
        params.append([p for p in place.split("|") if p])
    if root is not None and root != "":
        where.append("cameo_root = ?")
        params.append(_root(root))
    if plover:
        where.append("plover = ?")
        params.append(plover.upper())
    if since:
        where.append("date >= ?")
        params.append(_as_date(since))
    if until:
        where.append("date <= ?")
        params.append(_as_date(until))
    if lang:
        where.append("event_uid IN (SELECT event_uid FROM mentions WHERE language = ?)")
        params.append(lang)
    if modality:
        where.append("event_uid IN (SELECT event_uid FROM mentions WHERE modality = ?)")
        params.append(modality)
    if negated is not None and negated != "":
        where.append("event_uid IN (SELECT event_uid FROM mentions WHERE coalesce(negated, false) = ?)")
        params.append(_as_bool(negated))
    if precision:
        where.append("event_uid IN (SELECT event_uid FROM mentions WHERE date_precision = ?)")
        params.append(precision)
    if min_confidence is not None and min_confidence != "":
        where.append("confidence >= ?")
        params.append(_as_float(min_confidence))
    for word in (text or "").split():
        forms = sorted({spelling.fold(word)} | {spelling.fold(f) for f in spelling.resolve(word).names})
        likes = " OR ".join(["sentence_folded LIKE ?"] * len(forms))  # FOLD_SQL of sentence_text, stored
        where.append(f"event_uid IN (SELECT event_uid FROM mentions WHERE {likes})")
        params += [f"%{f}%" for f in forms]
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _actor_condition(actor: str, params: list) -> str:
    """Some mention's source or target is the actor: its folded name contains the query or one of the
    forms the tables give it, or is one of those names, or has stored aliases that do."""
    likes, names = spelling.patterns(actor)

    def any_like(column: str) -> str:
        return "(" + " OR ".join([f"{spelling.FOLD_SQL.format(column)} LIKE ?"] * len(likes)) + ")"

    aliased = f"SELECT name FROM actors WHERE {any_like('CAST(aliases AS VARCHAR)')} OR {any_like('name')}"
    params += likes + likes + [names, names] + likes * 4
    return (f"event_uid IN (SELECT event_uid FROM mentions WHERE {any_like('source_name')} OR {any_like('target_name')}"
            " OR list_contains(?::VARCHAR[], source_name) OR list_contains(?::VARCHAR[], target_name)"
            f" OR source_name IN ({aliased}) OR target_name IN ({aliased}))")


def _as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise StoreError(f"expected true or false, got {value!r}")


def _as_float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"expected a number, got {value!r}") from exc


def events(con, *, actor: str | None = None, country: str | None = None, dyad: str | None = None,
           root: str | int | None = None, plover: str | None = None, since: date | str | None = None,
           until: date | str | None = None, lang: str | None = None, text: str | None = None,
           limit: int | None = 100, offset: int = 0, order: str = "-date", **more_filters) -> pd.DataFrame:
    """Merged events, filtered (``more_filters``: the other filters of :func:`event_filters`).

    ``actor``: a substring of a source/target name in any mention (case-insensitive);
    ``country``: ISO3 on either side; ``dyad``: ``"CHN-KAZ"`` (source-target, as stored);
    ``root``: CAMEO root (``4`` or ``"04"``); ``plover``: a PLOVER class; ``since``/``until``: event
    date bounds (inclusive); ``lang``: some mention in that language; ``text``: every word occurs
    in some evidence sentence; ``order``: one of :data:`EVENT_ORDERS`.
    """
    sql, params = events_sql(actor=actor, country=country, dyad=dyad, root=root, plover=plover, since=since,
                             until=until, lang=lang, text=text, order=order, **more_filters)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    sql += " OFFSET ?"
    params.append(int(offset))
    return frame(con, sql, params)


def events_sql(*, order: str = "-date", **filters) -> tuple[str, list]:
    """(SQL, params) of every event the filters select, sorted by ``order`` (no page: exports stream it all)."""
    where, params = event_filters(**filters)
    if order not in EVENT_ORDERS:
        raise StoreError(f"order must be one of {sorted(EVENT_ORDERS)}, got {order!r}")
    return f"SELECT * EXCLUDE (block_key) FROM events{where} ORDER BY {EVENT_ORDERS[order]}", params


def mentions(con, event_uid: str) -> pd.DataFrame:
    """The mentions of one merged event (article, sentence, offsets, language)."""
    return frame(con, f"SELECT {visible_columns('mentions', exclude=('block_key',))} FROM mentions WHERE event_uid = ?"
                      " ORDER BY article_id, event_id", [event_uid])


def actors(con, *, country: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Actors across the corpus (name, kind, country, sector), with the number of articles naming them."""
    sql = ("SELECT name, kind, country, sector, count(DISTINCT article_id) AS articles,"
           " sum(json_array_length(mentions)) AS mentions FROM actors")
    params: list = []
    if country:
        sql += " WHERE country = ?"
        params.append(country.upper())
    sql += " GROUP BY name, kind, country, sector ORDER BY articles DESC, mentions DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return frame(con, sql, params)


def dyad(con, a: str, b: str, *, by: str = "month", directed: bool = False) -> pd.DataFrame:
    """Events between countries ``a`` and ``b`` per period: counts per QuadClass and mean Goldstein.

    Both directions unless ``directed``; events without a date are left out.
    """
    if by not in BUCKETS:
        raise StoreError(f"by must be one of {sorted(BUCKETS)}, got {by!r}")
    a, b = a.upper(), b.upper()
    cond = "(source_country = ? AND target_country = ?)"
    params: list = [a, b]
    if not directed:
        cond = f"({cond} OR (source_country = ? AND target_country = ?))"
        params += [b, a]
    sql = (f"SELECT date_trunc('{BUCKETS[by]}', date)::DATE AS period, count(*) AS events,"
           " count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,"
           " count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,"
           " count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,"
           " count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,"
           " avg(goldstein) AS mean_goldstein, sum(num_mentions) AS mentions"
           f" FROM events WHERE {cond} AND date IS NOT NULL GROUP BY 1 ORDER BY 1")
    return frame(con, sql, params)


def article(con, article_id: str) -> dict[str, pd.DataFrame] | None:
    """One article: its row (with the cleaned text) and its actors, mentions and quotes; None if absent."""
    row = frame(con, "SELECT * FROM articles WHERE id = ?", [article_id])
    if row.empty:
        return None
    return {
        "article": row,
        "actors": frame(con, "SELECT * EXCLUDE (article_id) FROM actors WHERE article_id = ? ORDER BY actor_id",
                        [article_id]),
        "mentions": frame(con, f"SELECT {visible_columns('mentions', exclude=('article_id', 'block_key'))}"
                               " FROM mentions WHERE article_id = ?"
                               " ORDER BY sentence_start, event_id", [article_id]),
        "quotes": frame(con, "SELECT * EXCLUDE (article_id) FROM quotes WHERE article_id = ? ORDER BY quote_no",
                        [article_id]),
    }


def failures(con, *, kind: str | None = None, limit: int | None = None) -> pd.DataFrame:
    sql, params = "SELECT source, kind, message, time, article_id FROM failures", []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    sql += " ORDER BY time, source"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return frame(con, sql, params)


def stats(con) -> dict[str, int | str | None]:
    """Corpus counts over every input line ever read: ``read`` = ``stored`` + ``duplicates`` (lines whose article
    another line had stored) + ``failed`` (rows of ``failures``); a line read again is counted once."""
    (stored, failed, events_, mentions_, actors_, quotes_, unmerged, first, last, shards) = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM failures),"
        " (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),"
        " (SELECT count(*) FROM (SELECT DISTINCT name, country FROM actors)),"
        " (SELECT count(*) FROM quotes), (SELECT count(*) FROM mentions WHERE event_uid IS NULL),"
        " (SELECT min(date) FROM events), (SELECT max(date) FROM events), (SELECT count(*) FROM shards)"
    ).fetchone()
    by_lang = dict(con.execute("SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 1")
                   .fetchall())
    try:
        duplicates = con.execute("SELECT count(*) FROM duplicates").fetchall()[0][0]
    except Exception:  # a store made before the duplicates table (opened read-only, so never migrated)
        duplicates = 0
    return {"read": stored + duplicates + failed, "stored": stored, "duplicates": duplicates, "failed": failed, "events": events_,
            "mentions": mentions_, "actors": actors_, "quotes": quotes_, "unmerged_mentions": unmerged,
            "first_event_date": first.isoformat() if first else None,
            "last_event_date": last.isoformat() if last else None,
            "shards_loaded": shards, "articles_by_language": by_lang}
