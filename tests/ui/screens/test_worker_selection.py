"""Selecting a worker (arrows, Tab, a click), its detail view (Enter), and stopping it (k).

Scripted runs (a busy thread in the test process would make every key press slow), and a source
that records `stop_worker`; one real run of the countdown's threads, to see a stop end a worker.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from textual.widgets import Static

from conc_tui.demos import DEMOS, Demo, Params
from conc_tui.feed.live import live_runs
from conc_tui.feed.scripts import scripted_run, scripted_runs
from conc_tui.feed.source import RunSource, ScriptedRun
from conc_tui.feed.stress_scripts import with_stress_scripts
from conc_tui.runners.process_runner import prepare
from conc_tui.testing.pilot import SIZE, make_app, run_screen, wait_for
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.render.lane_grid import Grid, cell_at, cell_box, moved
from conc_tui.ui.screens.run_screen import RunScreen
from conc_tui.ui.screens.worker_detail_screen import WorkerDetailScreen, facts
from conc_tui.ui.widgets.worker_lanes import WorkerLanes

FAULTS_TRACEBACK_END = "ValueError: bad input at step 3"


def faults_app(at: float = 5.0) -> ConcTuiApp:
    """The scripted faults run (six processes), frozen at run time `at`."""
    clock: Callable[[], float] = lambda: at  # noqa: E731
    return make_app("faults", ["process"], factory=with_stress_scripts(scripted_runs(clock), clock))


def lanes_of(app: ConcTuiApp) -> WorkerLanes:
    return run_screen(app).query_one(WorkerLanes)


def drawn(app: ConcTuiApp) -> bool:
    screen = app.screen
    return isinstance(screen, RunScreen) and screen.snapshot is not None


# The grid's arithmetic, without an app.


def test_moves_in_the_grid() -> None:
    grid = Grid(columns=3, cell=10, height=4, gap=1, total=7)  # rows: 0 1 2 / 3 4 5 / 6
    assert moved(grid, None, "down") == 0 and moved(grid, None, "previous") == 6
    assert [moved(grid, 4, m) for m in ("left", "right", "up", "down")] == [3, 5, 1, 4]
    assert moved(grid, 3, "down") == 6 and moved(grid, 0, "left") == 0
    assert moved(grid, 6, "right") == 6 and moved(grid, 1, "up") == 1
    assert moved(grid, 6, "next") == 0 and moved(grid, 0, "previous") == 6
    assert moved(grid, 9, "left") == 5  # a selection past a shorter run's end is clamped
    assert moved(Grid(1, 10, 1, 1, 0), None, "next") is None


def test_the_cell_under_a_point() -> None:
    grid = Grid(columns=3, cell=10, height=4, gap=1, total=7)
    assert cell_at(grid, 0, 0) == 0 and cell_at(grid, 9, 3) == 0
    assert cell_at(grid, 10, 0) is None  # the gap
    assert cell_at(grid, 11, 5) == 4 and cell_at(grid, 32, 11) is None  # row 2 has one cell
    assert cell_at(grid, 33, 0) is None and cell_at(grid, -1, 0) is None
    assert cell_box(grid, 4) == (11, 4, 10, 4)


# The run screen, on scripted runs.


@pytest.mark.asyncio
async def test_arrows_tab_and_clicks_select_a_worker() -> None:
    app = faults_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: drawn(app), what="the panels")
        lanes = lanes_of(app)
        assert lanes.selected is None
        columns, cell, _height = lanes._grid()
        assert columns == 3  # six panels: two rows of three at 120 columns
        seen: list[int] = []
        for key, expected in [
            ("right", 0), ("right", 1), ("down", 4), ("tab", 5), ("tab", 0),
            ("shift+tab", 5), ("left", 4), ("up", 1),
        ]:  # fmt: skip
            await pilot.press(key)
            seen.append(-1 if lanes.selected is None else lanes.selected)
            assert lanes.selected == expected, (key, seen)
        view = lanes.selected_view
        assert view is not None and view.name == "raises"
        # A click on the third panel of the first row (the widget has one column of padding).
        await pilot.click(WorkerLanes, offset=(1 + 2 * (cell + 1) + 3, 2))
        assert lanes.selected == 2
        # The selection survives the frames that follow.
        await pilot.pause(0.1)
        assert lanes.selected == 2 and run_screen(app).snapshot is lanes.snapshot


@pytest.mark.asyncio
async def test_enter_opens_the_whole_traceback_and_esc_closes_it() -> None:
    app = faults_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: drawn(app), what="the panels")
        screen = run_screen(app)
        await pilot.press("right", "right", "enter")  # "raises", the second panel
        detail = app.screen
        assert isinstance(detail, WorkerDetailScreen)
        assert detail.view.name == "raises"
        text = str(detail.query_one("#detail-traceback-text", Static).render())
        assert text.startswith("Traceback (most recent call last):")
        assert 'File "faults.py", line 29, in raises' in text
        assert text.endswith(FAULTS_TRACEBACK_END)
        said = dict(facts(detail.view))
        assert said["status"] == "failed: ValueError: bad input at step 3"
        assert said["pid / tid"] == "— / —" and said["result"] == "—"
        await pilot.press("escape")
        assert app.screen is screen
        # A click on the selected panel opens it too; on another one, it selects that one.
        cell = lanes_of(app)._grid()[1]
        await pilot.click(WorkerLanes, offset=(1 + cell + 1 + 3, 2))
        assert isinstance(app.screen, WorkerDetailScreen)
        await pilot.press("escape")
        await pilot.click(WorkerLanes, offset=(3, 2))
        assert app.screen is screen and lanes_of(app).selected == 0


class StoppableRun(ScriptedRun):
    """A scripted run that records what it was asked to stop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stopped: list[str] = []

    def stop_worker(self, name: str) -> bool:
        self.stopped.append(name)
        return True


@pytest.mark.asyncio
async def test_k_stops_the_selected_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    sources: list[StoppableRun] = []

    def open_source(demo: Demo, model: str, params: Params) -> RunSource:
        run = scripted_run(demo, model, params, clock=lambda: 1.3)  # A and B both mid-count
        source = StoppableRun(model, run.workers, run._events, lambda: 1.3)
        sources.append(source)
        return source

    said: list[str] = []
    app = make_app("countdown", ["thread"], factory=open_source)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_kw: said.append(message))
        await wait_for(pilot, lambda: drawn(app), what="the panels")
        await pilot.press("k")
        assert sources[0].stopped == [] and "Select a worker" in said[-1]
        await pilot.press("right", "right", "k")
        assert sources[0].stopped == ["B"] and said[-1] == "Stopping B…"


@pytest.mark.asyncio
async def test_k_on_a_scripted_run_says_it_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    app = make_app("countdown", ["thread"], at=1.3)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_kw: said.append(message))
        await wait_for(pilot, lambda: drawn(app), what="the panels")
        await pilot.press("tab", "k")
        assert said == ["This run cannot stop A: it only plays back."]
        assert app.screen is run_screen(app)


@pytest.mark.asyncio
async def test_many_workers_select_in_one_line_lanes() -> None:
    demo = DEMOS["flood"]
    app = make_app("flood", ["thread"], params=replace(demo.params(), workers=16), at=0.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: drawn(app), what="the lanes")
        lanes = lanes_of(app)
        columns, cell, height = lanes._grid()
        assert (columns, height) == (2, 1)  # 16 workers: one line each, two columns
        await pilot.press("down", "down", "right")  # select the first, then down, then right
        assert lanes.selected == 3
        await pilot.click(WorkerLanes, offset=(1 + 3, 3))  # the fourth row, first column
        assert lanes.selected == 6
        await pilot.click(WorkerLanes, offset=(1 + cell + 1 + 3, 0))
        assert lanes.selected == 1


# A real run: stop one of the countdown's threads.


@pytest.mark.asyncio
async def test_k_stops_a_real_thread_and_the_other_goes_on() -> None:
    demo = DEMOS["countdown"]
    params = replace(demo.params(), steps=200, delay=0.05)  # 10 s: ends only by q

    prepare("spawn")  # before the app: the fds_to_keep pitfall
    app = make_app("countdown", ["thread"], factory=live_runs(), params=params)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: drawn(app), what="the panels")
        lanes = lanes_of(app)

        def worker(name: str) -> Any:
            snapshot = lanes.snapshot
            assert snapshot is not None
            return next(view for view in snapshot.workers if view.name == name)

        await wait_for(pilot, lambda: worker("B").started is not None, 20, "B to start")
        lanes.selected = 1  # B (the keys that select are tested above)
        await pilot.press("k")
        await wait_for(pilot, lambda: worker("B").finished, timeout=5, what="B stopped")
        assert worker("B").status == "cancelled"
        assert not worker("A").finished  # the other goes on
        await pilot.press("q")
    assert [t.name for t in threading.enumerate() if t.name.startswith("conc-tui")] == []
    assert multiprocessing.active_children() == []
