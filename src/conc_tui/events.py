"""The event record: one fact about one worker, and its JSONL form.

Producers (jobs, through a reporter) never build `Event`s: that would cost a dataclass per step on
the worker's own time. They post a *raw* tuple `(t, slot, kind, value, extra)` instead, where `t`
is `time.monotonic()` (CLOCK_MONOTONIC is system-wide on Linux, so a child process can stamp its
own events) and `slot` indexes the run's worker table. The bus turns raw tuples into `Event`s,
numbering them in the order it received them.

The JSONL form is a contract (see DESIGN.md): one object per line, `None` fields left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any, Final, Literal, TextIO

Kind = Literal["start", "step", "result", "error", "finish"]
KINDS: Final[tuple[Kind, ...]] = ("start", "step", "result", "error", "finish")
MODELS: Final[tuple[str, ...]] = ("sequential", "thread", "process", "asyncio")

# How a worker ended; carried by its `finish` event in `status`.
DONE: Final = "done"  # the job returned
FAILED: Final = "failed"  # the job raised
KILLED: Final = "killed"  # its process died of a signal
EXITED: Final = "exited"  # its process exited on its own before the job finished
TIMEOUT: Final = "timeout"  # it ran past its deadline and was stopped
CANCELLED: Final = "cancelled"  # the run (or the user) stopped it
STATUSES: Final = (DONE, FAILED, KILLED, EXITED, TIMEOUT, CANCELLED)

# A raw event as producers post it: (monotonic time, worker slot, kind, value, extra).
RawEvent = tuple[float, int, str, Any, Any]


class EventFormatError(ValueError):
    """A line that is not a conc-tui event."""


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    t: float
    run: str
    worker: str
    model: str
    kind: str
    value: Any = None
    total: int | None = None
    pid: int | None = None
    tid: int | None = None
    status: str | None = None  # finish: one of STATUSES
    exitcode: int | None = None  # finish of a process that exited or died
    signal: str | None = None  # finish of a process killed by a signal, e.g. "SIGKILL"
    text: str | None = None  # error: the traceback; finish: a short reason

    def to_dict(self) -> dict[str, Any]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(", ", ": "))

    @classmethod
    def from_dict(cls, data: Any) -> Event:
        if not isinstance(data, dict):
            raise EventFormatError("not a JSON object")
        missing = [k for k in ("seq", "t", "worker", "model", "kind") if k not in data]
        if missing:
            raise EventFormatError(f"missing field(s): {', '.join(missing)}")
        unknown = set(data) - _FIELD_NAMES
        if unknown:
            raise EventFormatError(f"unknown field(s): {', '.join(sorted(unknown))}")
        if data["kind"] not in KINDS:
            raise EventFormatError(f"unknown kind {data['kind']!r}")
        seq, t = data["seq"], data["t"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise EventFormatError("seq must be a whole number >= 0")
        if not isinstance(t, int | float) or isinstance(t, bool) or t < 0:
            raise EventFormatError("t must be a number of seconds >= 0")
        if not isinstance(data["worker"], str) or not isinstance(data["model"], str):
            raise EventFormatError("worker and model must be strings")
        return cls(**{"run": "", **data})


_FIELD_NAMES: Final = frozenset(f.name for f in fields(Event))


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    out.writelines(e.to_json() + "\n" for e in events)


def read_jsonl(lines: Iterable[str]) -> Iterator[Event]:
    """Parse JSONL lines into events; raise `EventFormatError` naming the bad line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EventFormatError(f"line {number}: not JSON ({exc.msg})") from None
        try:
            yield Event.from_dict(data)
        except EventFormatError as exc:
            raise EventFormatError(f"line {number}: {exc}") from None
        except TypeError as exc:  # a field of the wrong type the dataclass refused
            raise EventFormatError(f"line {number}: {exc}") from None
