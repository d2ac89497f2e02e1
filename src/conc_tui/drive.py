"""Drivers: run one job's generator to its end and report its whole life.

`drive_sync` serves the sequential, thread and process models (a wait is a wait on the worker's
cancel flag, so a cancel wakes a sleeping worker at once); `drive_async` serves asyncio (a wait is
`asyncio.sleep`, a checkpoint `asyncio.sleep(0)`, a cancel is `Task.cancel()`). Both post exactly
one `start` and exactly one `finish`, whatever the job does.
"""

from __future__ import annotations

import asyncio
import threading
import time
import traceback
from collections.abc import Callable
from typing import Protocol

from conc_tui.events import CANCELLED, DONE, FAILED, TIMEOUT
from conc_tui.work import Crash, Job, Reporter, Wait


class LifecycleReporter(Reporter, Protocol):
    def start(self) -> None: ...
    def error(self, traceback_text: str) -> None: ...
    def finish(self, status: str, text: str | None = None, cpu: float | None = None) -> None: ...
    def flush(self) -> None: ...


class SimulatedCrash(RuntimeError):
    """A job asked to crash its process, but it does not own one: it shares the program's."""


class _Stopped(Exception):
    def __init__(self, status: str) -> None:
        self.status = status


def _crash_in_shared_process(crash: Crash, model: str) -> None:
    how = f"signal {crash.signal}" if crash.signal is not None else f"os._exit({crash.exitcode})"
    raise SimulatedCrash(
        f"{how} would end the whole program under the {model} model; reported as an error instead"
    )


def _failure_text() -> str:
    return traceback.format_exc()


def drive_sync(
    job: Job,
    report: LifecycleReporter,
    cancel: threading.Event,
    model: str,
    crash: Callable[[Crash], None] | None = None,
    stopped_as: Callable[[], str] = lambda: CANCELLED,
) -> str:
    """Run `job` in the calling thread; return the status its `finish` carried.

    `stopped_as` says why `cancel` was set (a process worker is told by its parent: cancelled, or
    past its deadline as the parent measured it)."""
    report.start()
    cpu_at_start = time.thread_time()  # the job runs in this thread: its CPU is this thread's
    deadline = None if job.deadline is None else time.monotonic() + job.deadline
    status, text = DONE, None
    try:
        for request in job.fn(report, **job.params):
            if cancel.is_set():
                raise _Stopped(stopped_as())
            if deadline is not None and time.monotonic() >= deadline:
                raise _Stopped(TIMEOUT)
            if isinstance(request, Wait):
                report.flush()
                seconds = request.seconds
                if deadline is not None:
                    seconds = min(seconds, max(0.0, deadline - time.monotonic()))
                if cancel.wait(seconds):
                    raise _Stopped(stopped_as())
                if deadline is not None and time.monotonic() >= deadline:
                    raise _Stopped(TIMEOUT)
            elif isinstance(request, Crash):
                report.flush()
                if crash is None:
                    _crash_in_shared_process(request, model)
                else:
                    crash(request)
    except _Stopped as stop:
        status = stop.status
        if status == TIMEOUT:
            text = f"ran past its {job.deadline:g} s deadline"
    except Exception:
        report.error(_failure_text())
        status = FAILED
    report.finish(status, text, time.thread_time() - cpu_at_start)
    return status


async def drive_async(job: Job, report: LifecycleReporter, stop: threading.Event) -> str:
    """Run `job` as the current task; a `CancelledError` from outside ends it as cancelled."""
    if stop.is_set():  # cancelled before the task first ran: `Task.cancel()` was not sent
        report.finish(CANCELLED, "cancelled before it started")
        return CANCELLED
    report.start()
    status, text = DONE, None
    scope = asyncio.timeout(job.deadline)
    # Tasks share one thread, so a task's CPU is the thread's CPU summed over its own turns.
    cpu = 0.0
    turn_began: float | None = time.thread_time()
    try:
        async with scope:
            for request in job.fn(report, **job.params):
                cpu += time.thread_time() - (turn_began or 0.0)
                turn_began = None  # not this task's CPU until it runs again
                if isinstance(request, Wait):
                    await asyncio.sleep(request.seconds)
                elif isinstance(request, Crash):
                    _crash_in_shared_process(request, "asyncio")
                else:
                    await asyncio.sleep(0)
                turn_began = time.thread_time()
    except TimeoutError:
        if not scope.expired():  # the job's own TimeoutError, not our deadline
            report.error(_failure_text())
            status = FAILED
        else:
            status, text = TIMEOUT, f"ran past its {job.deadline:g} s deadline"
    except asyncio.CancelledError:
        status = CANCELLED
    except Exception:
        report.error(_failure_text())
        status = FAILED
    if turn_began is not None:  # it ended in its own turn: count that turn too
        cpu += time.thread_time() - turn_began
    report.finish(status, text, cpu)
    return status
