"""What each page shows, as plain JSON-able dicts: the HTML page and its ``/api`` twin share these."""
from __future__ import annotations

import json
import logging
import math
import threading
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from urllib.parse import urlencode

import pandas as pd
import pyarrow as pa

from .. import tables
from ..records import ArticleResult
from ..store import queries as store_queries
from ..store import spelling as store_spelling
from . import geo, queries
from .highlight import Span, article_spans, find_in, segments

log = logging.getLogger(__name__)

MODALITIES = ("asserted", "reported_past", "intended")  # the contract's modality values
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def rows(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as dicts of plain Python values (None for nulls, NaN included)."""
    if df is None or df.empty:
        return []
    out = pa.Table.from_pandas(df, preserve_index=False).to_pylist()
    for row in out:
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
            elif isinstance(value, Decimal):  # sums of integers come back as DECIMAL/HUGEINT
                row[key] = int(value) if value == value.to_integral_value() else float(value)
    return out


def _json(value, default):
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return value


@cache
def cameo_roots() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in tables.cameo_codes().values() if len(c.code) == 2]


def cameo_name_shown(code: str | None, name: str | None) -> str:
    """A CAMEO code's name in the interface's language: the codebook's (English) name, or in French the
    name of its root (the codebook has no French names below the roots)."""
    from . import i18n

    if i18n.current.get() != "en" and code:
        return i18n.translate(f"root.{code[:2]}")
    return name or ""


@cache
def plover_classes() -> list[str]:
    return sorted({c.plover for c in tables.cameo_codes().values() if c.plover})


@cache
def reference_points() -> list[dict]:
    """Country capitals (GeoNames countryInfo, in the package) drawn as the map's reference layer."""
    return [{"iso3": c.iso3, "name": c.name, "capital": c.capital, "lat": c.lat, "lon": c.lon}
            for c in tables.countries().values() if c.lat is not None and c.lon is not None]


# -- events
def events_page(con, filters: dict, *, order: str, limit: int, offset: int, counts: dict | None = None) -> dict:
    """One page of the filtered events with how sure each is; ``counts``: the filter's
    :func:`queries.event_counts` when the caller has them (they do not change with the page or order)."""
    counts = counts or queries.event_counts(con, **filters)
    return {"total": counts["total"], "by_quad_class": counts["by_quad_class"], "limit": limit, "offset": offset,
            "order": order, "filters": {k: v for k, v in filters.items() if v not in (None, "")},
            "events": [_shown(e) for e in queries.event_page_rows(con, filters, order=order, limit=limit, offset=offset)]}


def _shown(e: dict) -> dict:
    e["modalities"] = e.get("modalities") or []
    e["negated"] = bool(e.get("negated"))
    e["date_shown"] = show_date(e.get("date"), e.get("date_precision"))
    return e


def with_certainty(con, events: list[dict]) -> list[dict]:
    """Each event with how sure it is: its mentions' modalities, whether any is negated, and its date
    at the precision it was given (``2014``, not ``2014-01-01``)."""
    found = {r["event_uid"]: r for r in rows(queries.certainty(con, [e["event_uid"] for e in events]))}
    for e in events:
        c = found.get(e["event_uid"]) or {}
        e["modalities"] = c.get("modalities") or []
        e["negated"] = bool(c.get("negated"))
        e["date_precision"] = c.get("date_precision")
        e["date_shown"] = show_date(e.get("date"), e["date_precision"])
    return events


def event_page(con, event_uid: str) -> dict | None:
    found = rows(queries.event(con, event_uid))
    if not found:
        return None
    mentions = rows(store_queries.mentions(con, event_uid))
    articles = {a["id"]: a for a in rows(queries.articles_by_id(con, sorted({m["article_id"] for m in mentions})))}
    for i, m in enumerate(mentions, 1):
        article = articles.get(m["article_id"]) or {}
        text = article.get("text") or ""
        s, e = m["sentence_start"], m["sentence_end"]
        spans = [Span(s, e, "evidence", "evidence sentence", anchor=f"evidence-{i}")]
        trigger = find_in(text, m.get("trigger"), s, e)
        if trigger:
            spans.append(trigger)
        m["article"] = {k: v for k, v in article.items() if k != "text"}
        m["segments"] = [seg.to_dict() for seg in segments(text, spans)]
        m["anchor"] = f"mention-{i}"
    by_article: dict[str, dict] = {}
    for m in mentions:
        group = by_article.setdefault(m["article_id"], {"article_id": m["article_id"], "article": m["article"],
                                                        "mentions": []})
        group["mentions"].append(m["anchor"])
    event = found[0]
    return {"event": event, "mentions": mentions, "articles": list(by_article.values()),
            "cite": cite(event, mentions)}


def cite(event: dict, mentions: list[dict]) -> dict:
    """What a citation of the event needs: its path, code, date (at its precision), parties, sources."""
    precision = next((m["date_precision"] for m in mentions if m.get("date") == event.get("date")
                      and m.get("date_precision")), None)
    sources = []
    for m in mentions:
        article = m.get("article") or {}
        entry = {"title": article.get("title"), "url": article.get("url"), "published": article.get("published"),
                 "article_id": m["article_id"]}
        if entry not in sources:
            sources.append(entry)
    parties = " → ".join(p for p in (event.get("source_name"), event.get("target_name")) if p)
    when = show_date(event.get("date"), precision)
    text = (f"chronique event {event['event_uid']}: CAMEO {event['cameo']} ({parties}), {when or 'undated'}; "
            f"{len(sources)} source(s): " + "; ".join(s["url"] or s["title"] or s["article_id"] for s in sources))
    return {"path": f"/events/{event['event_uid']}", "event_uid": event["event_uid"], "cameo": event["cameo"],
            "date": when, "date_precision": precision, "parties": parties, "sources": sources, "text": text}


def show_date(value, precision: str | None) -> str | None:
    """A date written at its precision: ``2014`` for a year, ``2014-03`` for a month."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return {"year": text[:4], "month": text[:7]}.get(precision or "day", text)


# -- actors
def actors_page(con, *, country: str | None, q: str | None, limit: int, offset: int) -> dict:
    total, df = queries.actor_list(con, country=country, q=q, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset,
            "filters": {k: v for k, v in {"country": country, "q": q}.items() if v}, "actors": rows(df)}


def actor_page(con, name: str, country: str | None = None, *, limit: int = 100) -> dict | None:
    records = rows(queries.actor_rows(con, name, country))
    n_source, as_source = queries.actor_events(con, name, "source", limit=limit)
    n_target, as_target = queries.actor_events(con, name, "target", limit=limit)
    if not records and not n_source and not n_target:
        return None
    tally = {key: Counter(r[key] for r in records if r[key]) for key in ("kind", "country", "sector", "role")}
    return {
        "name": name,
        "articles": len({r["article_id"] for r in records}),
        "kinds": dict(tally["kind"]), "countries": dict(tally["country"]), "sectors": dict(tally["sector"]),
        "roles": dict(tally["role"]),
        "spellings": rows(queries.actor_spellings(con, name, country)),
        "as_source": {"total": n_source, "events": with_certainty(con, rows(as_source))},
        "as_target": {"total": n_target, "events": with_certainty(con, rows(as_target))},
        "quotes": rows(queries.actor_quotes(con, name, limit=limit)),
        "chart": time_series(con, {"name": name}),
    }


# -- dyads
def dyads_page(con, *, limit: int) -> dict:
    return {"total": queries.count_dyads(con), "dyads": rows(queries.top_dyads(con, limit=limit))}


def dyad_page(con, a: str, b: str, *, by: str, directed: bool) -> dict:
    pair = {"dyad": f"{a.upper()}-{b.upper()}"} if directed else {"pair": f"{a.upper()}-{b.upper()}"}
    raw = rows(store_queries.dyad(con, a, b, by=by, directed=directed))
    totals = {f"q{q}": sum(p[k] for p in raw) for q, k in
              ((1, "q1_verbal_coop"), (2, "q2_material_coop"), (3, "q3_verbal_conflict"), (4, "q4_material_conflict"))}
    weights = sum(p["events"] for p in raw)
    mean = sum((p["mean_goldstein"] or 0) * p["events"] for p in raw) / weights if weights else None
    series = fill_periods(raw, by, pair)
    return {"a": a.upper(), "b": b.upper(), "by": by, "directed": directed, "events": weights, "totals": totals,
            "mean_goldstein": mean, "series": series}


# -- time series
MIN_EVENTS_FOR_MEAN = 3  # a mean Goldstein of one or two events is noise: not drawn


def _next_period(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def _period_end(start: date, by: str) -> date:
    return _next_period(start, by) - timedelta(days=1)


def period_label(day: date, by: str) -> str:
    """'2021-04' for a month, '2021' for a year, '2021-W14' for a week, the ISO date for a day."""
    if by == "month":
        return day.strftime("%Y-%m")
    if by == "year":
        return str(day.year)
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


COUNT_KEYS = ("events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict", "mentions")


def fill_periods(series: list[dict], by: str, filters: dict | None = None) -> list[dict]:
    """Every period from the first to the last, the empty ones with zero events (so a gap shows as a gap),
    each labelled, with a link to its events; mean Goldstein only where a period has enough events."""
    if not series:
        return []
    found = {p["period"]: p for p in series}
    out, day, last = [], series[0]["period"], series[-1]["period"]
    while day <= last:
        p = dict(found.get(day) or {**dict.fromkeys(COUNT_KEYS, 0), "period": day, "mean_goldstein": None})
        if p["events"] < MIN_EVENTS_FOR_MEAN:
            p["mean_goldstein"] = None
        p["label"] = period_label(day, by)
        p["href"] = url_of("/events", {**(filters or {}), "since": day.isoformat(),
                                        "until": _period_end(day, by).isoformat()})
        out.append(p)
        day = _next_period(day, by)
        if len(out) > 5000:  # a day series over decades: stop rather than draw 10^5 empty bars
            break
    return out


def url_of(path: str, params: dict) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", False)})
    return f"{path}?{query}" if query else path


def time_series(con, filters: dict) -> dict:
    """Events per period under the events filters: per month, per year when they span over 8 years."""
    span = queries.date_span(con, **filters)
    if span is None:
        return {"by": "month", "series": []}
    by = "year" if (span[1] - span[0]).days > 8 * 366 else "month"
    return {"by": by, "series": fill_periods(rows(queries.event_series(con, by=by, **filters)), by,
                                             {k: v for k, v in filters.items() if k not in ("since", "until")})}


# -- map
MAX_RADIUS = 16.0  # map units: the biggest place does not hide its neighbours


@cache
def base_map() -> list[dict]:
    """Country outlines (Natural Earth 1:110m, derived by scripts/build_base_map.py) in the map's frame."""
    return [{"iso3": r[0], "name": r[1], "path": r[2]} for r in tables._rows("geo/world_map.tsv", 3)]


def _is_country_level(place: dict) -> bool:
    """A place that is a whole country ("Syrie", "Ukraine"): drawn as the country, not as a point."""
    return bool(place["country"]) and any(place["country"] in store_spelling.resolve(n).iso3 for n in place["names"])


def map_page(con, filters: dict, *, limit: int) -> dict:
    found = rows(queries.places(con, limit=limit, **filters))
    counts = queries.event_counts(con, **filters)
    points, countries = [], []
    for p in found:
        p["names"] = [n for n in (p.get("names") or []) if n] or [p["name"]]
        p["radius"] = min(MAX_RADIUS, 3 + 2.5 * p["events"] ** 0.5)
        p["x"], p["y"], p["moved"] = geo.place_on_land(p["country"], p["lat"], p["lon"])
        (countries if _is_country_level(p) else points).append(p)
    by_country = dict(queries.facets(con, size=400, **filters)["country"])
    peak = max(by_country.values(), default=0)
    shades = {iso3: min(5, 1 + int(5 * (n / peak) ** 0.5)) if peak else 0 for iso3, n in by_country.items()}
    return {"total": counts["total"], "placed": sum(p["events"] for p in found),
            "filters": {k: v for k, v in filters.items() if v not in (None, "")}, "places": points,
            "country_places": countries, "by_country": by_country, "shades": shades}


# -- articles
def articles_page(con, *, lang: str | None, q: str | None, limit: int, offset: int) -> dict:
    total, df = queries.article_list(con, lang=lang, q=q, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset,
            "filters": {k: v for k, v in {"lang": lang, "q": q}.items() if v}, "articles": rows(df)}


def _party(name, actor, country, sector) -> dict | None:
    if name is None:
        return None
    return {"actor": actor, "name": name, "country": country, "sector": sector}


def stored_article_doc(tables_: dict[str, pd.DataFrame]) -> dict:
    """A stored article's rows back in the contract's shape (``chronique.article/1``), text included."""
    art = rows(tables_["article"])[0]
    article = {k: art[k] for k in ("id", "source", "url", "title", "language", "published", "text")}
    article["removed"] = _json(art["removed"], [])
    actors = [{**{k: a[k] for k in ("actor_id", "name", "kind", "country", "sector", "role")},
               "id": a["actor_id"], "mentions": _json(a["mentions"], []), "aliases": _json(a["aliases"], [])}
              for a in rows(tables_["actors"])]
    events = []
    for m in rows(tables_["mentions"]):
        location = None
        if m["location_name"]:
            location = {"name": m["location_name"], "country": m["location_country"], "lat": m["lat"], "lon": m["lon"]}
        events.append({
            "id": m["event_id"], "event_uid": m["event_uid"],
            "source": _party(m["source_name"], m["source_actor"], m["source_country"], m["source_sector"]),
            "target": _party(m["target_name"], m["target_actor"], m["target_country"], m["target_sector"]),
            "cameo": m["cameo"], "cameo_root": m["cameo_root"], "cameo_name": m["cameo_name"], "plover": m["plover"],
            "goldstein": m["goldstein"], "quad_class": m["quad_class"], "date": m["date"],
            "date_text": m["date_text"], "date_precision": m["date_precision"], "location": location,
            "modality": m["modality"], "negated": m["negated"], "trigger": m["trigger"],
            "sentence": {"start": m["sentence_start"], "end": m["sentence_end"], "text": m["sentence_text"]},
            "confidence": m["confidence"],
        })
    quotes = [{"speaker": {"actor": q["speaker_actor"], "name": q["speaker_name"], "country": q["speaker_country"]},
               "cue": q["cue"], "direct": q["direct"], "start": q["start"], "end": q["end"], "text": q["text"]}
              for q in rows(tables_["quotes"])]
    return {"schema": "chronique.article/1", "article": article, "actors": actors, "events": events, "quotes": quotes}


def article_view(doc: dict) -> dict:
    """A contract-shaped article plus ``segments``: its cleaned text cut for highlighting."""
    text = doc["article"].get("text") or ""
    spans = article_spans(text, doc.get("actors") or [], doc.get("events") or [], doc.get("quotes") or [])
    return {**doc, "segments": [seg.to_dict() for seg in segments(text, spans)]}


def article_page(con, article_id: str) -> dict | None:
    found = store_queries.article(con, article_id)
    return None if found is None else article_view(stored_article_doc(found))


# -- try it
_pipeline = None
_pipeline_lock = threading.Lock()  # one extraction at a time: it is CPU-bound and the models are shared


def _try_pipeline():
    global _pipeline
    if _pipeline is None:
        from ..pipeline import Pipeline

        _pipeline = Pipeline()
    return _pipeline


def warm() -> float:
    """Load the "Try it" pipeline's models and tables now (seconds taken), not on the first request."""
    import time

    start = time.perf_counter()
    with _pipeline_lock:
        _try_pipeline().warm()
    seconds = time.perf_counter() - start
    log.info("Try it: models loaded in %.1f s", seconds)
    return seconds


def extract(text: str, *, published: date | None, language: str | None, html: bool = False,
            source: str = "<pasted>", title: str | None = None) -> ArticleResult:
    with _pipeline_lock:
        return _try_pipeline().extract_text(text, published=published, language=language, html=html, source=source,
                                      title=title)
