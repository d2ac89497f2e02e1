"""io: I/O-bound waits. A wait releases the GIL (threads) or the loop (asyncio), so waits overlap.

Each wait is a sleep standing for a network or disk read; with `--seed` the waits vary a little
(from 0.5x to 1.5x `--delay`), so the finish order changes with the seed but repeats for one seed.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Final

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.demos.words import cores, overlap, overlapped
from conc_tui.events import Event
from conc_tui.work import Job, JobIterator, Reporter, Wait

IDLE: Final = 0.2  # below this many cores busy, the CPU was all but idle

if TYPE_CHECKING:
    from conc_tui.compare import ModelResult
    from conc_tui.runners.spec import ModelSpec


def fetch(report: Reporter, delays: list[float]) -> JobIterator:
    for step, delay in enumerate(delays, 1):
        yield Wait(delay)
        report.step(step, len(delays))


def make_jobs(params: Params) -> list[Job]:
    rng = random.Random(params.seed)
    jobs = []
    for name in worker_names(params.workers):
        delays = [round(params.delay * rng.uniform(0.5, 1.5), 4) for _ in range(params.steps)]
        jobs.append(Job(name, fetch, {"delays": delays}))
    return jobs


def describe(event: Event, who: str) -> str | None:
    if event.kind == "step":
        return f"{who} read {event.value}/{event.total}."
    return None


def conclude(lead: str, result: ModelResult, model: ModelSpec) -> str:
    if model.baseline:
        return f"{lead}: every wait was waited out before the next began ({overlap(result)})."
    idle = result.cores_busy is not None and result.cores_busy < IDLE
    cpu = f"waiting needs no CPU ({cores(result)})" if idle else f"yet {cores(result)}"
    if overlapped(result):
        return f"{lead}: their waits overlapped ({overlap(result)}), and {cpu}."
    return f"{lead}: their waits hardly overlapped ({overlap(result)}); {cpu}."


def watch(model: ModelSpec) -> str:
    if model.baseline:
        return "Every wait is waited out before the next begins: the wall time is the sum of them."
    if model.one_thread:
        return (
            "While one task awaits, the loop runs the others: their waits overlap on one thread, "
            "and the CPU stays nearly idle."
        )
    if model.shares_gil:
        return (
            "A waiting thread lets go of the GIL, so the threads' waits overlap: about one "
            "worker's time, not the sum, with the CPU nearly idle."
        )
    return (
        f"The {model.plural}' waits overlap: about one worker's time, not the sum, after their "
        "start-up."
    )


PRECISELY = (
    "Precisely: a thread that waits has let go of the GIL, so threads overlap their waits; what "
    "they cannot do is run Python at the same time (see the gil demo)."
)

DEMO = Demo(
    id="io",
    title="I/O waits",
    summary="I/O-bound waits: threads and asyncio overlap them, sequential does not.",
    watch_for=(
        "Waiting does not need the GIL: four threads (or tasks) wait at the same time and finish "
        "in about a quarter of the sequential time."
    ),
    default_model="thread",
    uses=frozenset({"workers", "delay", "steps", "seed", "start_method"}),
    make_jobs=make_jobs,
    defaults={"workers": 4, "steps": 5, "delay": 0.2},
    describe=describe,
    conclude=conclude,
    watch=watch,
    precisely=PRECISELY,
)
