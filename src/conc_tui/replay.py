"""Reading a recorded event log back, and playing it on a clock.

A log is the JSONL that `--events` writes. Reading it is strict about what it cannot trust and
lenient about the one thing a crash leaves behind: a truncated last line is skipped with a warning;
anything else that is not a conc-tui event stops the read with one line that names file and line.
Logs are plain JSON, never pickle, never eval.

`Playback` hands out the events that are due at a given moment of a replay, at any speed, paused or
not; the UI calls it once per frame, the same way it drains a live bus.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from conc_tui.errors import LogError
from conc_tui.events import Event, EventFormatError, read_jsonl


@dataclass(frozen=True, slots=True)
class EventLog:
    path: Path
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = ()


def load_log(path: Path) -> EventLog:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LogError(f"{path}: is a folder, not an event log") from None
    except OSError as exc:
        raise LogError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(f"{path}: not a text file (not UTF-8)") from None
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise LogError(f"{path}: the file is empty")
    warnings: list[str] = []
    truncated = not text.endswith("\n")
    try:
        events = list(read_jsonl(lines))
    except EventFormatError as exc:
        last = len(lines)
        if truncated and str(exc).startswith(f"line {last}:"):
            events = list(read_jsonl(lines[:-1]))
            warnings.append(f"{path}: skipped line {last}, cut off before its end")
        else:
            raise LogError(f"{path}: {exc}") from None
    if not events:
        raise LogError(f"{path}: no events in it")
    _check_order(path, events)
    return EventLog(path, tuple(events), tuple(warnings))


def _check_order(path: Path, events: list[Event]) -> None:
    for before, after in itertools.pairwise(events):
        if after.seq != before.seq + 1:
            raise LogError(f"{path}: seq jumps from {before.seq} to {after.seq}: not a whole log")


@dataclass(slots=True)
class Playback:
    """Events of a log released on a clock: `due(now)` gives what became due since the last call."""

    events: tuple[Event, ...]
    speed: float = 1.0
    paused: bool = False
    _times: list[float] = field(default_factory=list)
    _position: float = 0.0  # log seconds played so far
    _wall: float | None = None  # the wall clock at the last call
    _next: int = 0

    def __post_init__(self) -> None:
        # Events play in log order (seq: the order the bus received them, which is the order the
        # live screen folded them in), but each producer stamps its own `t`, so `t` can step back
        # a little from one event to the next: an event is due once every earlier one is.
        self._times = list(itertools.accumulate((e.t for e in self.events), max))

    @property
    def position(self) -> float:
        return self._position

    @property
    def finished(self) -> bool:
        return self._next >= len(self.events)

    def seek(self, position: float) -> None:
        """Go forward to log time `position` (a later run in a log does not start at zero); the
        events before it are due at the next call."""
        self._position = max(self._position, position)

    def due(self, now: float) -> list[Event]:
        """Advance the log clock to wall time `now` and return the events it passed."""
        if self._wall is not None and not self.paused:
            self._position += (now - self._wall) * self.speed
        self._wall = now
        end = bisect.bisect_right(self._times, self._position, lo=self._next)
        batch = list(self.events[self._next : end])
        self._next = end
        return batch
