"""gil: CPU-bound pure-Python loops. Threads take turns on the GIL; processes use every core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.demos.words import cores, in_parallel, on_one_core, startup_cell
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
        if on_one_core(result):
            return (
                f"{lead}: the tasks share one thread and take turns at every yield, so they "
                f"gained nothing from a second core ({cores(result)})."
            )
        return f"{lead}: the tasks share one thread, yet {cores(result)}: something else ran too."
    if model.shares_gil:
        if on_one_core(result):
            return (
                f"{lead}: only one thread ran Python at a time ({cores(result)}; zoom in to "
                "see them take turns on the GIL)."
            )
        return (
            f"{lead}: {cores(result)}, so the threads ran Python at the same time: this "
            "interpreter did not make them take turns (a build without a GIL?)."
        )
    if model.owns_processes:
        if in_parallel(result):
            return (
                f"{lead}: each process has its own interpreter and GIL, so they ran at once "
                f"({cores(result)}), after {startup_cell(result)} of start-up."
            )
        return (
            f"{lead}: each process could run on a core of its own, but only "
            f"{cores(result)}: they did not run at once all the time (fewer cores free than "
            f"processes, or a long start-up: {startup_cell(result)})."
        )
    return f"{lead}: one job after another ({cores(result)})."


def watch(model: ModelSpec) -> str:
    if model.baseline:
        return "One worker after the other on one core: the time every other model is held to."
    if model.one_thread:
        return (
            "Two tasks share one thread: they take turns at every yield, so they take as long as "
            "in sequence, and one core is busy, never two."
        )
    if model.shares_gil:
        return (
            "Two threads take about as long as in sequence: on a GIL build only the thread that "
            "holds the GIL runs Python, so they take turns (zoom in with z to see the turns)."
        )
    if model.owns_processes:
        return (
            "Two processes, each with its own interpreter and GIL, run at once: about half the "
            "sequential time on two free cores, plus their start-up."
        )
    return f"Watch the wall time and the cores busy of {model.plural}."


PRECISELY = (
    "Precisely: threads are not tied to one processor; on a GIL build they take turns holding the "
    "GIL, so only one runs Python at a time, while their waits still overlap (see the io demo)."
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
    watch=watch,
    precisely=PRECISELY,
)
