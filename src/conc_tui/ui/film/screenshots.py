"""`conc-tui screenshots [DIR]`: SVG pictures of the picker, the help and every demo, by the app.

Every picture is the real app in a headless terminal of 120x36, fed a scripted run frozen at a
fixed run time (see `scripted_events`), so the same command always draws the same files: no pid,
no clock, no animation. The README shows them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from conc_tui.demos import DEMOS
from conc_tui.feed.scripts import scripted_runs
from conc_tui.feed.stress_scripts import with_stress_scripts
from conc_tui.runners import ALL_MODELS
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.screens.compare_screen import CompareScreen
from conc_tui.ui.screens.run_screen import RunScreen

SIZE: Final = (120, 36)
SETTLE_TIMEOUT: Final = 10.0


@dataclass(frozen=True, slots=True)
class Shot:
    name: str  # the file name, without .svg
    title: str  # the window title in the picture
    demo: str | None = None  # None: the picker
    model: str = ""
    at: float = 0.0  # run seconds the scripted run is frozen at
    keys: tuple[str, ...] = ()  # pressed once the screen is up (the help: "?")
    models: tuple[str, ...] = ()  # several: the compare view, once every model has finished


FINISHED_AT: Final = 9.0  # every scripted seed run is over by then
SEED_RUNS: Final = (  # (demo, model, a run time worth a picture mid-run)
    ("countdown", "thread", 1.3),
    ("countdown", "process", 1.3),
    ("primes", "sequential", 2.0),
    ("primes", "asyncio", 2.0),
)


OTHER_RUNS: Final = (  # (demo, model): one picture of each other demo, finished
    ("gil", "thread"),
    ("io", "thread"),
    ("flood", "thread"),
    ("faults", "process"),
)


def _shots() -> list[Shot]:
    shots = [Shot("picker", "conc-tui: choose a demo")]
    shots.append(Shot("help", "conc-tui: every key (?)", keys=("question_mark",)))
    for demo, model, mid in SEED_RUNS:
        command = f"conc-tui {demo} --model {model}"
        shots.append(Shot(f"{demo}-{model}-running", f"{command}: {mid:g} s in", demo, model, mid))
        shots.append(
            Shot(f"{demo}-{model}-finished", f"{command}: finished", demo, model, FINISHED_AT)
        )
    for demo, model in OTHER_RUNS:
        command = f"conc-tui {demo} --model {model}"
        shots.append(
            Shot(f"{demo}-{model}-finished", f"{command}: finished", demo, model, FINISHED_AT)
        )
    shots.extend(TIMELINE_SHOTS)
    return shots


TIMELINE_SHOTS: Final = (
    Shot("gil-compare", "conc-tui gil --model all: compare", "gil", models=ALL_MODELS),
    Shot("io-compare", "conc-tui io --model all: compare", "io", models=ALL_MODELS),
    Shot(
        "gil-thread-timeline",
        "conc-tui gil --model thread, timeline zoomed (z): 1 s in",
        "gil",
        "thread",
        1.0,
        keys=("z",),
    ),
    Shot("gil-process-timeline", "conc-tui gil --model process: 1 s in", "gil", "process", 1.0),
)
SHOTS: Final = _shots()


async def _take(shot: Shot) -> str:
    demo = DEMOS[shot.demo] if shot.demo else None
    at = FINISHED_AT if shot.models else shot.at
    app = ConcTuiApp(
        with_stress_scripts(scripted_runs(clock=lambda: at), clock=lambda: at),
        demo,
        list(shot.models) or ([shot.model] if shot.model else []),
        demo.params() if demo else None,
    )
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_TIMEOUT
        while demo is not None:
            screen = app.screen
            if isinstance(screen, RunScreen) and screen.snapshot is not None:
                break
            if isinstance(screen, CompareScreen) and screen.finished:
                break
            if loop.time() > deadline:
                raise RuntimeError(f"{shot.name}: the run screen never drew")
            await pilot.pause(0.02)
        if shot.keys:
            await pilot.press(*shot.keys)
        await pilot.pause()
        return app.export_screenshot(title=shot.title)


def write_screenshots(folder: Path) -> list[Path]:
    """Write every picture into `folder` (made if missing); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for shot in SHOTS:
        path = folder / f"{shot.name}.svg"
        path.write_text(asyncio.run(_take(shot)), encoding="utf-8")
        written.append(path)
    return written
