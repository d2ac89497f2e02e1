"""A consumer far slower than its producers: memory stays bounded, and no event is lost.

The consumer here stops draining for a while (the UI paused, or busy): producers must wait for room
instead of queueing without bound, and once draining resumes every event arrives, in order.
"""

from __future__ import annotations

import time

import pytest

from conc_tui.bus import BATCHES_HIGH, CHECK_EVERY, EVENTS_HIGH, EventBus
from conc_tui.demos import DEMOS
from conc_tui.events import Event
from conc_tui.runners import make_runner
from conc_tui.session import open_run

STEPS = 200_000
STALL = 1.0  # seconds the consumer takes nothing


def _stall_then_drain(bus: EventBus, runner_done: object) -> tuple[int, list[Event]]:
    """Take nothing for STALL seconds (noting the largest backlog), then drain to the end."""
    largest = 0
    until = time.monotonic() + STALL
    while time.monotonic() < until:
        largest = max(largest, bus.backlog())
        time.sleep(0.01)
    events: list[Event] = []
    deadline = time.monotonic() + 60
    while not runner_done() and time.monotonic() < deadline:  # type: ignore[operator]
        events += bus.drain(wait=0.01)
    events += bus.drain()
    return largest, events


def _check_complete(events: list[Event], workers: int) -> None:
    assert [e.seq for e in events] == list(range(len(events)))
    assert len(events) == workers * (STEPS + 2)
    assert sum(e.kind == "finish" and e.status == "done" for e in events) == workers


@pytest.mark.parametrize("model", ["thread", "asyncio"])
def test_thread_and_task_workers_wait_for_a_stalled_consumer(model: str) -> None:
    demo = DEMOS["flood"]
    bus = EventBus()
    runner = make_runner(model, demo.jobs(demo.params(workers=2, steps=STEPS)), bus)
    runner.start()
    largest, events = _stall_then_drain(bus, lambda: runner.done)
    assert largest <= EVENTS_HIGH + 2 * CHECK_EVERY
    _check_complete(events, 2)


@pytest.mark.parametrize("isolated", [False, True], ids=["in-process", "lab"])
def test_process_and_lab_readers_wait_for_a_stalled_consumer(isolated: bool) -> None:
    demo = DEMOS["flood"]
    bus = EventBus()
    model = "process" if not isolated else "thread"
    runner = open_run(demo, model, demo.params(workers=2, steps=STEPS), bus, isolated=isolated)
    runner.start()
    largest, events = _stall_then_drain(bus, lambda: runner.done)
    assert largest <= BATCHES_HIGH + 2
    _check_complete(events, 2)
