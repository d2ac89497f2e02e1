"""The UI half of `conc-tui bench`: the real app, in a real terminal, measuring itself.

`conc_tui.bench` starts this module in a pseudo-terminal (so Textual renders every frame and writes
it, exactly as it does for a person) and reads one JSON object from the file it names:

    python -m conc_tui.bench.probe frames WORKERS RATE SECONDS OUT.json
    python -m conc_tui.bench.probe observe DEMO MODEL OUT.json

`frames`: WORKERS asyncio tasks in a lab process post RATE step events a second in all; the app
shows them as it shows any run. A frame is a write of the screen to the terminal; latency runs from
when an event was stamped to when the frame that first showed it was written (every 16th event is
sampled, to keep the probe's own cost out of the figures). `observe`: a real demo runs to its end
under the TUI and the wall time on its summary bar is reported.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from conc_tui.bench.paced import paced_jobs
from conc_tui.demos import DEMOS, Demo, Params
from conc_tui.events import Event
from conc_tui.feed.live import LiveRun, live_runs
from conc_tui.lab import LabRunner, prepare_lab
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.screens.run_screen import RunScreen

WARM_UP: Final = 1.0  # seconds of the run before measuring starts
SAMPLE_EVERY: Final = 16


class PacedRun(LiveRun):
    """A live run of a paced flood in a lab, noting when sampled events reach the screen."""

    def __init__(self, workers: int, rate: float, seconds: float) -> None:
        demo = DEMOS["flood"]
        jobs = paced_jobs(workers, rate, seconds)  # named as the flood's workers are
        super().__init__(
            demo,
            "asyncio",
            demo.params(workers=workers),
            open_runner=lambda _demo, model, params, bus: LabRunner(jobs, model, params, bus),
        )
        self.unshown: list[float] = []  # monotonic stamps of sampled events not yet on screen
        self.measuring = False

    def drain(self) -> list[Event]:
        events = super().drain()
        if self.measuring and events:
            t0 = self.bus.t0
            self.unshown.extend(t0 + e.t for e in events[::SAMPLE_EVERY])
        return events


class FrameProbe(ConcTuiApp):
    """The app, counting the frames it writes and how stale their events are."""

    def __init__(self, workers: int, rate: float, seconds: float, out: Path) -> None:
        super().__init__(self._open, DEMOS["flood"], ["asyncio"])
        self._load = (workers, rate, seconds)
        self._probe_run: PacedRun | None = None
        self._seconds = seconds
        self._out = out
        self.frames = 0
        self.latencies: list[float] = []
        self._marks: dict[str, float] = {}

    def _open(self, _demo: Demo, _model: str, _params: Params) -> PacedRun:
        workers, rate, seconds = self._load
        # Paced for longer than measured: the warm-up and the end must not starve the screen.
        self._probe_run = PacedRun(workers, rate, seconds + 2 * WARM_UP)
        return self._probe_run

    @property
    def run_now(self) -> PacedRun:
        assert self._probe_run is not None
        return self._probe_run

    def on_mount(self) -> None:
        # No super().on_mount(): Textual calls every class's own handler, the app's too.
        assert self._driver is not None
        write = self._driver.write

        def counting_write(data: str) -> None:
            write(data)
            run = self._probe_run
            if (
                run is not None and run.measuring and len(data) > 64
            ):  # a frame, not a bare control sequence
                self.frames += 1
                now = time.monotonic()
                self.latencies.extend(now - stamp for stamp in run.unshown)
                run.unshown.clear()

        self._driver.write = counting_write  # type: ignore[method-assign]
        self.set_timer(WARM_UP, self._begin)

    def _begin(self) -> None:
        self._marks = {**_marks(), "events": self.run_now.bus.received}
        self.run_now.measuring = True
        self.set_timer(self._seconds, self._end)

    def _end(self) -> None:
        run = self.run_now
        run.measuring = False
        before, after = self._marks, _marks()
        wall = after["wall"] - before["wall"]
        lat = sorted(self.latencies)
        result = {
            "workers": len(run.workers),
            "fps": self.frames / wall,
            "ui_thread_cpu": (after["thread"] - before["thread"]) / wall,
            "ui_process_cpu": (after["process"] - before["process"]) / wall,
            "events_per_second": (run.bus.received - before["events"]) / wall,
            "latency_p50": _quantile(lat, 0.50),
            "latency_p99": _quantile(lat, 0.99),
            "latency_samples": len(lat),
        }
        self._out.write_text(json.dumps(result))
        self.exit()


class ObserveProbe(ConcTuiApp):
    """The app running one real demo to its end; reports the wall time it showed."""

    def __init__(self, demo: Demo, model: str, out: Path) -> None:
        super().__init__(live_runs(), demo, [model], demo.params())
        self._out = out

    def on_mount(self) -> None:
        # No super().on_mount(): Textual calls every class's own handler, the app's too.
        self.set_interval(0.05, self._check)

    def _check(self) -> None:
        screen = self.screen
        if not isinstance(screen, RunScreen) or screen.source is None:
            return
        snapshot = screen.snapshot
        if snapshot is not None and snapshot.finished and screen.source.done:
            self._out.write_text(json.dumps({"wall": snapshot.wall}))
            self.exit()


def _marks() -> dict[str, float]:
    return {"wall": time.monotonic(), "thread": time.thread_time(), "process": time.process_time()}


def _quantile(ordered: list[float], q: float) -> float | None:
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


PROBES: Final[dict[str, Callable[[list[str]], Any]]] = {
    "frames": lambda a: FrameProbe(int(a[0]), float(a[1]), float(a[2]), Path(a[3])),
    "observe": lambda a: ObserveProbe(DEMOS[a[0]], a[1], Path(a[2])),
}


def main(argv: list[str]) -> int:
    prepare_lab("spawn", lower_priority=True)  # as the app does: see launch.py
    app: ConcTuiApp = PROBES[argv[0]](argv[1:])
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
