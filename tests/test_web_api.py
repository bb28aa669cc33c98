"""The web app's JSON API and pages, in-process, over a store built once from gold dev articles.

The store holds six real articles from ``../shared/gold/dev`` (cleaned, actors and quotes by the
pipeline; events from the gold annotations, so these tests do not move with the event coder's
quality), plus invented articles: a Russia-Turkey series over several months for the dyad chart
and one whose text, title and actor names carry script-injection payloads.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from chronique import tables
from chronique.places import geocode
from chronique.records import Actor, ArticleResult, DateRef, Event, Location, Party, Quote, TextSpan
from chronique.web import i18n

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"
GOLD_IDS = ("dev-fr-006", "dev-en-004", "dev-fr-005", "dev-en-011", "dev-en-008", "dev-fr-009")
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
XSS_ID = "invented-xss"
INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", '" OR ""="', "%' UNION SELECT * FROM articles --",
              "1) OR (1=1", "\\'; SELECT 1; --", "<script>alert(1)</script>", "ÿ' --", "\u0000"]


def _event(i: int, text: str, evidence: str, source: tuple, target: tuple | None, cameo: str, when: date | None,
           place: Location | None = None, modality: str = "asserted", trigger: str | None = None) -> Event | None:
    start = text.find(evidence)
    code = tables.cameo_code(cameo)
    if start < 0 or code is None:
        return None
    return Event(id=f"e{i}", source=Party(*source), target=Party(*target) if target else None, cameo=cameo,
                 cameo_name=code.name, plover=code.plover, goldstein=code.goldstein, quad_class=code.quad_class,
                 sentence=TextSpan(start, start + len(evidence), evidence), trigger=trigger,
                 date=DateRef(when, str(when), "day") if when else None, location=place, modality=modality)


def _place(gold_location: dict | None, lang: str) -> Location | None:
    if not gold_location or not gold_location.get("name"):
        return None
    found = geocode(gold_location["name"], lang)
    if found is not None:
        return found
    info = tables.country_info(gold_location.get("country") or "")
    return Location(gold_location["name"], info.iso3, info.lat, info.lon) if info else None


def gold_results(pipeline) -> list[ArticleResult]:
    results = []
    for gid in GOLD_IDS:
        gold = json.loads((GOLD / f"{gid}.json").read_text("utf-8"))
        result = pipeline.extract_text(gold["text"], published=gold["published"], language=gold["language"],
                                       id=gid, url=gold["url"], title=gold["title"], source=f"{gid}.json")
        assert result.ok, result.error
        events = []
        for g in gold["events"]:
            tgt = g.get("target")
            ev = _event(len(events) + 1, result.text, g["evidence"],
                        (g["source"]["name"], g["source"]["country"], g["source"]["sector"]),
                        (tgt["name"], tgt["country"], tgt["sector"]) if tgt else None, g["cameo"],
                        date.fromisoformat(g["date"]) if g.get("date") else None,
                        _place(g.get("location"), gold["language"]), g.get("modality") or "asserted")
            if ev is not None:
                events.append(ev)
        result.events = events
        results.append(result)
    return results


def invented_results() -> list[ArticleResult]:
    """Our own sentences: a Russia-Turkey series (several months) and an article carrying payloads."""
    out = []
    series = [("2016-06-27", "Le président russe a reçu jeudi à Moscou le Premier ministre turc pour des entretiens.", "040"),
              ("2016-08-09", "Moscou et Ankara ont signé mardi un accord de coopération énergétique.", "057"),
              ("2016-08-20", "La Russie a accusé la Turquie de soutenir des groupes armés.", "112"),
              ("2017-01-10", "Le ministre turc a exhorté la Russie à retirer ses troupes.", "100")]
    for n, (day, text, cameo) in enumerate(series, 1):
        when = date.fromisoformat(day)
        src, tgt = (("Turquie", "TUR", "GOV"), ("Russie", "RUS", "GOV")) if cameo == "100" else \
                   (("Russie", "RUS", "GOV"), ("Turquie", "TUR", "GOV"))
        ev = _event(1, text, text, src, tgt, cameo, when, Location("Moscou", "RUS", 55.75, 37.62))
        out.append(ArticleResult(id=f"invented-rus-tur-{n}", source=f"invented-{n}.txt", text=text, language="fr",
                                 published=when, title=f"Russie et Turquie, épisode {n}", events=[ev]))
    text = (f"Le ministre {XSS} a rencontré jeudi son homologue allemand à Paris.\n\n"
            f"« Nous avons {XSS} signé », a déclaré le ministre.")
    sentence = text.split("\n\n")[0]
    minister = Actor("a1", f"Jean {XSS}", "person", "FRA", "GOV", "ministre",
                     mentions=[TextSpan(3, 10, text[3:10])], aliases=[XSS])
    ev = _event(1, text, sentence, (minister.name, "FRA", "GOV", "a1"), ("Allemagne", "DEU", "GOV"), "040",
                date(2024, 3, 14), Location(f"Paris {XSS}", "FRA", 48.85, 2.35), trigger="rencontré")
    q_start = text.index("« Nous")
    quote = Quote(Party(minister.name, "FRA", actor="a1"), q_start, q_start + 30, text[q_start:q_start + 30],
                  cue="a déclaré", direct=True)
    from chronique.records import Removal

    out.append(ArticleResult(id=XSS_ID, source="invented-xss.txt", text=text, language="fr",
                             published=date(2024, 3, 15), title=f"Sommet {XSS}", url="javascript:alert(1)",
                             removed=[Removal("caption", XSS)], actors=[minister], events=[ev], quotes=[quote]))
    return out


def build_store(path: Path) -> Path:
    from chronique.pipeline import Pipeline
    from chronique.store import Store

    with Store(path) as store:
        store.add_results(gold_results(Pipeline()) + invented_results())
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    if not GOLD.is_dir():
        pytest.skip(f"gold articles not found at {GOLD}")
    return build_store(tmp_path_factory.mktemp("web") / "corpus.duckdb")


LOCAL = "http://127.0.0.1:8000"


def local_client(app):
    """A client that reaches the app as the analyst's browser does: Host 127.0.0.1, writes sent with its Origin."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url=LOCAL, headers={"origin": LOCAL})


@pytest.fixture(scope="session")
def client(web_db):
    from chronique.web.app import create_app

    with local_client(create_app(web_db, max_upload_bytes=50_000, allow_store=True)) as c:
        yield c


def _error_shape(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"kind", "message"}, body
    assert "Traceback" not in response.text
    return body["error"]


# ---------------------------------------------------------------- events
def test_events_are_listed_counted_and_paginated(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["events"]) > 20
    assert sum(everything["by_quad_class"].values()) == everything["total"]
    page1 = client.get("/api/events", params={"limit": 7}).json()
    page2 = client.get("/api/events", params={"limit": 7, "offset": 7}).json()
    assert len(page1["events"]) == len(page2["events"]) == 7 and page1["total"] == everything["total"]
    uids = [e["event_uid"] for e in page1["events"] + page2["events"]]
    assert len(set(uids)) == 14
    assert uids == [e["event_uid"] for e in everything["events"][:14]]


@pytest.mark.parametrize("params", [
    {"dyad": "RUS-TUR"}, {"country": "qat"}, {"root": "16"}, {"root": 4}, {"plover": "sanction"},
    {"since": "2016-01-01", "until": "2016-12-31"}, {"lang": "en"}, {"text": "accord"}, {"actor": "Turquie"},
    {"country": "RUS", "root": "11", "lang": "en"},
])
def test_filters_select_what_they_say_and_count_agrees(client, web_db, params):
    from chronique.store import Store

    data = client.get("/api/events", params={**params, "limit": 500}).json()
    with Store(web_db, read_only=True) as store:
        expected = store.events(**{k: v for k, v in params.items()}, limit=None)
    assert data["total"] == len(expected) == len(data["events"]) > 0
    assert {e["event_uid"] for e in data["events"]} == set(expected["event_uid"])
    for e in data["events"]:
        if "dyad" in params:
            assert e["dyad"] == params["dyad"]
        if "country" in params:
            assert params["country"].upper() in (e["source_country"], e["target_country"])
        if "root" in params:
            assert e["cameo_root"] == f"{int(params['root']):02d}"
        if "since" in params:
            assert params["since"] <= e["date"] <= params["until"]


@pytest.mark.parametrize("order,key,reverse", [("date", "date", False), ("-date", "date", True),
                                               ("goldstein", "goldstein", False), ("-goldstein", "goldstein", True),
                                               ("mentions", "num_mentions", True)])
def test_events_sort(client, order, key, reverse):
    values = [e[key] for e in client.get("/api/events", params={"order": order, "limit": 500}).json()["events"]
              if e[key] is not None]
    assert len(values) > 5 and values == sorted(values, reverse=reverse)


@pytest.mark.parametrize("field", ["actor", "country", "dyad", "root", "plover", "since", "until", "lang", "text",
                                   "order"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_strings_in_every_filter_are_only_values(client, field, payload):
    before = client.get("/api/stats").json()
    for path in ("/api/events", "/api/map", "/events"):
        response = client.get(path, params={field: payload})
        assert response.status_code in (200, 400, 422), response.text
        if response.status_code != 200:
            assert _error_shape(response)["kind"] == "invalid"
        elif path == "/api/events":
            assert response.json()["total"] == 0 or payload.strip("\x00") == ""
    assert client.get("/api/stats").json() == before


# ---------------------------------------------------------------- one event, actors, dyads, map, articles
def test_event_page_has_every_mention_with_its_evidence_highlighted(client):
    uid = client.get("/api/events", params={"dyad": "FRA-LBN", "root": "03"}).json()["events"][0]["event_uid"]
    data = client.get(f"/api/events/{uid}").json()
    assert data["event"]["event_uid"] == uid and data["mentions"]
    for m in data["mentions"]:
        evidence = [s for s in m["segments"] if "evidence" in s["kinds"]]
        assert "".join(s["text"] for s in evidence) == m["sentence_text"]
        assert m["article"]["language"] == "fr" and m["article"]["title"]
    html = client.get(f"/events/{uid}").text
    assert 'class="hl evidence"' in html and "Goldstein" in html and "(source / initiator)" in html
    assert client.get("/api/events/nope").status_code == 404
    assert _error_shape(client.get("/api/events/nope"))["kind"] == "not_found"


def test_actor_page(client):
    data = client.get("/api/actor", params={"name": "Russie"}).json()
    assert data["as_source"]["total"] >= 3 and data["as_target"]["total"] >= 1
    assert client.get("/actor", params={"name": "Russie"}).status_code == 200
    listing = client.get("/api/actors", params={"limit": 5}).json()
    assert len(listing["actors"]) == 5 and listing["total"] >= 5
    assert client.get("/api/actor", params={"name": "Nobody At All"}).status_code == 404


@pytest.mark.parametrize("by", ["week", "month", "year"])
def test_dyad_series(client, by):
    data = client.get("/api/dyad", params={"a": "rus", "b": "TUR", "by": by}).json()
    assert data["a"] == "RUS" and data["events"] == sum(p["events"] for p in data["series"])
    assert data["events"] >= 5 and len(data["series"]) >= 3
    for p in data["series"]:
        assert p["events"] == p["q1_verbal_coop"] + p["q2_material_coop"] + p["q3_verbal_conflict"] + \
            p["q4_material_conflict"]
        if p["events"] >= 3:
            assert -10 <= p["mean_goldstein"] <= 10
        else:  # too few events for a mean
            assert p["mean_goldstein"] is None
    assert any(d["a"] == "RUS" and d["b"] == "TUR" for d in client.get("/api/dyads").json()["dyads"])
    html = client.get("/dyad", params={"a": "RUS", "b": "TUR", "by": by}).text
    assert 'id="dyad-chart"' in html and 'id="dyad-data"' in html and "/static/dyad.js" in html


def test_map_groups_events_by_place(client):
    data = client.get("/api/map").json()
    assert data["placed"] <= data["total"] and data["places"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in data["places"])
    html = client.get("/map").text
    assert html.count('class="place ') == len(data["places"])
    assert html.count('class="country ') > 150  # the Natural Earth base map
    shaded = [iso3 for iso3, n in data["by_country"].items() if n]
    assert shaded and all('country=' in html for _ in shaded)
    for p in data["places"] + data["country_places"]:
        listed = client.get("/api/events", params={"place": "|".join(p["names"])}).json()["total"]
        assert listed >= p["events"]
    assert all(p["radius"] <= 16 for p in data["places"])


def test_article_page_highlights_and_lists_removals(client):
    listing = client.get("/api/articles", params={"limit": 100}).json()
    assert listing["total"] == len(GOLD_IDS) + 5
    data = client.get("/api/articles/dev-fr-009").json()
    assert "".join(s["text"] for s in data["segments"]) == data["article"]["text"]
    kinds = {k for s in data["segments"] for k in s["kinds"]}
    assert {"actor", "event", "quote"} <= kinds
    assert isinstance(data["article"]["removed"], list)
    assert client.get("/articles/dev-fr-009").status_code == 200


# ---------------------------------------------------------------- safety
@pytest.mark.parametrize("path", [f"/articles/{XSS_ID}", "/events?country=DEU", "/actors?country=FRA",
                                  "/map?country=DEU"])
def test_untrusted_text_is_escaped(client, path):
    html = client.get(path).text
    assert "window.__xss" in html  # the payload is shown...
    assert "<script>window.__xss" not in html and "<img src=x" not in html  # ...as text
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_event_and_actor_pages_escape_too(client):
    uid = client.get("/api/events", params={"country": "DEU"}).json()["events"][0]["event_uid"]
    for html in (client.get(f"/events/{uid}").text, client.get("/actor", params={"name": f"Jean {XSS}"}).text):
        assert "<script>window.__xss" not in html and "<img src=x" not in html and "&lt;script&gt;" in html


def test_security_headers_and_local_assets_only(client):
    response = client.get("/events")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for page in ("/events", "/map", "/try", "/docs", "/dyad?a=RUS&b=TUR"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert client.get("/static/dyad.js").status_code == 200


@pytest.mark.parametrize("path,params,status,kind", [
    ("/api/events", {"limit": 0}, 422, "invalid"), ("/api/events", {"limit": 100000}, 422, "invalid"),
    ("/api/events", {"offset": -1}, 422, "invalid"), ("/api/events", {"since": "yesterday"}, 400, "invalid"),
    ("/api/events", {"root": "99"}, 400, "invalid"), ("/api/events", {"order": "price"}, 400, "invalid"),
    ("/api/dyad", {"a": "RUS"}, 422, "invalid"), ("/api/dyad", {"a": "RUS", "b": "TUR", "by": "decade"}, 422, "invalid"),
    ("/api/nothing-here", {}, 404, "not_found"), ("/api/events", {"actor": "x" * 500}, 422, "invalid"),
])
def test_errors_have_one_shape(client, path, params, status, kind):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert _error_shape(response)["kind"] == kind


def test_openapi_and_own_docs_page(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_uid}", "/api/actor", "/api/dyad", "/api/map",
                 "/api/articles/{article_id}", "/api/extract"):
        assert path in spec["paths"]
    docs = client.get("/docs").text
    assert "/api/events" in docs and "swagger" not in docs.lower()


# ---------------------------------------------------------------- try it
SAMPLE = ("Le président français a rencontré jeudi à Pékin son homologue chinois. "
          "« Nous voulons la paix », a déclaré le président français.")


def test_try_it_extracts_without_storing(client):
    before = client.get("/api/stats").json()["stored"]
    data = client.post("/api/extract", data={"text": SAMPLE, "published": "2024-03-14"}).json()
    assert data["article"]["language"] == "fr" and data["stored"] is None
    assert "".join(s["text"] for s in data["segments"]) == data["article"]["text"]
    assert data["actors"]
    assert client.get("/api/stats").json()["stored"] == before
    html = client.post("/try", data={"text": SAMPLE}).text
    assert 'class="article-text"' in html


def test_try_it_upload_and_store_through_the_single_writer(client):
    before = client.get("/api/stats").json()["stored"]
    text = SAMPLE.replace("Pékin", "Hanoï")
    data = client.post("/api/extract", data={"store": "true"},
                       files={"file": ("article.txt", text.encode("utf-8"), "text/plain")}).json()
    assert data["stored"] == {"stored": 1, "duplicates": 0}
    assert client.get("/api/stats").json()["stored"] == before + 1
    assert client.get(f"/api/articles/{data['article']['id']}").status_code == 200
    again = client.post("/api/extract", data={"store": "true"},
                        files={"file": ("article.txt", text.encode("utf-8"), "text/plain")}).json()
    assert again["stored"] == {"stored": 0, "duplicates": 1}


@pytest.mark.parametrize("data,files,status,kind", [
    ({"text": "x" * 60_000}, None, 413, "too_large"),
    ({}, {"file": ("big.txt", b"a" * 60_000, "text/plain")}, 413, "too_large"),
    ({"text": "   "}, None, 400, "invalid"),
    ({"text": SAMPLE, "language": "de"}, None, 400, "invalid"),
    ({"text": SAMPLE, "published": "14/03/2024"}, None, 400, "invalid"),
])
def test_try_it_limits(client, data, files, status, kind):
    response = client.post("/api/extract", data=data, files=files)
    assert response.status_code == status, response.text
    assert _error_shape(response)["kind"] == kind


def test_request_time_is_limited(web_db):
    from chronique.web.app import create_app

    with local_client(create_app(web_db, timeout_s=0.001)) as slow:
        response = slow.post("/api/extract", data={"text": SAMPLE * 20})
    assert response.status_code == 503 and _error_shape(response)["kind"] == "timeout"


# ---------------------------------------------------------------- defects of the first pass, each caught here
HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.mark.parametrize("method,path,data,status", [
    ("get", "/events/no-such-event", None, 404), ("get", "/events?since=yesterday", None, 400),
    ("get", "/events?until=2024-13-45", None, 400), ("get", "/map?since=31/12/2020", None, 400),
    ("get", "/nothing-here", None, 404), ("get", "/actor?name=Nobody+At+All", None, 404),
    ("get", "/articles/no-such-article", None, 404),
])
def test_errors_asked_as_html_are_html_pages(client, method, path, data, status):
    response = getattr(client, method)(path, headers=HTML, **({"data": data} if data else {}))
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text and "Internal Server Error" not in response.text
    assert '<nav>' in response.text and 'role="alert"' in response.text  # within the page's own layout


@pytest.mark.parametrize("data,status,kind", [
    ({"text": "  ", "title": "Un titre"}, 400, "invalid"), ({"text": "x" * 60_000, "title": "Un titre"}, 413, "too_large"),
    ({"text": SAMPLE, "title": "Un titre", "published": "14/03/2024"}, 400, "invalid"),
    ({"text": SAMPLE, "title": "Un titre", "language": "de"}, 400, "invalid"),
])
def test_try_it_errors_are_shown_above_the_form_it_keeps(client, data, status, kind):
    response = client.post("/try", data=data, headers=HTML)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert 'id="try-error" role="alert"' in response.text and f'<span class="code">{kind}</span>' in response.text
    assert 'value="Un titre"' in response.text and '<form class="try"' in response.text  # nothing typed is lost
    if len(data["text"]) < 1000:
        assert f">{data['text']}</textarea>" in response.text


def test_try_it_takes_a_title(client):
    data = client.post("/api/extract", data={"text": SAMPLE, "title": "Sommet à Pékin", "published": "2024-03-14"}).json()
    assert data["article"]["title"] == "Sommet à Pékin" and data["article"]["published"] == "2024-03-14"
    page = client.post("/try", data={"text": SAMPLE, "title": "Sommet à Pékin"}, headers=HTML).text
    assert '<h2 class="result-title">Sommet à Pékin</h2>' in page and 'value="Sommet à Pékin"' in page
    spec = client.get("/openapi.json").json()
    form = spec["paths"]["/api/extract"]["post"]["requestBody"]["content"]
    schema_ref = next(iter(form.values()))["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "title" in spec["components"]["schemas"][schema_ref]["properties"]


LIST_FILTERS = [  # (path, filter, a value that selects some but not all rows)
    *[("/api/events", k, v) for k, v in [("actor", "Turquie"), ("country", "RUS"), ("dyad", "RUS-TUR"), ("root", "04"),
                                         ("plover", "CONSULT"), ("since", "2020-01-01"), ("until", "2020-01-01"),
                                         ("lang", "en"), ("text", "accord")]],
    *[("/api/map", k, v) for k, v in [("actor", "Russie"), ("country", "RUS"), ("lang", "en"), ("root", "04"),
                                      ("since", "2020-01-01")]],
    ("/api/actors", "country", "FRA"), ("/api/actors", "q", "Macron"),
    ("/api/articles", "lang", "fr"), ("/api/articles", "q", "Russie"),
]


def _count(body: dict) -> int:
    return body.get("placed", body["total"]) if "places" in body else body["total"]


@pytest.mark.parametrize("path,key,value", LIST_FILTERS)
def test_every_filter_changes_what_is_listed(client, path, key, value):
    everything = client.get(path).json()
    filtered = client.get(path, params={key: value})
    assert filtered.status_code == 200, filtered.text
    body = filtered.json()
    assert 0 < _count(body) < _count(everything), (key, value, _count(body), _count(everything))
    if "filters" in body:
        assert key in body["filters"]


def test_the_schema_names_each_parameter_as_itself(client):
    spec = client.get("/openapi.json").json()
    for path, expected in (("/api/actors", {"country", "q"}), ("/api/articles", {"lang", "q"}),
                           ("/api/events", {"actor", "country", "dyad", "root", "plover", "since", "until", "lang", "text"})):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert expected <= names, (path, names)


def test_no_evidence_excerpt_is_empty(client):
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    several = 0
    for e in events:
        data = client.get(f"/api/events/{e['event_uid']}").json()
        per_article = {}
        for m in data["mentions"]:
            per_article[m["article_id"]] = per_article.get(m["article_id"], 0) + 1
            evidence = "".join(s["text"] for s in m["segments"] if "evidence" in s["kinds"])
            assert evidence and evidence == m["sentence_text"], (e["event_uid"], m["event_id"])
        several += any(n > 1 for n in per_article.values())
    assert several, "no event has two mentions from one article: the test would prove nothing"


def test_an_event_page_cites_and_anchors_its_mentions(client):
    uid = client.get("/api/events", params={"dyad": "FRA-LBN", "root": "03"}).json()["events"][0]["event_uid"]
    data = client.get(f"/api/events/{uid}").json()
    assert data["cite"]["path"] == f"/events/{uid}" and data["cite"]["sources"]
    assert sum(len(g["mentions"]) for g in data["articles"]) == len(data["mentions"])
    html = client.get(f"/events/{uid}").text
    assert 'id="cite"' in html and f"/events/{uid}" in html
    for i in range(1, len(data["mentions"]) + 1):
        assert f'id="mention-{i}"' in html


def test_a_merged_event_id_redirects_to_the_survivor(tmp_path):
    from chronique.store import Store
    from chronique.web.app import create_app
    from test_store import make_article

    def report(aid, when, published):
        return make_article(aid, "fr", published, ("Russie", "RUS"), ("Turquie", "TUR"), "112", when,
                            plover="ACCUSE", quad=3, goldstein=-2.0)

    db = tmp_path / "merged.duckdb"
    with Store(db) as s:
        s.add_results([report("r1", date(2021, 4, 16), date(2021, 4, 16))])
        s.add_results([report("r2", date(2021, 4, 18), date(2021, 4, 18))])
        first, second = s.events(dyad="RUS-TUR", order="date")["event_uid"]
        s.add_results([report("r0", None, date(2021, 4, 15))])
    with local_client(create_app(db)) as c:
        for prefix in ("/api/events/", "/events/"):
            moved = c.get(prefix + second, follow_redirects=False)
            assert moved.status_code == 308 and moved.headers["location"] == prefix + first
            assert c.get(prefix + first).status_code == 200
        assert c.get("/api/events/" + second).json()["event"]["event_uid"] == first


# ---------------------------------------------------------------- exports of what a list shows
@pytest.mark.parametrize("params", [{}, {"country": "RUS"}, {"lang": "fr", "root": "04"}, {"text": "accord"},
                                    {"pair": "RUS-TUR"}, {"name": "Russie"}, {"country": "nowhere"}])
def test_the_csv_of_a_filter_has_as_many_rows_as_its_count(client, params):
    import csv
    import io

    count = client.get("/api/events", params=params).json()["total"]
    response = client.get("/api/events", params={**params, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == count
    lines = client.get("/api/events", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(lines) == count and all(json.loads(line)["event_uid"] for line in lines)
    if count:
        assert {r["event_uid"] for r in table} == {json.loads(line)["event_uid"] for line in lines}


def test_the_gdelt_export_has_gdelt_columns(client):
    from chronique.store.export import GDELT_COLUMNS

    response = client.get("/api/events", params={"format": "gdelt"})
    rows = [line.split("\t") for line in response.text.splitlines()]
    assert rows[0][:61] == GDELT_COLUMNS
    assert len(rows) - 1 == client.get("/api/events").json()["total"]
    assert all(len(r) >= 61 and len(r) == len(rows[0]) for r in rows)


@pytest.mark.parametrize("path,params,key", [("/api/actors", {"country": "FRA"}, "total"), ("/api/articles", {"lang": "fr"}, "total"),
                                             ("/api/dyads", {}, "total")])
def test_every_list_exports_all_its_rows(client, path, params, key):
    count = client.get(path, params=params).json()[key]
    for fmt in ("csv", "jsonl"):
        body = client.get(path, params={**params, "format": fmt, "limit": 1}).text
        assert len(body.splitlines()) == count + (fmt == "csv")
    assert client.get(path, params={"format": "gdelt"}).status_code == 400
    assert client.get(path, params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("page", ["/events", "/actors", "/articles", "/dyads", "/actor?name=Russie", "/dyad?a=RUS&b=TUR"])
def test_lists_link_their_downloads(client, page):
    html = client.get(page).text
    assert "format=csv" in html and "format=jsonl" in html


# ---------------------------------------------------------------- any spelling
@pytest.mark.parametrize("field,spellings", [
    ("country", ["RUS", "rus", "Russie", "russia", "Fédération de Russie", "federation de russie"]),
    ("actor", ["Russie", "russie", "RUSSIE", "Russia"]),
    ("country", ["TUR", "Turquie", "turkey"]),
])
def test_filters_match_any_spelling(client, field, spellings):
    found = [frozenset(e["event_uid"] for e in client.get("/api/events", params={field: s, "limit": 500}).json()["events"])
             for s in spellings]
    assert found[0] and all(f == found[0] for f in found), spellings


def test_free_text_folds_accents(client):
    plain = client.get("/api/events", params={"text": "libere"}).json()["total"]
    accented = client.get("/api/events", params={"text": "libéré"}).json()["total"]
    assert plain == accented
    assert client.get("/api/events", params={"text": "ACCORD"}).json()["total"] == \
        client.get("/api/events", params={"text": "accord"}).json()["total"] > 0


def test_actor_list_finds_any_spelling_and_offers_autocomplete(client):
    a = client.get("/api/actors", params={"q": "russie"}).json()["total"]
    b = client.get("/api/actors", params={"q": "Russia"}).json()["total"]
    assert a > 0 and a == b
    html = client.get("/events").text
    assert '<datalist id="actor-names">' in html and 'list="actor-names"' in html


# ---------------------------------------------------------------- facets, charts, kept filters
@pytest.mark.parametrize("params", [{}, {"country": "RUS"}, {"lang": "fr"}])
def test_facet_counts_are_what_their_links_list(client, params):
    facets = client.get("/api/facets", params=params).json()["facets"]
    assert set(facets) == {"country", "actor", "root", "plover", "lang", "modality", "year"}
    for key, values in facets.items():
        if key in params:  # the link replaces that filter: its count is another one
            continue
        for value, n in values[:3]:
            extra = {"since": f"{value}-01-01", "until": f"{value}-12-31"} if key == "year" else \
                {"name": value} if key == "actor" else {key: value}
            assert client.get("/api/events", params={**params, **extra}).json()["total"] == n, (key, value)
    html = client.get("/events", params=params).text
    assert 'class="facets"' in html
    for key, value in params.items():
        assert 'class="chip filter-chip"' in html and f"{i18n.translate('filter.' + key)}: {value}" in html


def test_time_series_fill_empty_periods_and_link_their_events(client):
    window = {"since": "2016-01-01", "until": "2017-12-31"}
    chart = client.get("/api/facets", params=window).json()["chart"]
    series = chart["series"]
    labels = [p["label"] for p in series]
    assert client.get("/api/facets").json()["chart"]["by"] == "year"  # the whole corpus spans over 8 years
    assert chart["by"] == "month" and labels == sorted(labels) and len(labels) == len(set(labels))
    assert any(p["events"] == 0 for p in series), "the fixture spans months without events"
    import re

    assert all(re.fullmatch(r"\d{4}-\d{2}", label) for label in labels)
    dated = client.get("/api/events", params=window).json()["total"]
    assert sum(p["events"] for p in series) == dated
    for p in [p for p in series if p["events"]][:4]:
        assert client.get(p["href"].replace("/events", "/api/events", 1)).json()["total"] == p["events"]
    assert all(p["mean_goldstein"] is None for p in series if p["events"] < 3)
    html = client.get("/events", params=window).text
    assert 'class="time-chart"' in html and html.count('class="bar-link"') == sum(1 for p in series if p["events"])


def test_map_keeps_the_filters_it_was_given(client):
    html = client.get("/map", params={"lang": "fr", "plover": "CONSULT"}).text
    assert '<input type="hidden" name="lang" value="fr">' in html and '<input type="hidden" name="plover" value="CONSULT">' in html
    html = client.get("/dyad", params={"a": "RUS", "b": "TUR", "by": "year"}).text
    assert 'name="a" value="RUS"' in html and '<option value="year" selected>year</option>' in html


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("quad_class", [1, 2, 3, 4])
def test_quad_badges_have_aa_contrast(client, quad_class):
    import re

    css = client.get("/static/style.css").text
    colour = re.search(rf"\.quad\.q{quad_class} \{{ background: (#[0-9a-fA-F]{{6}}); \}}", css).group(1)
    ratio = (1.05) / (_luminance(colour) + 0.05)  # white text on the badge
    assert ratio >= 4.5, (colour, round(ratio, 2))


def test_pages_are_accessible_by_structure(client):
    html = client.get("/events").text
    assert 'class="skip" href="#main"' in html and 'id="main"' in html
    assert 'scope="col"' in html and 'aria-sort="descending"' in html  # the default order is -date
    assert "prefers-color-scheme: dark" in client.get("/static/style.css").text
