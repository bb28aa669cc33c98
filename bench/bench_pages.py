"""Page times on a store of invented events: the server's time per page (in-process, median of N) and,
with ``--browser``, Chromium's load time and each page's width at 390 px.

Usage: python bench/bench_pages.py [--db store.duckdb | --events 10000] [--repeat 5] [--browser]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = ["/events", "/events?hl=fr", "/events?country=RUS", "/events?actor=Russie&root=19", "/events?text=diplomates", "{event}",
         "/actors", "/actor?name=RUS", "/dyads", "/dyad?a=RUS&b=TUR", "/map", "/articles", "/articles/bench-1",
         "/try", "/docs", "/api/events", "/api/events?country=RUS&format=csv"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time the pages in headless Chromium")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            sys.path.insert(0, str(HERE))
            from bench_web import invented_store

            db = str(Path(tmp) / "bench.duckdb")
            invented_store(Path(db), args.events)
        app = create_app(db, cache_bytes=0)  # no cache: each request does its queries
        # the server answers its own Host names only
        with TestClient(app, base_url="http://127.0.0.1") as client:
            uid = client.get("/api/events", params={"limit": 1}).json()["events"][0]["event_uid"]
            pages = [p.replace("{event}", f"/events/{uid}") for p in PAGES]
            print(f"store {db}: {client.get('/api/stats').json()['events']} events")
            print("page\tserver ms (median)\tstatus\tbytes")
            for page in pages:
                times, response = [], None
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    response = client.get(page, headers={"accept": "text/html"})
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{page}\t{statistics.median(times):.0f}\t{response.status_code}\t{len(response.content):,}")
        if args.browser:
            browser_times(db, pages)
    return 0


def browser_times(db: str, pages: list[str]) -> None:
    sys.path.insert(0, str(HERE.parent / "tests"))
    import socket
    import threading

    import uvicorn

    from chronique.web.app import create_app
    from test_web_browser import CHROMIUM, Browser  # the tests' DevTools driver

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    import json
    import subprocess
    import urllib.request

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                 "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            while not (port_file.exists() and port_file.read_text().strip()):
                time.sleep(0.1)
            debug = int(port_file.read_text().split()[0])
            with urllib.request.urlopen(f"http://127.0.0.1:{debug}/json/list", timeout=10) as response:
                target = [t for t in json.load(response) if t["type"] == "page"][0]
            b = Browser(target["webSocketDebuggerUrl"])
            print("page\tbrowser load ms (1440 px)\twidth at 390 px")
            for page in [p for p in pages if not p.startswith("/api/")]:
                b.viewport(1440)
                b.open(f"http://127.0.0.1:{port}{page}")
                load = b.eval("Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)")
                b.viewport(390)
                b.open(f"http://127.0.0.1:{port}{page}")
                print(f"{page}\t{load}\t{b.eval('document.documentElement.scrollWidth')}")
        finally:
            proc.terminate()
            proc.wait(10)
            server.should_exit = True


if __name__ == "__main__":
    sys.exit(main())
