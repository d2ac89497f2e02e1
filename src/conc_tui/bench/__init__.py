"""`conc-tui bench`: measure the targets in DESIGN.md, each beside a baseline from the same run.

Machines are shared and noisy, so every figure is printed beside a baseline measured moments before
on the same machine, and targets are judged as ratios where the design gives an anchor. Nothing here
asserts a timing: `--quick` (what CI runs) shrinks the work and still checks that nothing is lost.

Each measurement is a plain function returning `Measure`s. The UI is measured from outside: the
real app runs in a pseudo-terminal (`conc_tui.bench.probe`), so this module stays free of
Textual.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import multiprocessing
import os
import pty
import queue
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Final, TextIO

from conc_tui.bus import EventBus
from conc_tui.demos import DEMOS, worker_names
from conc_tui.events import Event
from conc_tui.feed.fold import RunFold
from conc_tui.feed.live import LiveRun
from conc_tui.headless import run_model
from conc_tui.reporting import BatchReporter, QueueReporter
from conc_tui.work import Job, JobIterator, Reporter, Wait

TARGET_FPS: Final = 50
PROBE_MAIN: Final = (
    "import sys; from conc_tui.bench.probe import main; sys.exit(main(sys.argv[1:]))"
)
PACE: Final = 0.005  # seconds between a paced worker's bursts
BARE_APP: Final = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("a bare Textual app " * 400)
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""


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


def paced_steps(report: Reporter, rate: float, seconds: float) -> JobIterator:
    """Post `rate` step events a second for `seconds`, in bursts every PACE seconds."""
    total = max(1, int(rate * seconds))
    began = time.monotonic()
    posted = 0
    step = report.step
    while posted < total:
        due = min(total, int((time.monotonic() - began) * rate))
        while posted < due:
            posted += 1
            step(posted, total)
        yield Wait(PACE)


def paced_jobs(workers: int, rate: float, seconds: float) -> list[Job]:
    """`workers` jobs that post `rate` events a second between them."""
    params = {"rate": rate / workers, "seconds": seconds}
    return [Job(name, paced_steps, params) for name in worker_names(workers)]


def _in_terminal(
    argv: list[str], size: tuple[int, int], until: int, then_type: bytes = b""
) -> float:
    """Run `argv` in a pseudo-terminal of `size` (columns, rows), reading and discarding what it
    draws the way a terminal would; return the seconds until its `until`-th byte arrived, when
    `then_type` is typed at it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color"})
    began = time.monotonic()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    seen, first_paint = 0, 0.0
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # EIO: the program has exited and closed the terminal
            break
        if not chunk:
            break
        seen += len(chunk)
        if not first_paint and seen >= until:
            first_paint = time.monotonic() - began
            if then_type:
                os.write(fd, then_type)
    os.close(fd)
    os.waitpid(pid, 0)
    return first_paint


def _probe(args: list[str], size: tuple[int, int]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "result.json")
        # Not `-m conc_tui.bench.probe`: a spawned child re-imports its parent's main module,
        # and that one imports Textual, which would add its import time to every process start.
        argv = [sys.executable, "-c", PROBE_MAIN, *args, str(out)]
        _in_terminal(argv, size, until=1)
        if not out.exists():
            raise RuntimeError(f"the UI probe {' '.join(args)} wrote no result")
        result: dict[str, Any] = json.loads(out.read_text())
        return result


def frame_rate(workers: int, rate: float, seconds: float) -> list[Measure]:
    size = (160, 50) if workers > 16 else (120, 36)
    r = _probe(["frames", str(workers), str(rate), str(seconds)], size)
    label = f"{workers} workers at {rate / 1000:g}k ev/s"
    p50, p99 = r["latency_p50"], r["latency_p99"]
    limit = 2 / TARGET_FPS if workers <= 16 else 0.060
    return [
        Measure(
            f"frames: {label}",
            r["fps"],
            "fps",
            target=f">= {TARGET_FPS} fps at <= 40% of a core (64 workers, 100k ev/s)",
            met=(r["fps"] >= TARGET_FPS and r["ui_process_cpu"] <= 0.40)
            if (workers, rate) == (64, 100_000)
            else None,
            note=f"UI thread {r['ui_thread_cpu']:.0%} of a core, whole UI process "
            f"{r['ui_process_cpu']:.0%}; {r['events_per_second']:,.0f} ev/s arrived",
        ),
        Measure(
            f"latency: {label}",
            (p99 or 0.0) * 1e3,
            "ms p99",
            target=f"<= {limit * 1e3:.0f} ms",
            met=None if p99 is None or workers not in (16, 64) else p99 <= limit,
            note=f"p50 {(p50 or 0.0) * 1e3:.1f} ms over {r['latency_samples']} sampled events",
        ),
    ]


def first_paint(repeats: int) -> Measure:
    bare = [sys.executable, "-c", BARE_APP]
    ours = [sys.executable, "-m", "conc_tui"]
    # The first paint is the first full screen: the picker's is far more than 2 KB of output.
    base = statistics.median(_in_terminal(bare, (120, 36), 2048) for _ in range(repeats))
    mine = statistics.median(_in_terminal(ours, (120, 36), 2048, b"q") for _ in range(repeats))
    return Measure(
        "start to first paint",
        mine * 1e3,
        "ms",
        base * 1e3,
        target="<= 1.25x a bare Textual app",
        met=mine <= 1.25 * base,
    )


def observer_effect(demo_id: str, model: str, repeats: int) -> Measure:
    """A demo's wall time under the TUI against `conc-tui run`, medians of `repeats` runs each."""
    demo = DEMOS[demo_id]
    headless = []
    for _ in range(repeats):
        bus = EventBus()
        headless.append(run_model(demo, model, demo.params(), bus, lambda _events: None).wall)
    shown = [_probe(["observe", demo_id, model], (120, 36))["wall"] for _ in range(repeats)]
    base, tui = statistics.median(headless), statistics.median(shown)
    return Measure(
        f"observer effect: {demo_id} {model}",
        tui,
        "s",
        base,
        target="within 5% of headless",
        met=abs(tui - base) <= 0.05 * base,
        note=f"TUI {', '.join(f'{w:.2f}' for w in shown)}; "
        f"headless {', '.join(f'{w:.2f}' for w in headless)}",
    )


def core_measures(size: Size) -> Iterator[Measure]:
    yield thread_event_cost(size)
    yield process_event_cost(size)
    for model in ("thread", "process"):
        yield throughput(model, size, coalesce=True)
        yield throughput(model, size, coalesce=False)


def ui_measures(quick: bool) -> Iterator[Measure]:
    seconds = 1.0 if quick else 3.0
    loads = [(16, 10_000), (64, 100_000)] if quick else [
        (16, 10_000), (16, 100_000), (64, 10_000), (64, 100_000), (256, 10_000), (256, 100_000)
    ]  # fmt: skip
    for workers, rate in loads:
        yield from frame_rate(workers, rate, seconds)
    yield first_paint(1 if quick else 5)
    if not quick:
        yield observer_effect("gil", "thread", 3)
        yield observer_effect("countdown", "thread", 3)


def run_bench(quick: bool, as_json: bool, out: TextIO) -> int:
    size = QUICK if quick else FULL
    measures: list[Measure] = []
    for measure in itertools.chain(core_measures(size), ui_measures(quick)):
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
