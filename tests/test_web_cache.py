"""The page's listing cache is bounded by bytes: filled far past its bound with real listings, it holds at
most its bound (measured by walking what it holds), keeps the most recently used, and still serves hits."""
from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from chronique import tables
from chronique.records import ArticleResult, DateRef, Event, Party, TextSpan
from chronique.web.cache import BodyCache

PAIRS = [("FRA", "DEU"), ("RUS", "UKR"), ("CHN", "KAZ"), ("USA", "IRN"), ("TUR", "QAT")]
CODES = ["040", "042", "057", "112", "130", "190"]


def _results(n: int) -> list[ArticleResult]:
    out = []
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        code = tables.cameo_code(CODES[i % len(CODES)])
        when = date(2022, 1, 1) + timedelta(days=i % 700)
        text = f"Selon des diplomates, {a} et {b} ont eu un échange numéro {i} le {when.isoformat()}."
        event = Event(id="e1", source=Party(a, a, "GOV"), target=Party(b, b, "GOV"), cameo=code.code,
                      cameo_name=code.name, plover=code.plover, goldstein=code.goldstein, quad_class=code.quad_class,
                      sentence=TextSpan(0, len(text), text), date=DateRef(when, when.isoformat(), "day"))
        out.append(ArticleResult(id=f"cache-{i}", source=f"cache-{i}.txt", text=text, language="fr",
                                 published=when, events=[event]))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from chronique.store import Store

    path = tmp_path_factory.mktemp("cache") / "corpus.duckdb"
    with Store(path) as s:
        s.add_results(_results(400))
    return path


def held_bytes(cache: BodyCache) -> int:
    """What the cache's entries weigh, walked independently of its own count: keys (and what they
    contain) and bodies."""
    def deep(obj) -> int:
        size = sys.getsizeof(obj)
        if isinstance(obj, tuple):
            size += sum(deep(x) for x in obj)
        return size

    return sum(deep(key) + sys.getsizeof(body) for key, (body, _) in cache._items.items())


def test_listings_past_the_bound_never_hold_more_than_it_and_hits_are_served(store):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    bound = 300_000
    app = create_app(store, cache_bytes=bound)
    cache = app.state.cache
    served = 0
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        for offset in range(0, 400, 5):
            for order in ("-date", "date", "-goldstein"):
                response = client.get("/api/events", params={"limit": 100, "offset": offset, "order": order})
                assert response.status_code == 200
                served += len(response.content)
                assert cache.held == held_bytes(cache) <= bound
        assert served > 10 * bound, "the listings asked weigh many times the bound"
        assert 0 < len(cache) < 240, "some listings were evicted, some kept"
        assert held_bytes(cache) > bound // 2, "the bound is used, not left empty"

        # the latest listings are kept and answered from the cache, identically
        hits = cache.hits
        again = client.get("/api/events", params={"limit": 100, "offset": 395, "order": "-goldstein"})
        assert cache.hits == hits + 1
        with app.state.gate.read() as con:
            from chronique.web import pages
            fresh = pages.events_page(con, {}, order="-goldstein", limit=100, offset=395)
        assert again.json()["events"][0]["event_uid"] == fresh["events"][0]["event_uid"]
        assert again.json()["total"] == fresh["total"] == 400
        # the first ones were evicted: asking one again is a miss
        misses = cache.misses
        client.get("/api/events", params={"limit": 100, "offset": 0, "order": "-date"})
        assert cache.misses == misses + 1
        # and the HTML page renders from a cached listing
        page = client.get("/events", params={"limit": 100, "offset": 395, "order": "-goldstein"})
        assert page.status_code == 200 and f"/events/{fresh['events'][0]['event_uid']}" in page.text


def test_no_cache_keeps_nothing(store):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    app = create_app(store, cache_bytes=0)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        for _ in range(2):
            assert client.get("/api/events", params={"limit": 20}).json()["total"] == 400
    assert len(app.state.cache) == 0 and app.state.cache.held == 0 and app.state.cache.hits == 0


@pytest.mark.parametrize("bound, sizes, touched, kept", [
    (10_000, [3000, 3000, 3000], None, [0, 1, 2]),      # all fit
    (10_000, [3000, 3000, 3000, 3000], None, [1, 2, 3]),  # the oldest goes
    (10_000, [3000, 3000, 3000, 3000], 0, [0, 2, 3]),     # ... unless it was used: then the next oldest
    (10_000, [3000, 20_000], None, [0]),                  # a body over the whole bound is not kept
    (10_000, [6000, 6000], None, [1]),
])
def test_least_recently_used_goes_first(bound, sizes, touched, kept):
    cache = BodyCache(bound)
    for i, size in enumerate(sizes):
        cache.put(("k", i), b"x" * size)
        if touched is not None and i == 2:
            assert cache.get(("k", touched)) is not None
    assert [i for i in range(len(sizes)) if cache.get(("k", i)) is not None] == kept
    assert cache.held == held_bytes(cache) <= bound


def test_a_key_stored_again_is_counted_once():
    cache = BodyCache(10_000)
    for _ in range(5):
        cache.put("same", b"y" * 1000)
    assert len(cache) == 1 and cache.held == held_bytes(cache) < 2000


@pytest.mark.parametrize("max_bytes, computed", [(10_000, 1), (0, 8)])
def test_concurrent_misses_of_one_key_compute_it_once(max_bytes, computed):
    """Eight requests for one listing arriving together: one runs the queries, the others take its answer
    (with no cache, each computes its own)."""
    import threading
    import time

    cache, calls, bodies = BodyCache(max_bytes), [], []
    start = threading.Barrier(8)

    def compute() -> bytes:
        calls.append(1)
        time.sleep(0.2)
        return b'{"total": 1}'

    def request():
        start.wait()
        bodies.append(cache.get_or_compute(("events", "same"), compute))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == computed and bodies == [b'{"total": 1}'] * 8
