"""gil: CPU-bound pure-Python loops. Threads take turns on the GIL; processes use every core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.demos.words import cores, startup_cell
from conc_tui.events import Event
from conc_tui.work import Job, JobIterator, Reporter

if TYPE_CHECKING:
    from conc_tui.compare import ModelResult
    from conc_tui.runners.spec import ModelSpec

# ~0.75-1 ms of pure Python here: a step is reported several times per 5 ms GIL turn, so the
# timeline's buckets show which thread held the GIL when (bigger steps would blur the turns).
LOOPS_PER_STEP: Final = 30_000


def spin(report: Reporter, steps: int, loops: int) -> JobIterator:
    for step in range(1, steps + 1):
        total = 0
        for i in range(loops):
            total += i
        report.step(step, steps)
        yield None  # a checkpoint


def make_jobs(params: Params) -> list[Job]:
    kwargs = {"steps": params.steps, "loops": LOOPS_PER_STEP}
    return [Job(name, spin, kwargs) for name in worker_names(params.workers)]


def describe(event: Event, who: str) -> str | None:
    if event.kind == "step" and event.value == event.total:
        return f"{who} finished {event.total} steps of pure Python."
    return None


def conclude(lead: str, result: ModelResult, model: ModelSpec) -> str:
    if model.one_thread:
        return (
            f"{lead}: the tasks share one thread and take turns at every yield (after each "
            f"step here), so they gain nothing from a second core ({cores(result)})."
        )
    if model.shares_gil:
        return (
            f"{lead}: under the GIL only one runs Python at a time "
            f"({cores(result)}; the timeline shows them taking turns)."
        )
    if model.owns_processes:
        return (
            f"{lead}: each process has its own interpreter and GIL, so they run at once "
            f"({cores(result)}), after {startup_cell(result)} of start-up."
        )
    return f"{lead}: one job after another, on one core ({cores(result)})."


PRECISELY = (
    "Precisely: threads do not 'use only one processor'; they take turns holding the GIL, so only "
    "one runs Python at a time. Their waits still overlap (see the io demo)."
)

DEMO = Demo(
    id="gil",
    title="GIL",
    summary="CPU-bound pure-Python loops: threads gain nothing on a GIL build, processes scale.",
    watch_for=(
        "Two threads take as long as doing the work in sequence: only one holds the GIL at a time. "
        "Two processes finish in about half the time on two cores."
    ),
    default_model="thread",
    uses=frozenset({"workers", "steps", "start_method"}),
    make_jobs=make_jobs,
    defaults={"workers": 2, "steps": 2500},  # ~2 s of work per worker
    describe=describe,
    conclude=conclude,
    precisely=PRECISELY,
)
