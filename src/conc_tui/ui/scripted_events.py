"""Scripted runs of the seed demos: the events a real run posts, with fixed timestamps.

Screenshots and UI tests play these instead of running the demos, so every picture is the same
and no CPU-bound work runs in the test process. The timings follow what the real runs do on this
machine (see DESIGN.md): the countdowns end near 2.5 s; a process pays ~50 ms to start; the big
prime takes ~4 s of trial division, in sequence ahead of the small ones, as a task beside them.
No pid or tid is scripted, so none appears in a screenshot.
"""

from __future__ import annotations

from collections.abc import Callable
from math import isqrt
from typing import Any

from conc_tui.demos import Demo, Params
from conc_tui.demos.primes import NUMBERS
from conc_tui.events import DONE, Event
from conc_tui.ui.run_source import RunSource, ScriptedRun, SourceFactory

COUNTDOWN_STEPS = 5
COUNTDOWN_DELAY = 0.5
YIELD_EVERY = 100_000
BIG_PRIME_SECONDS = 4.0


class _Script:
    def __init__(self, model: str) -> None:
        self.model = model
        self.events: list[Event] = []

    def add(self, t: float, worker: str, kind: str, **fields: Any) -> None:
        self.events.append(Event(0, round(t, 6), "scripted", worker, self.model, kind, **fields))

    def numbered(self) -> list[Event]:
        ordered = sorted(self.events, key=lambda e: e.t)
        return [
            Event(**{**e.to_dict(), "seq": seq, "run": "scripted"}) for seq, e in enumerate(ordered)
        ]


def countdown_events(model: str) -> list[Event]:
    """A and B counting down 5..1; B happens to finish first, as real runs sometimes do."""
    script = _Script(model)
    startup = 0.05 if model == "process" else 0.0005
    for index, name in enumerate(("A", "B")):
        begin = startup + index * 0.0004
        jitter = 0.0011 - index * 0.0009  # B's sleeps end a hair earlier
        script.add(begin, name, "start")
        for step in range(COUNTDOWN_STEPS):
            script.add(
                begin + step * (COUNTDOWN_DELAY + jitter),
                name,
                "step",
                value=COUNTDOWN_STEPS - step,
                total=COUNTDOWN_STEPS,
            )
        script.add(
            begin + COUNTDOWN_STEPS * (COUNTDOWN_DELAY + jitter), name, "finish", status=DONE
        )
    return script.numbered()


def _divisors(number: int) -> int:
    return max(0, (isqrt(number) - 1) // 2)


def primes_events(model: str) -> list[Event]:
    """The three seed primes checked in sequence, or as tasks that yield every 100000 divisors."""
    script = _Script(model)
    big, middle, small = NUMBERS
    per_divisor = BIG_PRIME_SECONDS / _divisors(big)
    if model == "sequential":
        t = 0.0005
        for number in NUMBERS:
            t = _check(script, number, t, per_divisor)
    else:
        # Each task runs a block of up to 100000 divisors, then yields: the small ones finish
        # within the big one's first turns, and the big one then has the loop to itself.
        t = 0.0005
        for number in NUMBERS:
            script.add(t, str(number), "start")
            script.add(t, str(number), "step", value=0, total=_divisors(number))
            t += 0.00002
        t = _block(script, big, 0, t, per_divisor)
        t = _check(script, middle, t, per_divisor, started=True)
        t = _check(script, small, t, per_divisor, started=True)
        _check(script, big, t, per_divisor, started=True, checked=min(YIELD_EVERY, _divisors(big)))
    return script.numbered()


def _block(script: _Script, number: int, checked: int, t: float, per_divisor: float) -> float:
    total = _divisors(number)
    step = min(YIELD_EVERY, total - checked)
    t += step * per_divisor
    script.add(t, str(number), "step", value=checked + step, total=total)
    return t


def _check(
    script: _Script,
    number: int,
    t: float,
    per_divisor: float,
    started: bool = False,
    checked: int = 0,
) -> float:
    name, total = str(number), _divisors(number)
    if not started:
        script.add(t, name, "start")
        script.add(t, name, "step", value=0, total=total)
    while checked < total:
        t = _block(script, number, checked, t, per_divisor)
        checked = min(total, checked + YIELD_EVERY)
    t += 0.00003
    script.add(t, name, "result", value=True)
    script.add(t, name, "finish", status=DONE)
    return t + 0.00001


SCRIPTS: dict[str, Callable[[str], list[Event]]] = {
    "countdown": countdown_events,
    "primes": primes_events,
}


def scripted_run(
    demo: Demo,
    model: str,
    params: Params | None = None,
    clock: Callable[[], float] | None = None,
    speed: float = 1.0,
) -> ScriptedRun:
    """A scripted run of a seed demo; any other demo gets its panels and no events."""
    script = SCRIPTS.get(demo.id)
    events = script(model) if script else []
    workers = [job.name for job in demo.jobs(params or demo.params())]
    return ScriptedRun(model, workers, events, clock, speed)


def scripted_runs(clock: Callable[[], float] | None = None, speed: float = 1.0) -> SourceFactory:
    """A source factory for the app that plays scripts instead of running anything."""

    def open_scripted(demo: Demo, model: str, params: Params) -> RunSource:
        return scripted_run(demo, model, params, clock, speed)

    return open_scripted
