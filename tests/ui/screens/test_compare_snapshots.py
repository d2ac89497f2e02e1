"""The compare view, a gil run's timeline and the lag meter, pinned: scripted runs at fixed times.

Plain `def` tests: pytest-textual-snapshot runs the app itself. Update with `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from conc_tui.runners import ALL_MODELS as MODELS
from conc_tui.testing.pilot import SIZE, make_app, shown, wait_for
from conc_tui.ui.screens.compare_screen import CompareScreen

SnapCompare = Callable[..., bool]


async def compared(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    await wait_for(pilot, lambda: screen.finished, what="every model")
    await pilot.pause()


def test_compare_view_of_gil(snap_compare: SnapCompare) -> None:
    app = make_app("gil", list(MODELS), at=9.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=compared)


def test_compare_view_of_io(snap_compare: SnapCompare) -> None:
    app = make_app("io", list(MODELS), at=9.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=compared)


def test_gil_threads_timeline_zoomed(snap_compare: SnapCompare) -> None:
    async def zoomed(pilot: Pilot[Any]) -> None:
        await shown(pilot)
        await pilot.press("z")
        await pilot.pause()

    app = make_app("gil", ["thread"], at=1.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=zoomed)


def test_gil_processes_timeline(snap_compare: SnapCompare) -> None:
    app = make_app("gil", ["process"], at=1.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=shown)


def test_lag_meter_of_primes_as_tasks(snap_compare: SnapCompare) -> None:
    app = make_app("primes", ["asyncio"], at=2.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=shown)
