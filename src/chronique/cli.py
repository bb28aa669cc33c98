"""The ``chronique`` command. Only this layer prints; the library logs.

Exit codes: 0 every article extracted; 1 at least one article got an error record
(the others were still written); 2 bad command-line usage; 3 an internal error (a bug in chronique,
its traceback on stderr), so a script can tell a crash from a bad article.
"""
from __future__ import annotations

import argparse
import errno
import importlib
import json
import logging
import os
import sys
import traceback
from datetime import date

from . import __version__
from .errors import ChroniqueError, WriteError
from .records import ArticleResult

EXIT_INTERNAL = 3
EXIT_WRITE = 4  # a file could not be written (disk full...); rerun the same command once fixed
FULL_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}

# Subcommand modules, each with ``register(subparsers)``; a module that is absent is skipped.
COMMAND_MODULES = ("chronique.cli_corpus", "chronique.cli_eval", "chronique.cli_serve", "chronique.cli_whois")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from exc


def _non_negative(value: str) -> float:
    try:
        number = float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from exc
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value!r}")
    return number


def add_budget_options(parser: argparse.ArgumentParser) -> None:
    """``--time-budget`` and ``--memory-budget``: what one article may cost before it becomes a ``too_costly``
    error record (the others go on)."""
    from .budget import Budget

    default = Budget()
    parser.add_argument("--time-budget", type=_non_negative, default=default.seconds, metavar="SECONDS",
                        help=f"seconds one article may take (default {default.seconds:g}; 0: no limit)")
    parser.add_argument("--memory-budget", type=_non_negative, default=default.memory_bytes / 1e6, metavar="MB",
                        help=f"MB the process may grow by for one article (default {default.memory_bytes / 1e6:g}; "
                             "0: no limit)")


def budget_from_args(args: argparse.Namespace):
    from .budget import Budget

    return Budget(seconds=args.time_budget or None,
                  memory_bytes=int(args.memory_budget * 1e6) if args.memory_budget else None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronique", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"chronique {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract actors, events, quotes from articles",
                        description="Extract one record per article. Exit 0: all ok; 1: some article failed; "
                                    "3: internal error.")
    ex.add_argument("paths", nargs="*", default=["-"], help="files, folders, globs, or - for stdin")
    ex.add_argument("--format", choices=["table", "json", "jsonl"], default=None,
                    help="table on a terminal, jsonl when piped")
    ex.add_argument("--published", type=_iso_date, help="publication date, anchor of relative dates")
    ex.add_argument("--language", default="auto", help="auto (default), fr or en")
    ex.add_argument("--input-format", choices=["text", "html", "jsonl", "jsonl.gz"], default=None)
    ex.add_argument("--include-text", action="store_true", help="add the cleaned text to each record")
    ex.add_argument("--min-confidence", type=float, default=0.0, metavar="C",
                    help="keep only events with confidence >= C (0.5 trades recall for precision; see README)")
    add_budget_options(ex)
    ex.set_defaults(handler=cmd_extract)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Pipeline
    from .read import read_paths

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    pipeline = Pipeline(language=args.language, min_confidence=args.min_confidence, budget=budget_from_args(args))
    results = pipeline.run(read_paths(args.paths, args.input_format), published=args.published)
    failed = 0
    collected = []
    for result in results:
        failed += not result.ok
        if fmt == "jsonl":
            print(json.dumps(result.to_dict(args.include_text), ensure_ascii=False), flush=True)
        elif fmt == "json":
            collected.append(result.to_dict(args.include_text))
        else:
            print(render_table(result))
    if fmt == "json":
        print(json.dumps(collected if len(collected) != 1 else collected[0], ensure_ascii=False, indent=2))
    if failed:
        print(f"chronique: {failed} article(s) failed; see their error records", file=sys.stderr)
    return 1 if failed else 0


def _cut(text: str | None, width: int) -> str:
    text = (text or "-").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result: ArticleResult) -> str:
    lines = [f"== {result.source}  id={result.id}  lang={result.language or '-'}  "
             f"published={result.published or '-'}"]
    if result.error:
        lines.append(f"   ERROR [{result.error.kind}] {result.error.message}")
        return "\n".join(lines)
    if result.removed:
        lines.append("   removed: " + "; ".join(f"{r.kind}: {_cut(r.text, 40)}" for r in result.removed))
    lines.append(f"   EVENTS ({len(result.events)})")
    lines.append(f"   {'source':<24} {'target':<24} {'cameo':<5} {'plover':<10} {'date':<10} {'modality':<13} place")
    for e in result.events:
        src = f"{_cut(e.source.name, 18)} {e.source.country or ''}"
        tgt = f"{_cut(e.target.name, 18)} {e.target.country or ''}" if e.target else "-"
        when = e.date.value.isoformat() if e.date and e.date.value else "-"
        neg = " NOT" if e.negated else ""
        lines.append(f"   {src:<24} {tgt:<24} {e.cameo:<5} {(e.plover or '-'):<10} {when:<10} "
                     f"{e.modality + neg:<13} {e.location.name if e.location else '-'}")
        lines.append(f"      «{_cut(e.sentence.text, 110)}»")
    lines.append(f"   QUOTES ({len(result.quotes)})")
    for q in result.quotes:
        lines.append(f"   {_cut(q.speaker.name, 22):<22} {_cut(q.cue, 14):<14} «{_cut(q.text, 80)}»")
    lines.append(f"   ACTORS ({len(result.actors)})")
    for a in result.actors:
        lines.append(f"   {a.id:<4} {_cut(a.name, 30):<30} {a.kind:<12} {a.country or '-':<4} {a.sector or '-':<4} "
                     f"{a.role or '-'}  ({len(a.mentions)} mentions)")
    return "\n".join(lines)


def is_full_disk(exc: BaseException) -> bool:
    """An OSError of a full disk or quota, or a read-only file system (pyarrow and DuckDB give the message only)."""
    if isinstance(exc, OSError) and exc.errno in FULL_DISK_ERRNOS:
        return True
    return any(os.strerror(code) in str(exc) for code in FULL_DISK_ERRNOS)


def one_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except WriteError as exc:
        print(f"chronique: {exc}", file=sys.stderr)
        return EXIT_WRITE
    except ChroniqueError as exc:
        print(f"chronique: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input (bad input is data): its own exit code
        if is_full_disk(exc):
            print(f"chronique: {args.command} stopped: {one_line(exc)}; nothing was left half-written: run the "
                  "same command again once there is room", file=sys.stderr)
            return EXIT_WRITE
        traceback.print_exc()
        print(f"chronique: internal error in `{args.command}` (a bug; the traceback is above)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
