"""The fold: one run's source turned into what every view shows, the same way everywhere.

Once per frame a view calls `RunFold.drain()`: one drain of the source (however many events wait),
folded into the worker state (`RunState`), the timeline, the tally behind the compare table and the
explanation (`RunTally`), and the event loop's lag (`LagStats`). The view then takes frozen frames
from it (`snapshot(now)`, `timeline.frame(...)`, `result(now)`, `lag.summary()`) and hands them to
its widgets in one `batch_update()`. The run screen, the compare view and the bench all fold this
way, so a number means the same thing on every screen (memray's live view: a reader folds, the app
shows one frozen snapshot).

`parts` leaves out folds a caller does not need: the bench measures the worker state alone, as it
always has.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Final

from conc_tui.compare import ModelResult, RunTally
from conc_tui.events import Event
from conc_tui.feed.source import Coalesces, MeasuresLag, MeasuresMachine, RunSource
from conc_tui.lagstats import LagStats
from conc_tui.runners import is_baseline
from conc_tui.state import RunSnapshot, RunState
from conc_tui.timeline import Timeline

EVERY_PART: Final = frozenset({"state", "timeline", "tally", "lag"})


class RunFold:
    """Folds one `RunSource` into state, timeline, tally and lag, one drain per frame."""

    def __init__(self, source: RunSource, parts: Collection[str] = EVERY_PART) -> None:
        unknown = set(parts) - EVERY_PART
        if unknown:
            raise ValueError(f"unknown fold parts: {', '.join(sorted(unknown))}")
        self.source = source
        self.model = source.model
        origin = source.origin
        self.state = RunState(source.model, source.workers, origin=origin)
        self.timeline = Timeline(source.workers, origin=origin)
        self.tally = RunTally(
            source.model, source.workers, origin=origin, baseline=is_baseline(source.model)
        )
        self.lag = LagStats()
        self._state = "state" in parts
        self._timeline = "timeline" in parts
        self._tally = "tally" in parts
        self._machine = source if isinstance(source, MeasuresMachine) else None
        self._final: ModelResult | None = None
        self._coalescing = source if isinstance(source, Coalesces) else None
        self._lagging = source if "lag" in parts and isinstance(source, MeasuresLag) else None

    def drain(self) -> list[Event]:
        """Drain the source once and fold what came; the events, for a log pane."""
        source = self.source
        events = source.drain()
        # A lab says when its work started once it is up: every fold counts from there.
        origin = source.origin
        self.state.origin = self.timeline.origin = self.tally.origin = origin
        if events:
            if self._state:
                coalescing = self._coalescing
                self.state.apply(events, coalescing.skipped if coalescing else None)
            if self._timeline:
                self.timeline.apply(events)
            if self._tally:
                self.tally.apply(events)
        if self._lagging is not None:
            lag = self._lagging.take_lag()
            if lag:
                self.lag.add(lag)
        return events

    def now(self) -> float:
        return self.source.now()

    def snapshot(self, now: float) -> RunSnapshot:
        return self.state.snapshot(now)

    def result(self, now: float) -> ModelResult:
        """The compare table's numbers; once the run is over, with how busy the machine was."""
        if self._final is not None:
            return self._final
        result = self.tally.result(now)
        if result.finished and self.source.done:
            if self._machine is not None:
                elsewhere = self._machine.busy_elsewhere(result.cpu_total)
                result = replace(result, elsewhere=elsewhere)
            self._final = result
        return result

    @property
    def finished(self) -> bool:
        """Every worker has finished and the source has nothing more to give."""
        return self.source.done and self.tally.result(self.now()).finished
