"""Jobs that post events at a steady rate: the load the UI is measured under."""

from __future__ import annotations

import time
from typing import Final

from conc_tui.demos import worker_names
from conc_tui.work import Job, JobIterator, Reporter, Wait

PACE: Final = 0.005  # seconds between a paced worker's bursts


def paced_steps(report: Reporter, rate: float, seconds: float) -> JobIterator:
    """Post `rate` step events a second for `seconds`, in bursts every PACE seconds."""
    total = max(1, int(rate * seconds))
    began = time.monotonic()
    posted = 0
    step = report.step
    while posted < total:
        due = min(total, int((time.monotonic() - began) * rate))
        while posted < due:
            posted += 1
            step(posted, total)
        yield Wait(PACE)


def paced_jobs(workers: int, rate: float, seconds: float) -> list[Job]:
    """`workers` jobs that post `rate` events a second between them."""
    params = {"rate": rate / workers, "seconds": seconds}
    return [Job(name, paced_steps, params) for name in worker_names(workers)]
