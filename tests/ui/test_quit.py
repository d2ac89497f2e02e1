"""Quitting in the middle of a live run leaves nothing behind: no worker thread, no child process.

These run the real thing (through `session.open_run`, so in a lab process) on the countdown demo,
which only sleeps: nothing busy runs in the test process to slow the pilot down.
"""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from conc_tui.feed.live import live_runs
from conc_tui.runners import ALL_MODELS as MODELS
from conc_tui.runners.process_runner import prepare
from conc_tui.testing.pilot import SIZE, make_app, run_screen, wait_for

pytestmark = pytest.mark.asyncio


def ours() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("conc-tui")]


@pytest.mark.parametrize("model", MODELS)
async def test_quitting_mid_run_stops_everything(model: str) -> None:
    prepare("spawn")  # before the app: the fds_to_keep pitfall
    app = make_app("countdown", [model], factory=live_runs())
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)

        def counting() -> bool:
            snapshot = screen.snapshot
            return snapshot is not None and snapshot.running + snapshot.waiting > 0

        await wait_for(pilot, counting, timeout=20, what=f"{model} workers to start")
        assert multiprocessing.active_children()  # the lab is there
        snapshot = screen.snapshot
        assert snapshot is not None and not snapshot.finished
        await pilot.press("q")
    assert multiprocessing.active_children() == []
    assert ours() == []
