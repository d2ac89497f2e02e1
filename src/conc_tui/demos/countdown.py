"""countdown: the seed. Workers A and B count down 5..1, waiting 0.5 s between steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.demos.words import overlap
from conc_tui.events import Event
from conc_tui.work import Job, JobIterator, Reporter, Wait

if TYPE_CHECKING:
    from conc_tui.compare import ModelResult
    from conc_tui.runners.spec import ModelSpec


def count_down(report: Reporter, steps: int, delay: float) -> JobIterator:
    for value in range(steps, 0, -1):
        report.step(value, steps)
        yield Wait(delay)


def make_jobs(params: Params) -> list[Job]:
    kwargs = {"steps": params.steps, "delay": params.delay}
    return [Job(name, count_down, kwargs) for name in worker_names(params.workers)]


def describe(event: Event, who: str) -> str | None:
    if event.kind == "step":
        return f"{who} counting down: {event.value}..."
    return None


def conclude(lead: str, result: ModelResult, model: ModelSpec) -> str:
    if model.baseline:
        return f"{lead}."
    return (
        f"{lead}: the countdowns slept at the same time ({overlap(result)}); the finish "
        "order is whichever sleep ends first, so it can change from run to run."
    )


DEMO = Demo(
    id="countdown",
    title="Countdown",
    summary="Two workers count down 5..1, sleeping 0.5 s between steps: the classic.",
    watch_for="Threads overlap their sleeps: about 2.5 s, not 5 s. The A/B order can change.",
    default_model="thread",
    uses=frozenset({"workers", "delay", "steps", "start_method"}),
    make_jobs=make_jobs,
    defaults={"workers": 2, "steps": 5, "delay": 0.5},
    describe=describe,
    conclude=conclude,
)
