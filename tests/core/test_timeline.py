"""Timeline bucketing: running where a worker posted, waiting where it was silent, done after."""

from __future__ import annotations

from conc_tui.events import Event
from conc_tui.timeline import BEFORE, DONE, RUN_1, RUN_4, WAITING, Timeline, duty_code


def ev(t: float, worker: str, kind: str = "step") -> Event:
    return Event(0, t, "r", worker, "thread", kind)


def alternating(turn: float, until: float, step: float = 0.001) -> list[Event]:
    """A and B taking turns of `turn` seconds, posting every `step` seconds in their turn."""
    events = [ev(0.0, "A", "start"), ev(0.0, "B", "start")]
    t = 0.0
    while t < until:
        owner = "A" if int(t / turn) % 2 == 0 else "B"
        events.append(ev(round(t, 6), owner))
        t += step
    events += [ev(until, "A", "finish"), ev(until, "B", "finish")]
    return events


def test_threads_taking_turns_alternate_bucket_by_bucket() -> None:
    timeline = Timeline(["A", "B"], bucket=0.002)
    timeline.apply(alternating(turn=0.006, until=0.06))
    frame = timeline.frame(now=0.06, cells=30, fine=True)
    a, b = frame.lanes
    assert frame.fine and frame.cell == 0.002
    # Every cell is running for exactly one of the two while they take turns.
    for x, y in zip(a[:-1], b[:-1], strict=True):
        assert {x, y} == {RUN_4, WAITING}, (a, b)


def test_overlapping_workers_both_run_in_every_bucket() -> None:
    events = [ev(0.0, "A", "start"), ev(0.0, "B", "start")]
    events += [ev(i / 1000, w) for i in range(60) for w in "AB"]
    timeline = Timeline(["A", "B"])
    timeline.apply(events)
    frame = timeline.frame(now=0.06, cells=30)
    assert all(code == RUN_4 for lane in frame.lanes for code in lane)


def test_a_silent_worker_is_waiting_and_a_finished_one_done() -> None:
    timeline = Timeline(["A", "B"], bucket=0.01)
    timeline.apply([ev(0.0, "A", "start"), ev(0.0, "B", "start"), ev(0.2, "B", "step")])
    timeline.apply([ev(0.5, "A", "finish"), ev(1.0, "B", "finish")])
    frame = timeline.frame(now=1.0, cells=10)
    assert frame.cell == 0.1
    a, b = frame.lanes
    assert a[1] == WAITING and a[-1] == DONE and a[6] == DONE
    assert b[1] == WAITING  # 0.2 s: one 10 ms bucket of ten: a tenth of the cell
    assert b[2] == RUN_1


def test_a_short_silent_gap_with_nobody_else_posting_counts_as_running() -> None:
    # A big prime checked in 8 ms blocks reports once per block; alone, it ran throughout.
    timeline = Timeline(["big"], bucket=0.002)
    timeline.apply([ev(0.0, "big", "start"), *(ev(i * 0.008, "big") for i in range(1, 10))])
    assert set(timeline.frame(now=0.072, cells=36, fine=True).lanes[0]) == {RUN_4}


def test_pending_workers_and_the_whole_run_scale() -> None:
    timeline = Timeline(["A", "B"], origin=0.5, bucket=0.01)
    timeline.apply([ev(0.5, "A", "start"), ev(1.5, "A", "finish")])
    frame = timeline.frame(now=1.5, cells=50)
    assert frame.start == 0.0 and abs(frame.end - 1.0) < 1e-9
    assert set(frame.lanes[1]) == {BEFORE}
    # A shared scale: the same run drawn as part of a 2 s comparison fills half the cells.
    half = timeline.frame(now=1.5, cells=50, span=2.0)
    assert len(half.lanes[0]) in (25, 26) and half.cell == 0.04  # 1 s, and the finish bucket


def test_duty_codes() -> None:
    assert duty_code(0.0) == WAITING
    assert duty_code(0.1) == RUN_1
    assert duty_code(1.0) == RUN_4


def test_the_zoomed_window_can_look_back() -> None:
    timeline = Timeline(["A"], bucket=0.01)
    timeline.apply([ev(0.0, "A", "start"), *(ev(i / 100, "A") for i in range(1, 100))])
    timeline.apply([ev(1.0, "A", "finish")])
    latest = timeline.frame(now=1.0, cells=20, fine=True)
    assert abs(latest.end - 1.01) < 1e-9  # the last 20 buckets, to the finish
    earlier = timeline.frame(now=1.0, cells=20, fine=True, until=0.3)
    assert abs(earlier.start - 0.10) < 1e-9 and abs(earlier.end - 0.30) < 1e-9
    start = timeline.frame(now=1.0, cells=20, fine=True, until=0.05)
    assert start.start == 0.0 and len(start.lanes[0]) == 20
