"""One exception hierarchy: every error chronique raises on purpose is a ChroniqueError."""
from __future__ import annotations


class ChroniqueError(Exception):
    """Base of every error chronique raises deliberately; ``kind`` names it in error records."""

    kind = "error"


class ReadError(ChroniqueError):
    """The input could not be read or decoded as text."""

    kind = "read"


class BadRecordError(ChroniqueError):
    """A JSON Lines line that is not a well-typed record: invalid JSON, not an object, a field of the wrong type."""

    kind = "bad_record"


class EmptyArticleError(ChroniqueError):
    kind = "empty"


class TooLargeError(ChroniqueError):
    kind = "too_large"


class TooCostlyError(ChroniqueError):
    """An article that went past its time or memory budget (``chronique.pipeline.Budget``): its work was stopped."""

    kind = "too_costly"


class UnsupportedLanguageError(ChroniqueError):
    kind = "unsupported_language"


class ModelMissingError(ChroniqueError):
    kind = "model_missing"


class StoreError(ChroniqueError):
    kind = "store"


class WriteError(StoreError):
    """A file could not be written (disk full, read-only file system...): nothing was left half-written,
    and the same command finishes the job once the cause is fixed."""

    kind = "write"


class EvalError(ChroniqueError):
    kind = "eval"
