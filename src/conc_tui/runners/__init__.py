"""Runners: run a demo's jobs under one model and post their events on the bus.

`MODELS` is the registry: every model the app knows, in the order menus and keys list them.
`ALL_MODELS` is the order `--model all` and the compare view run them: the baseline first, so
every later row has its speedup at once. Adding a model is one runner module (a `Runner` subclass)
and one `ModelSpec` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from conc_tui.bus import Poster
from conc_tui.runners.asyncio_runner import AsyncioRunner
from conc_tui.runners.base import Runner
from conc_tui.runners.inprocess import SequentialRunner, ThreadRunner
from conc_tui.runners.process_runner import DEFAULT_START_METHOD, START_METHODS, ProcessRunner
from conc_tui.runners.spec import ModelSpec, worker_limit
from conc_tui.work import Job

__all__ = [
    "ALL_MODELS",
    "DEFAULT_START_METHOD",
    "MODELS",
    "START_METHODS",
    "ModelSpec",
    "Runner",
    "baseline",
    "is_baseline",
    "label",
    "make_runner",
    "measures_lag",
    "spec",
    "worker_limit",
]

MODELS: Final[dict[str, ModelSpec]] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="thread",
            noun="Thread",
            plural="threads",
            manner="as threads",
            key="t",
            max_workers=256,
            make=lambda jobs, bus, _method: ThreadRunner(jobs, bus),
            summary="a thread each, in one process: one GIL",
            shares_gil=True,
        ),
        ModelSpec(
            name="process",
            noun="Process",
            plural="processes",
            manner="as processes",
            key="p",
            max_workers=64,
            make=ProcessRunner,
            summary="a process each: its own interpreter and GIL",
            owns_processes=True,
        ),
        ModelSpec(
            name="asyncio",
            noun="Task",
            plural="tasks",
            manner="as asyncio tasks",
            key="a",
            max_workers=10_000,
            make=lambda jobs, bus, _method: AsyncioRunner(jobs, bus),
            summary="an asyncio task each, on one event loop in one thread",
            one_thread=True,
            measures_lag=True,
        ),
        ModelSpec(
            name="sequential",
            noun="Job",
            plural="jobs",
            manner="in sequence",
            key="s",
            max_workers=256,
            make=lambda jobs, bus, _method: SequentialRunner(jobs, bus),
            summary="one job after another, in one thread",
            baseline=True,
        ),
    )
}

ALL_MODELS: Final[tuple[str, ...]] = tuple(
    sorted(MODELS, key=lambda name: not MODELS[name].baseline)
)


def spec(model: str) -> ModelSpec:
    """The spec of `model`; a `ValueError` names the models there are."""
    try:
        return MODELS[model]
    except KeyError:
        raise ValueError(f"unknown model {model!r} (choose from {', '.join(MODELS)})") from None


def label(model: str, worker: str) -> str:
    """A worker as a person reads it: "Thread A" (a model this version does not know: "Dask A")."""
    found = MODELS.get(model)
    return f"{found.noun if found else model.capitalize()} {worker}"


def measures_lag(model: str) -> bool:
    """Whether a run of `model` has an event loop whose lag is measured (False if unknown)."""
    found = MODELS.get(model)
    return found is not None and found.measures_lag


def is_baseline(model: str) -> bool:
    found = MODELS.get(model)
    return found is not None and found.baseline


def baseline() -> ModelSpec:
    return next(s for s in MODELS.values() if s.baseline)


def make_runner(
    model: str, jobs: Sequence[Job], bus: Poster, start_method: str = DEFAULT_START_METHOD
) -> Runner:
    return spec(model).make(jobs, bus, start_method)
