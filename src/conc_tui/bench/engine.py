"""The engine's figures: what a worker pays per event, and how fast events fold into UI state.

Thread and process workers are timed against the plain way of doing the same (a bare
`SimpleQueue.put`, one `multiprocessing` queue put per event); throughput runs a flood in the lab
and folds it exactly as a screen does (`RunFold`), counting every event."""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import time
from multiprocessing.connection import Connection
from typing import Any

from conc_tui.bench.measure import Measure, Size, best_of, in_thread
from conc_tui.demos import DEMOS
from conc_tui.events import Event
from conc_tui.feed.fold import RunFold
from conc_tui.feed.live import LiveRun
from conc_tui.reporting import BatchReporter, QueueReporter


def thread_event_cost(size: Size) -> Measure:
    n = size.events

    def bare() -> float:
        sink: queue.SimpleQueue[Any] = queue.SimpleQueue()
        put, clock = sink.put, time.monotonic
        started = time.perf_counter()
        for i in range(n):
            put((i, clock()))
        return (time.perf_counter() - started) / n

    def reporter() -> float:
        sink: queue.SimpleQueue[Any] = queue.SimpleQueue()
        step = QueueReporter(sink.put, 0).step
        started = time.perf_counter()
        for i in range(n):
            step(i, n)
        return (time.perf_counter() - started) / n

    base = best_of(size.repeats, lambda: in_thread(bare))
    ours = best_of(size.repeats, lambda: in_thread(reporter))
    return Measure(
        "thread worker: cost per event",
        ours * 1e9,
        "ns",
        base * 1e9,
        target="<= 2x a bare SimpleQueue.put of (i, monotonic())",
        met=ours <= 2 * base,
    )


def _child_cost(result: Connection, events: Connection, sink: Any, n: int) -> None:
    """In a child: CPU time per event to report n events, batched (`sink` None) or one put each.

    `process_time` covers the whole process, so the mp.Queue's feeder thread (which pickles each
    put) is counted, as it should be: it is the worker's own CPU.
    """
    started = time.process_time()
    if sink is None:
        report = BatchReporter(events, 0)
        step = report.step
        for i in range(n):
            step(i, n)
        report.close()
    else:
        for i in range(n):
            sink.put((time.monotonic(), 0, "step", i, n))
        sink.close()
        sink.join_thread()  # until the feeder has pickled and sent everything
    result.send((time.process_time() - started) / n)
    events.send(None)


def _cost_in_child(n: int, batched: bool) -> float:
    context: Any = multiprocessing.get_context("spawn")
    result_in, result_out = context.Pipe(duplex=False)
    events_in, events_out = context.Pipe(duplex=False)
    sink = None if batched else context.Queue()
    child = context.Process(target=_child_cost, args=(result_out, events_out, sink, n))
    child.start()
    result_out.close()
    events_out.close()
    if sink is not None:
        for _ in range(n):
            sink.get(timeout=60)  # the parent reads every event, as a runner would
    while events_in.recv() is not None:
        pass  # the parent reads every batch, as the process runner does
    cost: float = result_in.recv()
    child.join()
    child.close()
    if sink is not None:
        sink.close()
        sink.join_thread()
    return cost


def process_event_cost(size: Size) -> Measure:
    n = size.events // 2
    base = best_of(size.repeats, lambda: _cost_in_child(n // 4, batched=False))
    ours = best_of(size.repeats, lambda: _cost_in_child(n, batched=True))
    return Measure(
        "process worker: CPU per event",
        ours * 1e9,
        "ns",
        base * 1e9,
        target="<= 1 us amortised (baseline: one mp.Queue.put per event)",
        met=ours <= 1e-6,
    )


def throughput(model: str, size: Size, coalesce: bool) -> Measure:
    """Events per second from a flood into UI state, through the UI's own path (the lab).

    `coalesce`: drained as the run screen drains, one step per worker per timeline bucket on the
    list and the rest counted; otherwise every event is made an `Event` (as with `--events`).
    """
    demo = DEMOS["flood"]
    params = demo.params(workers=2, steps=size.flood_steps)
    # The screens' own path: a lab run, drained and folded as a frame folds it (state only).
    fold = RunFold(LiveRun(demo, model, params, coalesce=coalesce, wait=0.01), parts={"state"})
    state = fold.state
    fold.source.start()
    in_order = True
    next_seq = 0
    first = last = 0.0  # when the first batch arrived, when the last was applied
    while True:
        done = fold.source.done
        events = fold.drain()
        if events:
            first = first or time.perf_counter()
            in_order = in_order and events[0].seq >= next_seq and _increasing(events)
            if not coalesce:
                in_order = in_order and events[0].seq == next_seq and _contiguous(events)
            next_seq = events[-1].seq + 1
            last = time.perf_counter()
        elif done:
            break
    expected = 2 * (size.flood_steps + 2)  # start, steps, finish
    lost = expected - state.events
    seconds = last - first
    rate = state.events / seconds if seconds > 0 else float("inf")
    how = "coalesced for the screen" if coalesce else "every event an Event"
    return Measure(
        f"{model} flood -> UI state ({'coalesced' if coalesce else 'all'})",
        rate,
        "ev/s",
        target=">= 1M/s, none lost",
        met=rate >= 1e6 and lost == 0 and in_order,
        note=f"{how}; {state.events} events, lost {lost}, "
        f"seq {'in order' if in_order else 'BROKEN'}",
        lost=lost if in_order else max(lost, 1),
    )


def _increasing(events: list[Event]) -> bool:
    return all(a.seq < b.seq for a, b in itertools.pairwise(events))


def _contiguous(events: list[Event]) -> bool:
    return events[-1].seq - events[0].seq == len(events) - 1
