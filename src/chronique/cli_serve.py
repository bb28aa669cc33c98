"""``chronique serve``: the analyst's page and JSON API over a corpus, on this machine."""
from __future__ import annotations

import argparse
import os
import sys

DEFAULT_DB = "chronique.duckdb"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
EXIT_USAGE = 2


def register(sub) -> None:
    p = sub.add_parser("serve", help="browse the corpus in a web page (and its JSON API)",
                       description="Serve the corpus read-only on http://HOST:PORT/ (pages, /api/..., /docs).")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the DuckDB file (default {DEFAULT_DB}; it must exist)")
    p.add_argument("--create", action="store_true", help="start an empty store if --db does not exist")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this Host name (repeatable; the bound address and "
                        "127.0.0.1, localhost, [::1] always are; '*': any, which opens the way to DNS rebinding)")
    p.add_argument("--allow-store", action="store_true", help="let 'Try it' add what it extracts to the corpus")
    p.add_argument("--no-store", action="store_true", help=argparse.SUPPRESS)  # the old opt-out, now the default
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a request may take (default 30)")
    p.add_argument("--max-upload", type=int, default=2_000_000, help="bytes an upload may have (default 2000000)")
    p.add_argument("--cache-mb", type=float, default=64.0, metavar="MB",
                   help="megabytes of event listings kept in memory, least recently used out (default 64; 0: none)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    if not args.create and not os.path.exists(args.db):
        print(f"chronique: no store at {args.db} (check the path, or give --create to serve an empty one)",
              file=sys.stderr)
        return EXIT_USAGE
    import uvicorn

    from .web.app import create_app
    from .web.origin import allowed_hosts

    hosts = allowed_hosts(args.host, args.allow_host)
    if args.cache_mb < 0:
        print("chronique: --cache-mb must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    app = create_app(args.db, allow_store=args.allow_store and not args.no_store, max_upload_bytes=args.max_upload,
                     timeout_s=args.timeout, hosts=hosts, create=args.create,
                     cache_bytes=int(args.cache_mb * 1024 * 1024))
    # the models load (in the "Try it" process) before the first request is accepted, so the first "Try it"
    # is not the slow one
    print("chronique: loading the language models for 'Try it' and the search tables…", file=sys.stderr)
    from .store import spelling

    app.state.extractor.start()
    spelling.warm()  # while the models load in their own process
    print(f"chronique: models loaded in {app.state.extractor.wait_ready():.1f} s", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"chronique: serving on {args.host}: other machines can read this corpus", file=sys.stderr)
        if args.host in ("0.0.0.0", "::") and hosts is not None:
            print("chronique: other machines must reach it by a name or address given with --allow-host",
                  file=sys.stderr)
    if args.allow_store:
        print("chronique: 'Try it' may store into the corpus (--allow-store)", file=sys.stderr)
    print(f"chronique: http://{args.host}:{args.port}/  (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
