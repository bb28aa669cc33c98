"""ASGI guard around the app: Host names, same-origin writes, request body size and request time
limits, security headers.

Its refusals answer with the page's one error shape, ``{"error": {"kind", "message"}}``, or with
the HTML error page for a browser asking for a page (``html_error``).
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable

from starlette.datastructures import Headers

from ..errors import ChroniqueError
from . import origin

log = logging.getLogger(__name__)

# Everything comes from this server: no CDN, no inline script, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # not 'no-referrer': under it a browser sends 'Origin: null' with the page's own form, which a write
    # must not carry; 'same-origin' still sends nothing to other sites
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(ChroniqueError):
    kind = "too_large"


def error_body(kind: str, message: str) -> bytes:
    return json.dumps({"error": {"kind": kind, "message": message}}).encode()


def wants_html(path: str, accept: str) -> bool:
    """A browser asking for a page gets an HTML error page; the API and everything else get JSON."""
    return not path.startswith(("/api/", "/openapi")) and "text/html" in accept


class Guard:
    def __init__(self, app, *, max_body_bytes: int, timeout_s: float, hosts: frozenset[str] | None = None,
                 html_error: Callable[[int, str, str], str] | None = None):
        """``hosts``: the Host names answered (None: any); ``html_error(status, kind, message)``: an error page."""
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_s = timeout_s
        self.hosts = hosts
        self.html_error = html_error

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        html = self.html_error is not None and wants_html(scope.get("path", ""), headers.get("accept", ""))
        if self.hosts is not None and origin.host_name(headers.get("host", "")) not in self.hosts:
            shown = ", ".join(sorted(f"[{h}]" if ":" in h else h for h in self.hosts))
            await self._reply(send, 421, "bad_host", f"this server answers only for {shown}, not for Host "
                              f"{headers.get('host', '(none)')[:100]!r}; start it with --allow-host NAME "
                              "to answer NAME too", html)
            return
        verdict, why = origin.write_verdict(scope.get("method", "GET"), headers, scope.get("scheme", "http"))
        if verdict == "refuse":
            await self._reply(send, 403, "forbidden", why, html)
            return
        scope.setdefault("state", {})["same_origin"] = verdict == "ok"
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._reply(send, 413, "too_large", f"request body over the {self.max_body_bytes:,} byte limit",
                              html)
            return
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise BodyTooLarge(f"request body over the {self.max_body_bytes:,} byte limit")
            return message

        started = False
        timed_out = False

        async def guarded_send(message):
            nonlocal started
            if timed_out:
                return  # the request was answered with a timeout; drop what the late handler sends
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
            await send(message)

        task = asyncio.ensure_future(self.app(scope, limited_receive, guarded_send))
        done, _ = await asyncio.wait({task}, timeout=self.timeout_s)
        if task in done:
            task.result()
            return
        timed_out = True
        # A handler in a worker thread cannot be stopped here; "Try it" stops its own extraction (web/worker.py).
        task.cancel()
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        log.warning("request %s %s took over %.1f s", scope.get("method"), scope.get("path"), self.timeout_s)
        if not started:
            await self._reply(send, 503, "timeout", f"the request took over {self.timeout_s:g} s", html)

    async def _reply(self, send, status: int, kind: str, message: str, html: bool = False) -> None:
        if html:
            body, content_type = self.html_error(status, kind, message).encode(), b"text/html; charset=utf-8"
        else:
            body, content_type = error_body(kind, message), b"application/json"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})
