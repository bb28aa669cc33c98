"""Position indexes for actor resolution, so that each lookup costs what it finds, not the article's length.

Actor resolution asks the same few questions for every name it sees: which lexicon matches lie between two
offsets, whether a token is inside one, whether a span is already taken, which person found so far has the
same name key, which actor has the same name and country. Answered by scanning everything found so far, a
long article costs the square of its length; these structures answer them by position or by key.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from .names import same_person

Match = tuple[int, int, list]  # (start, end, entries) as the lexicon matchers give them


class MatchIndex:
    """The lexicon matches of one text, in (start, longest first) order, indexed by character position."""

    __slots__ = ("matches", "_starts", "_max_end", "_covered")

    def __init__(self, matches: list[Match], length: int):
        self.matches = matches
        self._starts = [m[0] for m in matches]
        self._max_end = list(accumulate((m[1] for m in matches), max))  # greatest end among matches[:i + 1]
        covered = bytearray(length + 1)
        for start, end, _ in matches:
            if 0 <= start < end:
                covered[start:end] = b"\x01" * (end - start)
        self._covered = covered

    def within(self, start: int, end: int) -> list[Match]:
        """The matches that start at or after ``start`` and end at or before ``end``, in order."""
        found = []
        matches, starts = self.matches, self._starts
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] <= end:
            if matches[i][1] <= end:
                found.append(matches[i])
            i += 1
        return found

    def covers_char(self, char: int) -> bool:
        """Whether some match has ``start <= char < end``."""
        return 0 <= char < len(self._covered) and self._covered[char] == 1

    def covers(self, start: int, end: int) -> bool:
        """Whether one match spans all of ``start:end``."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end


class TakenSpans:
    """Character spans already given to an actor (or to a dateline); grows as actors are found."""

    __slots__ = ("_chars", "_spans", "_odd")

    def __init__(self, length: int):
        self._chars = bytearray(length + 1)
        self._spans: list[tuple[int, int]] = []
        self._odd: list[tuple[int, int]] = []  # empty or out-of-text spans, which no character can stand for

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        if 0 <= start < end <= len(self._chars):
            self._chars[start:end] = b"\x01" * (end - start)
        else:
            self._odd.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a taken span ``(s, e)`` has ``s < end and start < e``."""
        if not 0 <= start < end <= len(self._chars):
            return any(s < end and start < e for s, e in self._spans)
        return self._chars.find(1, start, end) != -1 or any(s < end and start < e for s, e in self._odd)


class PersonKeys:
    """Name keys of the persons found so far, each with its actor's index, looked up by their words.

    ``same_person`` needs the shorter key's first word in the longer key, so the keys that can match
    ``key`` are those containing ``key[0]`` and those whose first word is one of ``key``'s words.
    """

    __slots__ = ("keys", "_by_word", "_by_first")

    def __init__(self):
        self.keys: list[tuple[tuple[str, ...], int]] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}

    def add(self, key: tuple[str, ...], index: int) -> None:
        position = len(self.keys)
        self.keys.append((key, index))
        for word in set(key):
            self._by_word.setdefault(word, []).append(position)
        if key:
            self._by_first.setdefault(key[0], []).append(position)

    def find(self, key: tuple[str, ...]) -> int | None:
        """The actor index of the first key added that is the same person as ``key``."""
        if not key:
            return None
        candidates = set(self._by_word.get(key[0], ()))
        for word in key:
            candidates.update(self._by_first.get(word, ()))
        for position in sorted(candidates):
            existing, index = self.keys[position]
            if same_person(key, existing):
                return index
        return None


class ActorKeys:
    """Actors (other than persons) by the key that makes two mentions one actor: kind, folded name and
    country, or for a group its role, sector and country. An actor's key can change as mentions add a
    country, role or sector: ``register`` it again after each change; a stale entry is checked away."""

    __slots__ = ("_actors", "_key_of", "_by_key", "_seen")

    def __init__(self, actors: list, key_of: Callable):
        self._actors, self._key_of = actors, key_of
        self._by_key: dict[tuple, list[int]] = {}
        self._seen = 0  # actors[:_seen] are registered; others may be appended to the list directly

    def register(self, index: int) -> None:
        key = self._key_of(self._actors[index])
        if key is not None:
            self._by_key.setdefault(key, []).append(index)

    def first(self, key: tuple, same: Callable) -> int | None:
        """The lowest index of an actor whose current key is ``key`` and for which ``same(actor)`` holds."""
        while self._seen < len(self._actors):
            self.register(self._seen)
            self._seen += 1
        found = [i for i in self._by_key.get(key, ()) if same(self._actors[i])]
        return min(found) if found else None
