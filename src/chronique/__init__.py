"""chronique: evidence-linked political event data from French and English news, offline."""
from __future__ import annotations

import logging

from .errors import ChroniqueError
from .records import ArticleResult

__version__ = "0.1.0"
__all__ = ["extract", "open", "Pipeline", "ArticleResult", "ChroniqueError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(text, **kwargs) -> ArticleResult:
    """See :func:`chronique.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(text, **kwargs)


def open(path="chronique.duckdb", **kwargs):  # noqa: A001 - mirrors the familiar duckdb/sqlite idiom
    """Open an event store; see :class:`chronique.store.Store`."""
    from .store import Store

    return Store(path, **kwargs)


def __getattr__(name):
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
