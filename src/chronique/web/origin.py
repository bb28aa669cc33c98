"""Who may talk to the server: the Host names it answers, and which writes it takes.

Reads are open to whoever reaches the server, but only under a Host name it is bound to (or
one given with ``serve --allow-host``): a page on another site that rebinds its own DNS name to
127.0.0.1 sends its own name as Host and is refused, so it cannot read ``/api/*``.

A write (any method but GET, HEAD and OPTIONS) must come from the server's own pages:
- an ``Origin`` other than the server's own, or ``Sec-Fetch-Site: cross-site|same-site``, is refused;
- a same-origin ``Origin`` or ``Sec-Fetch-Site: same-origin`` proves it;
- so does ``Content-Type: application/json`` (a browser must ask first, in a CORS preflight,
  which this server never grants);
- a form with none of these must carry the per-server token the "Try it" form holds
  (checked by the endpoint, which reads the form: see :func:`token_ok`).
"""
from __future__ import annotations

import hmac
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..errors import ChroniqueError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class Forbidden(ChroniqueError):
    kind = "forbidden"


class BadHost(ChroniqueError):
    kind = "bad_host"


def host_name(value: str) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:80`` -> ``::1``, ``LocalHost.`` -> ``localhost``."""
    value = value.strip().lower()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The Host names to answer: loopback, the bound address, the ``--allow-host`` names (``*``: any)."""
    names = [*LOOPBACK_HOSTS, *([bound] if bound else []), *extra]
    if "*" in names:
        return None
    return frozenset(host_name(n) for n in names if n.strip())


def _host_port(netloc: str, scheme: str) -> tuple[str, int | None]:
    parts = urlsplit(f"//{netloc}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    return (parts.hostname or "").rstrip("."), port if port is not None else DEFAULT_PORTS.get(scheme)


def same_origin(origin: str, host: str, scheme: str) -> bool:
    """Whether an ``Origin`` header names this server as reached (its ``Host``)."""
    parts = urlsplit(origin.strip().lower())
    if parts.scheme != scheme or not parts.netloc:
        return False  # another scheme, 'null' (a sandboxed frame, a file), or garbage
    return _host_port(parts.netloc, parts.scheme) == _host_port(host.lower(), scheme)


def write_verdict(method: str, headers, scheme: str) -> tuple[str, str]:
    """``("ok"|"token"|"refuse", why)`` for a request: token means a form that must carry the token."""
    if method.upper() in SAFE_METHODS:
        return "ok", ""
    origin = headers.get("origin")
    site = (headers.get("sec-fetch-site") or "").lower()
    if origin is not None and not same_origin(origin, headers.get("host") or "", scheme):
        return "refuse", f"a write from another site ({origin[:100]}) is refused"
    if site in ("cross-site", "same-site"):
        return "refuse", f"a write from another site (Sec-Fetch-Site: {site}) is refused"
    content_type = (headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if origin is not None or site == "same-origin" or content_type == "application/json":
        return "ok", ""
    if content_type in FORM_TYPES:
        return "token", ""
    return "refuse", "a write must come from this server's page, or send JSON (Content-Type: application/json)"


def token_ok(given: str | None, token: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode(), token.encode())
