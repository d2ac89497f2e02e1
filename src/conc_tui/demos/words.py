"""Phrases that several demos' conclusions share: the measured facts of a run, in words.

Each phrase quotes the run's own numbers, or says that the number is not known; none asserts what
the numbers did not show. The thresholds say when the numbers support a claim: two workers "ran at
once" only if their CPU time adds up to well over one core's worth of the wall time.
"""

from __future__ import annotations

from typing import Final

from conc_tui.compare import ModelResult, startup_cell
from conc_tui.units import seconds

__all__ = ["ONE_CORE", "PARALLEL", "cores", "overlap", "seconds", "startup_cell"]

ONE_CORE: Final = 1.25  # at most this many cores busy on average: one core's worth, give or take
PARALLEL: Final = 1.5  # at least this many cores busy (or workers under way): really at once


def cores(result: ModelResult) -> str:
    if result.cores_busy is None:
        return "CPU time not known"
    return f"{result.cores_busy:.2f} cores busy on average"


def overlap(result: ModelResult) -> str:
    value = result.overlap
    if value is None:
        return "overlap not known"
    if value < 1.15:
        return "one worker at a time"
    return f"{value:.1f} workers under way at once on average"


def on_one_core(result: ModelResult) -> bool:
    return result.cores_busy is not None and result.cores_busy <= ONE_CORE


def in_parallel(result: ModelResult) -> bool:
    return result.cores_busy is not None and result.cores_busy >= PARALLEL


def overlapped(result: ModelResult) -> bool:
    return result.overlap is not None and result.overlap >= PARALLEL
