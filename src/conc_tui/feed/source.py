"""What a screen knows of a run: `RunSource`, and `ScriptedRun`, a source with fixed timestamps.

The screens only know `RunSource`: start it, drain it once per frame, ask what run time it is now,
cancel it. `LiveRun` (in `feed.live`) is the real thing; `Playback` sources replay a log;
`ScriptedRun` plays a list of events against an injected clock, so tests and screenshots are
deterministic and never put a busy thread into the test process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from conc_tui.demos import Demo, Params
from conc_tui.events import Event


class RunSource(Protocol):
    model: str
    workers: list[str]  # every worker's name, in the order its panel takes

    @property
    def origin(self) -> float:
        """Run seconds at which the work started: where wall time counts from."""

    def start(self) -> None: ...
    def drain(self) -> list[Event]: ...
    def now(self) -> float: ...
    def cancel(self) -> None: ...
    def stop_worker(self, name: str) -> bool:
        """Ask worker `name` to stop (the others go on); False if this source cannot."""

    def join(self, timeout: float | None = None) -> bool: ...
    @property
    def done(self) -> bool: ...


SourceFactory = Callable[[Demo, str, Params], RunSource]


@runtime_checkable
class Coalesces(Protocol):
    """A run source whose drains leave out steps the screen does not need (see `EventBus.drain`);
    `skipped` says how many, per worker, for the last drain, so that the counts stay exact."""

    @property
    def skipped(self) -> Mapping[str, int]: ...


@runtime_checkable
class MeasuresMachine(Protocol):
    """A live run that can say how busy other programs kept the machine meanwhile."""

    def busy_elsewhere(self, workers_cpu: float) -> float | None: ...


@runtime_checkable
class MeasuresLag(Protocol):
    """A run source that can say how late its event loop's ticks fired (asyncio runs)."""

    def take_lag(self) -> list[float]:
        """The lag samples (seconds) measured since the last call."""


class ScriptedRun:
    """Plays `events` (sorted by `t`) as the clock passes their timestamps.

    `clock` returns run seconds. Without one, the script plays from `start()` at `speed` times real
    time; with a fixed one (`lambda: 1.3`) every drain shows the run exactly as it stood at 1.3 s.
    """

    def __init__(
        self,
        model: str,
        workers: Sequence[str],
        events: Sequence[Event],
        clock: Callable[[], float] | None = None,
        speed: float = 1.0,
        lag: Sequence[tuple[float, float]] = (),
    ) -> None:
        self.model = model
        self.speed = speed
        self.workers = list(workers)
        self._events = sorted(events, key=lambda e: (e.t, e.seq))
        self._next = 0
        self._lag = sorted(lag)  # (run time of the tick, how late it fired)
        self._lag_next = 0
        self._clock = clock
        self._started: float | None = None
        self.cancelled = False
        self.origin = 0.0

    def start(self) -> None:
        self._started = time.monotonic()

    def now(self) -> float:
        if self._clock is not None:
            return self._clock()
        if self._started is None:
            return 0.0
        return (time.monotonic() - self._started) * self.speed

    def drain(self) -> list[Event]:
        if self._started is None or self.cancelled:
            return []
        now = self.now()
        first = self._next
        last = first
        while last < len(self._events) and self._events[last].t <= now:
            last += 1
        self._next = last
        return self._events[first:last]

    def take_lag(self) -> list[float]:
        if self._started is None or self.cancelled:
            return []
        now, first = self.now(), self._lag_next
        last = first
        while last < len(self._lag) and self._lag[last][0] <= now:
            last += 1
        self._lag_next = last
        return [late for _t, late in self._lag[first:last]]

    def cancel(self) -> None:
        self.cancelled = True

    def stop_worker(self, name: str) -> bool:
        return False  # a script plays what it holds

    def join(self, timeout: float | None = None) -> bool:
        return True

    @property
    def done(self) -> bool:
        return self.cancelled or self._next >= len(self._events)
