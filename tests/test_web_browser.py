"""End to end in a real headless Chromium (Debian's ``chromium``), driven over the DevTools protocol.

Opens the events page, filters, opens an event, sees the highlighted evidence, opens the dyad
page and checks the chart drew; checks the injected article renders inert and that nothing is
fetched from outside the server. Screenshots of every page go to ``test-artifacts/``.
"""
from __future__ import annotations

import base64
import itertools
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from test_web_api import SAMPLE, XSS_ID, web_db  # noqa: F401  (web_db is a fixture)

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db):  # noqa: F811
    import uvicorn

    from chronique.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


class Browser:
    """Just enough of the Chrome DevTools protocol: navigate, evaluate, screenshot, network log."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.requests: list[str] = []
        self.errors: list[str] = []  # console errors, uncaught exceptions, failed loads
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")
        self.send("Log.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)

    def send(self, method: str, **params):
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            method_seen, params_seen = message.get("method"), message.get("params", {})
            if method_seen == "Network.requestWillBeSent":
                self.requests.append(params_seen["request"]["url"])
            elif method_seen == "Runtime.exceptionThrown":
                self.errors.append(str(params_seen.get("exceptionDetails", {}).get("text")))
            elif method_seen == "Runtime.consoleAPICalled" and params_seen.get("type") == "error":
                self.errors.append(" ".join(str(a.get("value")) for a in params_seen.get("args", [])))
            elif method_seen == "Log.entryAdded" and params_seen.get("entry", {}).get("level") == "error":
                self.errors.append(params_seen["entry"].get("text", ""))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.eval(expression)
            except RuntimeError:
                value = None  # the page is between documents
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for(f"document.readyState === 'complete' && location.href === {json.dumps(url)}")

    def viewport(self, width: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=844 if width < 600 else 1000,
                  deviceScaleFactor=1, mobile=width < 600)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        path = ARTIFACTS / name
        path.write_bytes(base64.b64decode(data))
        return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (the Makefile installs Debian's chromium: apt-get install -y chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--no-first-run", "--disable-extensions",
                             "--disable-dev-shm-usage", "--remote-debugging-port=0", f"--user-data-dir={profile}",
                             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.time() + 30
        while not (port_file.exists() and port_file.read_text().strip()) and time.time() < deadline:
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            pages = [t for t in json.load(response) if t["type"] == "page"]
        b = Browser(pages[0]["webSocketDebuggerUrl"])
        yield b
        b.ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_filter_open_event_see_evidence_then_dyad_chart(server, browser):
    browser.open(f"{server}/events")
    all_rows = browser.eval("document.querySelectorAll('tr.event-row').length")
    assert all_rows > 10
    browser.screenshot("events.png")

    browser.eval("document.querySelector('#filters [name=country]').value = 'RUS';"
                 "document.querySelector('#filters [name=root]').value = '11';"
                 "document.getElementById('filters').submit(); true")
    browser.wait_for("location.search.includes('country=RUS') && document.readyState === 'complete'")
    rows = browser.eval("Array.from(document.querySelectorAll('tr.event-row')).map(r => r.innerText)")
    assert 0 < len(rows) < all_rows and all("RUS" in r for r in rows)
    assert browser.eval("document.getElementById('counts').innerText").startswith(f"{len(rows)} event")
    browser.screenshot("events-filtered.png")

    browser.eval("document.querySelector('tr.event-row a.code').click(); true")
    browser.wait_for("location.pathname.startsWith('/events/') && document.readyState === 'complete'")
    evidence = browser.eval("""Array.from(document.querySelectorAll('.hl.evidence')).map(e => ({
        text: e.innerText, height: e.getBoundingClientRect().height,
        background: getComputedStyle(e).backgroundColor}))""")
    assert evidence and all(e["text"].strip() and e["height"] > 0 for e in evidence)
    assert all(e["background"] not in ("rgba(0, 0, 0, 0)", "transparent") for e in evidence)
    assert browser.eval("document.querySelectorAll('article.mention').length") >= 1
    browser.screenshot("event.png")

    browser.open(f"{server}/dyad?a=RUS&b=TUR&by=month")
    browser.wait_for("document.getElementById('dyad-chart').getAttribute('data-drawn') !== null")
    assert int(browser.eval("document.getElementById('dyad-chart').getAttribute('data-drawn')")) >= 3
    assert browser.eval("document.querySelectorAll('#dyad-chart rect.bar').length") >= 3
    assert browser.eval("document.querySelectorAll('#dyad-chart polyline.goldstein').length") == 1
    browser.screenshot("dyad.png")


def test_injected_article_renders_inert(server, browser):
    for path in (f"/articles/{XSS_ID}", "/events?country=DEU", "/actors?country=FRA", "/map?country=DEU"):
        browser.open(server + path)
        assert browser.eval("typeof window.__xss") == "undefined"
        assert browser.eval("document.querySelectorAll('img').length") == 0
        assert browser.eval("Array.from(document.scripts).every(s => s.src || s.type === 'application/json')")
        assert "<script>window.__xss" in browser.eval("document.body.innerText")  # shown as text
    browser.screenshot("article-injected.png")


def test_every_page_draws_from_the_server_only(server, browser):
    browser.requests.clear()
    shots = {"actor.png": "/actor?name=Russie", "map.png": "/map", "article.png": "/articles/dev-fr-009",
             "actors.png": "/actors", "dyads.png": "/dyads", "docs.png": "/docs"}
    for name, path in shots.items():
        browser.open(server + path)
        assert browser.eval("document.querySelector('h1') !== null")
        browser.screenshot(name)
    assert browser.eval("document.querySelectorAll('#world-map circle.place').length") == 0  # /docs now
    browser.open(f"{server}/map")
    assert browser.eval("document.querySelectorAll('#world-map circle.place').length") > 0

    browser.open(f"{server}/try")
    browser.eval(f"document.querySelector('textarea[name=text]').value = {json.dumps(SAMPLE)};"
                 "document.querySelector('input[name=published]').value = '2024-03-14';"
                 "document.querySelector('form.try').submit(); true")
    browser.wait_for("document.querySelector('.result .article-text') !== null")
    assert browser.eval("document.querySelectorAll('.result .hl.actor').length") > 0
    assert browser.eval("document.getElementById('try-json').href").startswith("blob:")
    assert browser.eval("document.getElementById('try-busy') !== null")
    browser.screenshot("try.png")
    outside = [u for u in browser.requests if not u.startswith((server, "data:", "about:"))]
    assert outside == []


# ---------------------------------------------------------------- a flow per page, at desktop and phone width
FILTER_VALUES = {  # page -> {field: a value}; every visible filter field of the page must be here
    "/events": {"actor": "Turquie", "country": "RUS", "dyad": "RUS-TUR", "root": "04", "plover": "CONSULT",
                "since": "2020-01-01", "until": "2020-01-01", "lang": "en", "text": "accord", "modality": "intended",
                "negated": "true", "precision": "year", "min_confidence": "0.99"},
    "/actors": {"q": "Macron", "country": "FRA"},
    "/articles": {"q": "Russie", "lang": "fr"},
    "/map": {"actor": "Russie", "country": "RUS", "root": "04", "since": "2020-01-01", "until": "2020-01-01"},
    "/dyad?a=RUS&b=TUR": {"by": "year", "directed": "true"},
}
PAGES = {"events": "/events", "event": None, "actors": "/actors", "actor": "/actor?name=Russie", "dyads": "/dyads",
         "dyad": "/dyad?a=RUS&b=TUR", "map": "/map", "articles": "/articles", "article": "/articles/dev-fr-009",
         "try": "/try", "docs": "/docs", "error": "/events/no-such-event"}
LISTED = ("(document.querySelector('.counts b') ? document.querySelector('.counts b').innerText : '') + '|' +"
          " document.querySelectorAll('tbody tr, table tr').length")


def _page_path(server, name: str) -> str:
    if PAGES[name]:
        return PAGES[name]
    with urllib.request.urlopen(f"{server}/api/events?dyad=FRA-LBN&root=03", timeout=10) as response:
        return "/events/" + json.load(response)["events"][0]["event_uid"]


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_flow(server, browser, name, width):
    browser.viewport(width)
    browser.requests.clear()
    browser.errors.clear()
    path = _page_path(server, name)
    browser.open(server + path)
    assert browser.eval("document.querySelector('h1') !== null")
    timing = browser.eval("(() => { const t = performance.getEntriesByType('navigation')[0];"
                          " return t ? Math.round(t.loadEventEnd - t.startTime) : null; })()")
    scroll_width = browser.eval("document.documentElement.scrollWidth")
    browser.screenshot(f"{name}-{width}.png")
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "page-figures.tsv", "a", encoding="utf-8") as fh:
        fh.write(f"{name}\t{width}\t{scroll_width}\t{timing}\n")
    if width < 600:
        assert scroll_width <= width, f"{path} scrolls sideways at {width} px: {scroll_width} px wide"
    if name == "error":
        browser.errors = [e for e in browser.errors if "404" not in e]  # the page itself answers 404
    assert browser.errors == [], browser.errors
    outside = [u for u in browser.requests if not u.startswith((server, "data:", "about:"))]
    assert outside == []

    values = FILTER_VALUES.get(path)
    if values is None:
        return
    fields = browser.eval("Array.from(document.querySelectorAll('form.filters [name]'))"
                          ".filter(e => e.type !== 'hidden' && e.type !== 'submit').map(e => e.name)")
    assert set(fields) == set(values), f"a filter of {path} has no test value: {set(fields) ^ set(values)}"
    before = browser.eval(LISTED)
    for field, value in values.items():
        browser.open(server + path)
        browser.eval(f"""(() => {{ const e = document.querySelector('form.filters [name={field}]');
            if (e.type === 'checkbox') {{ e.checked = true; }} else {{ e.value = {json.dumps(value)}; }}
            e.form.submit(); return true; }})()""")
        browser.wait_for(f"location.search.includes({json.dumps(field + '=')}) && document.readyState === 'complete'")
        assert browser.eval(LISTED) != before, f"{path}: the filter {field}={value} changed nothing"
        assert browser.errors == [], browser.errors


# ---------------------------------------------------------------- the French interface, as a person switches to it
def test_the_language_switch_turns_every_page_french(server, browser):
    browser.viewport(1440)
    browser.send("Network.clearBrowserCookies")
    browser.open(f"{server}/events?country=RUS")
    assert browser.eval("document.documentElement.lang") == "en"
    browser.eval("document.querySelector('header .lang-switch a.lang-fr').click(); true")
    browser.wait_for("document.documentElement.lang === 'fr' && document.readyState === 'complete'")
    assert browser.eval("location.search").count("country=RUS") == 1  # the switch keeps the filters
    assert browser.eval("document.querySelector('h1').innerText") == "Événements"
    assert browser.eval("document.querySelector('#filters button[type=submit]').innerText") == "Filtrer"
    browser.screenshot("events-fr.png")
    browser.open(f"{server}/actors")  # no ?hl=: the cookie the switch set keeps the page French
    assert browser.eval("document.documentElement.lang") == "fr"
    assert browser.eval("document.querySelector('header nav a.active').innerText") == "Acteurs"

    browser.viewport(390)
    widths = {}
    for name in PAGES:
        browser.errors.clear()
        browser.open(server + _page_path(server, name))
        assert browser.eval("document.documentElement.lang") == "fr", name
        widths[name] = browser.eval("document.documentElement.scrollWidth")
        browser.screenshot(f"{name}-fr-390.png")
        if name != "error":
            assert browser.errors == [], (name, browser.errors)
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "page-figures.tsv", "a", encoding="utf-8") as fh:
        fh.writelines(f"{name}-fr\t390\t{w}\t\n" for name, w in widths.items())
    assert {n: w for n, w in widths.items() if w > 390} == {}, "French labels are longer: no page may scroll sideways"

    browser.viewport(1440)
    browser.open(f"{server}/try")
    browser.eval("document.querySelector('form.try').submit(); true")  # an empty box
    browser.wait_for("document.getElementById('try-error') !== null")
    assert browser.eval("document.getElementById('try-error').innerText").startswith("Collez d'abord le texte")
    assert browser.eval("document.querySelector('header nav') !== null")  # the page's own layout, not bare JSON
    browser.screenshot("try-error-fr.png")
    browser.eval("document.querySelector('input[name=title]').value = 'Sommet à Pékin';"
                 f"document.querySelector('textarea[name=text]').value = {json.dumps(SAMPLE)};"
                 "document.querySelector('form.try').submit(); true")
    browser.wait_for("document.querySelector('.result .article-text') !== null")
    assert browser.eval("document.querySelector('.result-title').innerText") == "Sommet à Pékin"
    assert browser.eval("JSON.parse(document.getElementById('try-data').textContent).article.title") == "Sommet à Pékin"
    browser.screenshot("try-fr.png")
    browser.open(f"{server}/events?hl=en")
    assert browser.eval("document.documentElement.lang") == "en"
    browser.send("Network.clearBrowserCookies")
