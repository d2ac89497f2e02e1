"""faults: one worker raises, one process is SIGKILLed, one exits, one hangs; the rest finish.

A crash (a signal, `os._exit`) can only be real for a process: under the other models it would end
the whole program, so the runner reports it as an error instead and says so.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING, Final

from conc_tui.demos import Demo, Params
from conc_tui.events import Event
from conc_tui.work import Crash, Job, JobIterator, Reporter, Wait

if TYPE_CHECKING:
    from conc_tui.runners.spec import ModelSpec

STEPS: Final = 5
HANG_DEADLINE: Final = 1.5  # seconds


def steady(report: Reporter, delay: float) -> JobIterator:
    for value in range(STEPS, 0, -1):
        report.step(value, STEPS)
        yield Wait(delay)
    report.result("finished")


def raises(report: Reporter, delay: float) -> JobIterator:
    for value in range(STEPS, 2, -1):
        report.step(value, STEPS)
        yield Wait(delay)
    raise ValueError(f"bad input at step {STEPS - 2}")


def crashes(
    report: Reporter, delay: float, signal_number: int | None, exitcode: int | None
) -> JobIterator:
    for value in range(STEPS, 3, -1):
        report.step(value, STEPS)
        yield Wait(delay)
    yield Crash(signal=signal_number, exitcode=exitcode)


def hangs(report: Reporter, delay: float) -> JobIterator:
    report.step(STEPS, STEPS)
    while True:
        yield Wait(3600)


def make_jobs(params: Params) -> list[Job]:
    delay = {"delay": params.delay}
    return [
        Job("steady", steady, delay),
        Job("raises", raises, delay),
        Job("sigkill", crashes, {**delay, "signal_number": int(signal.SIGKILL), "exitcode": None}),
        Job("exit-3", crashes, {**delay, "signal_number": None, "exitcode": 3}),
        Job("hangs", hangs, delay, deadline=HANG_DEADLINE),
        Job("steady-2", steady, delay),
    ]


def describe(event: Event, who: str) -> str | None:
    if event.kind == "finish" and event.status == "done":
        return f"{event.worker} finished."
    return None


def watch(model: ModelSpec) -> str:
    if model.owns_processes:
        return (
            "Each failure as it happened: a traceback, a SIGKILL, an exit code, a deadline; each "
            "process dies alone and the others go on."
        )
    return (
        f"The raise is reported with its traceback and the other {model.plural} go on. A signal "
        "or an exit would end the whole program here (they share one process), so this demo "
        "reports those two as errors instead: p runs the same as processes, where they are real."
    )


DEMO = Demo(
    id="faults",
    title="Faults",
    summary="One worker raises, one process is SIGKILLed, one exits, one hangs; the rest finish.",
    watch_for=(
        "Each failure is reported the way it happened: a traceback, a signal, an exit code, a "
        "deadline. Separate processes survive each other's crashes; threads and tasks share one."
    ),
    watch=watch,
    default_model="process",
    uses=frozenset({"delay", "start_method"}),
    make_jobs=make_jobs,
    defaults={"delay": 0.2},
    describe=describe,
)
