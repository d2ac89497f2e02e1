"""What a selected worker and its detail view look like, pinned: the scripted faults run frozen
after its end (no pids, no clock). Plain `def` tests; update with `--snapshot-update`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from conc_tui.feed.scripts import scripted_runs
from conc_tui.feed.stress_scripts import with_stress_scripts
from conc_tui.testing.pilot import SIZE, SnapCompare, make_app, shown
from conc_tui.ui.app import ConcTuiApp


def faults_app() -> ConcTuiApp:
    clock: Callable[[], float] = lambda: 5.0  # noqa: E731
    return make_app("faults", ["process"], factory=with_stress_scripts(scripted_runs(clock), clock))


def test_a_selected_panel(snap_compare: SnapCompare) -> None:
    async def select(pilot: Pilot[Any]) -> None:
        await shown(pilot)
        await pilot.press("right", "right")  # "raises"
        await pilot.pause()

    assert snap_compare(faults_app(), terminal_size=SIZE, run_before=select)


def test_the_detail_view_of_a_raised_error(snap_compare: SnapCompare) -> None:
    async def open_detail(pilot: Pilot[Any]) -> None:
        await shown(pilot)
        await pilot.press("right", "right", "enter")
        await pilot.pause()

    assert snap_compare(faults_app(), terminal_size=SIZE, run_before=open_detail)
