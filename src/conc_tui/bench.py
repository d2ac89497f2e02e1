"""`conc-tui bench`: measure the targets in DESIGN.md, each beside a baseline from the same run.

Machines are shared and noisy, so every figure is printed beside a baseline measured moments before
on the same machine, and targets are judged as ratios where the design gives an anchor. Nothing here
asserts a timing: `--quick` (what CI runs) shrinks the work and still checks that nothing is lost.

Each measurement is a plain function returning `Measure`s; the UI measurements live in
`conc_tui.ui.bench` and are imported only when run, so this module stays free of Textual.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from typing import Any, Final, TextIO

from conc_tui.bus import EventBus
from conc_tui.demos import DEMOS
from conc_tui.events import Event
from conc_tui.reporting import BatchReporter, QueueReporter
from conc_tui.session import open_run
from conc_tui.state import RunState


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the same thing done the plain way, in the same run
    target: str = ""  # what DESIGN.md asks, in words
    met: bool | None = None  # None: no target, or not judged here
    note: str = ""
    lost: int | None = None  # events that went missing (throughput runs): must be 0

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


@dataclass(frozen=True, slots=True)
class Size:
    events: int  # per event-cost measurement
    flood_steps: int  # per worker, for throughput
    repeats: int


FULL: Final = Size(events=1_000_000, flood_steps=500_000, repeats=3)
QUICK: Final = Size(events=100_000, flood_steps=50_000, repeats=1)


def _best(repeats: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(repeats))


def _in_thread(function: Callable[[], float]) -> float:
    """Run a timing in a fresh thread, as a thread worker would run."""
    result: list[float] = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0]


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

    base = _best(size.repeats, lambda: _in_thread(bare))
    ours = _best(size.repeats, lambda: _in_thread(reporter))
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
            sink.get()  # the parent reads every event, as a runner would
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
    base = _best(size.repeats, lambda: _cost_in_child(n // 4, batched=False))
    ours = _best(size.repeats, lambda: _cost_in_child(n, batched=True))
    return Measure(
        "process worker: CPU per event",
        ours * 1e9,
        "ns",
        base * 1e9,
        target="<= 1 us amortised (baseline: one mp.Queue.put per event)",
        met=ours <= 1e-6,
    )


def throughput(model: str, size: Size) -> Measure:
    """Events per second from a flood into UI state, through the UI's own path (the lab)."""
    demo = DEMOS["flood"]
    params = demo.params(workers=2, steps=size.flood_steps)
    bus = EventBus()
    state = RunState(model)
    runner = open_run(demo, model, params, bus)
    runner.start()
    seqs_ok = True
    expected_seq = 0
    first = last = 0.0  # when the first batch arrived, when the last was applied
    while True:
        done = runner.done
        events = bus.drain(wait=0.01)
        if events:
            first = first or time.perf_counter()
            seqs_ok = seqs_ok and events[0].seq == expected_seq and _contiguous(events)
            expected_seq = events[-1].seq + 1
            state.apply(events)
            last = time.perf_counter()
        elif done:
            break
    expected = 2 * (size.flood_steps + 2)  # start, steps, finish
    lost = expected - state.events
    seconds = last - first
    rate = state.events / seconds if seconds > 0 else float("inf")
    return Measure(
        f"{model} flood -> UI state",
        rate,
        "ev/s",
        target=">= 1M/s, none lost",
        met=rate >= 1e6 and lost == 0 and seqs_ok,
        note=f"{state.events} events, lost {lost}, seq {'contiguous' if seqs_ok else 'BROKEN'}",
        lost=lost if seqs_ok else max(lost, 1),
    )


def _contiguous(events: list[Event]) -> bool:
    return events[-1].seq - events[0].seq == len(events) - 1


def core_measures(size: Size) -> Iterator[Measure]:
    yield thread_event_cost(size)
    yield process_event_cost(size)
    yield throughput("thread", size)
    yield throughput("process", size)


def run_bench(quick: bool, as_json: bool, out: TextIO) -> int:
    size = QUICK if quick else FULL
    measures: list[Measure] = []
    for measure in core_measures(size):
        measures.append(measure)
        if not as_json:
            out.write(_row(measure) + "\n")
            out.flush()
    if as_json:
        rows = [{**asdict(m), "ratio": m.ratio} for m in measures]
        json.dump({"quick": quick, "measures": rows}, out, indent=2)
        out.write("\n")
    return 1 if any(m.lost for m in measures) else 0


def _row(m: Measure) -> str:
    base = f"  baseline {m.baseline:,.1f} {m.unit} -> {m.ratio:.2f}x" if m.baseline else ""
    verdict = {True: "met", False: "NOT met", None: ""}[m.met]
    note = f"  ({m.note})" if m.note else ""
    return f"{m.name:<34} {m.value:>14,.1f} {m.unit:<5}{base}  [{m.target}: {verdict}]{note}"
