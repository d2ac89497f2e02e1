"""The screen's figures, measured from outside: the real app in a pseudo-terminal.

`probe.py` runs inside the app and writes its figures to a file; this module starts it in a
pseudo-terminal of a fixed size, reads and discards what it draws as a terminal would, and turns
the figures into `Measure`s. So this side stays free of Textual."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any, Final

from conc_tui.bench.measure import Measure
from conc_tui.bus import EventBus
from conc_tui.demos import DEMOS
from conc_tui.headless import run_model

TARGET_FPS: Final = 50
PROBE_MAIN: Final = (
    "import sys; from conc_tui.bench.probe import main; sys.exit(main(sys.argv[1:]))"
)
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
