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
from conc_tui.feed.source import RunSource, ScriptedRun, SourceFactory
from conc_tui.runners import spec

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
    """A and B counting down 5..1 together (B happens to finish first, as real runs sometimes
    do), or one after the other in sequence."""
    script = _Script(model)
    startup = 0.05 if spec(model).owns_processes else 0.0005
    in_sequence = spec(model).baseline
    for index, name in enumerate(("A", "B")):
        begin = startup + index * (
            COUNTDOWN_STEPS * COUNTDOWN_DELAY + 0.0013 if in_sequence else 0.0004
        )
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
    if spec(model).baseline:
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
    script.add(t, name, "finish", status=DONE, cpu=round(total * per_divisor, 6))
    return t + 0.00001


GIL_STEPS = 2500  # the gil demo's default: ~0.75 ms of pure Python per step
GIL_STEP = 0.00075
GIL_TURN = 0.005  # the GIL's switch interval
PROCESS_STARTUP = 0.05


def gil_events(model: str) -> list[Event]:
    """A and B spinning 2500 steps of ~0.75 ms: in sequence, taking 5 ms turns on the GIL
    (threads), taking turns at every yield (tasks), or at once after a start-up (processes)."""
    script = _Script(model)
    names = ("A", "B")
    cpu = GIL_STEPS * GIL_STEP
    if spec(model).owns_processes:
        for index, name in enumerate(names):
            begin = PROCESS_STARTUP + index * 0.004
            script.add(begin, name, "start")
            for step in range(1, GIL_STEPS + 1):
                script.add(
                    begin + step * GIL_STEP * 1.03, name, "step", value=step, total=GIL_STEPS
                )
            end = begin + GIL_STEPS * GIL_STEP * 1.03 + 0.0001
            script.add(end, name, "finish", status=DONE, cpu=cpu)
        return script.numbered()
    if spec(model).baseline:
        t = 0.0002
        for name in names:
            script.add(t, name, "start")
            for step in range(1, GIL_STEPS + 1):
                script.add(t + step * GIL_STEP, name, "step", value=step, total=GIL_STEPS)
            t += GIL_STEPS * GIL_STEP + 0.0001
            script.add(t, name, "finish", status=DONE, cpu=cpu)
        return script.numbered()
    # Threads hand the GIL over every 5 ms; tasks at every yield (after each step).
    turn_steps = round(GIL_TURN / GIL_STEP) if spec(model).shares_gil else 1
    done = dict.fromkeys(names, 0)
    finished: set[str] = set()
    t = 0.0002
    for name in names:
        script.add(t, name, "start")
    while any(count < GIL_STEPS for count in done.values()):
        for name in names:
            for _ in range(turn_steps):
                if done[name] == GIL_STEPS:
                    break
                t += GIL_STEP * 1.02  # a little lost to each switch
                done[name] += 1
                script.add(t, name, "step", value=done[name], total=GIL_STEPS)
            if done[name] == GIL_STEPS and name not in finished:
                finished.add(name)
                script.add(t + 0.0001, name, "finish", status=DONE, cpu=cpu)
    return script.numbered()


IO_WORKERS = ("A", "B", "C", "D")


def io_events(model: str, params: Params | None = None) -> list[Event]:
    """Four workers each waiting five ~0.2 s reads: overlapped, except in sequence."""
    from conc_tui.demos import DEMOS

    demo = DEMOS["io"]
    jobs = demo.jobs(params or demo.params())
    script = _Script(model)
    t = PROCESS_STARTUP if spec(model).owns_processes else 0.0003
    for job in jobs:
        begin = t
        script.add(begin, job.name, "start")
        for step, delay in enumerate(job.params["delays"], 1):
            t += delay + 0.0002
            script.add(t, job.name, "step", value=step, total=len(job.params["delays"]))
        script.add(t + 0.0001, job.name, "finish", status=DONE, cpu=0.0004)
        if not spec(model).baseline:
            t = begin + 0.0003
        else:
            t += 0.0002
    return script.numbered()


def tick_lag(block: float, until: float) -> list[tuple[float, float]]:
    """The lag ticks of an asyncio run whose tasks hold the loop `block` seconds between yields:
    each 10 ms tick waits behind the block running when it falls due, at a spread of places."""
    ticks, t = [], 0.01
    while t < until:
        late = min(block, until - t) * ((t * 7919) % 1.0)  # where in a block it fell
        ticks.append((round(t + late, 6), round(late, 6)))
        t += 0.01 + late
    return ticks


def primes_lag(yield_every: int = YIELD_EVERY) -> list[tuple[float, float]]:
    """The primes as tasks: blocks of 100000 divisors hold the loop ~8 ms each."""
    block = BIG_PRIME_SECONDS / _divisors(NUMBERS[0]) * (yield_every or _divisors(NUMBERS[0]))
    return tick_lag(block, BIG_PRIME_SECONDS)


LAGS: dict[str, Callable[[], list[tuple[float, float]]]] = {
    "primes": primes_lag,
    "gil": lambda: tick_lag(GIL_STEP * 1.02, GIL_STEPS * GIL_STEP * 2.04),
    "io": lambda: tick_lag(0.0002, 1.2),
    "countdown": lambda: tick_lag(0.0002, 2.5),
}


SCRIPTS: dict[str, Callable[[str, Params], list[Event]]] = {
    "countdown": lambda model, _params: countdown_events(model),
    "primes": lambda model, _params: primes_events(model),
    "gil": lambda model, _params: gil_events(model),
    "io": io_events,
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
    params = params or demo.params()
    events = script(model, params) if script else []
    workers = [job.name for job in demo.jobs(params)]
    lag = LAGS[demo.id]() if spec(model).measures_lag and demo.id in LAGS else []
    return ScriptedRun(model, workers, events, clock, speed, lag)


def scripted_runs(clock: Callable[[], float] | None = None, speed: float = 1.0) -> SourceFactory:
    """A source factory for the app that plays scripts instead of running anything."""

    def open_scripted(demo: Demo, model: str, params: Params) -> RunSource:
        return scripted_run(demo, model, params, clock, speed)

    return open_scripted
