"""Tiny jobs for the runner tests. Module-level, so a spawned child process can import them."""

from __future__ import annotations

import time

from conc_tui.work import JobIterator, Reporter, Wait


def raise_after_one_step(report: Reporter) -> JobIterator:
    report.step(1, 2)
    yield None
    raise ValueError("boom from a tiny job")


def two_steps(report: Reporter, delay: float) -> JobIterator:
    for value in (1, 2):
        report.step(value, 2)
        yield Wait(delay)
    report.result("ok")


def tick_forever(report: Reporter, delay: float) -> JobIterator:
    value = 0
    while True:
        value += 1
        report.step(value)
        yield Wait(delay)


def spin_with_checkpoints(report: Reporter) -> JobIterator:
    """A CPU hang that still yields: every model can stop it at a checkpoint."""
    report.step(1)
    while True:
        yield None


def spin_without_checkpoints(report: Reporter, seconds: float) -> JobIterator:
    """A CPU hang that never yields: only a process can be stopped in the middle of it."""
    report.step(1)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    yield None
