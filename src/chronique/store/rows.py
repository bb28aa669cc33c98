"""ArticleResult -> table rows (plain dicts) -> Arrow tables. One conversion for every ingest mode,
so a single process, worker processes and Dask store the same rows."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pyarrow as pa

from ..dedup import mention_block_key
from ..records import ArticleResult
from .schema import ARTICLE_TABLES, arrow_schema, column_names

TABLES = ARTICLE_TABLES + ("failures",)


def empty_rows() -> dict[str, list[dict]]:
    return {table: [] for table in TABLES}


def failure_id(article_id: str | None, source: str, kind: str, message: str) -> str:
    text = "\x1f".join((article_id or "", source, kind, message))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def failure_row(article_id: str | None, source: str, kind: str, message: str, now: datetime) -> dict:
    return {"failure_id": failure_id(article_id, source, kind, message), "article_id": article_id or None,
            "source": source, "kind": kind, "message": message, "time": now}


def conflict_message(article_id: str, stored_source: str) -> str:
    return f"id {article_id!r} is already used by {stored_source} for a different text; this text was not stored"


def add_result(rows: dict[str, list[dict]], result: ArticleResult, now: datetime) -> None:
    """Append the rows of one result (an article's rows, or one failure row)."""
    if not result.ok:
        err = result.error
        rows["failures"].append(failure_row(result.id, result.source, err.kind, err.message, now))
        return
    aid = result.id
    rows["articles"].append({
        "id": aid, "source": result.source, "url": result.url, "title": result.title,
        "language": result.language, "published": result.published, "text": result.text,
        "removed": json.dumps([r.to_dict() for r in result.removed], ensure_ascii=False),
        "num_actors": len(result.actors), "num_events": len(result.events), "num_quotes": len(result.quotes),
        "ingested_at": now,
    })
    for a in result.actors:
        rows["actors"].append({
            "article_id": aid, "actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
            "sector": a.sector, "role": a.role,
            "mentions": json.dumps([m.to_dict() for m in a.mentions], ensure_ascii=False),
            "aliases": json.dumps(list(a.aliases), ensure_ascii=False), "kb_id": a.kb_id,
        })
    kb_ids = {a.id: a.kb_id for a in result.actors if a.kb_id}
    for e in result.events:
        src, tgt, loc, d = e.source, e.target, e.location, e.date
        rows["mentions"].append({
            "article_id": aid, "event_id": e.id,
            "source_name": src.name, "source_actor": src.actor, "source_country": src.country,
            "source_sector": src.sector,
            "target_name": tgt.name if tgt else None, "target_actor": tgt.actor if tgt else None,
            "target_country": tgt.country if tgt else None, "target_sector": tgt.sector if tgt else None,
            "cameo": e.cameo, "cameo_root": e.cameo_root, "cameo_name": e.cameo_name, "plover": e.plover,
            "goldstein": float(e.goldstein) if e.goldstein is not None else None, "quad_class": e.quad_class,
            "date": d.value if d else None, "date_text": d.text if d else None,
            "date_precision": d.precision if d and d.value else None,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "modality": e.modality, "negated": bool(e.negated), "trigger": e.trigger,
            "sentence_start": e.sentence.start, "sentence_end": e.sentence.end, "sentence_text": e.sentence.text,
            "confidence": round(float(e.confidence), 3), "language": result.language,
            "published": result.published, "url": result.url,
            "block_key": mention_block_key(e.cameo_root, src.name, src.country, tgt.name if tgt else None,
                                           tgt.country if tgt else None, src.sector, tgt.sector if tgt else None),
            "event_uid": None,
            "source_kb_id": kb_ids.get(src.actor), "target_kb_id": kb_ids.get(tgt.actor) if tgt else None,
        })
    for i, q in enumerate(result.quotes, 1):
        rows["quotes"].append({
            "article_id": aid, "quote_no": i, "speaker_name": q.speaker.name, "speaker_actor": q.speaker.actor,
            "speaker_country": q.speaker.country, "cue": q.cue, "direct": bool(q.direct),
            "start": q.start, "end": q.end, "text": q.text,
        })


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    schema = arrow_schema(table)
    return pa.Table.from_pydict({c: [r.get(c) for r in rows] for c in column_names(table)}, schema=schema)


def rows_to_arrow(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {table: to_arrow(table, rows[table]) for table in TABLES}
