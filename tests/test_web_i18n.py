"""The page in French and English: every page's interface words in the language asked for.

The known English labels are the English interface file's values; a French page may show none of them
(outside code, data values in ``.code`` spans, the article texts and the reader's own input).
"""
from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from chronique.web import i18n
from test_web_api import GOLD_IDS, SAMPLE, local_client, web_db  # noqa: F401  (web_db is a fixture)

HTML = {"accept": "text/html"}
PAGES = ["/events", "/events?country=RUS&modality=asserted", "/actors", "/actor?name=Russie", "/dyads",
         "/dyad?a=RUS&b=TUR", "/map", "/articles", f"/articles/{GOLD_IDS[1]}", "/try", "/docs",
         "/events/no-such-event", "/events?since=yesterday", "/events?order=price"]
SKIP_TAGS = {"code", "script", "style", "textarea", "title"}
DATA_CLASSES = {"code", "detail", "result-title"}


@pytest.fixture(scope="module")
def client(web_db):  # noqa: F811
    from chronique.web.app import create_app

    with local_client(create_app(web_db)) as c:
        yield c


def _english_labels() -> tuple[set[str], set[str]]:
    """(single words, phrases) of the English interface that the French one does not also use."""
    english, french = i18n.strings("en"), i18n.strings("fr")
    french_words = {w.lower() for v in french.values() for w in re.findall(r"[\w'’.]+", v)}
    words, phrases = set(), set()
    for key, value in english.items():
        if value == french.get(key):
            continue
        for part in re.split(r"\{\w+\}", value):
            part = part.strip(" :·,;()–→≥")
            if not part or part.lower() in french_words:
                continue
            (phrases if " " in part else words).add(part)
    return words, phrases


def _interface_text(page: str) -> tuple[list[str], list[str]]:
    """(text pieces, attribute texts) a reader sees, leaving out code, data codes and article text."""
    tree = lxml_html.fromstring(page)
    language = tree.get("lang")

    def data(el) -> bool:  # code, data values, or text marked as in another language (article text, API reference)
        return (el.tag in SKIP_TAGS or bool(DATA_CLASSES & set((el.get("class") or "").split()))
                or el.get("lang") not in (None, language))

    pieces, attributes = [], []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        inside_data = any(data(a) for a in el.iterancestors())
        if data(el) or inside_data:
            if not inside_data and el.tail and el.tail.strip():
                pieces.append(el.tail.strip())
            continue
        if el.text and el.text.strip():
            pieces.append(el.text.strip())
        if el.tail and el.tail.strip():
            pieces.append(el.tail.strip())
        for name in ("placeholder", "aria-label", "title"):
            if el.get(name):
                attributes.append(el.get(name))
    return pieces, attributes


def _english_left(page: str) -> list[str]:
    words, phrases = _english_labels()
    pieces, attributes = _interface_text(page)
    found = [p for p in pieces + attributes if p in words]
    joined = " \n ".join(pieces + attributes)
    found += [p for p in phrases if p in joined]
    return found


def test_both_files_have_the_same_keys():
    assert set(i18n.strings("en")) == set(i18n.strings("fr"))
    assert len(_english_labels()[0]) > 40 and len(_english_labels()[1]) > 40  # the check below has teeth


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_french_has_no_english_label_left(client, path):
    response = client.get(path, params={"hl": "fr"}, headers=HTML)
    assert response.headers["content-language"] == "fr"
    assert '<html lang="fr">' in response.text
    assert _english_left(response.text) == [], path
    english = client.get(path, params={"hl": "en"}, headers=HTML)
    assert _english_left(english.text), f"{path}: the check finds nothing in English either"


@pytest.mark.parametrize("data", [{"text": SAMPLE, "title": "Sommet à Pékin", "published": "2024-03-14"},
                                  {"text": "   "}, {"text": "x" * 2_010_000}, {"text": SAMPLE, "published": "14/03"}])
def test_try_it_result_and_errors_in_french(client, data):
    response = client.post("/try", params={"hl": "fr"}, data=data, headers=HTML)
    assert _english_left(response.text) == []


@pytest.mark.parametrize("headers,cookie,query,expected", [
    ({}, None, None, "en"),
    ({"accept-language": "fr-FR,fr;q=0.9,en;q=0.8"}, None, None, "fr"),
    ({"accept-language": "de-DE,en;q=0.3,fr;q=0.7"}, None, None, "fr"),  # weights, not order
    ({"accept-language": "fr"}, "en", None, "en"),  # the cookie wins over the header
    ({"accept-language": "en"}, "fr", "en", "en"),  # and ?hl= over the cookie
    ({}, "xx", "de", "en"),  # unknown values choose nothing
])
def test_the_language_is_chosen_by_query_then_cookie_then_header(client, headers, cookie, query, expected):
    client.cookies.clear()
    if cookie:
        client.cookies.set(i18n.COOKIE, cookie)
    response = client.get("/events", params={"hl": query} if query else None, headers={**HTML, **headers})
    client.cookies.clear()
    assert response.headers["content-language"] == expected
    assert f'<html lang="{expected}">' in response.text
    assert ("Événements" in response.text) == (expected == "fr")


def test_the_switch_sets_a_cookie_that_sticks_and_keeps_the_filters(client):
    client.cookies.clear()
    page = client.get("/events", params={"country": "RUS"}, headers=HTML).text
    switch = lxml_html.fromstring(page).xpath("//a[contains(@class, 'lang-fr')]")[0].get("href")
    assert switch.startswith("/events?") and "country=RUS" in switch and "hl=fr" in switch
    response = client.get(switch, headers=HTML)
    assert "hl=fr" in response.headers["set-cookie"]
    assert client.get("/actors", headers=HTML).headers["content-language"] == "fr"  # the cookie sticks
    client.get("/events", params={"hl": "en"}, headers=HTML)
    assert client.get("/actors", headers=HTML).headers["content-language"] == "en"
    client.cookies.clear()


def test_the_api_is_not_translated(client):
    body = client.get("/api/events", params={"hl": "fr", "limit": 1}, headers={"accept-language": "fr"}).json()
    assert "events" in body and "total" in body
    error = client.get("/api/events/no-such-event", headers={"accept-language": "fr"}).json()
    assert error["error"]["kind"] == "not_found"


# every error kind an extraction's record can carry to the "Try it" result
ARTICLE_ERROR_KINDS = ["read", "empty", "too_large", "too_costly", "unsupported_language", "model_missing", "internal"]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("kind", ARTICLE_ERROR_KINDS)
def test_every_article_error_kind_has_its_words(kind, language):
    assert i18n.strings(language).get(f"error.{kind}"), f"error.{kind} missing from ui.{language}.tsv"


@pytest.mark.parametrize("language, words", [("fr", "son analyse a été arrêtée"), ("en", "its analysis was stopped")])
def test_an_article_past_its_budget_is_explained_in_the_page_language(web_db, language, words):  # noqa: F811
    """A "Try it" article that went past its time or memory budget (too_costly, 120 s by default: too long
    to provoke here) is rendered by the page's own template with the words of its kind."""
    from chronique.records import ArticleResult, ErrorInfo
    from chronique.web import pages
    from chronique.web.app import create_app

    result = ArticleResult(id="pasted", source="<pasted>", text="Le ministre a parlé.", language="fr",
                           error=ErrorInfo("too_costly", "over the 120 s budget (parse)"))
    view = pages.article_view(result.to_dict(include_text=True))
    view["stored"] = None
    token = i18n.current.set(language)
    try:
        page = create_app(web_db).state.templates.get_template("try.html").render(
            ui_lang=language, page="try", data=view, form={"language": "auto", "format": "auto"})
    finally:
        i18n.current.reset(token)
    box = lxml_html.fromstring(page).find_class("result")[0].find_class("error-box")[0]
    assert words in box.text_content() and "too_costly" in box.text_content()
    assert "error.too_costly" not in page and i18n.strings(language)["error.generic"] not in box.text_content()
