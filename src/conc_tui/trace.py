"""`--trace FILE.json`: a run as a Chrome Trace Event Format file, to open in Perfetto.

A bus recorder, like the JSONL log: `write(events)` for every drained batch, then `close()` (the
file appears) or `abort()` (nothing appears: it is written through `AtomicTextFile`).

What the trace holds:

- one track per worker: every (run, model) is a trace "process" and every worker a "thread" of it,
  named by "M" metadata events (`process_name`, `thread_name`, sort indexes). Real pids and tids
  are not used as track ids (asyncio tasks and a sequential run share one thread, which would put
  every worker on one track); they are in the names and args instead. `run --model all` puts several
  models under one run id, with the same worker names in each: a track's key: (run, model, worker);
- duration slices ("X", `ts`/`dur` in microseconds): one slice for the worker's whole life (named
  after it, with its status), and inside it `running` and `waiting` slices;
- instant events ("i"): steps, results, errors, and a finish that was not `done`.

**Waiting is inferred.** The runners post no "waiting" event (the JSONL kinds are a contract): a
started worker that is silent for longer than `quiet_after` (default `state.QUIET_AFTER`, the same
rule the panels use) is drawn as waiting for that silence, otherwise as running. A countdown asleep
between its steps and a task that cannot get the loop both look like silence; the trace cannot tell
them apart, and says only "waiting".

A flood demo posts millions of steps: each worker's first `max_step_marks` steps get an instant
event, the rest are counted in the worker's slice args, so a trace stays small enough to open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from conc_tui.events import DONE, Event
from conc_tui.recording import AtomicTextFile
from conc_tui.state import QUIET_AFTER

RUNNING: Final = "running"
WAITING: Final = "waiting"
MAX_STEP_MARKS: Final = 1000


def _us(seconds: float) -> float:
    return round(seconds * 1e6, 3)


@dataclass(slots=True)
class _Track:
    pid: int
    tid: int
    name: str
    started: float | None = None
    last_t: float = 0.0
    segment: str | None = None  # RUNNING or WAITING, once the first gap is known
    segment_start: float = 0.0
    steps: int = 0
    real_pid: int | None = None
    real_tid: int | None = None
    finished: bool = False
    args: dict[str, Any] = field(default_factory=dict)


class TraceRecorder:
    """Writes the events it is given as a Chrome trace (see the module's docstring)."""

    def __init__(
        self,
        path: Path,
        quiet_after: float = QUIET_AFTER,
        max_step_marks: int = MAX_STEP_MARKS,
    ) -> None:
        self._out = AtomicTextFile(path)
        self.quiet_after = quiet_after
        self.max_step_marks = max_step_marks
        self._groups: dict[tuple[str, str], int] = {}  # (run, model) -> trace pid
        self._tracks: dict[tuple[str, str, str], _Track] = {}
        self._first = True
        self._out.file.write('{"displayTimeUnit": "ms", "traceEvents": [\n')

    # The recorder protocol.

    def write(self, events: list[Event]) -> None:
        for event in events:
            self._take(event)

    def close(self) -> None:
        if self._out.file.closed:
            return
        for track in self._tracks.values():
            if track.started is not None and not track.finished:
                self._end(track, track.last_t, "unfinished")
        self._out.file.write('\n], "otherData": {"producer": "conc-tui"}}\n')
        self._out.close()

    def abort(self) -> None:
        self._out.abort()

    # Folding events into slices.

    def _take(self, event: Event) -> None:
        track = self._track(event)
        t, kind = event.t, event.kind
        if kind == "start":
            track.started = track.last_t = track.segment_start = t
            track.real_pid, track.real_tid = event.pid, event.tid
            return
        if track.started is None:  # a finish (or anything) with no start: it begins here
            track.started = track.last_t = track.segment_start = t
        self._advance(track, t)
        if kind == "step":
            track.steps += 1
            if track.steps <= self.max_step_marks:
                shown = f"{event.value}/{event.total}" if event.total else f"{event.value}"
                self._instant(track, t, f"step {shown}", {"value": event.value})
        elif kind == "result":
            self._instant(track, t, f"result {event.value!r}", {"value": repr(event.value)})
        elif kind == "error":
            self._instant(track, t, "error", {"traceback": event.text or ""})
        elif kind == "finish" and not track.finished:
            if event.status != DONE:
                self._instant(track, t, f"finish: {event.status}", {"reason": event.text or ""})
            self._end(track, t, event.status or "?")

    def _advance(self, track: _Track, t: float) -> None:
        """The silence since the worker's last event was running or waiting: extend or switch."""
        kind = WAITING if t - track.last_t > self.quiet_after else RUNNING
        if track.segment is None:
            track.segment = kind
        elif kind != track.segment:
            self._slice(track, track.segment, track.segment_start, track.last_t)
            track.segment, track.segment_start = kind, track.last_t
        track.last_t = t

    def _end(self, track: _Track, t: float, status: str) -> None:
        track.finished = True
        started = track.started if track.started is not None else t
        if track.segment is not None:
            self._slice(track, track.segment, track.segment_start, t)
        args = {"status": status, "steps": track.steps}
        if track.real_pid is not None:
            args["pid"] = track.real_pid
        if track.real_tid is not None:
            args["tid"] = track.real_tid
        life = {"ph": "X", "name": track.name, "cat": "worker", "pid": track.pid, "tid": track.tid}
        self._emit({**life, "ts": _us(started), "dur": _us(t - started), "args": args})

    def _slice(self, track: _Track, name: str, start: float, end: float) -> None:
        if end > start:
            self._emit({"ph": "X", "name": name, "cat": name, "pid": track.pid, "tid": track.tid,
                        "ts": _us(start), "dur": _us(end - start)})  # fmt: skip

    def _instant(self, track: _Track, t: float, name: str, args: dict[str, Any]) -> None:
        self._emit({"ph": "i", "s": "t", "name": name, "cat": "event", "pid": track.pid,
                    "tid": track.tid, "ts": _us(t), "args": args})  # fmt: skip

    # Tracks and their names.

    def _track(self, event: Event) -> _Track:
        key = (event.run, event.model, event.worker)
        track = self._tracks.get(key)
        if track is not None:
            return track
        group = (event.run, event.model)
        pid = self._groups.get(group)
        if pid is None:
            pid = self._groups[group] = len(self._groups) + 1
            label = f"{event.model} (run {event.run})" if event.run else event.model
            self._meta("process_name", pid, 0, {"name": label})
            self._meta("process_sort_index", pid, 0, {"sort_index": pid})
        tid = 1 + sum(1 for k in self._tracks if k[:2] == group)
        track = self._tracks[key] = _Track(pid, tid, event.worker)
        ids = [
            f"{name} {n}" for name, n in (("pid", event.pid), ("tid", event.tid)) if n is not None
        ]
        real = f" ({', '.join(ids)})" if ids else ""
        self._meta("thread_name", pid, tid, {"name": f"{event.worker}{real}"})
        self._meta("thread_sort_index", pid, tid, {"sort_index": tid})
        return track

    def _meta(self, name: str, pid: int, tid: int, args: dict[str, Any]) -> None:
        self._emit({"ph": "M", "name": name, "pid": pid, "tid": tid, "args": args})

    def _emit(self, record: dict[str, Any]) -> None:
        self._out.file.write(("" if self._first else ",\n") + json.dumps(record))
        self._first = False
