"""The event record: one fact about one worker, and its JSONL form.

Producers (jobs, through a reporter) never build `Event`s: that would cost a dataclass per step on
the worker's own time. They post a *raw* tuple `(t, slot, kind, value, extra)` instead, where `t`
is `time.monotonic()` (CLOCK_MONOTONIC is system-wide on Linux, so a child process can stamp its
own events) and `slot` indexes the run's worker table. The bus turns raw tuples into `Event`s,
numbering them in the order it received them.

The JSONL form is a contract (see DESIGN.md): one object per line, `None` fields left out.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, Final, Literal, NamedTuple, TextIO

Kind = Literal["start", "step", "result", "error", "finish"]
KINDS: Final[tuple[Kind, ...]] = ("start", "step", "result", "error", "finish")

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


class Event(NamedTuple):
    """One event. A named tuple rather than a frozen dataclass: the bus makes one per event, and
    at a million events a second a frozen dataclass's field-by-field `__init__` (~1.5 us) is most of
    the cost; a tuple is built in ~0.3 us and is just as immutable."""

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
    cpu: float | None = None  # finish: CPU seconds the worker itself used (thread/task/process)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in zip(self._fields, self, strict=True) if v is not None}

    def to_json(self) -> str:
        """The JSONL line (without its newline): `json.dumps(self.to_dict())`, built faster.

        Writing the log must keep up with a flood of events, and `json.dumps` of a dict costs ~5 us;
        the fixed fields are formatted directly and only free-form values go through `json`.
        """
        seq, t, run, worker, model, kind, value, total, pid, tid, *_ = self
        who = _who(run, worker, model)
        if (
            kind == "step"
            and type(value) is int
            and type(total) is int
            and type(pid) is int
            and type(tid) is int
        ):  # the flood's case: one format, no loop
            return (
                f'{{"seq": {seq}, "t": {t!r}, {who}, "kind": "step", "value": {value}, '
                f'"total": {total}, "pid": {pid}, "tid": {tid}}}'
            )
        head = f'{{"seq": {seq}, "t": {t!r}, {who}, "kind": {_string(kind)}'
        parts = [head]
        for name, value in zip(_OPTIONAL, self[6:], strict=True):
            if value is None:
                continue
            if type(value) is int:
                parts.append(f', "{name}": {value}')
            else:
                parts.append(f', "{name}": {_dumps(value)}')
        parts.append("}")
        return "".join(parts)

    @classmethod
    def from_dict(cls, data: Any) -> Event:
        if not isinstance(data, dict):
            raise EventFormatError("not a JSON object")
        missing = [k for k in ("seq", "t", "worker", "model", "kind") if k not in data]
        if missing:
            raise EventFormatError(f"not a conc-tui event (no {', '.join(missing)})")
        unknown = set(data) - _FIELD_NAMES
        if unknown:
            raise EventFormatError(f"unknown field(s): {', '.join(sorted(unknown))}")
        if data["kind"] not in KINDS:
            raise EventFormatError(f"unknown kind {data['kind']!r}")
        seq, t = data["seq"], data["t"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise EventFormatError("seq must be a whole number >= 0")
        if not isinstance(t, int | float) or isinstance(t, bool) or not 0 <= t < math.inf:
            raise EventFormatError("t must be a number of seconds >= 0")
        if not isinstance(data["worker"], str) or not isinstance(data["model"], str):
            raise EventFormatError("worker and model must be strings")
        try:
            return cls(**{"run": "", **data})
        except TypeError as exc:
            raise EventFormatError(str(exc)) from None


_FIELD_NAMES: Final = frozenset(Event._fields)
_OPTIONAL: Final = Event._fields[6:]
_dumps = json.JSONEncoder(separators=(", ", ": ")).encode


@functools.lru_cache(maxsize=4096)
def _string(text: str) -> str:
    """A JSON string literal; names and kinds repeat, so each is encoded once."""
    return json.dumps(text)


@functools.lru_cache(maxsize=4096)
def _who(run: str, worker: str, model: str) -> str:
    return f'"run": {_string(run)}, "worker": {_string(worker)}, "model": {_string(model)}'


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
