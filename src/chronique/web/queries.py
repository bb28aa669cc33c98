"""Read queries only the web page needs (the rest are :mod:`chronique.store.queries`).

Same rules as the store's queries: every value is a bound parameter; only whitelisted
identifiers enter the SQL text. Filters come from :func:`chronique.store.queries.event_filters`,
the same WHERE clause the store's own event list uses, so a page counts and maps what it lists.
"""
from __future__ import annotations

import pandas as pd

from ..store import queries as store_queries
from ..store import spelling
from ..store.queries import event_filters, frame
from ..store.spelling import FOLD_SQL, fold

EVENT_FILTERS = ("actor", "country", "dyad", "pair", "name", "place", "root", "plover", "since", "until", "lang", "text",
                 "modality", "negated", "precision", "min_confidence")


def event_counts(con, **filters) -> dict:
    """How many events the filters select, in total and per QuadClass."""
    where, params = event_filters(**filters)
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),"
        f" count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4) FROM events{where}",
        params).fetchall()[0]
    return {"total": row[0], "by_quad_class": {"1": row[1], "2": row[2], "3": row[3], "4": row[4]}}


CERTAINTY_COLUMNS = ("list(DISTINCT modality ORDER BY modality) AS modalities,"
                     " bool_or(coalesce(negated, false)) AS negated,"
                     " first(date_precision ORDER BY date NULLS LAST,"
                     "  CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END) AS date_precision")


def event_page_rows(con, filters: dict, *, order: str, limit: int, offset: int) -> list[dict]:
    """One page of the filtered events, each with its mentions' certainty (as :func:`certainty`), in one
    query, as plain dicts (no DataFrame: a page is a few dozen rows)."""
    sql, params = store_queries.events_sql(**filters, order=order)
    query = (f"WITH page AS ({sql} LIMIT ? OFFSET ?),"
             f" c AS (SELECT event_uid, {CERTAINTY_COLUMNS} FROM mentions"
             "  WHERE event_uid IN (SELECT event_uid FROM page) GROUP BY event_uid)"
             " SELECT page.*, c.modalities, c.negated, c.date_precision FROM page LEFT JOIN c USING (event_uid)"
             f" ORDER BY {store_queries.EVENT_ORDERS[order]}")
    return con.sql(query, params=params + [int(limit), int(offset)]).to_arrow_table().to_pylist()


def certainty(con, uids: list[str]) -> pd.DataFrame:
    """Per event: its mentions' modalities, any negation, and the precision of the date the event took
    (an event's date is its earliest mention date, so that mention's precision)."""
    if not uids:
        return pd.DataFrame()
    return frame(con, f"SELECT event_uid, {CERTAINTY_COLUMNS}"
                      " FROM mentions WHERE event_uid IN (SELECT unnest(?::VARCHAR[])) GROUP BY event_uid",
                 [list(uids)])  # IN a list is a hash join; list_contains(?, event_uid) searched the list per row


def event(con, event_uid: str) -> pd.DataFrame:
    return frame(con, "SELECT * EXCLUDE (block_key) FROM events WHERE event_uid = ?", [event_uid])


def articles_by_id(con, ids: list[str]) -> pd.DataFrame:
    """Title, language, date, url and cleaned text of the given articles."""
    if not ids:
        return pd.DataFrame()
    return frame(con, "SELECT id, title, url, language, published, source, text FROM articles"
                      " WHERE list_contains(?, id)", [list(ids)])


def article_list_sql(*, lang: str | None = None, q: str | None = None) -> tuple[str, str, list]:
    """(WHERE clause, ORDER BY, params) of the article list: ``q`` folded against title and id."""
    where, params = [], []
    if lang:
        where.append("language = ?")
        params.append(lang)
    if q:
        where.append(f"({FOLD_SQL.format('title')} LIKE ? OR {FOLD_SQL.format('id')} LIKE ?)")
        params += [f"%{fold(q)}%"] * 2
    cond = " WHERE " + " AND ".join(where) if where else ""
    return cond, " ORDER BY published DESC NULLS LAST, id", params


ARTICLE_COLUMNS = "id, title, language, published, source, url, num_actors, num_events, num_quotes"


def article_list(con, *, lang: str | None = None, q: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[int, pd.DataFrame]:
    cond, order, params = article_list_sql(lang=lang, q=q)
    total = con.execute(f"SELECT count(*) FROM articles{cond}", params).fetchall()[0][0]
    rows = frame(con, f"SELECT {ARTICLE_COLUMNS} FROM articles{cond}{order} LIMIT ? OFFSET ?",
                 params + [int(limit), int(offset)])
    return total, rows


def actor_list_sql(*, country: str | None = None, q: str | None = None) -> tuple[str, list]:
    """(grouped SQL, params) of the actor list; ``q`` matches any spelling (folded name, stored aliases,
    the forms the tables give it), ``country`` a code or a country's name."""
    where, params = [], []
    if country:
        where.append("list_contains(?, country)")
        params.append(spelling.countries(country))
    if q:
        likes, names = spelling.patterns(q)
        ors = [f"{FOLD_SQL.format(c)} LIKE ?" for c in ("name", "CAST(aliases AS VARCHAR)") for _ in likes]
        where.append("(" + " OR ".join(ors) + " OR list_contains(?::VARCHAR[], name))")
        params += likes + likes + [names]
    cond = " WHERE " + " AND ".join(where) if where else ""
    grouped = ("SELECT name, kind, country, sector, count(DISTINCT article_id) AS articles,"
               f" sum(json_array_length(mentions)) AS mentions FROM actors{cond} GROUP BY name, kind, country, sector")
    return grouped, params


ACTOR_ORDER = " ORDER BY articles DESC, mentions DESC, name"


def actor_list(con, *, country: str | None = None, q: str | None = None, limit: int = 50,
               offset: int = 0) -> tuple[int, pd.DataFrame]:
    """Actors as :func:`chronique.store.queries.actors` groups them, with a name filter and pages."""
    grouped, params = actor_list_sql(country=country, q=q)
    total = con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchall()[0][0]
    rows = frame(con, f"{grouped}{ACTOR_ORDER} LIMIT ? OFFSET ?", params + [int(limit), int(offset)])
    return total, rows


def actor_names(con, *, limit: int = 300) -> list[str]:
    """The most reported actor names, for the filters' autocomplete."""
    return [r[0] for r in con.execute("SELECT name FROM actors WHERE name IS NOT NULL GROUP BY name"
                                      " ORDER BY count(DISTINCT article_id) DESC, name LIMIT ?", [int(limit)]).fetchall()]


def actor_rows(con, name: str, country: str | None = None) -> pd.DataFrame:
    """Every article's record of one actor (kind, country, sector, role, aliases)."""
    sql, params = "SELECT article_id, kind, country, sector, role, aliases FROM actors WHERE name = ?", [name]
    if country:
        sql += " AND country = ?"
        params.append(country.upper())
    return frame(con, sql + " ORDER BY article_id", params)


def actor_spellings(con, name: str, country: str | None = None) -> pd.DataFrame:
    """How the actor was written in the articles: its mention texts and aliases, with counts."""
    cond, params = "name = ?", [name]
    if country:
        cond += " AND country = ?"
        params.append(country.upper())
    return frame(con, "SELECT spelling, count(*) AS seen FROM ("
                      " SELECT json_extract_string(m.value, '$.text') AS spelling"
                      f" FROM actors, json_each(actors.mentions) AS m WHERE {cond}"
                      " UNION ALL SELECT json_extract_string(a.value, '$') AS spelling"
                      f" FROM actors, json_each(actors.aliases) AS a WHERE {cond})"
                      " WHERE spelling IS NOT NULL GROUP BY spelling ORDER BY seen DESC, spelling",
                 params + params)


def actor_events(con, name: str, side: str, *, limit: int = 100) -> tuple[int, pd.DataFrame]:
    """Merged events where some mention names the actor as ``side`` (source or target)."""
    column = {"source": "source_name", "target": "target_name"}[side]
    sub = f"SELECT event_uid FROM mentions WHERE {column} = ?"
    total = con.execute(f"SELECT count(*) FROM events WHERE event_uid IN ({sub})", [name]).fetchall()[0][0]
    rows = frame(con, f"SELECT * EXCLUDE (block_key) FROM events WHERE event_uid IN ({sub})"
                      " ORDER BY date DESC NULLS LAST, event_uid LIMIT ?", [name, int(limit)])
    return total, rows


def actor_quotes(con, name: str, *, limit: int = 100) -> pd.DataFrame:
    return frame(con, "SELECT q.article_id, a.title, a.language, q.cue, q.direct, q.text FROM quotes q"
                      " JOIN articles a ON a.id = q.article_id WHERE q.speaker_name = ?"
                      " ORDER BY a.published DESC NULLS LAST, q.article_id, q.quote_no LIMIT ?", [name, int(limit)])


TOP_DYADS_SQL = (
    "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,"
    " count(*) AS events, avg(goldstein) AS mean_goldstein, min(date) AS first, max(date) AS last"
    " FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
    " AND source_country <> 'IGO' AND target_country <> 'IGO' AND source_country <> target_country"
    " GROUP BY 1, 2 ORDER BY events DESC, a, b")


def top_dyads(con, *, limit: int = 50) -> pd.DataFrame:
    """Country pairs (unordered) by number of events, with mean Goldstein."""
    return frame(con, TOP_DYADS_SQL + " LIMIT ?", [int(limit)])


def count_dyads(con) -> int:
    return con.execute(f"SELECT count(*) FROM ({TOP_DYADS_SQL})").fetchall()[0][0]


def places(con, *, limit: int = 2000, **filters) -> pd.DataFrame:
    """Events with coordinates grouped by place, under the events filters. Spellings of one place
    (Bruxelles, Brussels) geocode to one gazetteer point, so a place is its country and its point
    rounded to 0.05 degree, named by its most frequent spelling."""
    where, params = event_filters(**filters)
    where = (where + " AND" if where else " WHERE") + " lat IS NOT NULL AND lon IS NOT NULL"
    return frame(con, "SELECT mode(location_name) AS name, list(DISTINCT location_name ORDER BY location_name) AS names,"
                      " location_country AS country, avg(lat) AS lat, avg(lon) AS lon,"
                      " count(*) AS events, avg(goldstein) AS mean_goldstein,"
                      " count(*) FILTER (WHERE quad_class >= 3) AS conflict"
                      f" FROM events{where} GROUP BY location_country, round(lat * 20), round(lon * 20)"
                      " ORDER BY events DESC, name LIMIT ?", params + [int(limit)])


def date_span(con, **filters) -> tuple | None:
    where, params = event_filters(**filters)
    lo, hi = con.execute(f"SELECT min(date), max(date) FROM events{where}", params).fetchall()[0]
    return None if lo is None else (lo, hi)


def event_series(con, *, by: str, **filters) -> pd.DataFrame:
    """Events per period (``by``: month or year) with QuadClass counts and mean Goldstein, dated events only."""
    bucket = {"month": "month", "year": "year"}[by]
    where, params = event_filters(**filters)
    where = (where + " AND" if where else " WHERE") + " date IS NOT NULL"
    return frame(con, f"SELECT date_trunc('{bucket}', date)::DATE AS period, count(*) AS events,"
                      " count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,"
                      " count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,"
                      " count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,"
                      " count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,"
                      " avg(goldstein) AS mean_goldstein, sum(num_mentions) AS mentions"
                      f" FROM events{where} GROUP BY 1 ORDER BY 1", params)


FACETS = {  # facet -> SQL over the filtered events (alias e), giving (value, events)
    "country": "SELECT c, count(DISTINCT event_uid) FROM (SELECT event_uid, unnest([source_country, target_country]) AS c"
               " FROM events e{where}) WHERE c IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "actor": "SELECT n, count(DISTINCT event_uid) FROM (SELECT event_uid, unnest([source_name, target_name]) AS n"
             " FROM mentions WHERE event_uid IN (SELECT event_uid FROM events e{where}))"
             " WHERE n IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",  # any mention's parties, as name= reads them
    "root": "SELECT cameo_root, count(*) FROM events e{where} GROUP BY 1 HAVING cameo_root IS NOT NULL ORDER BY 2 DESC, 1 LIMIT ?",
    "plover": "SELECT plover, count(*) FROM events e{where} GROUP BY 1 HAVING plover IS NOT NULL ORDER BY 2 DESC, 1 LIMIT ?",
    "lang": "SELECT l, count(*) FROM (SELECT unnest(string_split(languages, ',')) AS l FROM events e{where})"
            " WHERE l <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "modality": "SELECT modality, count(DISTINCT event_uid) FROM mentions WHERE event_uid IN"
                " (SELECT event_uid FROM events e{where}) AND modality IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "year": "SELECT y, count(*) FROM (SELECT CAST(year(date) AS VARCHAR) AS y FROM events e{where})"
            " WHERE y IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT ?",
}


def facets(con, *, size: int = 8, **filters) -> dict[str, list[tuple[str, int]]]:
    """The most frequent values of each facet among the events the filters select, with their counts."""
    where, params = event_filters(**filters)
    return {name: [(str(v), int(n)) for v, n in con.execute(sql.format(where=where), params + [int(size)]).fetchall()]
            for name, sql in FACETS.items()}
