"""What a demo's job sees: the reporting API and the requests it may yield.

A job is a generator function `job(report, **params)`. It does plain work, calls
`report.step(...)` / `report.result(...)` to say what happened, and *yields* whenever it would
wait or could let others run:

    yield Wait(0.5)     # an I/O-like wait: time.sleep in a thread, asyncio.sleep in a task
    yield               # a checkpoint: nothing in a thread, `await asyncio.sleep(0)` in a task
    yield Crash(...)    # die the way a process dies (only a process can do it for real)

Written this way, one job runs unchanged as a thread, a process, a task or in sequence: the runner
decides what each yield means. Every yield is also where a run can be cancelled or time out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Wait:
    """Wait this many seconds without using the CPU."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Crash:
    """End the worker's process abruptly: by `signal` (e.g. 9) or by `os._exit(exitcode)`."""

    signal: int | None = None
    exitcode: int | None = None


Request = Wait | Crash | None
JobIterator = Iterator[Request]


class Reporter(Protocol):
    """How a job tells the world what it is doing. Every call is cheap and never blocks."""

    def step(self, value: int, total: int | None = None) -> None: ...

    def result(self, value: Any) -> None: ...


JobFunction = Callable[..., JobIterator]


@dataclass(frozen=True, slots=True)
class Job:
    """One unit of work of a demo: it becomes one worker (one panel) in a run.

    `fn` must be a module-level function so that a spawned process can import it.
    `deadline` (seconds from the worker's start) is when the runner stops it as timed out.
    """

    name: str
    fn: JobFunction
    params: dict[str, Any] = field(default_factory=dict)
    deadline: float | None = None
