"""Runners: run a demo's jobs under one model and post their events on the bus."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from conc_tui.bus import Poster
from conc_tui.runners.asyncio_runner import AsyncioRunner
from conc_tui.runners.base import Runner
from conc_tui.runners.inprocess import SequentialRunner, ThreadRunner
from conc_tui.runners.process_runner import DEFAULT_START_METHOD, START_METHODS, ProcessRunner
from conc_tui.work import Job

__all__ = [
    "DEFAULT_START_METHOD",
    "START_METHODS",
    "AsyncioRunner",
    "ProcessRunner",
    "Runner",
    "SequentialRunner",
    "ThreadRunner",
    "make_runner",
]


def make_runner(
    model: str, jobs: Sequence[Job], bus: Poster, start_method: str = DEFAULT_START_METHOD
) -> Runner:
    if model == "process":
        return ProcessRunner(jobs, bus, start_method)
    runner_class: dict[str, Callable[[Sequence[Job], Poster], Runner]] = {
        "sequential": SequentialRunner,
        "thread": ThreadRunner,
        "asyncio": AsyncioRunner,
    }
    try:
        return runner_class[model](jobs, bus)
    except KeyError:
        raise ValueError(f"unknown model {model!r}") from None
