"""What the UI tests share: apps fed by scripted runs, and waiting on a condition."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from textual.pilot import Pilot

from conc_tui.demos import DEMOS, Params
from conc_tui.feed.scripts import scripted_runs
from conc_tui.feed.source import SourceFactory
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.screens.run_screen import RunScreen

SIZE = (120, 36)
FAST = 20.0  # scripted runs play this many times faster than real time in pilot tests


def make_app(
    demo: str | None = None,
    models: Sequence[str] = (),
    *,
    factory: SourceFactory | None = None,
    at: float | None = None,
    params: Params | None = None,
) -> ConcTuiApp:
    """An app on scripted runs: played fast, or frozen at run time `at`."""
    if factory is None:
        factory = scripted_runs(clock=(lambda: at) if at is not None else None, speed=FAST)
    chosen = DEMOS[demo] if demo else None
    if chosen is not None and params is None:
        params = chosen.params()
    app = ConcTuiApp(factory, chosen, list(models), params)
    app.animation_level = "none"
    return app


async def wait_for(
    pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 10.0, what: str = ""
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)


def run_screen(app: ConcTuiApp) -> RunScreen:
    screen = app.screen
    assert isinstance(screen, RunScreen), f"expected the run screen, got {screen!r}"
    return screen


def finished(app: ConcTuiApp) -> bool:
    screen = app.screen
    if not isinstance(screen, RunScreen):
        return False
    snapshot = screen.snapshot
    return snapshot is not None and snapshot.finished


SnapCompare = Callable[..., bool]  # pytest-textual-snapshot's `snap_compare` fixture


async def shown(pilot: Pilot[Any]) -> None:
    """Wait until the run screen (if any) has drawn its first snapshot."""

    def ready() -> bool:
        screen = pilot.app.screen
        return not isinstance(screen, RunScreen) or screen.snapshot is not None

    await wait_for(pilot, ready)
    await pilot.pause()
