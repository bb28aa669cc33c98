"""Load on the web API: N concurrent clients for S seconds on loopback against ``/api/events``.

Starts ``chronique serve`` in a child process (over ``--db``, or over a store of invented events
it builds first), runs the clients (asyncio + httpx, one connection each, bounded by the clock),
and prints errors and latency percentiles.

Usage: python bench/bench_web.py [--clients 200] [--seconds 30] [--db corpus.duckdb] [--events 5000] [--no-cache]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

COUNTRIES = ["FRA", "DEU", "RUS", "UKR", "CHN", "KAZ", "USA", "TUR", "IRN", "SAU", "QAT", "LBN"]
CODES = [("040", "Consult"), ("042", "Make a visit"), ("057", "Sign formal agreement"), ("112", "Accuse"),
         ("130", "Threaten"), ("163", "Impose embargo"), ("190", "Use conventional military force")]


def invented_store(path: Path, n_events: int) -> None:
    """A store of ``n_events`` invented events, one per article (our own template sentence)."""
    from chronique import tables
    from chronique.records import ArticleResult, DateRef, Event, Party, TextSpan
    from chronique.store import Store

    rng = random.Random(7)
    results = []
    for i in range(n_events):
        a, b = rng.sample(COUNTRIES, 2)
        code, _ = rng.choice(CODES)
        info = tables.cameo_code(code)
        when = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        text = f"Selon des diplomates, {a} et {b} ont eu un échange n°{i} le {when.isoformat()}."
        event = Event(id="e1", source=Party(a, a, "GOV"), target=Party(b, b, "GOV"), cameo=code,
                      cameo_name=info.name, plover=info.plover, goldstein=info.goldstein, quad_class=info.quad_class,
                      sentence=TextSpan(0, len(text), text), date=DateRef(when, when.isoformat(), "day"))
        results.append(ArticleResult(id=f"bench-{i}", source=f"bench-{i}.txt", text=text, language=rng.choice(["fr", "en"]),
                                     published=when, events=[event]))
    with Store(path) as store:
        store.add_results(results, batch_size=1000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_params(rng: random.Random) -> dict:
    params: dict = {"limit": rng.choice([20, 50, 100]), "offset": rng.choice([0, 0, 50, 200])}
    pick = rng.random()
    if pick < 0.3:
        params["country"] = rng.choice(COUNTRIES)
    elif pick < 0.5:
        params["root"] = rng.choice(["04", "11", "19"])
    elif pick < 0.6:
        params["text"] = "diplomates"
    if rng.random() < 0.3:
        params["order"] = rng.choice(["date", "-goldstein", "mentions"])
    return params


async def client_loop(client: httpx.AsyncClient, base: str, deadline: float, seed: int,
                      latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            response = await client.get(f"{base}/api/events", params=random_params(rng))
            if response.status_code != 200:
                errors.append(f"HTTP {response.status_code}")
            else:
                response.json()
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        latencies.append(time.perf_counter() - start)


async def run_load(base: str, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(30.0)) as client:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(client_loop(client, base, deadline, i, latencies, errors) for i in range(clients)))
        return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", help="an existing store (default: build one of invented events)")
    parser.add_argument("--events", type=int, default=5000, help="events in the invented store")
    parser.add_argument("--no-cache", action="store_true", help="serve with no listing cache (every request queries)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = str(Path(tmp) / "bench.duckdb")
            t0 = time.perf_counter()
            invented_store(Path(db), args.events)
            print(f"built an invented store of {args.events} events in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "chronique.cli", "serve", "--db", db, "--port", str(port)]
        if args.no_cache:
            command += ["--cache-mb", "0"]
        # the server's log goes to a file: a pipe nobody reads would block it once full
        log = open(Path(tmp) / "serve.log", "wb")
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.time() + 180  # the server loads the "Try it" models before it listens
            while time.time() < deadline:
                try:
                    if httpx.get(f"{base}/api/stats", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            else:
                print("the server did not start", file=sys.stderr)
                return 1
            load_before = os.getloadavg()[0]
            latencies, errors, elapsed = asyncio.run(run_load(base, args.clients, args.seconds))
            load_after = os.getloadavg()[0]
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    ms = [x * 1000 for x in latencies]
    print(f"clients {args.clients}, {elapsed:.1f} s, loopback, GET /api/events (random filters and pages)"
          + (", no cache" if args.no_cache else "")
          + f"; load average {load_before:.1f} before, {load_after:.1f} after, {os.cpu_count()} CPUs")
    print(f"requests {len(ms)}  ({len(ms) / elapsed:.0f}/s)  errors {len(errors)}"
          + (f"  ({', '.join(sorted(set(errors)))})" if errors else ""))
    if ms:
        print(f"latency ms: p50 {percentile(ms, 50):.0f}  p90 {percentile(ms, 90):.0f}  "
              f"p99 {percentile(ms, 99):.0f}  max {max(ms):.0f}  mean {statistics.fmean(ms):.0f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
