"""Fixtures of the core tests: drive runners by hand safely, and check that nothing is left."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator

import pytest

from conc_tui.runners import Runner
from conc_tui.testing.engine import JOIN_TIMEOUT


@pytest.fixture
def start_runner() -> Iterator[Callable[[Runner], Runner]]:
    """Start runners for a test that drives them by hand; cancel and join them whatever happens."""
    started: list[Runner] = []

    def start(runner: Runner) -> Runner:
        started.append(runner)
        runner.start()
        return runner

    yield start
    for runner in started:
        runner.cancel()
    for runner in started:
        runner.join(JOIN_TIMEOUT)


@pytest.fixture
def nothing_left_running() -> Iterator[None]:
    """After the test: no thread and no child process that was not there before it."""
    threads_before = set(threading.enumerate())
    yield
    leftover_threads = [t for t in threading.enumerate() if t not in threads_before]
    assert leftover_threads == []
    assert multiprocessing.active_children() == []
