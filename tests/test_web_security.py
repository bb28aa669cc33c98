"""The server trusts no other site and cannot be wedged (issue 16 items 2 and 3; issue 15's HTML errors).

- Host names: only the names the server is bound to (and ``--allow-host`` names) are answered, so a
  page that rebinds its own DNS name to 127.0.0.1 cannot read the API.
- Writes: another site's Origin or ``Sec-Fetch-Site`` is refused; a form must prove it comes from the
  page (same-origin headers or the page's token); a JSON body (which needs a CORS preflight) is taken.
- Storing from the page is opt-in (``--allow-store``); ``serve --db`` refuses a missing file.
- A "Try it" past its deadline is stopped, and the next one is not blocked by it.
- A store racing a real ``chronique ingest`` recovers as soon as the ingest ends.
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from test_web_api import HTML, LOCAL, SAMPLE, _error_shape, local_client, web_db  # noqa: F401  (web_db is a fixture)


@pytest.fixture(scope="module")
def app(web_db):  # noqa: F811
    from chronique.web.app import create_app

    return create_app(web_db, allow_store=True, max_upload_bytes=50_000)


@pytest.fixture(scope="module")
def bare(app):
    """A client that sends only what a test gives (no Origin), as another program or site would."""
    from fastapi.testclient import TestClient

    with TestClient(app, base_url=LOCAL) as c:
        yield c


def _stored(client) -> int:
    return client.get("/api/stats").json()["stored"]


# ---------------------------------------------------------------- Host names (DNS rebinding)
@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LocalHost:9", "localhost.",
                                  "[::1]", "[::1]:8000"])
def test_the_bound_names_are_answered(bare, host):
    assert bare.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil",
                                  "[::2]:8000", "", "0.0.0.0"])
def test_other_host_names_are_refused(bare, host):
    response = bare.get("/api/stats", headers={"host": host})
    assert response.status_code == 421
    error = _error_shape(response)
    assert error["kind"] == "bad_host" and "--allow-host" in error["message"]
    page = bare.get("/events", headers={"host": host, **HTML})
    assert page.status_code == 421 and page.headers["content-type"].startswith("text/html")
    assert "bad_host" in page.text and "--allow-host" in page.text


def test_allow_host_adds_a_name(web_db):  # noqa: F811
    from chronique.web.app import create_app
    from chronique.web.origin import allowed_hosts

    hosts = allowed_hosts("0.0.0.0", ["chronique.lan"])
    with local_client(create_app(web_db, hosts=hosts)) as c:
        assert c.get("/api/stats", headers={"host": "chronique.lan:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "localhost"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "other.lan"}).status_code == 421
    assert allowed_hosts(None, ["*"]) is None  # '*': any name, on purpose


# ---------------------------------------------------------------- writes from other sites
CROSS_SITE = [
    {"origin": "http://evil.example"}, {"origin": "null"}, {"origin": "http://127.0.0.1:9999"},
    {"origin": "https://127.0.0.1:8000"}, {"origin": "http://localhost:8000"},
    {"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
    {"origin": LOCAL, "sec-fetch-site": "cross-site"},
]


@pytest.mark.parametrize("path", ["/api/extract", "/try"])
@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_write_from_another_site_is_refused(bare, path, headers):
    before = _stored(bare)
    response = bare.post(path, data={"text": SAMPLE, "store": "true", "token": bare.app.state.write_token},
                         headers=headers)
    assert response.status_code == 403
    assert _error_shape(response)["kind"] == "forbidden"
    assert _stored(bare) == before


@pytest.mark.parametrize("path", ["/api/extract", "/try"])
@pytest.mark.parametrize("body", [
    {"data": {"text": SAMPLE, "store": "true"}},                                    # a form, no token
    {"data": {"text": SAMPLE, "store": "true", "token": "guessed"}},                # a wrong token
    {"files": {"file": ("a.txt", SAMPLE.encode(), "text/plain")}, "data": {"store": "true"}},  # multipart, no token
    {"content": f"text={SAMPLE}&store=true", "headers": {"content-type": "text/plain"}},     # a 'simple' text body
])
def test_a_form_without_proof_of_its_origin_is_refused(bare, path, body):
    before = _stored(bare)
    response = bare.post(path, **body)
    assert response.status_code == 403, response.text
    if path == "/try" and "content" not in body:
        assert "forbidden" in response.text and 'name="token"' in response.text  # the form again, with a token
    else:
        assert _error_shape(response)["kind"] == "forbidden"
    assert _stored(bare) == before


def test_a_refused_write_asked_as_html_is_an_html_page(bare):
    response = bare.post("/try", data={"text": SAMPLE}, headers={"origin": "http://evil.example", **HTML})
    assert response.status_code == 403 and response.headers["content-type"].startswith("text/html")
    assert "forbidden" in response.text


@pytest.mark.parametrize("proof", ["origin", "sec-fetch-site", "token", "json"])
def test_a_write_from_the_page_is_taken(bare, proof):
    token = re.search(r'name="token" value="([^"]+)"', bare.get("/try", headers=HTML).text).group(1)
    assert token == bare.app.state.write_token
    text = SAMPLE.replace("Pékin", f"Pékin ({proof})")
    if proof == "json":
        response = bare.post("/api/extract", json={"text": text, "published": "2024-03-14"})
    else:
        headers = {"origin": LOCAL} if proof == "origin" else {"sec-fetch-site": "same-origin"} \
            if proof == "sec-fetch-site" else {}
        response = bare.post("/api/extract", data={"text": text, **({"token": token} if proof == "token" else {})},
                             headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["article"]["language"] == "fr"


def test_each_server_has_its_own_token(web_db):  # noqa: F811
    from chronique.web.app import create_app

    one, two = create_app(web_db), create_app(web_db)
    assert len(one.state.write_token) >= 32 and one.state.write_token != two.state.write_token


@pytest.mark.parametrize("body", ['{"text": 12}', "[1, 2]", "{not json", '{"text": "x", "store": "maybe"}'])
def test_a_bad_json_body_is_one_clear_error(bare, body):
    response = bare.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and _error_shape(response)["kind"] == "invalid"
    page = bare.post("/try", content=body, headers={"content-type": "application/json", **HTML})
    assert page.status_code == 400 and 'id="try-error"' in page.text and "invalid" in page.text


# ---------------------------------------------------------------- storing is opt-in
def test_storing_from_the_page_is_off_unless_allowed(web_db):  # noqa: F811
    from chronique.cli import build_parser
    from chronique.web.app import create_app

    with local_client(create_app(web_db)) as c:
        before = _stored(c)
        response = c.post("/api/extract", data={"text": SAMPLE, "store": "true"})
        assert response.status_code == 400 and "--allow-store" in _error_shape(response)["message"]
        assert 'name="store"' not in c.get("/try", headers=HTML).text
        assert _stored(c) == before
    assert build_parser().parse_args(["serve"]).allow_store is False
    assert build_parser().parse_args(["serve", "--no-store"]).allow_store is False  # the old flag still parses
    assert build_parser().parse_args(["serve", "--allow-store"]).allow_store is True


def test_serve_refuses_a_store_that_does_not_exist(tmp_path):
    missing = tmp_path / "typo.duckdb"
    done = subprocess.run([sys.executable, "-m", "chronique", "serve", "--db", str(missing), "--port", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no store at" in done.stderr and "--create" in done.stderr
    assert not missing.exists()


# ---------------------------------------------------------------- issue 15: an oversized body asked as HTML
@pytest.mark.parametrize("path,accept,html", [("/try", HTML, True), ("/try", {"accept": "application/json"}, False),
                                              ("/api/extract", HTML, False)])
def test_an_oversized_body_answers_in_the_asked_form(bare, path, accept, html):
    response = bare.post(path, data={"text": "x" * 200_000}, headers={"origin": LOCAL, **accept})
    assert response.status_code == 413
    if html:
        assert response.headers["content-type"].startswith("text/html")
        assert "too_large" in response.text and "<html" in response.text.lower()
    else:
        assert _error_shape(response)["kind"] == "too_large"


# ---------------------------------------------------------------- the server cannot be wedged
LONG = " ".join(f"Le ministre {n} a rencontré jeudi à Pékin son homologue chinois, puis a accusé Moscou."
                for n in range(8000))  # ~700 KB: minutes of work for the pipeline


def _until_extracted(client, seconds: float = 90):
    """The first small "Try it" answered within ``seconds`` (a 503 means: the models are still loading)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.post("/api/extract", data={"text": SAMPLE})
        assert response.status_code in (200, 503), response.text
        if response.status_code == 200:
            return response
    pytest.fail(f"Try it did not answer within {seconds} s")


@pytest.mark.slow
def test_a_try_it_past_its_deadline_is_stopped_and_does_not_block_the_next(tmp_path):
    from chronique.web.app import create_app

    app = create_app(tmp_path / "c.duckdb", timeout_s=5, max_upload_bytes=2_000_000)
    with local_client(app) as c:
        _until_extracted(c)  # the models are loaded
        first_pid = getattr(getattr(app.state, "extractor", None), "pid", None)

        def timed(method, *args, **kwargs):
            started = time.monotonic()
            response = getattr(c, method)(*args, **kwargs)
            return response, time.monotonic() - started

        with ThreadPoolExecutor(12) as pool:
            long = pool.submit(timed, "post", "/api/extract", data={"text": LONG})
            time.sleep(1.5)  # the long one has its turn
            read, took = timed("get", "/api/stats")
            assert read.status_code == 200 and took < 2  # pages are not starved meanwhile
            queued = [pool.submit(timed, "post", "/api/extract", data={"text": SAMPLE}) for _ in range(8)]
            answers = [f.result() for f in queued]
            response, took = long.result()
        assert response.status_code == 503 and _error_shape(response)["kind"] == "timeout"
        assert took < 7
        # only a few wait for their turn (until their deadline); the others are told at once
        kinds = sorted(_error_shape(r)["kind"] for r, _ in answers)
        assert all(r.status_code == 503 for r, _ in answers) and kinds.count("busy") >= 4, kinds
        assert all(t < 2 for r, t in answers if _error_shape(r)["kind"] == "busy")
        assert all(t < 7 for _, t in answers)
        # the next extractions answer as soon as a fresh process has its models, not after the long one
        assert _until_extracted(c, 45).json()["article"]["language"] == "fr"
        # the abandoned extraction no longer runs: its process is gone
        assert first_pid is not None and app.state.extractor.pid != first_pid
        done = subprocess.run(["ps", "-o", "stat=", "-p", str(first_pid)], capture_output=True, text=True)
        assert done.stdout.strip() in ("", "Z"), done.stdout


@pytest.mark.slow
def test_a_store_racing_a_real_ingest_recovers_when_the_ingest_ends(tmp_path):
    from chronique.store import Store
    from chronique.web.app import create_app

    db = tmp_path / "race.duckdb"
    Store(db).close()
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        (inputs / f"a{i}.txt").write_text(f"Le président français a reçu jeudi à Paris son homologue n° {i}.", "utf-8")
    app = create_app(db, allow_store=True)
    with local_client(app) as c:
        assert c.post("/api/extract", data={"text": SAMPLE}).status_code == 200  # the models are loaded
        # a real `chronique ingest`, tried again while it finds the file held by the server
        ingest = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import time
            from chronique.cli import main
            end = time.time() + 120
            while time.time() < end and main(['ingest', '--db', {str(db)!r}, {str(inputs)!r}, '--progress', 'never']):
                pass
            """)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            lost = None
            end = time.monotonic() + 120
            n = 0
            while lost is None and time.monotonic() < end and ingest.poll() is None:
                n += 1
                response = c.post("/api/extract", data={"text": f"{SAMPLE} (essai {n})", "store": "true"})
                if response.status_code != 200:
                    lost = response  # the ingest took the file while the server was writing
            assert lost is not None, "the ingest never took the file"
            assert lost.status_code == 503 and _error_shape(lost)["kind"] == "busy"
            during = c.get("/api/stats")
            assert during.status_code in (200, 503)
            if during.status_code == 503:
                assert _error_shape(during)["kind"] == "busy"
            assert ingest.wait(180) == 0
        finally:
            ingest.kill()
        after = c.get("/api/stats")
        assert after.status_code == 200, after.text
        stored = after.json()["stored"]
        assert stored == n - 1 + 3  # every store that went through, and the ingest's three articles
        response = c.post("/api/extract", data={"text": SAMPLE.replace("Pékin", "Hanoï"), "store": "true"})
        assert response.status_code == 200 and response.json()["stored"]["stored"] == 1
        assert c.get("/api/stats").json()["stored"] == stored + 1


@pytest.mark.slow
def test_an_extraction_process_grown_too_big_is_replaced():
    from chronique.web.worker import Extractor

    extractor = Extractor(max_rss_bytes=1)  # every child is 'too big' after its first extraction
    try:
        extractor.wait_ready()
        first = extractor.pid
        result = extractor.extract(timeout=60, text=SAMPLE, published=None, language=None)
        assert result.ok and result.language == "fr"
        assert extractor.restarts == 1 and extractor.pid not in (None, first)
        done = subprocess.run(["ps", "-o", "stat=", "-p", str(first)], capture_output=True, text=True)
        assert done.stdout.strip() in ("", "Z")
    finally:
        extractor.close()
