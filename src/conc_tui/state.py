"""Run state: what a run's events fold into, and the frozen snapshot the screen draws each frame.

This is core (no Textual, no Rich): the UI drains the bus once per frame, calls `RunState.apply()`
with the whole batch, then hands `RunState.snapshot(now)` to its widgets in one batch update. The
fold is a plain loop over mutable per-worker records, cheap enough for a million events a second;
the snapshot is immutable, so a widget can keep it and draw from it at any time.

A worker's *phase* is what its panel shows:

- `pending`: registered, no `start` yet (in sequence, the jobs behind the running one);
- `running`: started, and heard from in the last `quiet_after` seconds;
- `waiting`: started, but silent for longer than that: it sits in a wait (a countdown sleeping
  between steps) or cannot get the CPU (a task behind a task that never yields). The runners say
  nothing about *why* a worker is silent, so this is an inference from silence, and named so;
- `done`: finished with status `done`;
- `failed`: finished any other way (raised, killed, exited, timed out, cancelled); `status`
  says how.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from conc_tui.events import CANCELLED, DONE, Event

PENDING: Final = "pending"
RUNNING: Final = "running"
WAITING: Final = "waiting"
FINISHED_OK: Final = "done"
FAILED_PHASE: Final = "failed"
PHASES: Final = (PENDING, RUNNING, WAITING, FINISHED_OK, FAILED_PHASE)
QUIET_AFTER: Final = 0.25  # seconds of silence after which a started worker counts as waiting


@dataclass(frozen=True, slots=True)
class WorkerView:
    """One worker as the screen shows it at one moment."""

    name: str
    model: str
    phase: str  # one of PHASES
    value: int | None = None  # the last step's value
    total: int | None = None  # the last step's total
    counting_down: bool = False  # the first step was `total of total`: show what is left
    pid: int | None = None
    tid: int | None = None
    started: float | None = None  # seconds from the run's start to this worker's start event
    ended: float | None = None  # seconds from the run's start to this worker's finish event
    elapsed: float = 0.0  # seconds since its start (to its finish once finished)
    result: Any = None
    has_result: bool = False
    error: str | None = None  # the last line of a traceback
    traceback: str | None = None  # the whole of it, for a detail view
    status: str | None = None  # the finish status
    reason: str | None = None  # the finish text (a signal, an exit code, a deadline)
    events: int = 0

    @property
    def finished(self) -> bool:
        return self.phase in (FINISHED_OK, FAILED_PHASE)

    @property
    def fraction(self) -> float:
        """How far along, from 0 to 1 (1 once done)."""
        if self.phase == FINISHED_OK:
            return 1.0
        if not self.total or self.value is None:
            return 0.0
        done = self.total - self.value if self.counting_down else self.value
        return min(1.0, max(0.0, done / self.total))


@dataclass(frozen=True, slots=True)
class RunSnapshot:
    """The whole run at one moment: what one frame draws."""

    model: str
    workers: tuple[WorkerView, ...]
    wall: float  # seconds since the work started (to the last finish once all finished)
    finish_order: tuple[str, ...]
    events: int
    pending: int
    running: int
    waiting: int
    done: int
    failed: int

    @property
    def finished(self) -> bool:
        return bool(self.workers) and self.done + self.failed == len(self.workers)


class _Worker:
    __slots__ = (
        "counting_down",
        "ended",
        "error",
        "events",
        "has_result",
        "last_t",
        "model",
        "name",
        "pid",
        "reason",
        "result",
        "started",
        "status",
        "tid",
        "total",
        "traceback",
        "value",
    )

    def __init__(self, name: str, model: str) -> None:
        self.name = name
        self.model = model
        self.value: int | None = None
        self.total: int | None = None
        self.counting_down = False
        self.pid: int | None = None
        self.tid: int | None = None
        self.started: float | None = None
        self.ended: float | None = None
        self.last_t = 0.0
        self.result: Any = None
        self.has_result = False
        self.error: str | None = None
        self.traceback: str | None = None
        self.status: str | None = None
        self.reason: str | None = None
        self.events = 0

    def view(self, now: float, quiet_after: float, origin: float) -> WorkerView:
        if self.status is not None:
            phase = FINISHED_OK if self.status == DONE else FAILED_PHASE
        elif self.started is None:
            phase = PENDING
        elif now - self.last_t > quiet_after:
            phase = WAITING
        else:
            phase = RUNNING
        if self.started is None:
            elapsed = 0.0
        else:
            end = self.ended if self.ended is not None else now
            elapsed = max(0.0, end - self.started)
        return WorkerView(
            name=self.name,
            model=self.model,
            phase=phase,
            value=self.value,
            total=self.total,
            counting_down=self.counting_down,
            pid=self.pid,
            tid=self.tid,
            started=None if self.started is None else max(0.0, self.started - origin),
            ended=None if self.ended is None else max(0.0, self.ended - origin),
            elapsed=elapsed,
            result=self.result,
            has_result=self.has_result,
            error=self.error,
            traceback=self.traceback,
            status=self.status,
            reason=self.reason,
            events=self.events,
        )


class RunState:
    """Folds one run's events into per-worker records, in a fixed worker order."""

    def __init__(
        self,
        model: str,
        workers: Sequence[str] = (),
        quiet_after: float = QUIET_AFTER,
        origin: float = 0.0,
    ) -> None:
        self.model = model
        self.origin = origin  # run seconds when the work was started: wall time counts from here
        self.quiet_after = quiet_after
        self._workers: dict[str, _Worker] = {name: _Worker(name, model) for name in workers}
        self._order: list[str] = []
        self.events = 0
        self._last_finish = 0.0

    def _worker(self, name: str, model: str) -> _Worker:
        worker = self._workers.get(name)
        if worker is None:  # a worker nobody announced: it goes after the known ones
            worker = self._workers[name] = _Worker(name, model)
        return worker

    def apply(self, events: Iterable[Event], skipped: Mapping[str, int] | None = None) -> None:
        """Fold a batch in. `skipped`: per worker, steps a coalescing drain left off the batch
        (`EventBus.drain(coalesce=...)`): counted, never shown, as the last one kept says more."""
        count = 0
        if skipped:
            for name, left_out in skipped.items():
                self._worker(name, self.model).events += left_out
                count += left_out
        for event in events:
            count += 1
            worker = self._worker(event.worker, event.model)
            worker.events += 1
            worker.last_t = event.t
            kind = event.kind
            if kind == "step":
                if worker.value is None and event.total and event.value == event.total:
                    worker.counting_down = True
                worker.value = event.value
                worker.total = event.total
            elif kind == "start":
                worker.started = event.t
                worker.pid = event.pid
                worker.tid = event.tid
            elif kind == "result":
                worker.result = event.value
                worker.has_result = True
            elif kind == "error":
                worker.error = _last_line(event.text)
                worker.traceback = event.text
            elif kind == "finish" and worker.status is None:
                worker.status = event.status or "?"
                worker.reason = event.text
                worker.ended = event.t
                if worker.started is None:
                    worker.started = event.t
                if worker.status != CANCELLED:  # stopped is not finished: no place in the order
                    self._order.append(worker.name)
                self._last_finish = max(self._last_finish, event.t)
        self.events += count

    def snapshot(self, now: float) -> RunSnapshot:
        """Everything at run time `now` (seconds since the run started)."""
        origin = self.origin
        views = tuple(w.view(now, self.quiet_after, origin) for w in self._workers.values())
        counts = dict.fromkeys(PHASES, 0)
        for view in views:
            counts[view.phase] += 1
        all_finished = bool(views) and counts[FINISHED_OK] + counts[FAILED_PHASE] == len(views)
        return RunSnapshot(
            model=self.model,
            workers=views,
            wall=max(0.0, (self._last_finish if all_finished else now) - self.origin),
            finish_order=tuple(self._order),
            events=self.events,
            pending=counts[PENDING],
            running=counts[RUNNING],
            waiting=counts[WAITING],
            done=counts[FINISHED_OK],
            failed=counts[FAILED_PHASE],
        )


def _last_line(text: str | None) -> str | None:
    if not text:
        return text
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else None
