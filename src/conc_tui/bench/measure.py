"""What a bench measurement is: a figure beside its baseline from the same run, and its target."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the same thing done the plain way, in the same run
    target: str = ""  # what DESIGN.md asks, in words
    met: bool | None = None  # None: no target, or not judged here
    note: str = ""
    lost: int | None = None  # events that went missing (throughput runs): must be 0

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


@dataclass(frozen=True, slots=True)
class Size:
    events: int  # per event-cost measurement
    flood_steps: int  # per worker, for throughput
    repeats: int


FULL: Final = Size(events=1_000_000, flood_steps=500_000, repeats=3)
QUICK: Final = Size(events=100_000, flood_steps=50_000, repeats=1)


def best_of(repeats: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(repeats))


def in_thread(function: Callable[[], float]) -> float:
    """Run a timing in a fresh thread, as a thread worker would run."""
    result: list[float] = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0]
