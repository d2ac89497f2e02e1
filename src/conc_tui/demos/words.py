"""Phrases that several demos' conclusions share: the measured facts of a run, in words.

Each phrase quotes the run's own numbers, or says that the number is not known; none asserts what
the numbers did not show.
"""

from __future__ import annotations

from conc_tui.compare import ModelResult, startup_cell
from conc_tui.units import seconds

__all__ = ["cores", "overlap", "seconds", "startup_cell"]


def cores(result: ModelResult) -> str:
    if result.cores_busy is None:
        return "CPU time not known"
    return f"{result.cores_busy:.2f} cores busy on average"


def overlap(result: ModelResult) -> str:
    if result.overlap is None:
        return "overlap not known"
    return f"{result.overlap:.1f} workers under way at once"
