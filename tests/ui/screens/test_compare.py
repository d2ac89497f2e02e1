"""The compare view, the timeline, the lag meter and the knobs, driven by keys on scripted runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from conc_tui.demos import DEMOS
from conc_tui.runners import ALL_MODELS as MODELS
from conc_tui.testing.pilot import SIZE, finished, make_app, run_screen, wait_for
from conc_tui.timeline import RUN_4, WAITING
from conc_tui.ui.screens.compare_screen import CompareScreen
from conc_tui.ui.screens.knobs_screen import KnobsScreen, parse_knob
from conc_tui.ui.widgets.compare_table import CompareTable
from conc_tui.ui.widgets.explanation_pane import ExplanationPane
from conc_tui.ui.widgets.lag_meter import LagMeter
from conc_tui.ui.widgets.timeline_view import TimelineView


def compare_screen(app: object) -> CompareScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, CompareScreen), f"expected the compare view, got {screen!r}"
    return screen


@pytest.mark.asyncio
async def test_model_all_runs_each_model_in_turn_and_keeps_every_result() -> None:
    app = make_app("gil", list(MODELS), at=9.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = compare_screen(app)
        await wait_for(pilot, lambda: screen.finished, what="all four models")
        rows = {row.result.model: row for row in screen.query_one(CompareTable).rows}
        assert list(rows) == list(MODELS)
        speedup = {model: row.speedup for model, row in rows.items()}
        assert speedup["sequential"] == 1.0
        assert speedup["process"] is not None and speedup["process"] >= 1.5
        assert speedup["thread"] is not None and speedup["thread"] <= 1.3
        assert rows["process"].result.startup and min(rows["process"].result.startup) >= 0.05
        assert rows["thread"].result.cpu_per_worker == pytest.approx(1.875)
        # One lane per model and worker, on one scale: the processes' lanes end about halfway.
        frame = screen.query_one(TimelineView).frame
        assert frame is not None and len(frame.names) == 8 and frame.names[2] == "thread A"
        assert frame.lanes[4].rfind(RUN_4) < len(frame.lanes[0]) * 0.6
        text = screen.query_one(ExplanationPane).conclusion
        assert "2 threads took" in text and "only one runs Python at a time" in text
        assert screen.query_one(LagMeter).display  # the asyncio run's lag stays on show


@pytest.mark.asyncio
async def test_c_on_a_run_screen_compares_and_r_runs_all_again() -> None:
    app = make_app("countdown", ["thread"], at=9.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: finished(app))
        await pilot.press("c")
        screen = compare_screen(app)
        await wait_for(pilot, lambda: screen.finished, what="the comparison")
        history = screen.query_one(ExplanationPane).history
        assert "thread: B A" in history  # its orders join the history of the run screen's
        await pilot.press("r")
        assert len(screen.turns) == 1
        await wait_for(pilot, lambda: screen.finished, what="the second comparison")
        assert "thread: B A / B A / B A" in screen.query_one(ExplanationPane).history


@pytest.mark.asyncio
async def test_gil_threads_take_turns_on_the_zoomed_timeline() -> None:
    app = make_app("gil", ["thread"], at=1.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: screen.query_one(TimelineView).frame is not None)
        await pilot.press("z")
        frame = screen.query_one(TimelineView).frame
        assert frame is not None and frame.fine
        a, b = frame.lanes
        together = sum(1 for x, y in zip(a, b, strict=True) if x == y == RUN_4)
        apart = sum(1 for x, y in zip(a, b, strict=True) if {x, y} == {RUN_4, WAITING})
        assert apart > 3 * together, (a, b)


@pytest.mark.asyncio
async def test_rerun_history_and_the_lag_meter_of_an_asyncio_run() -> None:
    app = make_app("primes", ["asyncio"], at=10.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: finished(app))
        meter = screen.query_one(LagMeter)
        assert meter.display and meter.summary is not None and meter.summary.p99 > 0.005
        await pilot.press("r")
        await wait_for(pilot, lambda: "run 2:" in screen.query_one(ExplanationPane).history)
        await pilot.press("t")
        await wait_for(pilot, lambda: screen.model == "thread")
        assert not screen.query_one(LagMeter).display


@pytest.mark.asyncio
async def test_knobs_change_the_params_and_run_again() -> None:
    app = make_app("io", ["thread"], at=9.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: finished(app))
        await pilot.press("o")
        knobs = app.screen
        assert isinstance(knobs, KnobsScreen)
        workers = knobs.query_one("#knob-workers", Input)
        workers.value = "0"
        await pilot.press("enter")
        assert isinstance(app.screen, KnobsScreen)  # refused, with a reason
        workers.value = "6"
        knobs.query_one("#knob-delay", Input).value = "0.1"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert (screen.params.workers, screen.params.delay) == (6, 0.1)
        await wait_for(
            pilot, lambda: screen.snapshot is not None and len(screen.snapshot.workers) == 6
        )


def test_parse_knob() -> None:
    assert parse_knob("workers", " 8 ", True) == 8
    assert parse_knob("switch_interval", "", False) is None
    assert parse_knob("switch_interval", "0.001", False) == 0.001
    for name, text, whole in (("workers", "x", True), ("delay", "-1", False), ("steps", "0", True)):
        with pytest.raises(ValueError):
            parse_knob(name, text, whole)


@pytest.mark.asyncio
async def test_the_zoomed_timeline_pans_back_to_the_start_and_forward_to_now() -> None:
    app = make_app("primes", ["asyncio"], at=10.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: finished(app))
        view = screen.query_one(TimelineView)
        await pilot.press("z")
        assert view.frame is not None and view.frame.start > 3.0
        await pilot.press("left_square_bracket")  # the key, then the action: 40 presses are slow
        for _ in range(40):
            screen.action_pan(-1)
        await pilot.pause()
        assert view.frame is not None and view.frame.start == 0.0
        big, middle, _small = view.frame.lanes
        assert big[0] == RUN_4 and middle[0] == RUN_4  # both had turns in the first 2 ms
        for _ in range(40):
            screen.action_pan(1)
        await pilot.press("right_square_bracket")
        assert screen.fine_until is None and view.frame.start > 3.0


@pytest.mark.asyncio
@pytest.mark.parametrize(("model", "accepted"), [("asyncio", True), ("thread", False)])
async def test_knobs_accept_what_the_command_line_accepts(model: str, accepted: bool) -> None:
    """`conc-tui io --model asyncio --workers 1000`, then o and enter: the command line took 1000
    tasks, so the knobs do too; threads stop at 256 on both."""
    params = DEMOS["io"].params(workers=1000)
    app = make_app("io", [model], at=9.0, params=params)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await pilot.press("o")
        knobs = app.screen
        assert isinstance(knobs, KnobsScreen)
        assert knobs.query_one("#knob-workers", Input).value == "1000"
        await pilot.press("enter")
        if accepted:
            await wait_for(pilot, lambda: app.screen is screen)
            assert screen.params.workers == 1000
        else:
            assert app.screen is knobs
            error = str(knobs.query_one("#knobs-error", Static).render())
            assert "must be from 1 to 256 for thread, not 1,000" in error


@pytest.mark.asyncio
async def test_e_writes_the_compare_table_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app("gil", list(MODELS), at=9.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = compare_screen(app)
        await wait_for(pilot, lambda: screen.finished, what="all four models")
        await pilot.press("e")
        await wait_for(pilot, lambda: bool(app._notifications), what="a notification")
        said = " ".join(str(n.message) for n in app._notifications)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert [Path(name).suffix for name in written] == [".csv", ".md"]
    assert written[1] in said and str(tmp_path) in said
    table = (tmp_path / written[1]).read_text()
    assert table.startswith("## gil: sequential, thread, process, asyncio")
    assert "| process |" in table and "| asyncio |" in table


@pytest.mark.asyncio
async def test_speedups_and_finish_orders_only_against_the_same_settings() -> None:
    """After o changes the workers, the old sequential run is no baseline: say there is none."""
    app = make_app("io", ["sequential"], at=9.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        pane = screen.query_one(ExplanationPane)
        await wait_for(pilot, lambda: finished(app) and bool(pane.conclusion))
        await pilot.press("t")
        await wait_for(
            pilot,
            lambda: screen.model == "thread" and "s in sequence (a speedup of" in pane.conclusion,
        )
        await pilot.press("o")
        knobs = app.screen
        assert isinstance(knobs, KnobsScreen)
        knobs.query_one("#knob-workers", Input).value = "3"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: (
                screen.params.workers == 3 and finished(app) and "No sequential" in pane.conclusion
            ),
        )
        assert "in sequence (a speedup of" not in pane.conclusion
        assert "workers 3" in pane.conclusion
        assert pane.history.startswith("run 1:")  # a new experiment: its own history
