"""countdown: the seed. Workers A and B count down 5..1, waiting 0.5 s between steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.demos.words import overlap, overlapped
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
        return f"{lead}: one countdown after the other ({overlap(result)})."
    if not overlapped(result):
        return f"{lead}: the countdowns hardly overlapped ({overlap(result)})."
    order = (
        "the loop woke each sleeper as its sleep ended"
        if model.one_thread
        else "whichever sleep ended first finished first, so the order can change from run to run"
    )
    return f"{lead}: the countdowns slept at the same time ({overlap(result)}); {order}."


def watch(model: ModelSpec) -> str:
    if model.baseline:
        return "One job after another: A counts down, then B, about 5 s in all, always A then B."
    if model.one_thread:
        return (
            "Two tasks on one thread overlap their sleeps: about 2.5 s, not 5 s. The loop wakes "
            "sleepers in the order their sleeps end, so the finish order tends to repeat."
        )
    if model.owns_processes:
        return (
            "Two processes overlap their sleeps too: about 2.5 s, after each process has started "
            "(its start-up shows before its first step). Which ends first can change."
        )
    return (
        f"Two {model.plural} overlap their sleeps: about 2.5 s, not 5 s. Which ends first can "
        "change from run to run: run it again and compare the finish orders."
    )


DEMO = Demo(
    id="countdown",
    title="Countdown",
    summary="Two workers count down 5..1, sleeping 0.5 s between steps: the classic.",
    watch_for=(
        "In sequence the countdowns take 5 s, one after the other; threads, processes and tasks "
        "overlap their sleeps and take about 2.5 s."
    ),
    watch=watch,
    default_model="thread",
    uses=frozenset({"workers", "delay", "steps", "start_method"}),
    make_jobs=make_jobs,
    defaults={"workers": 2, "steps": 5, "delay": 0.5},
    describe=describe,
    conclude=conclude,
)
