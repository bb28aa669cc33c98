"""Read stage: files, folders, JSON Lines and standard input become RawArticle records.

Reading never raises for one bad article: undecodable, binary or oversized input becomes a
RawArticle carrying ``read_error``, so the batch goes on and nothing is silently lost.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .errors import ChroniqueError, EmptyArticleError, ReadError, TooLargeError
from .records import ErrorInfo, RawArticle

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# control characters other than tab, line feed, form feed and carriage return: many of them mean binary data
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def input_format_of(path: str) -> str:
    name = path.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    suffix = Path(name).suffix
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, folders walked recursively (sorted, known suffixes only), globs expanded."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if input_format_of(full) != "text" or Path(name).suffix.lower() in TEXT_SUFFIXES:
                        yield full
        elif any(ch in path for ch in "*?[") and not os.path.exists(path):
            yield from sorted(glob.glob(path, recursive=True))
        else:
            yield path


def read_paths(paths: Iterable[str], input_format: str | None = None,
               max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[RawArticle]:
    for path in expand_paths(paths):
        fmt = input_format or ("text" if path == "-" else input_format_of(path))
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                yield from read_bytes(data, "<stdin>", fmt, max_bytes)
            elif fmt == "jsonl.gz":
                with gzip.open(path, "rb") as fh:
                    yield from read_jsonl(fh, path, max_bytes)
            elif fmt == "jsonl":
                with open(path, "rb") as fh:
                    yield from read_jsonl(fh, path, max_bytes)
            else:
                with open(path, "rb") as fh:
                    data = fh.read(max_bytes + 1)
                yield from read_bytes(data, path, fmt, max_bytes)
        except OSError as exc:
            yield RawArticle(source=path, read_error=ErrorInfo("read", f"cannot read {path}: {exc.strerror or exc}"))
        except (EOFError, gzip.BadGzipFile) as exc:
            yield RawArticle(source=path, read_error=ErrorInfo("read", f"{path}: corrupt gzip stream ({exc})"))


def read_bytes(data: bytes, source: str, fmt: str = "text",
               max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[RawArticle]:
    if fmt in ("jsonl", "jsonl.gz"):
        yield from read_jsonl(io.BytesIO(data), source, max_bytes)
        return
    try:
        text = decode(data, max_bytes)
    except ChroniqueError as exc:
        yield RawArticle(source=source, read_error=ErrorInfo(exc.kind, f"{source}: {exc}"))
        return
    if fmt == "html":
        yield RawArticle(source=source, html=text)
    else:
        yield RawArticle(source=source, text=text)


def read_jsonl(stream: io.BufferedIOBase, source: str, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[RawArticle]:
    for lineno, line in enumerate(stream, 1):
        where = f"{source}:{lineno}"
        if not line.strip():
            continue
        try:
            record = json.loads(decode(line, max_bytes))
            if not isinstance(record, dict):
                raise ReadError("a JSON Lines record must be an object")
            yield article_from_record(record, where)
        except json.JSONDecodeError as exc:
            yield RawArticle(source=where, read_error=ErrorInfo("read", f"{where}: invalid JSON ({exc.msg})"))
        except ChroniqueError as exc:
            yield RawArticle(source=where, read_error=ErrorInfo(exc.kind, f"{where}: {exc}"))


def article_from_record(record: dict, source: str) -> RawArticle:
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise ReadError("record has neither 'text' nor 'html'")
    return RawArticle(
        source=source,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        id=str(record["id"]) if record.get("id") not in (None, "") else None,
        url=record.get("url"),
        title=record.get("title"),
        published=parse_published(record.get("published")),
        language=record.get("language"),
    )


def parse_published(value: object) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ReadError(f"'published' must be YYYY-MM-DD, got {value!r}") from exc


def decode(data: bytes, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if len(data) > max_bytes:
        raise TooLargeError(f"article is larger than the {max_bytes:,} byte limit")
    if not data.strip():
        raise EmptyArticleError("article is empty")
    if b"\x00" in data[:65536]:
        raise ReadError("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReadError("bytes are neither UTF-8 nor Windows-1252 text") from exc
    if not text.strip():
        raise EmptyArticleError("article is only white space")
    controls = len(CONTROL_CHARACTERS.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 100):
        raise ReadError("binary data (control characters), not text")
    return text
