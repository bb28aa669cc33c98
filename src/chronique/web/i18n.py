"""The page's interface in French and English: every label, heading, button and message by key.

The strings are data (``data/web/ui.en.tsv``, ``data/web/ui.fr.tsv``: ``key<TAB>text``, ``{name}`` for a
value put in). A page's language comes from, in this order: ``?hl=fr|en`` (``lang`` already filters
articles by language), the ``hl`` cookie (set whenever ``?hl=`` is given, so the visible switch sticks),
then the browser's ``Accept-Language``; English otherwise.
"""
from __future__ import annotations

import contextvars
from functools import cache
from http.cookies import SimpleCookie
from importlib.resources import files
from urllib.parse import parse_qs, parse_qsl, urlencode

LANGUAGES = ("en", "fr")
DEFAULT = "en"
PARAM = COOKIE = "hl"
current = contextvars.ContextVar("ui_language", default=DEFAULT)
here = contextvars.ContextVar("ui_here", default=("/", ""))  # (path, query string) of the request


@cache
def strings(language: str) -> dict[str, str]:
    """``key -> text`` for one interface language."""
    text = files("chronique").joinpath("data", "web", f"ui.{language}.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


def translate(key: str, /, _default: str | None = None, **values) -> str:
    """The text of ``key`` in the current request's language (else English, else ``_default``'s, else the key)."""
    here_strings, english = strings(current.get()), strings(DEFAULT)
    text = here_strings.get(key) or english.get(key)
    if text is None and _default:
        text = here_strings.get(_default) or english.get(_default)
    text = text or key
    return text.format(**values) if values else text


def plural(key: str, n: int, /, **values) -> str:
    """``key.one`` for 1 (and 0 in French), else ``key.other``; ``{n}`` is the count."""
    one = n == 1 or (current.get() == "fr" and n == 0)
    return translate(f"{key}.{'one' if one else 'other'}", n=n, **values)


def here_in(language: str) -> str:
    """This page's URL in another interface language (its other parameters kept)."""
    path, query = here.get()
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k != PARAM]
    return f"{path}?{urlencode([*params, (PARAM, language)])}"


def _accepted(header: str) -> str | None:
    """The first supported language of an ``Accept-Language`` header, by its q weights."""
    ranked = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, tag.strip().lower().split("-")[0]))
    for _q, _i, tag in sorted(ranked):
        if tag in LANGUAGES:
            return tag
    return None


def choose(query: str, cookie: str, accept: str) -> tuple[str, str | None]:
    """(language, the one asked by ``?hl=`` or None) from a request's query string and headers."""
    asked = (parse_qs(query).get(PARAM) or [""])[0].strip().lower()
    if asked in LANGUAGES:
        return asked, asked
    jar = SimpleCookie()
    try:
        jar.load(cookie)
    except Exception:  # a malformed cookie header chooses nothing
        jar = SimpleCookie()
    kept = jar[COOKIE].value if COOKIE in jar else ""
    if kept in LANGUAGES:
        return kept, None
    return _accepted(accept) or DEFAULT, None


class LanguageMiddleware:
    """Sets the request's interface language; remembers ``?hl=`` in a cookie; says what varies."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        language, asked = choose(scope.get("query_string", b"").decode("latin-1"), headers.get("cookie", ""),
                                 headers.get("accept-language", ""))
        token = current.set(language)
        where = here.set((scope.get("path", "/"), scope.get("query_string", b"").decode("latin-1")))

        async def send_with_language(message):
            if message["type"] == "http.response.start":
                extra = [(b"content-language", language.encode()), (b"vary", b"Accept-Language, Cookie")]
                if asked:
                    extra.append((b"set-cookie", f"{COOKIE}={asked}; Path=/; Max-Age=31536000; SameSite=Lax".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            current.reset(token)
            here.reset(where)
