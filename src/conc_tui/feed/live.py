"""`LiveRun`: a real run of a demo under a model, as a `RunSource` for the screens.

The experiment is opened through `conc_tui.session.open_run`, the one door to wherever it runs (a
lab process by default), on a bus of its own, so its clock starts at zero.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from conc_tui.bus import EventBus, Recorder
from conc_tui.demos import Demo, Params
from conc_tui.events import Event
from conc_tui.feed.source import RunSource, SourceFactory
from conc_tui.machine import MachineLoad
from conc_tui.runners import Runner
from conc_tui.session import open_run
from conc_tui.timeline import BUCKET


class LiveRun:
    """A real run of `demo` under `model`, on a bus of its own (so its clock starts at zero).

    `coalesce`: drain for a screen (one step per worker per timeline bucket, the rest counted);
    `wait`: how long a drain may wait for the first event (a screen's frame never waits; a loop
    that only drains, like the bench's, waits rather than spin).
    """

    def __init__(
        self,
        demo: Demo,
        model: str,
        params: Params,
        recorders: Sequence[Recorder] = (),
        clock: Callable[[], float] = time.monotonic,
        open_runner: Callable[[Demo, str, Params, EventBus], Runner] = open_run,
        coalesce: bool = True,
        wait: float = 0.0,
    ) -> None:
        self.model = model
        self.workers = [job.name for job in demo.jobs(params)]
        self.bus = EventBus()
        # Recorders are shared by every run of the session and closed by whoever opened them.
        self.bus.recorders.extend(recorders)
        self._clock = clock
        self._runner = open_runner(demo, model, params, self.bus)
        self._lag_read = 0
        self._machine: MachineLoad | None = None
        self._coalesce = BUCKET if coalesce else 0.0
        self._wait = wait

    @property
    def origin(self) -> float:
        # The runner says when the work started; a lab process says so once it is up, which is
        # what the workers' times are measured against, not when the UI asked.
        started = self._runner.started_at
        return 0.0 if started is None else max(0.0, started - self.bus.t0)

    def start(self) -> None:
        self._machine = MachineLoad()
        self._runner.start()

    def busy_elsewhere(self, workers_cpu: float) -> float | None:
        """Cores other programs kept busy since the start (the lab's workers are not ours to
        count in this process's CPU, so all of their CPU is added)."""
        return self._machine.elsewhere(workers_cpu) if self._machine else None

    def drain(self) -> list[Event]:
        # A screen needs no more than one step per worker per timeline bucket; the recorders on
        # the bus still get every event.
        return self.bus.drain(wait=self._wait, coalesce=self._coalesce)

    @property
    def skipped(self) -> Mapping[str, int]:
        return self.bus.skipped

    def take_lag(self) -> list[float]:
        lag = self._runner.loop_lag  # append-only: read on from where we stopped
        taken = lag[self._lag_read :]
        self._lag_read += len(taken)
        return taken

    def now(self) -> float:
        return max(0.0, self._clock() - self.bus.t0)

    def cancel(self) -> None:
        self._runner.cancel()

    def stop_worker(self, name: str) -> bool:
        # The panels are in the runner's job order: a worker's index there is its panel's.
        if name not in self.workers:
            return False
        self._runner.cancel_worker(self.workers.index(name))
        return True

    def join(self, timeout: float | None = None) -> bool:
        return self._runner.join(timeout)

    @property
    def done(self) -> bool:
        return self._runner.done and self.bus.empty()


def live_runs(recorders: Sequence[Recorder] = ()) -> SourceFactory:
    def open_live(demo: Demo, model: str, params: Params) -> RunSource:
        return LiveRun(demo, model, params, recorders)

    return open_live
