"""Drive the app with the keyboard, as a person would, on scripted runs of the seed demos."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Log, OptionList

from conc_tui.demos import DEMOS
from conc_tui.demos.primes import NUMBERS
from conc_tui.testing.pilot import SIZE, finished, make_app, run_screen, wait_for
from conc_tui.ui.screens.compare_screen import CompareScreen
from conc_tui.ui.screens.help_screen import HelpScreen
from conc_tui.ui.screens.picker_screen import PickerScreen
from conc_tui.ui.screens.run_screen import RunScreen
from conc_tui.ui.screens.too_small_screen import TooSmallScreen
from conc_tui.ui.widgets.summary_bar import SummaryBar

BIG, MIDDLE, SMALL = (str(n) for n in NUMBERS)

pytestmark = pytest.mark.asyncio


async def test_the_picker_lists_every_demo() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        demo_list = app.screen.query_one(OptionList)
        assert demo_list.option_count == len(DEMOS)
        assert [demo_list.get_option_at_index(i).id for i in range(len(DEMOS))] == list(DEMOS)
        await pilot.press("j", "j", "k")
        assert demo_list.highlighted == 1


async def test_enter_on_countdown_runs_a_and_b_to_the_end() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = run_screen(app)
        assert (screen.demo.id, screen.model) == ("countdown", "thread")
        await wait_for(pilot, lambda: finished(app), what="countdown to finish")
        snapshot = screen.snapshot
        assert snapshot is not None
        assert [w.name for w in snapshot.workers] == ["A", "B"]
        assert all(w.phase == "done" and w.counting_down and w.value == 1 for w in snapshot.workers)
        assert sorted(snapshot.finish_order) == ["A", "B"]
        assert 2.4 < snapshot.wall < 2.6


@pytest.mark.parametrize(
    ("keys", "demo", "model", "order"),
    [
        (("p", "1"), "countdown", "process", None),
        (("2",), "primes", "sequential", (BIG, MIDDLE, SMALL)),
        (("a", "j", "enter"), "primes", "asyncio", (MIDDLE, SMALL, BIG)),
    ],
)
async def test_keys_choose_a_demo_and_a_model(
    keys: tuple[str, ...], demo: str, model: str, order: tuple[str, ...] | None
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        screen = run_screen(app)
        assert (screen.demo.id, screen.model) == (demo, model)
        await wait_for(pilot, lambda: finished(app), what=f"{demo} {model} to finish")
        snapshot = screen.snapshot
        assert snapshot is not None
        assert all(w.phase == "done" and w.fraction == 1.0 for w in snapshot.workers)
        if order is not None:
            assert snapshot.finish_order == order


async def test_under_asyncio_the_small_primes_answer_long_before_the_big_one() -> None:
    app = make_app("primes", ["asyncio"], at=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: run_screen(app).snapshot is not None)
        snapshot = run_screen(app).snapshot
        assert snapshot is not None
        phases = {w.name: w.phase for w in snapshot.workers}
        assert phases == {BIG: "running", MIDDLE: "done", SMALL: "done"}


async def test_in_sequence_the_small_primes_wait_behind_the_big_one() -> None:
    app = make_app("primes", ["sequential"], at=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: run_screen(app).snapshot is not None)
        snapshot = run_screen(app).snapshot
        assert snapshot is not None
        phases = {w.name: w.phase for w in snapshot.workers}
        assert phases == {BIG: "running", MIDDLE: "pending", SMALL: "pending"}


async def test_the_command_palette_starts_a_demo() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"primes asyncio")
        await wait_for(
            pilot,
            lambda: (
                bool(app.screen.query(CommandList))
                and app.screen.query_one(CommandList).option_count > 0
            ),
            what="the palette's hits",
        )
        hits = app.screen.query_one(CommandList)
        first = hits.get_option_at_index(0).prompt
        assert "Run primes as asyncio" in str(getattr(first, "plain", first))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), what="the run screen")
        assert (run_screen(app).demo.id, run_screen(app).model) == ("primes", "asyncio")


async def test_run_screen_keys() -> None:
    app = make_app("countdown", ["thread"])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: finished(app))
        screen = run_screen(app)
        first = screen.source
        await pilot.press("r")
        assert screen.source is not first  # a new run
        await pilot.press("p")
        assert screen.model == "process"
        await wait_for(pilot, lambda: finished(app))
        await pilot.press("space")
        assert screen.paused and screen.query_one(SummaryBar).paused
        await pilot.press("space")
        assert not screen.paused
        log = screen.query_one(Log)
        assert log.display and log.line_count > 0
        await pilot.press("l")
        assert not log.display
        await pilot.press("l")
        assert log.display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_pause_freezes_the_display_but_not_the_run() -> None:
    app = make_app("countdown", ["thread"])
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: screen.snapshot is not None)
        await pilot.press("space")
        shown = screen.snapshot
        await wait_for(pilot, lambda: screen.fold is not None and screen.fold.state.events >= 14)
        assert screen.snapshot is shown  # the display waited
        await pilot.press("space")
        assert finished(app)  # and caught up at once


async def test_model_all_runs_every_model_in_turn() -> None:
    # Several models open the compare view (tests/ui/test_compare.py), which runs them in turn.
    app = make_app("countdown", ["sequential", "thread"])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.current is not None and screen.current.model == "sequential"
        await wait_for(pilot, lambda: screen.finished, what="every model to finish")


async def test_too_small_shows_a_message_and_resizing_brings_the_run_back() -> None:
    app = make_app("countdown", ["thread"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.resize_terminal(50, 12)
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.resize_terminal(*SIZE)
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
        await wait_for(pilot, lambda: finished(app))


async def test_many_workers_fit_one_widget() -> None:
    app = make_app("io", ["thread"], params=DEMOS["io"].params(workers=64))
    async with app.run_test(size=SIZE) as pilot:
        screen = run_screen(app)
        await wait_for(pilot, lambda: screen.snapshot is not None)
        assert screen.snapshot is not None and len(screen.snapshot.workers) == 64
        assert len(screen.query("WorkerLanes")) == 1
