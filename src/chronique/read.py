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

from .errors import BadRecordError, ChroniqueError, EmptyArticleError, ReadError, TooLargeError
from .records import ErrorInfo, RawArticle

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# control characters other than tab, line feed, form feed and carriage return: many of them mean binary data
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# the fields of a JSON Lines record; each is a string or null, anything else makes the line a bad record
RECORD_STRING_FIELDS = ("id", "url", "title", "text", "html", "published", "language")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SEPARATORS_TO_NEWLINE = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
SEPARATORS_TO_SPACE = str.maketrans({"\u2028": " ", "\u2029": " "})


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
    """One RawArticle per non-blank line, in order: a line that is not a well-typed record becomes that
    line's error record (kind ``bad_record``), and the lines after it are still read."""
    for lineno, line in enumerate(stream, 1):
        if line.strip():
            yield read_record(line, source, lineno, max_bytes)


def read_record(line: bytes, source: str, lineno: int, max_bytes: int = MAX_ARTICLE_BYTES) -> RawArticle:
    where = f"{source}:{lineno}"
    record: object = None
    try:
        record = parse_record(decode(line, max_bytes))
        return article_from_record(record, where)
    except ChroniqueError as exc:
        record_id = record.get("id") if isinstance(record, dict) else None  # kept to link the failure
        return RawArticle(source=where,
                          id=valid_unicode(record_id, one_line=True) if isinstance(record_id, str) and record_id
                          else None,
                          read_error=ErrorInfo(exc.kind, f"{where}: {exc}", line=lineno))


def parse_record(line: str) -> dict:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise BadRecordError(f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise BadRecordError("invalid JSON (nested too deeply)") from exc
    except ValueError as exc:  # Python refuses to convert an integer of more than 4,300 digits
        reason = (f"a number of more than {sys.get_int_max_str_digits():,} digits" if "digits" in str(exc)
                  else (str(exc).splitlines() or ["a value Python cannot read"])[0])
        raise BadRecordError(f"invalid JSON ({reason})") from exc
    if not isinstance(record, dict):
        raise BadRecordError(f"a JSON Lines record must be an object, got {json_type(record)}")
    return record


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type (never its text: a value may be huge)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def article_from_record(record: dict, source: str) -> RawArticle:
    for name in RECORD_STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise BadRecordError(f"'{name}' must be a string, got {json_type(value)}")
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        raise BadRecordError("record has neither 'text' nor 'html'")
    return RawArticle(
        source=source,
        text=valid_unicode(text) if text is not None else None,
        html=valid_unicode(html) if html is not None and text is None else None,
        id=valid_unicode(record["id"], one_line=True) if record.get("id") else None,
        url=valid_unicode(record["url"], one_line=True) if record.get("url") is not None else None,
        title=valid_unicode(record["title"], one_line=True) if record.get("title") is not None else None,
        published=parse_published(record.get("published")),
        language=valid_unicode(record["language"], one_line=True) if record.get("language") else None,
    )


def parse_published(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise BadRecordError(f"'published' must be YYYY-MM-DD, got {valid_unicode(value[:40], one_line=True)!r}") \
            from exc


def valid_unicode(text: str, one_line: bool = False) -> str:
    """Text every encoder accepts and every reader splits the same way. A lone surrogate (a JSON escape
    such as \\ud800 that pairs with nothing) becomes U+FFFD; U+2028 and U+2029, line breaks to Unicode
    but not to most tools, become newlines (spaces in a one-line field such as a title)."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    return text.translate(SEPARATORS_TO_SPACE if one_line else SEPARATORS_TO_NEWLINE)


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
