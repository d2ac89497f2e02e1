"""Coalescing for the screen: fewer events on the list, the same picture, exact counts.

`EventBus.drain(coalesce=w)` leaves out a step when the next event is a step of the same worker in
the same `w`-wide slice of time. The recorders still get every event; the timeline drawn from the
shorter list is the same; the counts add up.
"""

from __future__ import annotations

import random

from conc_tui.bus import EventBus
from conc_tui.events import Event
from conc_tui.state import RunState
from conc_tui.timeline import BUCKET, Timeline

WORKERS = ["A", "B", "C"]


class Keep:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def write(self, events: list[Event]) -> None:
        self.events.extend(events)

    def close(self) -> None:
        pass


def feed(bus: EventBus, seed: int) -> int:
    """Post a start, bursts of steps in random order and a finish for each worker; return count."""
    rng = random.Random(seed)
    slots = [bus.register(name, "thread") for name in WORKERS]
    t = bus.t0 + 0.001
    posted = 0
    for slot in slots:
        bus.put((t, slot, "start", None, (1, 2)))
        posted += 1
    steps = dict.fromkeys(slots, 0)
    for _ in range(400):
        slot = rng.choice(slots)
        batch = []
        for _ in range(rng.randint(1, 12)):
            t += rng.choice([0.00001, 0.0003, 0.003])
            steps[slot] += 1
            batch.append((t, slot, "step", steps[slot], None))
        bus.put(batch)
        posted += len(batch)
    for slot in slots:
        bus.put((t + 0.01, slot, "finish", "done", (None, None, None, None)))
        posted += 1
    return posted


def test_every_event_is_recorded_and_counted() -> None:
    bus = EventBus()
    keep = Keep()
    bus.recorders.append(keep)
    posted = feed(bus, 1)
    shown = bus.drain(coalesce=BUCKET)
    assert len(keep.events) == posted == bus.received
    assert [e.seq for e in keep.events] == list(range(posted))
    assert len(shown) + sum(bus.skipped.values()) == posted
    assert len(shown) < posted / 2  # it does coalesce
    assert set(shown) <= set(keep.events)


def test_what_is_always_shown() -> None:
    bus = EventBus()
    feed(bus, 2)
    shown = bus.drain(coalesce=BUCKET)
    kinds = [e.kind for e in shown]
    assert kinds.count("start") == kinds.count("finish") == len(WORKERS)
    for name in WORKERS:
        steps = [e for e in shown if e.worker == name and e.kind == "step"]
        assert steps[0].value == 1  # the first step
    assert [e.seq for e in shown] == sorted(e.seq for e in shown)


def test_the_timeline_is_the_same_from_fewer_events() -> None:
    for seed in range(5):
        full, coalesced = EventBus(t0=0.0), EventBus(t0=0.0)
        feed(full, seed)
        feed(coalesced, seed)
        every, fewer = Timeline(WORKERS), Timeline(WORKERS)
        every.apply(full.drain())
        fewer.apply(coalesced.drain(coalesce=BUCKET))
        for cells in (40, 400):
            assert every.frame(10.0, cells) == fewer.frame(10.0, cells)
            assert every.frame(10.0, cells, fine=True) == fewer.frame(10.0, cells, fine=True)


def test_without_coalescing_nothing_is_left_out() -> None:
    bus = EventBus()
    posted = feed(bus, 3)
    assert len(bus.drain()) == posted and bus.skipped == {}


def test_the_run_state_is_the_same_from_fewer_events() -> None:
    for seed in range(5):
        full, coalesced = EventBus(t0=0.0), EventBus(t0=0.0)
        feed(full, seed)
        feed(coalesced, seed)
        every, fewer = RunState("thread", WORKERS), RunState("thread", WORKERS)
        every.apply(full.drain())
        shown = coalesced.drain(coalesce=BUCKET)
        fewer.apply(shown, coalesced.skipped)
        for now in (0.5, 10.0):
            assert every.snapshot(now) == fewer.snapshot(now)
