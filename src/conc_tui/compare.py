"""The compare view's numbers: one row per model, from that model's run's own events.

`RunTally` folds a run's events into what the table needs (each worker's start, finish and CPU
time); `ModelResult` is its frozen summary; `compare_rows` adds the speedup against the sequential
run. Every time is measured by the run itself: wall time from the runner's start to the last
`finish`, CPU time from each worker's `finish` (thread CPU time for threads and tasks, the
process's own for processes), start-up cost from the runner's start to each worker's `start`.
Core: no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conc_tui.events import CANCELLED, DONE, Event
from conc_tui.units import seconds


@dataclass(frozen=True, slots=True)
class ModelResult:
    """One model's run, so far or finished."""

    model: str
    workers: int
    finished: bool  # every worker has finished
    wall: float  # seconds from the runner's start to the last finish (to now while running)
    cpu: tuple[float, ...]  # CPU seconds of each worker that reported it
    startup: tuple[float, ...]  # seconds from the runner's start to each worker's start
    order: tuple[str, ...]  # finish order
    failed: int  # workers that ended other than done
    ended: tuple[float, ...] = ()  # seconds from the runner's start to each finish, in `order`
    spans: tuple[float, ...] = ()  # each finished worker's seconds from its start to its finish
    baseline: bool = False  # the model others are measured against (its jobs run in sequence)
    elsewhere: float | None = None  # cores other programs kept busy meanwhile (None: not known)

    @property
    def cpu_total(self) -> float:
        return sum(self.cpu)

    @property
    def cpu_per_worker(self) -> float | None:
        return sum(self.cpu) / len(self.cpu) if self.cpu else None

    @property
    def cores_busy(self) -> float | None:
        """Average cores kept busy: all the workers' CPU time over the wall time."""
        return self.cpu_total / self.wall if self.cpu and self.wall > 0 else None

    @property
    def overlap(self) -> float | None:
        """How many workers were under way at once, on average: their spans over the wall."""
        return sum(self.spans) / self.wall if self.spans and self.wall > 0 else None


@dataclass(frozen=True, slots=True)
class CompareRow:
    result: ModelResult
    speedup: float | None  # sequential wall / this wall; None without a finished sequential run


class RunTally:
    """Folds one run's events into a `ModelResult`."""

    def __init__(
        self, model: str, workers: Sequence[str], origin: float = 0.0, baseline: bool = False
    ) -> None:
        self.model = model
        self.baseline = baseline
        self.origin = origin  # run seconds when the runner started
        self._names = list(workers)
        self._started: dict[str, float] = {}
        self._cpu: dict[str, float] = {}
        self._order: list[str] = []  # finish order: the workers that ended by themselves
        self._finished: set[str] = set()  # every worker that has posted its finish
        self._ended: list[float] = []
        self._spans: list[float] = []
        self._failed = 0
        self._last_finish = 0.0

    def apply(self, events: Iterable[Event]) -> None:
        for event in events:
            kind = event.kind
            if kind == "start":
                self._started.setdefault(event.worker, event.t)
                if event.worker not in self._names:
                    self._names.append(event.worker)
            elif kind == "finish" and event.worker not in self._finished:
                self._finished.add(event.worker)
                if event.status != CANCELLED:  # stopped is not finished: no place in the order
                    self._order.append(event.worker)
                    self._ended.append(max(0.0, event.t - self.origin))
                began = self._started.get(event.worker, event.t)
                self._spans.append(max(0.0, event.t - began))
                self._last_finish = max(self._last_finish, event.t)
                if event.cpu is not None:
                    self._cpu[event.worker] = event.cpu
                if event.status != DONE:
                    self._failed += 1

    def result(self, now: float) -> ModelResult:
        finished = bool(self._names) and len(self._finished) >= len(self._names)
        end = self._last_finish if finished else max(now, self._last_finish)
        return ModelResult(
            model=self.model,
            workers=len(self._names),
            finished=finished,
            wall=max(0.0, end - self.origin),
            cpu=tuple(self._cpu.values()),
            startup=tuple(max(0.0, t - self.origin) for t in self._started.values()),
            order=tuple(self._order),
            failed=self._failed,
            ended=tuple(self._ended),
            spans=tuple(self._spans),
            baseline=self.baseline,
        )


def compare_rows(results: Sequence[ModelResult]) -> list[CompareRow]:
    """A row per result, with its speedup against the finished baseline (sequential) run, if any."""
    base = next((r.wall for r in results if r.baseline and r.finished), None)
    return [
        CompareRow(r, base / r.wall if base and r.finished and r.wall > 0 else None)
        for r in results
    ]


def startup_cell(result: ModelResult) -> str:
    """Start-up cost: from the runner's start to the first worker's start, and to the last one's
    when workers start together (in sequence a later start is a wait, not a cost)."""
    if not result.startup:
        return "-"
    first, last = min(result.startup), max(result.startup)
    if result.baseline or last - first < 0.001:
        return seconds(first)
    return f"{seconds(first)} to {seconds(last)}"


def table_cells(row: CompareRow) -> tuple[str, ...]:
    """The compare table's cells for one row, in `COLUMNS` order."""
    r = row.result
    state = "" if r.finished else " …"
    return (
        r.model,
        f"{r.wall:.2f} s{state}",
        f"{row.speedup:.2f}x" if row.speedup is not None else "-",
        seconds(r.cpu_per_worker),
        f"{r.cores_busy:.2f}" if r.cores_busy is not None else "-",
        startup_cell(r),
        " ".join(r.order) if len(r.order) <= 6 else " ".join(r.order[:6]) + " …",
    )


COLUMNS = (
    "model",
    "wall",
    "speedup",
    "CPU / worker",
    "cores busy",
    "start-up",
    "finish order",
)
