"""What one article may cost, and the meter that checks it. Apart from the pipeline so that the CLI can build
its options (and a worker unpickle a budget) without importing spaCy."""
from __future__ import annotations

import time
from dataclasses import dataclass

import psutil

from .errors import TooCostlyError


@dataclass(frozen=True, slots=True)
class Budget:
    """What one article may cost: seconds of its own parse and analysis, and growth of the process's resident
    memory meanwhile (None: no limit). Checked after each parsed piece of a long text and before each analysis
    stage; past either, the work stops and the article gets a ``too_costly`` error record. A 500 KB article
    takes about 20 s and 0.6 GB (bench/bench_long.py), well inside the defaults."""

    seconds: float | None = 120.0
    memory_bytes: int | None = 1_500_000_000

    def start(self) -> Meter:
        return Meter(self)


class Meter:
    """One article's spending against its budget."""

    __slots__ = ("budget", "started", "rss")

    def __init__(self, budget: Budget):
        self.budget = budget
        self.started = time.perf_counter()
        self.rss = _rss() if budget.memory_bytes is not None else 0

    def check(self, where: str) -> None:
        budget = self.budget
        if budget.seconds is not None and (spent := time.perf_counter() - self.started) > budget.seconds:
            raise TooCostlyError(f"article stopped {where}: {spent:.3g} s spent, past its {budget.seconds:g} s budget")
        if budget.memory_bytes is not None and (grown := _rss() - self.rss) > budget.memory_bytes:
            raise TooCostlyError(f"article stopped {where}: memory grew by {grown / 1e6:,.0f} MB, past its "
                                 f"{budget.memory_bytes / 1e6:,.0f} MB budget")


def _rss() -> int:
    return psutil.Process().memory_info().rss  # not cached: a forked worker is another process
