"""ASGI guard around the app: request body size and request time limits, security headers.

The limits answer with the page's one error shape, ``{"error": {"kind", "message"}}``.
"""
from __future__ import annotations

import asyncio
import json
import logging

from ..errors import ChroniqueError

log = logging.getLogger(__name__)

# Everything comes from this server: no CDN, no inline script, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(ChroniqueError):
    kind = "too_large"


def error_body(kind: str, message: str) -> bytes:
    return json.dumps({"error": {"kind": kind, "message": message}}).encode()


class Guard:
    def __init__(self, app, *, max_body_bytes: int, timeout_s: float):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._reply(send, 413, "too_large", f"request body over the {self.max_body_bytes:,} byte limit")
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
        # A handler running in a worker thread cannot be stopped; it finishes unseen.
        task.cancel()
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        log.warning("request %s %s took over %.1f s", scope.get("method"), scope.get("path"), self.timeout_s)
        if not started:
            await self._reply(send, 503, "timeout", f"the request took over {self.timeout_s:g} s")

    @staticmethod
    async def _reply(send, status: int, kind: str, message: str) -> None:
        body = error_body(kind, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})
