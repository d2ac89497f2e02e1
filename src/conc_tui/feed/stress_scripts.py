"""Scripted runs of the stress demos, `flood` and `faults`, for the screenshots.

Like `scripted_events` (the seed demos): the events a real run posts, with fixed timestamps taken
from real runs on this machine, no pid or tid, so every picture is the same. A flood's hundred
thousand steps per worker are scripted as one step per 2000 (the screen coalesces them anyway);
the event counts in the picture are therefore smaller than a real run's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from conc_tui.demos import Demo, Params
from conc_tui.demos.faults import STEPS as FAULT_STEPS
from conc_tui.events import DONE, Event
from conc_tui.feed.source import RunSource, ScriptedRun, SourceFactory
from conc_tui.runners import spec

FLOOD_STEPS: Final = 100_000
FLOOD_EVERY: Final = 2000  # scripted steps: one per this many real ones
FLOOD_RATE: Final = 400_000.0  # events a second per worker, about what a thread posts here
FAULT_DELAY: Final = 0.2
STARTUP: Final = 0.4  # six spawned processes start together


def _event(t: float, worker: str, model: str, kind: str, **fields: Any) -> Event:
    return Event(0, round(t, 6), "scripted", worker, model, kind, **fields)


def _numbered(events: list[Event]) -> list[Event]:
    ordered = sorted(events, key=lambda e: e.t)
    return [e._replace(seq=seq) for seq, e in enumerate(ordered)]


def flood_events(model: str) -> list[Event]:
    """A and B posting 100000 steps each; threads share the GIL, so each goes at half speed."""
    events: list[Event] = []
    share = 0.5 if (spec(model).shares_gil or spec(model).one_thread) else 1.0
    for index, name in enumerate(("A", "B")):
        begin = 0.001 + index * 0.0003 + (0.05 if spec(model).owns_processes else 0.0)
        if spec(model).baseline:
            begin += index * FLOOD_STEPS / FLOOD_RATE
        events.append(_event(begin, name, model, "start"))
        for value in range(FLOOD_EVERY, FLOOD_STEPS + 1, FLOOD_EVERY):
            t = begin + value / (FLOOD_RATE * share)
            events.append(_event(t, name, model, "step", value=value, total=FLOOD_STEPS))
        end = begin + FLOOD_STEPS / (FLOOD_RATE * share) + 0.0001
        events.append(_event(end, name, model, "finish", status=DONE))
    return _numbered(events)


def faults_events(model: str) -> list[Event]:
    """Six processes: two finish, one raises, one is SIGKILLed, one exits 3, one times out."""
    events: list[Event] = []
    traceback = (
        'Traceback (most recent call last):\n  File "faults.py", line 29, in raises\n'
        "ValueError: bad input at step 3"
    )

    def countdown(name: str, begin: float, last: int) -> float:
        events.append(_event(begin, name, model, "start"))
        t = begin
        for value in range(FAULT_STEPS, last - 1, -1):
            t = begin + (FAULT_STEPS - value) * FAULT_DELAY
            events.append(_event(t, name, model, "step", value=value, total=FAULT_STEPS))
        return t + FAULT_DELAY

    for index, name in enumerate(("steady", "steady-2")):
        end = countdown(name, STARTUP + index * 0.02, 1)
        events.append(_event(end, name, model, "result", value="finished"))
        events.append(_event(end, name, model, "finish", status=DONE))
    end = countdown("raises", STARTUP + 0.005, 3)
    events.append(_event(end, "raises", model, "error", text=traceback))
    events.append(_event(end, "raises", model, "finish", status="failed"))
    end = countdown("sigkill", STARTUP + 0.07, 4)
    events.append(
        _event(end, "sigkill", model, "finish", status="killed", exitcode=-9, signal="SIGKILL",
               text="SIGKILL")
    )  # fmt: skip
    end = countdown("exit-3", STARTUP + 0.004, 4)
    events.append(_event(end, "exit-3", model, "finish", status="exited", exitcode=3,
                         text="exit code 3"))  # fmt: skip
    events.append(_event(STARTUP + 0.04, "hangs", model, "start"))
    events.append(_event(STARTUP + 0.04, "hangs", model, "step", value=5, total=FAULT_STEPS))
    events.append(_event(STARTUP + 1.54, "hangs", model, "finish", status="timeout",
                         text="ran past its 1.5 s deadline"))  # fmt: skip
    return _numbered(events)


STRESS_SCRIPTS: Final[dict[str, Callable[[str], list[Event]]]] = {
    "flood": flood_events,
    "faults": faults_events,
}


def with_stress_scripts(fallback: SourceFactory, clock: Callable[[], float]) -> SourceFactory:
    """A source factory that plays `flood` and `faults` from here, any other demo by `fallback`."""

    def open_source(demo: Demo, model: str, params: Params) -> RunSource:
        script = STRESS_SCRIPTS.get(demo.id)
        if script is None:
            return fallback(demo, model, params)
        workers = [job.name for job in demo.jobs(params)]
        return ScriptedRun(model, workers, script(model), clock)

    return open_source
