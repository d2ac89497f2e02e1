"""The timeline: when each worker ran, waited and finished, in buckets of a few milliseconds.

The runners post no "waiting" event (the JSONL kinds are a contract), so running and waiting are
*inferred* from the events a worker posts:

- a bucket in which a worker posted an event is **running**: it made progress then;
- the gap between two of a worker's events counts as running too when it is short (`fill_max`)
  and no other worker of the run posted in between: nobody else was seen to run, so it ran on
  between its reports (a big prime checked in 8 ms blocks under asyncio reports once a block);
- any other bucket after its `start` and before its `finish` is **waiting** (it sat in a sleep, or
  could not get the GIL or the event loop): an inference from silence, and named so on screen.

Buckets are `BUCKET` seconds wide (2 ms), finer than the GIL's 5 ms switch interval, so two `gil`
threads visibly take turns while two processes overlap. A view of many seconds in a few dozen
cells shows each cell's *duty*: the fraction of its buckets in which the worker was running.

Core: no Textual. The UI calls `apply()` with each frame's batch and asks `frame()` for an
immutable `TimelineFrame` of small `bytes` lanes (one code per cell) to draw.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from conc_tui.events import Event

BUCKET: Final = 0.002  # seconds per bucket
FILL_MAX: Final = 0.05  # the longest silent gap between two reports still counted as running
SILENT_RUN: Final = 0.25  # seconds without any event before the live edge moves on to now
MAX_BUCKETS: Final = 600_000  # 20 minutes of 2 ms buckets per worker; later events are not drawn

# What a cell of a lane shows (one byte each).
BEFORE: Final = 0  # not started (yet)
WAITING: Final = 1  # started, silent throughout the cell
RUN_1: Final = 2  # running in up to a quarter of the cell
RUN_2: Final = 3  # up to a half
RUN_3: Final = 4  # up to 85%
RUN_4: Final = 5  # (nearly) all of it
DONE: Final = 6  # finished before the cell began
_ACTIVE: Final = b"\x01"


def duty_code(fraction: float) -> int:
    """The cell code for a worker alive through a cell and running in `fraction` of it."""
    if fraction <= 0.0:
        return WAITING
    if fraction <= 0.25:
        return RUN_1
    if fraction <= 0.5:
        return RUN_2
    if fraction <= 0.85:
        return RUN_3
    return RUN_4


@dataclass(frozen=True, slots=True)
class TimelineFrame:
    """What one frame of the timeline draws: one lane (a `bytes` of cell codes) per worker."""

    names: tuple[str, ...]
    lanes: tuple[bytes, ...]
    start: float  # seconds since the run's start at the left edge of the first cell
    cell: float  # seconds per cell
    fine: bool  # one bucket per cell (zoomed in), rather than the whole run

    @property
    def end(self) -> float:
        return self.start + self.cell * max((len(lane) for lane in self.lanes), default=0)


class _Lane:
    __slots__ = ("active", "ended", "last_t", "started")

    def __init__(self) -> None:
        self.active = bytearray()  # one byte per bucket: 1 running
        self.started: float | None = None
        self.ended: float | None = None
        self.last_t: float | None = None


class Timeline:
    """One run's workers over time; `apply()` folds events, `frame()` reduces them to cells."""

    def __init__(
        self,
        workers: Sequence[str] = (),
        origin: float = 0.0,
        bucket: float = BUCKET,
        fill_max: float = FILL_MAX,
    ) -> None:
        self.origin = origin  # run seconds when the work started: the timeline's zero
        self.bucket = bucket
        self.fill_max = fill_max
        self._lanes: dict[str, _Lane] = {name: _Lane() for name in workers}
        self._last_poster: _Lane | None = None
        self._last_finish = 0.0
        self._latest = 0.0  # the latest event's time

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._lanes)

    def _index(self, t: float) -> int:
        return min(MAX_BUCKETS - 1, max(0, int(t / self.bucket)))

    def _mark(self, lane: _Lane, first: int, last: int) -> None:
        active = lane.active
        if len(active) <= last:
            active.extend(bytes(last + 1 - len(active)))
        active[first : last + 1] = _ACTIVE * (last + 1 - first)

    def apply(self, events: Iterable[Event]) -> None:
        lanes = self._lanes
        bucket, fill_max, limit = self.bucket, self.fill_max, MAX_BUCKETS - 1
        latest, poster = self._latest, self._last_poster
        for event in events:
            lane = lanes.get(event.worker)
            if lane is None:
                lane = lanes[event.worker] = _Lane()
            t = event.t
            if t > latest:
                latest = t
            kind = event.kind
            if kind != "step":
                if kind == "start":
                    lane.started = t
                elif kind == "finish":
                    if lane.started is None:
                        lane.started = t
                    lane.ended = t
                    self._last_finish = max(self._last_finish, t)
            index = min(limit, max(0, int(t / bucket)))
            last_t = lane.last_t
            lane.last_t = t
            if poster is lane and last_t is not None and 0.0 <= t - last_t <= fill_max:
                first = min(limit, max(0, int(last_t / bucket)))
            else:
                first = index
            poster = lane
            active = lane.active
            # The common case at high rates: a bucket already marked, nothing to fill.
            if first == index and index < len(active) and active[index]:
                continue
            self._mark(lane, first, index)
        self._latest, self._last_poster = latest, poster

    def end(self, now: float) -> float:
        """Run seconds where the run's timeline ends: the last finish once all finished; while it
        runs, the latest event. Events reach the screen some milliseconds after they happen (the
        lab forwards them in batches), and drawing on to `now` would paint that delay as waiting.
        Only when the whole run has been silent for `SILENT_RUN` does the edge move on to now."""
        lanes = self._lanes.values()
        if lanes and all(lane.ended is not None for lane in lanes):
            return self._last_finish
        if now - self._latest < SILENT_RUN:
            return max(self._latest, self._last_finish, self.origin)
        return max(now, self._last_finish)

    def span(self, now: float) -> float:
        """Seconds from the run's start to its end (so far)."""
        return max(0.0, self.end(now) - self.origin)

    def frame(
        self,
        now: float,
        cells: int,
        fine: bool = False,
        span: float | None = None,
        until: float | None = None,
    ) -> TimelineFrame:
        """The lanes in `cells` cells: the whole run (or `span` seconds of it, to share a scale
        with other runs), or, `fine`, one bucket per cell ending now (at the end once finished),
        or ending `until` seconds after the run's start, to look back at an earlier moment."""
        cells = max(1, cells)
        end = self.end(now)
        origin = self.origin
        if fine:
            per_cell = 1
            if until is None or origin + until >= end:
                right_index = self._index(end)  # up to the latest bucket, inclusive
            else:  # the window [until - cells buckets, until)
                right_index = max(0, math.ceil((origin + until) / self.bucket - 1e-9) - 1)
            first = max(self._index(origin), right_index + 1 - cells)
            last = min(self._index(end), first + cells - 1)
        else:
            seconds = max(self.span(now) if span is None else span, self.bucket)
            per_cell = max(1, -(-int(seconds / self.bucket + 0.5) // cells))
            first = self._index(origin)
            last = min(self._index(end), first + per_cell * cells - 1)
        count = max(0, min(cells, -(-(last + 1 - first) // per_cell)))
        now_index = self._index(end)
        lanes = tuple(
            self._cells(lane, first, per_cell, count, now_index) for lane in self._lanes.values()
        )
        return TimelineFrame(
            names=self.names,
            lanes=lanes,
            start=first * self.bucket - origin,
            cell=per_cell * self.bucket,
            fine=fine,
        )

    def _cells(self, lane: _Lane, first: int, per_cell: int, count: int, now_index: int) -> bytes:
        out = bytearray(count)
        if lane.started is None:
            return bytes(out)
        alive_from = self._index(lane.started)
        alive_to = self._index(lane.ended) if lane.ended is not None else now_index
        active = lane.active
        for cell in range(count):
            low = first + cell * per_cell
            high = low + per_cell  # exclusive
            a, b = max(low, alive_from), min(high, alive_to + 1)
            if b <= a:
                out[cell] = DONE if lane.ended is not None and low > alive_to else BEFORE
                continue
            out[cell] = duty_code(active.count(1, a, b) / (b - a))
        return bytes(out)
