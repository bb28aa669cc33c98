"""The analyst's page: FastAPI app with server-rendered pages and a JSON API mirroring each page.

Every page ``/x`` has its data at ``/api/x``; the OpenAPI schema is at ``/openapi.json`` and a
self-contained reference page at ``/docs`` (FastAPI's own docs page loads Swagger UI from a CDN,
so it is off). Nothing loads from the network.
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
import os
import secrets
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, urlencode

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import ChroniqueError, StoreError
from ..read import MAX_ARTICLE_BYTES
from ..store import export as store_export
from ..store import queries as store_queries
from ..store.load import resolve_event_id
from . import i18n, origin, pages, tryit
from . import queries as web_queries
from .cache import DEFAULT_CACHE_BYTES, BodyCache
from .gate import StoreBusy, StoreGate
from .guard import BodyTooLarge, Guard, wants_html
from .worker import ExtractBusy, Extractor, ExtractTimeout

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
MAX_LIMIT = 500
FILTERS = web_queries.EVENT_FILTERS
EXPORT_FORMATS = {"csv": "csv", "jsonl": "jsonl", "gdelt": "tsv"}  # format -> file extension


def Str(description: str | None = None):
    """A fresh optional string parameter: one ``Query`` object per parameter (a shared one makes every
    parameter read the first one's name)."""
    return Query(None, max_length=200, description=description)


class NotFound(ChroniqueError):
    kind = "not_found"


class Moved(Exception):
    """An event id that was merged into another event: answered with a permanent redirect."""

    def __init__(self, event_uid: str):
        super().__init__(event_uid)
        self.event_uid = event_uid


def _status(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, HTTPException):
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http")
        return exc.status_code, kind, str(exc.detail)
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body", "path"))
        return 422, "invalid", f"{where}: {first.get('msg', 'invalid request')}"
    if isinstance(exc, NotFound):
        return 404, "not_found", str(exc)
    if isinstance(exc, BodyTooLarge):
        return 413, "too_large", str(exc)
    if isinstance(exc, origin.Forbidden):
        return 403, "forbidden", str(exc)
    if isinstance(exc, (ExtractTimeout, ExtractBusy, StoreBusy)):
        return 503, exc.kind, str(exc)
    if isinstance(exc, duckdb.InterruptException):
        return 503, "timeout", "the query was interrupted"
    if isinstance(exc, ChroniqueError):
        return 400, "invalid" if isinstance(exc, StoreError) else exc.kind, str(exc)
    log.error("internal error", exc_info=exc)
    return 500, "internal", "internal error (details are in the server log)"


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def encode(data) -> bytes:
    return json.dumps(data, default=_json_default, ensure_ascii=False).encode()


def to_json(data, status: int = 200) -> Response:
    """JSON straight from plain dicts (FastAPI's generic encoder is the slowest step of a request)."""
    body = data if isinstance(data, bytes) else encode(data)
    return Response(body, status_code=status, media_type="application/json")


def json_api(fn):
    """Route ``fn``'s dict as JSON; ``fn.data`` stays the plain function for the HTML pages."""
    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            result = await fn(*args, **kwargs)
            return result if isinstance(result, Response) else to_json(result)
    else:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            result = fn(*args, **kwargs)
            return result if isinstance(result, Response) else to_json(result)
    wrapper.data = fn
    return wrapper


def _clean(**values) -> dict:
    """Blank form fields to None; over-long values refused (query strings are not validated by type)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, str):
            if len(value) > 200:
                raise StoreError(f"{key}: at most 200 characters")
            value = value.strip() or None
        out[key] = value
    return out


def create_app(db_path: str | os.PathLike = "chronique.duckdb", *, allow_store: bool = False,
               max_upload_bytes: int = MAX_ARTICLE_BYTES, timeout_s: float = 30.0,
               cache_bytes: int = DEFAULT_CACHE_BYTES, hosts: frozenset[str] | None = origin.allowed_hosts(),
               create: bool = True) -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only; created empty when absent if ``create``).

    ``allow_store``: whether "Try it" may store an extraction (through a short write connection);
    ``cache_bytes``: bytes of event listings and facets kept in memory, least recently used out
    (0: none; see :mod:`chronique.web.cache`); ``hosts``: the Host names answered
    (:func:`origin.allowed_hosts`; None: any).
    """
    gate = StoreGate(db_path, create=create)
    extractor = Extractor()  # started by the first "Try it", or by ``serve`` before it listens
    write_token = secrets.token_urlsafe(32)  # in the "Try it" form: proves a form comes from our page
    # The store cannot change under a read-only server except through gate.store(), which bumps
    # gate.generation, so event listings are cached by their query and that generation.
    cache = BodyCache(cache_bytes)

    @asynccontextmanager
    async def lifespan(_app):
        yield
        extractor.close()
        gate.close()

    app = FastAPI(title="chronique", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked political events (CAMEO, PLOVER) from French and English news.")
    app.state.gate = gate
    app.state.cache = cache
    app.state.extractor = extractor
    app.state.write_token = write_token
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": str}  # dates as YYYY-MM-DD
    env.globals.update(MODALITIES=pages.MODALITIES, QUADS=pages.QUAD_CLASSES, ROOTS=pages.cameo_roots(), PLOVERS=pages.plover_classes(),
                       version=__version__, allow_store=allow_store, write_token=write_token)

    def url(path: str, params: dict | None = None, **changes) -> str:
        merged = {**(params or {}), **changes}
        query = urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})
        return f"{path}?{query}" if query else path

    env.globals["url"] = url
    app.state.templates = env
    env.globals.update(t=i18n.translate, tn=i18n.plural, here_in=i18n.here_in, UI_LANGUAGES=i18n.LANGUAGES,
                       cameo_name=pages.cameo_name_shown)

    def render(name: str, status_code: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(ui_lang=i18n.current.get(), **context), status_code=status_code)

    async def on_error(request: Request, exc: Exception):
        status, kind, message = _status(exc)
        if not wants_html(request.url.path, request.headers.get("accept", "")):
            return JSONResponse({"error": {"kind": kind, "message": message}}, status_code=status)
        return render("error.html", status, page="error", kind=kind, message=message, status=status)

    async def on_moved(request: Request, exc: Moved):
        prefix = "/api/events/" if request.url.path.startswith("/api/") else "/events/"
        target = prefix + quote(exc.event_uid, safe="")
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, status_code=308)

    app.add_exception_handler(Moved, on_moved)
    for exc_class in (HTTPException, RequestValidationError, ChroniqueError, duckdb.Error, Exception):
        app.add_exception_handler(exc_class, on_error)

    def page_size(limit: int, default: int = 50) -> int:
        return max(1, min(limit or default, MAX_LIMIT))

    # -- query parameters shared by a page and its API twin
    def filters_from(request: Request) -> dict:
        """The event filters of a request (every page and API twin reads the same names)."""
        q = request.query_params
        return _clean(**{k: q.get(k) for k in FILTERS})

    def download(name: str, fmt: str, sql: str, params: list, *, events: bool = False) -> StreamingResponse:
        """Every row of ``sql`` streamed as csv, jsonl or (events only) GDELT's tab-separated table."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
        if fmt == "gdelt" and not events:
            raise StoreError("the gdelt format exports events only")

        def chunks():
            with gate.read() as con:
                yield from store_export.stream(con.sql(sql, params=params or None).to_arrow_reader(5000), fmt)

        return StreamingResponse(chunks(), media_type=store_export.STREAM_FORMATS[fmt],
                                 headers={"content-disposition": f'attachment; filename="{name}.{EXPORT_FORMATS[fmt]}"'})

    names_cache: dict[int, list[str]] = {}

    def actor_names() -> list[str]:
        """The autocomplete's actor names (the most reported), once per store generation."""
        generation = gate.generation
        if generation not in names_cache:
            with gate.read() as con:
                names_cache.clear()
                names_cache[generation] = web_queries.actor_names(con)
        return names_cache.get(generation, [])

    def events_job(request: Request, order: str, limit: int, offset: int):
        """(cache key, the function computing it) of one page of the filtered events as the API's JSON."""
        filters = filters_from(request)
        if order not in store_queries.EVENT_ORDERS:
            raise StoreError(f"order must be one of {sorted(store_queries.EVENT_ORDERS)}, got {order!r}")
        selected = tuple(sorted(filters.items()))
        key = ("events", selected, order, page_size(limit), offset, gate.generation)

        def compute() -> bytes:
            with gate.read() as con:
                # a filter's counts serve every page and order of it
                counts = cache.get_or_compute(("counts", selected, gate.generation),
                                              lambda: encode(web_queries.event_counts(con, **filters)))
                return encode(pages.events_page(con, filters, order=order, limit=page_size(limit), offset=offset,
                                                counts=json.loads(counts)))

        return key, compute

    def events_body(request: Request, order: str, limit: int, offset: int) -> bytes:
        return cache.get_or_compute(*events_job(request, order, limit, offset))

    Limit = Query(50, ge=1, le=MAX_LIMIT)
    Offset = Query(0, ge=0, le=10_000_000)
    Order = Query("-date", max_length=20, description=f"one of {', '.join(store_queries.EVENT_ORDERS)}")
    Format = Query(None, pattern="^(csv|jsonl|gdelt)$",
                   description="csv, jsonl or gdelt (events only): every matching row as a download, not a page")
    filter_doc = ("Filters: actor (any spelling of a name), country (ISO3 or a country's name, either side), "
                  "dyad (SRC-TGT as stored), pair (A-B, either direction), name (an actor's exact name), "
                  "root (CAMEO root 01-20), plover, since/until (YYYY-MM-DD), lang, text (words of the evidence, "
                  "any spelling), modality, negated (true/false), precision (of the date: day, month, year), "
                  "min_confidence. format=csv|jsonl|gdelt streams every matching event.")

    # ---------------------------------------------------------------- API
    @app.get("/api/stats", tags=["corpus"], summary="Corpus counts")
    @json_api
    def api_stats():
        with gate.read() as con:
            return store_queries.stats(con)

    @app.get("/api/events", tags=["events"], summary="Events, filtered, sorted, paginated", description=filter_doc)
    @json_api
    async def api_events(request: Request, actor: str | None = Str(), country: str | None = Str(), dyad: str | None = Str(),
                   root: str | None = Str(), plover: str | None = Str(), since: str | None = Str(),
                   until: str | None = Str(), lang: str | None = Str(), text: str | None = Str(),
                   pair: str | None = Str(), name: str | None = Str(), modality: str | None = Str(),
                   negated: str | None = Str(), precision: str | None = Str(), min_confidence: str | None = Str(),
                   order: str = Order, limit: int = Limit, offset: int = Offset, format: str | None = Format):
        if format:
            sql, params = store_queries.events_sql(**filters_from(request), order=order)
            return download("events", format, sql, params, events=True)
        # a cached page is answered here, in the event loop: it never waits for a worker thread that
        # the queries of other pages hold
        key, compute = events_job(request, order, limit, offset)
        body = cache.get(key)
        if body is None:
            body = await run_in_threadpool(cache.fill, key, compute)
        return to_json(body)

    def overview_body(request: Request) -> bytes:
        """Facets and time chart of the filtered events as the API's JSON (cached)."""
        filters = filters_from(request)
        key = ("overview", tuple(sorted(filters.items())), gate.generation)

        def compute() -> bytes:
            with gate.read() as con:
                return encode({"filters": {k: v for k, v in filters.items() if v},
                               "facets": web_queries.facets(con, **filters), "chart": pages.time_series(con, filters)})

        return cache.get_or_compute(key, compute)

    @app.get("/api/facets", tags=["events"], summary="Facet counts and the time series of the filtered events",
             description=filter_doc)
    @json_api
    def api_facets(request: Request, actor: str | None = Str(), country: str | None = Str(), dyad: str | None = Str(),
                   root: str | None = Str(), plover: str | None = Str(), since: str | None = Str(),
                   until: str | None = Str(), lang: str | None = Str(), text: str | None = Str()):
        return to_json(overview_body(request))

    @app.get("/api/events/{event_uid}", tags=["events"], summary="One event with every mention and its evidence")
    @json_api
    def api_event(event_uid: str):
        with gate.read() as con:
            data = pages.event_page(con, event_uid)
            moved = resolve_event_id(con, event_uid) if data is None else None
        if data is None:
            if moved and moved != event_uid:
                raise Moved(moved)
            raise NotFound(f"no event {event_uid!r}")
        return data

    @app.get("/api/actors", tags=["actors"], summary="Actors, by number of articles naming them")
    @json_api
    def api_actors(country: str | None = Str(), q: str | None = Str(), limit: int = Limit, offset: int = Offset,
                   format: str | None = Format):
        if format:
            sql, params = web_queries.actor_list_sql(**_clean(country=country, q=q))
            return download("actors", format, sql + web_queries.ACTOR_ORDER, params)
        with gate.read() as con:
            return pages.actors_page(con, **_clean(country=country, q=q), limit=limit, offset=offset)

    @app.get("/api/actor", tags=["actors"], summary="One actor: spellings, roles, events as source and target, quotes")
    @json_api
    def api_actor(name: str = Query(..., min_length=1, max_length=200), country: str | None = Str()):
        with gate.read() as con:
            data = pages.actor_page(con, name, _clean(country=country)["country"])
        if data is None:
            raise NotFound(f"no actor named {name!r}")
        return data

    @app.get("/api/dyads", tags=["dyads"], summary="Country pairs with the most events")
    @json_api
    def api_dyads(limit: int = Limit, format: str | None = Format):
        if format:
            return download("dyads", format, web_queries.TOP_DYADS_SQL, [])
        with gate.read() as con:
            return pages.dyads_page(con, limit=limit)

    @app.get("/api/dyad", tags=["dyads"], summary="QuadClass counts and mean Goldstein per period for two countries")
    @json_api
    def api_dyad(a: str = Query(..., min_length=1, max_length=40), b: str = Query(..., min_length=1, max_length=40),
                 by: str = Query("month", pattern="^(day|week|month|year)$"), directed: bool = False):
        with gate.read() as con:
            return pages.dyad_page(con, a, b, by=by, directed=directed)

    @app.get("/api/map", tags=["map"], summary="Events grouped by place (with coordinates)", description=filter_doc)
    @json_api
    def api_map(request: Request, actor: str | None = Str(), country: str | None = Str(), dyad: str | None = Str(),
                root: str | None = Str(), plover: str | None = Str(), since: str | None = Str(),
                until: str | None = Str(), lang: str | None = Str(), text: str | None = Str(),
                limit: int = Query(2000, ge=1, le=10_000)):
        filters = filters_from(request)
        with gate.read() as con:
            return pages.map_page(con, filters, limit=limit)

    @app.get("/api/articles", tags=["articles"], summary="Stored articles")
    @json_api
    def api_articles(lang: str | None = Str(), q: str | None = Str(), limit: int = Limit, offset: int = Offset,
                     format: str | None = Format):
        if format:
            cond, order, params = web_queries.article_list_sql(**_clean(lang=lang, q=q))
            return download("articles", format, f"SELECT {web_queries.ARTICLE_COLUMNS} FROM articles{cond}{order}", params)
        with gate.read() as con:
            return pages.articles_page(con, **_clean(lang=lang, q=q), limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="One article: cleaned text, actors, events, quotes, removals, highlight segments")
    @json_api
    def api_article(article_id: str):
        with gate.read() as con:
            data = pages.article_page(con, article_id)
        if data is None:
            raise NotFound(f"no article {article_id!r}")
        return data

    # leave a moment for the answer: the extraction stops before the guard's own timeout
    extract_timeout = max(0.0, timeout_s - min(1.0, timeout_s / 10))

    def run_extraction(text: str, html: bool, source: str, fields: tryit.ExtractRequest) -> dict:
        published, language = fields.published, fields.language
        when = store_queries._as_date(published.strip()) if published and published.strip() else None
        if language not in ("auto", "fr", "en"):
            raise StoreError(f"language must be auto, fr or en, got {language!r}")
        if fields.store and not allow_store:
            raise StoreError("storing is switched off on this server (start it with --allow-store)")
        result = extractor.extract(timeout=extract_timeout, text=text, published=when,
                                   language=None if language == "auto" else language, html=html, source=source,
                                   title=(fields.title or "").strip() or None)
        view = pages.article_view(result.to_dict(include_text=True))
        view["stored"] = None
        if fields.store and result.ok:
            counts = gate.store([result])
            view["stored"] = {"stored": counts.stored, "duplicates": counts.duplicates}
        return view

    async def extract_view(fields: tryit.ExtractRequest, upload) -> dict:
        body, html, source = await tryit.submission(fields, upload, max_upload_bytes)
        return await run_in_threadpool(run_extraction, body, html, source, fields)

    @app.post("/api/extract", tags=["try it"], summary="Extract one pasted or uploaded article; store it if asked",
              openapi_extra=tryit.OPENAPI_BODY,
              description="A form (multipart or urlencoded: text or file, title, published (YYYY-MM-DD), language "
                          "(auto|fr|en), format (auto|text|html), store (true to add it to the corpus, on a server "
                          "started with --allow-store), token (the page's write token, for a form sent without an "
                          "Origin header)) or the same fields as a JSON object (Content-Type: application/json).")
    async def api_extract(request: Request):
        raw, upload = await tryit.read_request(request, max_upload_bytes=max_upload_bytes, token=write_token)
        return to_json(await extract_view(tryit.checked(raw), upload))

    # ---------------------------------------------------------------- pages
    @app.get("/", include_in_schema=False)
    def home():
        return RedirectResponse("/events", status_code=307)

    @app.get("/events", include_in_schema=False, response_class=HTMLResponse)
    def events_html(request: Request, order: str = Order, limit: int = Limit, offset: int = Offset):
        data = json.loads(events_body(request, order, limit, offset))
        overview = json.loads(overview_body(request))
        return render("events.html", page="events", data=data, params={**data["filters"], "order": order},
                      actor_names=actor_names(), facets=overview["facets"], chart=overview["chart"])

    @app.get("/events/{event_uid}", include_in_schema=False, response_class=HTMLResponse)
    def event_html(event_uid: str):
        return render("event.html", page="events", data=api_event.data(event_uid))

    @app.get("/actors", include_in_schema=False, response_class=HTMLResponse)
    def actors_html(country: str | None = Str(), q: str | None = Str(), limit: int = Limit, offset: int = Offset):
        data = api_actors.data(country, q, limit, offset, None)
        return render("actors.html", page="actors", data=data, params=data["filters"], actor_names=actor_names())

    @app.get("/actor", include_in_schema=False, response_class=HTMLResponse)
    def actor_html(name: str = Query(..., min_length=1, max_length=200), country: str | None = Str()):
        return render("actor.html", page="actors", data=api_actor.data(name, country))

    @app.get("/dyads", include_in_schema=False, response_class=HTMLResponse)
    def dyads_html(limit: int = Limit):
        return render("dyads.html", page="dyads", data=api_dyads.data(limit, None))

    @app.get("/dyad", include_in_schema=False, response_class=HTMLResponse)
    def dyad_html(a: str = Query(..., min_length=1, max_length=40), b: str = Query(..., min_length=1, max_length=40),
                  by: str = Query("month", pattern="^(day|week|month|year)$"), directed: bool = False):
        return render("dyad.html", page="dyads", data=api_dyad.data(a, b, by, directed))

    @app.get("/map", include_in_schema=False, response_class=HTMLResponse)
    def map_html(request: Request):
        filters = filters_from(request)
        with gate.read() as con:
            data = pages.map_page(con, filters, limit=2000)
        return render("map.html", page="map", data=data, params=data["filters"],
                      countries=pages.base_map())

    @app.get("/articles", include_in_schema=False, response_class=HTMLResponse)
    def articles_html(lang: str | None = Str(), q: str | None = Str(), limit: int = Limit, offset: int = Offset):
        data = api_articles.data(lang, q, limit, offset, None)
        return render("articles.html", page="articles", data=data, params=data["filters"])

    @app.get("/articles/{article_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def article_html(article_id: str):
        return render("article.html", page="articles", data=api_article.data(article_id))

    @app.get("/try", include_in_schema=False, response_class=HTMLResponse)
    def try_html():
        return render("try.html", page="try", data=None, form={"language": "auto", "format": "auto"})

    @app.post("/try", include_in_schema=False, response_class=HTMLResponse)
    async def try_post(request: Request):
        form = {"language": "auto", "format": "auto"}
        has_file = False
        try:
            raw, upload = await tryit.read_request(request, max_upload_bytes=max_upload_bytes, token=write_token)
            has_file = upload is not None and bool(upload.filename)
            form = {**form, **{k: str(raw[k]) for k in ("text", "title", "published", "language", "format")
                               if raw.get(k) not in (None, "")}}
            data = await extract_view(tryit.checked(raw), upload)
        except ChroniqueError as exc:  # shown above the form, the pasted text kept
            status, kind, message = _status(exc)
            empty = kind == "invalid" and not form.get("text", "").strip() and not has_file
            return render("try.html", status, page="try", data=None, form=form,
                          error={"kind": kind, "message": message, "hint": "try.empty" if empty else None})
        return render("try.html", page="try", data=data, form=form)

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            schema.setdefault("components", {}).setdefault("schemas", {})["ExtractRequest"] = tryit.schema_for_openapi()
        return app.openapi_schema

    app.openapi = openapi

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_html():
        return render("docs.html", page="docs", spec=app.openapi())

    # multipart framing around an upload of max_upload_bytes stays under the body limit
    def html_error(status: int, kind: str, message: str) -> str:
        return env.get_template("error.html").render(ui_lang=i18n.current.get(), page="error", kind=kind,
                                                     message=message, status=status)

    app.add_middleware(Guard, max_body_bytes=max_upload_bytes + 64_000, timeout_s=timeout_s, hosts=hosts,
                       html_error=html_error)
    app.add_middleware(i18n.LanguageMiddleware)
    return app
