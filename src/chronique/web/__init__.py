"""The analyst's page: ``chronique serve`` (see :func:`chronique.web.app.create_app`)."""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    from .app import create_app as _create_app

    return _create_app(*args, **kwargs)
