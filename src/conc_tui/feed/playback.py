"""Where a replayed run's events come from: a recorded log, played on the wall clock.

A log can hold several runs. The TUI's `--model all` writes one run id per model; `conc-tui run
--model all` writes every model under one run id, on one clock, with the same worker names in each
model. Either way a log splits into *groups* keyed by (run, model), in the order they first appear,
and a worker is keyed by (model, worker) inside its run. The replay plays the groups one after
another, as the live app plays `--model all`.

`ReplaySource` is a `RunSource` (see `run_source`), so the run screen draws a replay exactly as it
draws a live run: the same events fold into the same state.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from conc_tui.demos import DEMOS, Demo, Params
from conc_tui.events import Event
from conc_tui.replay import EventLog, Playback
from conc_tui.work import Job, JobIterator


@dataclass(frozen=True, slots=True)
class RunGroup:
    """One run of one model inside a log."""

    run: str
    model: str
    workers: tuple[str, ...]  # in the order they first appear
    events: tuple[Event, ...]

    @property
    def origin(self) -> float:
        return self.events[0].t if self.events else 0.0


def split_groups(events: Sequence[Event]) -> list[RunGroup]:
    found: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        found.setdefault((event.run, event.model), []).append(event)
    return [
        RunGroup(run, model, tuple(dict.fromkeys(e.worker for e in mine)), tuple(mine))
        for (run, model), mine in found.items()
    ]


class ReplaySource:
    """Plays one group of a log at `speed` times real time; `paused` stops its clock."""

    def __init__(
        self, group: RunGroup, speed: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.model = group.model
        self.workers = list(group.workers)
        self.group = group
        self._clock = clock
        self.playback = Playback(group.events, speed=speed)
        self.playback.seek(group.origin)
        self.cancelled = False
        self._started = False
        self._due: list[Event] = []

    @property
    def origin(self) -> float:
        return self.group.origin

    @property
    def speed(self) -> float:
        return self.playback.speed

    @speed.setter
    def speed(self, value: float) -> None:
        self._catch_up()  # the time so far is played at the old speed
        self.playback.speed = value

    @property
    def paused(self) -> bool:
        return self.playback.paused

    @paused.setter
    def paused(self, value: bool) -> None:
        self._catch_up()
        self.playback.paused = value

    def _catch_up(self) -> None:
        """Play the log up to now; what fell due is handed out by the next `drain()`."""
        if self._started:
            self._due.extend(self.playback.due(self._clock()))

    def start(self) -> None:
        self._started = True
        self._catch_up()

    def drain(self) -> list[Event]:
        if not self._started or self.cancelled:
            return []
        self._catch_up()
        batch, self._due = self._due, []
        return batch

    def now(self) -> float:
        return self.playback.position

    def cancel(self) -> None:
        self.cancelled = True

    def stop_worker(self, name: str) -> bool:
        return False  # a log holds what happened: nothing in it can be stopped

    def join(self, timeout: float | None = None) -> bool:
        return True

    @property
    def done(self) -> bool:
        return self.cancelled or (self.playback.finished and not self._due)


class ReplayRuns:
    """The source factory of a replay: the screen says which group comes next (`index`)."""

    def __init__(self, groups: Sequence[RunGroup], speed: float = 1.0) -> None:
        self.groups = list(groups)
        self.speed = speed
        self.index = 0

    def __call__(self, demo: Demo, model: str, params: Params) -> ReplaySource:
        return ReplaySource(self.groups[self.index], self.speed)


def replay_demo(log: EventLog, groups: Sequence[RunGroup]) -> Demo:
    """A demo for the screen to show a log under: its words, and the seed lines if a known demo
    wrote it (the log does not name its demo: primes and faults are known by their workers' names,
    a countdown by its first step, `total of total`)."""
    names = {w for g in groups for w in g.workers}
    like: Demo | None = None
    for demo in (DEMOS["primes"], DEMOS["faults"]):
        if names <= {job.name for job in demo.jobs(demo.params())}:
            like = demo
    first_step = next((e for e in log.events if e.kind == "step"), None)
    if like is None and first_step is not None and first_step.value == first_step.total:
        like = DEMOS["countdown"]
    workers = list(groups[0].workers) if groups else []
    return Demo(
        id="replay",
        title=f"replay of {log.path.name}",
        summary=f"a recorded run: {log.path}",
        watch_for="a recorded run, as it happened: space pauses, + and - change the speed.",
        default_model=groups[0].model if groups else "thread",
        uses=frozenset(),
        make_jobs=lambda _params: [Job(name, _no_work) for name in workers],
        describe=like.describe if like is not None else None,
    )


def _no_work() -> JobIterator:
    """A replayed worker does nothing: its events are in the log."""
    yield from ()
