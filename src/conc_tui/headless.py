"""Run a demo with no UI: the loop behind `conc-tui run`.

One bus serves the whole command, so `--model all` puts every model's run on one clock and one
`seq` sequence. The loop drains the bus in batches and hands each batch to the caller's sink
(text lines, JSON lines); a Ctrl+C or SIGTERM cancels the runner, and the loop still drains every
event up to each worker's `finish` before it returns.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from conc_tui.bus import EventBus
from conc_tui.compare import ModelResult, RunTally
from conc_tui.demos import Demo, Params
from conc_tui.events import Event
from conc_tui.machine import MachineLoad
from conc_tui.runners import is_baseline, make_runner, spec

Sink = Callable[[list[Event]], None]


@dataclass(frozen=True, slots=True)
class RunOutcome:
    model: str
    wall: float  # seconds from starting the runner to its last worker's finish event
    statuses: dict[str, int]  # how many workers ended each way
    events: int
    result: ModelResult  # the compare table's numbers for this run


def run_models(
    demo: Demo, models: Sequence[str], params: Params, bus: EventBus, sink: Sink
) -> list[RunOutcome]:
    return [run_model(demo, model, params, bus, sink) for model in models]


def run_model(demo: Demo, model: str, params: Params, bus: EventBus, sink: Sink) -> RunOutcome:
    runner = make_runner(model, demo.jobs(params), bus, params.start_method)
    if params.switch_interval is not None:
        sys.setswitchinterval(params.switch_interval)
    statuses: Counter[str] = Counter()
    count = 0
    last_finish = 0.0
    machine = MachineLoad()
    started = time.monotonic()
    names = [job.name for job in runner.jobs]
    tally = RunTally(model, names, origin=started - bus.t0, baseline=is_baseline(model))

    def take(events: list[Event]) -> None:
        nonlocal count, last_finish
        count += len(events)
        ends = []
        for event in events:
            kind = event.kind
            if kind == "finish":
                statuses[event.status or "?"] += 1
                last_finish = max(last_finish, event.t)
                ends.append(event)
            elif kind == "start":
                ends.append(event)
        tally.apply(ends)
        sink(events)

    runner.start()
    try:
        while not runner.done:
            take(bus.drain(wait=0.05))
    except BaseException:
        runner.cancel()
        runner.join()
        take(bus.drain())
        raise
    take(bus.drain())
    # From the events' own clock, not from when this loop noticed: the loop polls.
    wall = max(0.0, last_finish - (started - bus.t0))
    result = tally.result(last_finish)
    # Workers in this process are in its own CPU time already; child processes' are not.
    others = result.cpu_total if spec(model).owns_processes else 0.0
    result = replace(result, elsewhere=machine.elsewhere(others))
    return RunOutcome(model, wall, dict(statuses), count, result)
