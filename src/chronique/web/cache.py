"""The page's answer cache: JSON bodies kept by their query, bounded by bytes, least recently used out.

Answers are kept as the encoded JSON the API sends (``bytes``), so what the cache holds is what it
counts: a body's length plus its key, not an estimate of a tree of Python objects. A hit on the
API is sent as it is; a page decodes it (``json.loads`` is far cheaper than the queries it saves).
A count bound let 1,100 listings of 100 events take the server from 421 MB to 1,250 MB; a byte
bound holds whatever the listings weigh.
"""
from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


def key_bytes(key: Hashable) -> int:
    """What a key holds: its tuple and the strings and numbers in it (nested tuples included)."""
    size = sys.getsizeof(key)
    if isinstance(key, tuple):
        size += sum(key_bytes(part) for part in key)
    return size


class BodyCache:
    """A thread-safe LRU of encoded bodies whose ``held`` bytes (bodies + keys) never exceed ``max_bytes``.

    A body larger than the whole bound is not kept; ``max_bytes`` 0 keeps nothing.
    """

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES):
        if max_bytes < 0:
            raise ValueError(f"max_bytes must be >= 0, got {max_bytes}")
        self.max_bytes = max_bytes
        self.held = 0
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, tuple[bytes, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, body: bytes) -> None:
        size = sys.getsizeof(body) + key_bytes(key)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.held -= old[1]
            if size > self.max_bytes:
                return
            while self.held + size > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self.held -= dropped
            self._items[key] = (body, size)
            self.held += size

    def get_or_compute(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """The cached body of ``key``, else ``compute()``'s, kept for next time. Requests for one key that
        arrive while it is computed wait for that answer instead of computing it again."""
        body = self.get(key)
        return body if body is not None else self.fill(key, compute)

    def fill(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """``compute()``'s body for a key :meth:`get` missed, kept; computed once for concurrent callers."""
        if self.max_bytes == 0:
            return compute()
        with self._lock:
            turn = self._computing.setdefault(key, threading.Lock())
        with turn:
            with self._lock:
                found = self._items.get(key)
                if found is not None:
                    self._items.move_to_end(key)
                    return found[0]
            try:
                body = compute()
                self.put(key, body)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return body

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.held = 0
