"""Corpus commands: ingest, failures, events, actors, dyad, article, stats, export."""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

from .errors import StoreError

DEFAULT_DB = "chronique.duckdb"


def register(sub) -> None:
    from .cli import add_budget_options

    def with_db(p, help_="the DuckDB file"):
        p.add_argument("--db", default=DEFAULT_DB, help=f"{help_} (default {DEFAULT_DB})")
        return p

    def with_format(p, choices=("table", "json", "jsonl", "csv")):
        p.add_argument("--format", choices=choices, default=None, help="table on a terminal, jsonl when piped")
        return p

    p = with_db(sub.add_parser("ingest", help="extract articles and store them in the corpus",
                               description="Exit 0: every article stored; 1: some failed (see `failures`); "
                                           "3: internal error."))
    p.add_argument("paths", nargs="+", help="files, folders, globs (.txt, .html, .jsonl, .jsonl.gz)")
    p.add_argument("--workers", type=int, default=1, help="local worker processes (default 1)")
    p.add_argument("--dask", metavar="ADDRESS", help="a Dask scheduler address, or 'local' for a LocalCluster")
    p.add_argument("--shard-size", type=int, default=32, help="articles per shard with --workers/--dask")
    p.add_argument("--language", default="auto")
    p.add_argument("--published", type=_iso_date, help="publication date for articles that give none")
    p.add_argument("--input-format", choices=["text", "html", "jsonl", "jsonl.gz"], default=None)
    p.add_argument("--progress", choices=["auto", "always", "never"], default="auto")
    add_budget_options(p)
    p.set_defaults(handler=cmd_ingest)

    p = with_format(with_db(sub.add_parser("failures", help="articles that could not be stored")))
    p.add_argument("--kind")
    p.set_defaults(handler=cmd_failures)

    p = with_format(with_db(sub.add_parser("events", help="merged events, filtered")))
    p.add_argument("--actor"), p.add_argument("--country"), p.add_argument("--dyad", help="e.g. CHN-KAZ")
    p.add_argument("--root", help="CAMEO root, e.g. 04"), p.add_argument("--plover")
    p.add_argument("--since", type=_iso_date), p.add_argument("--until", type=_iso_date)
    p.add_argument("--lang"), p.add_argument("--text", help="words of the evidence sentence")
    p.add_argument("--limit", type=int, default=100), p.add_argument("--offset", type=int, default=0)
    p.add_argument("--order", default="-date", choices=["date", "-date", "mentions", "goldstein", "-goldstein"])
    p.set_defaults(handler=cmd_events)

    p = with_format(with_db(sub.add_parser("actors", help="actors of the corpus")))
    p.add_argument("--country"), p.add_argument("--limit", type=int, default=None)
    p.set_defaults(handler=cmd_actors)

    p = with_format(with_db(sub.add_parser("dyad", help="events between two countries over time")))
    p.add_argument("a"), p.add_argument("b")
    p.add_argument("--by", choices=["day", "week", "month", "year"], default="month")
    p.add_argument("--directed", action="store_true", help="only events from A to B")
    p.set_defaults(handler=cmd_dyad)

    p = with_db(sub.add_parser("article", help="one stored article: its cleaned text and records"))
    p.add_argument("id"), p.add_argument("--format", choices=["table", "json"], default=None)
    p.set_defaults(handler=cmd_article)

    p = with_db(sub.add_parser("stats", help="corpus counts"))
    p.add_argument("--format", choices=["table", "json"], default=None)
    p.set_defaults(handler=cmd_stats)

    p = with_db(sub.add_parser("export", help="export the corpus"))
    p.add_argument("out")
    p.add_argument("--format", choices=["parquet", "csv", "jsonl", "gdelt"], default="parquet")
    p.add_argument("--table", default="events",
                   choices=["events", "mentions", "articles", "actors", "quotes", "failures"])
    p.add_argument("--no-header", action="store_true", help="csv/gdelt without a header line (as GDELT's files)")
    p.set_defaults(handler=cmd_export)


def _iso_date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from exc


def _open(args, read_only: bool = True):
    from .store import Store

    return Store(args.db, read_only=read_only)


# ---------------------------------------------------------------- ingest and its progress bar


def count_inputs(paths: list[str]) -> int | None:
    """How many articles the paths hold (lines of JSON Lines files), for the ETA; None if unknown."""
    from .read import expand_paths, input_format_of

    total = 0
    for path in expand_paths(paths):
        if path == "-":
            return None
        fmt = input_format_of(path)
        try:
            if fmt in ("jsonl", "jsonl.gz"):
                opener = gzip.open if fmt == "jsonl.gz" else open
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
        except (OSError, EOFError):
            total += 1
    return total


class ProgressBar:
    """One line on stderr: done/total, articles/s, errors, ETA. Redrawn at most 10 times a second."""

    def __init__(self, total: int | None, stream=sys.stderr):
        self.total, self.stream = total, stream
        self.start = self.last = time.monotonic()

    def __call__(self, report, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        rate = report.read / max(now - self.start, 1e-6)
        line = f"{report.read}" + (f"/{self.total}" if self.total else "") + f" articles  {rate:.1f}/s"
        line += f"  stored {report.stored}  dup {report.duplicates}  errors {report.failed}"
        if self.total and rate > 0:
            line += f"  ETA {max(self.total - report.read, 0) / rate:.0f}s"
        self.stream.write("\r" + line.ljust(100)[:120])
        self.stream.flush()

    def close(self, report) -> None:
        self(report, force=True)
        self.stream.write("\n")


def cmd_ingest(args) -> int:
    from .cli import budget_from_args

    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    bar = ProgressBar(count_inputs(args.paths)) if show else None
    with _open(args, read_only=False) as store:
        report = store.ingest(args.paths, workers=args.workers, dask=args.dask, shard_size=args.shard_size,
                              language=args.language, published=args.published,
                              input_format=args.input_format, progress=bar, budget=budget_from_args(args))
    if bar:
        bar.close(report)
    print(f"read {report.read}, stored {report.stored}, already stored {report.duplicates}, "
          f"failed {report.failed} ({report.seconds:.1f}s, {report.mode})", file=sys.stderr)
    if report.failed:
        print(f"chronique: {report.failed} article(s) failed; see `chronique failures --db {args.db}`",
              file=sys.stderr)
    return 1 if report.failed else 0


# ---------------------------------------------------------------- queries


def _emit(df, fmt: str | None) -> None:
    import pandas as pd

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt in ("json", "jsonl"):
        records = json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
        if fmt == "json":
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            for r in records:
                print(json.dumps(r, ensure_ascii=False))
    else:
        with pd.option_context("display.max_rows", 500, "display.max_columns", 30, "display.width", 200,
                               "display.max_colwidth", 40):
            print(df.to_string(index=False) if not df.empty else "(none)")


EVENT_TABLE_COLUMNS = ["date", "dyad", "source_name", "target_name", "cameo", "plover", "goldstein",
                       "num_mentions", "num_articles", "languages", "location_name", "event_uid"]


def cmd_events(args) -> int:
    with _open(args) as store:
        df = store.events(actor=args.actor, country=args.country, dyad=args.dyad, root=args.root,
                          plover=args.plover, since=args.since, until=args.until, lang=args.lang, text=args.text,
                          limit=args.limit, offset=args.offset, order=args.order)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    _emit(df[EVENT_TABLE_COLUMNS] if fmt == "table" else df, fmt)
    return 0


def cmd_failures(args) -> int:
    with _open(args) as store:
        _emit(store.failures(kind=args.kind), args.format)
    return 0


def cmd_actors(args) -> int:
    with _open(args) as store:
        _emit(store.actors(country=args.country, limit=args.limit), args.format)
    return 0


def cmd_dyad(args) -> int:
    with _open(args) as store:
        _emit(store.dyad(args.a, args.b, by=args.by, directed=args.directed), args.format)
    return 0


def cmd_article(args) -> int:
    with _open(args) as store:
        found = store.article(args.id)
    if found is None:
        raise StoreError(f"no article {args.id!r} in {args.db}")
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        out = {name: json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
               for name, df in found.items()}
        out["article"] = out["article"][0]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    art = found["article"].iloc[0]
    print(f"== {art['id']}  {art['source']}  lang={art['language']}  published={art['published']}")
    print(art["text"])
    for name in ("mentions", "actors", "quotes"):
        print(f"\n-- {name.upper()} ({len(found[name])})")
        _emit(found[name], "table")
    return 0


def cmd_stats(args) -> int:
    with _open(args) as store:
        stats = store.stats()
    if (args.format or ("table" if sys.stdout.isatty() else "json")) == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key:<22} {value}")
    return 0


def cmd_export(args) -> int:
    with _open(args) as store:
        rows = store.export(args.out, args.format, args.table, header=not args.no_header)
    print(f"wrote {rows} {args.table} rows to {args.out} ({args.format})", file=sys.stderr)
    return 0
