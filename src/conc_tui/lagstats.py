"""Event-loop lag statistics: how late the periodic tick on an asyncio run's own loop fired.

The asyncio runner wakes a ticker every 10 ms and records how late it woke (`runner.loop_lag`).
A task that computes without yielding holds the loop, and every tick behind it waits: p50, p99
and the worst lag say how responsive the loop stayed. Core: no Textual.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LagSummary:
    """Lag so far, in seconds."""

    count: int
    p50: float
    p99: float
    max: float
    last: float


def percentile(ordered: list[float], fraction: float) -> float:
    """The nearest-rank percentile of an ascending, non-empty list (`fraction` from 0 to 1)."""
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, math.ceil(fraction * len(ordered) - 1e-9))
    return ordered[min(len(ordered), rank) - 1]


class LagStats:
    """Every lag sample of one run, kept sorted, so a summary per frame costs little."""

    def __init__(self) -> None:
        self._ordered: list[float] = []
        self._last: float | None = None

    def add(self, samples: Iterable[float]) -> None:
        for sample in samples:
            bisect.insort(self._ordered, sample)
            self._last = sample

    def __len__(self) -> int:
        return len(self._ordered)

    def summary(self) -> LagSummary | None:
        ordered = self._ordered
        if not ordered or self._last is None:
            return None
        return LagSummary(
            count=len(ordered),
            p50=percentile(ordered, 0.50),
            p99=percentile(ordered, 0.99),
            max=ordered[-1],
            last=self._last,
        )
