"""``chronique serve``: the analyst's page and JSON API over a corpus, on this machine."""
from __future__ import annotations

import argparse
import sys

DEFAULT_DB = "chronique.duckdb"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(sub) -> None:
    p = sub.add_parser("serve", help="browse the corpus in a web page (and its JSON API)",
                       description="Serve the corpus read-only on http://HOST:PORT/ (pages, /api/..., /docs).")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the DuckDB file (default {DEFAULT_DB}; created empty if absent)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-store", action="store_true", help="'Try it' never stores what it extracts")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a request may take (default 30)")
    p.add_argument("--max-upload", type=int, default=2_000_000, help="bytes an upload may have (default 2000000)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web.app import create_app

    app = create_app(args.db, allow_store=not args.no_store, max_upload_bytes=args.max_upload,
                     timeout_s=args.timeout)
    # the models load before the first request is accepted, so the first "Try it" is not the slow one
    from .web.pages import warm

    print("chronique: loading the language models for 'Try it'…", file=sys.stderr)
    print(f"chronique: models loaded in {warm():.1f} s", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"chronique: serving on {args.host}: other machines can read this corpus", file=sys.stderr)
    print(f"chronique: http://{args.host}:{args.port}/  (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
