"""flood: every worker posts --steps events as fast as it can. Throughput and loss, made visible."""

from __future__ import annotations

from typing import Final

from conc_tui.demos import Demo, Params, worker_names
from conc_tui.events import Event
from conc_tui.work import Job, JobIterator, Reporter

CHECKPOINT_EVERY: Final = 4096  # events between yields: where a cancel can land


def flood(report: Reporter, steps: int) -> JobIterator:
    step = report.step
    for value in range(1, steps + 1):
        step(value, steps)
        if not value % CHECKPOINT_EVERY:
            yield None  # a checkpoint


def make_jobs(params: Params) -> list[Job]:
    return [Job(name, flood, {"steps": params.steps}) for name in worker_names(params.workers)]


def describe(event: Event, who: str) -> str | None:
    if event.kind == "step" and event.value == event.total:
        return f"{who} posted {event.total} events."
    return None


DEMO = Demo(
    id="flood",
    title="Flood",
    summary="Each worker posts events as fast as it can: a stress and throughput demo.",
    watch_for=(
        "Every event is counted, none lost: each panel reaches its total and the summary's "
        "event count is every step plus each worker's start and finish."
    ),
    default_model="thread",
    uses=frozenset({"workers", "steps", "start_method"}),
    make_jobs=make_jobs,
    defaults={"workers": 2, "steps": 100_000},
    describe=describe,
)
