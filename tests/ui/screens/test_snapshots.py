"""What the screens look like, pinned: scripted runs frozen at fixed run times, no pids, no clock.

Plain `def` tests: pytest-textual-snapshot runs the app itself. Update with `--snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from conc_tui.testing.pilot import SIZE, SnapCompare, make_app, shown, wait_for


def test_picker(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=shown)


def test_countdown_mid_run(snap_compare: SnapCompare) -> None:
    app = make_app("countdown", ["thread"], at=1.3)
    assert snap_compare(app, terminal_size=SIZE, run_before=shown)


def test_primes_finished(snap_compare: SnapCompare) -> None:
    app = make_app("primes", ["asyncio"], at=10.0)
    assert snap_compare(app, terminal_size=SIZE, run_before=shown)


def test_help_screen(snap_compare: SnapCompare) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await shown(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = make_app("countdown", ["thread"], at=1.3)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_help)


def test_too_small(snap_compare: SnapCompare) -> None:
    async def too_small(pilot: Pilot[Any]) -> None:
        await shown(pilot)
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "TooSmallScreen")

    app = make_app("countdown", ["thread"], at=1.3)
    assert snap_compare(app, terminal_size=(50, 12), run_before=too_small)
