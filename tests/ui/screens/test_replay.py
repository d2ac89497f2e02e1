"""Replay: a log played back folds into exactly the state the live run left, in the TUI too."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conc_tui.bus import EventBus
from conc_tui.demos import DEMOS
from conc_tui.events import Event, write_jsonl
from conc_tui.feed.playback import ReplaySource, split_groups
from conc_tui.feed.scripts import countdown_events, primes_events
from conc_tui.headless import run_models
from conc_tui.recording import JsonlRecorder
from conc_tui.replay import load_log
from conc_tui.state import RunSnapshot, RunState
from conc_tui.testing.pilot import SIZE, wait_for
from conc_tui.ui.replay_app import ReplayApp
from conc_tui.ui.screens.replay_screen import ReplayScreen


def fold(model: str, workers: list[str], events: list[Event], origin: float) -> RunSnapshot:
    state = RunState(model, workers, origin=origin)
    state.apply(events)
    return state.snapshot(events[-1].t + 10.0)


def test_replaying_a_log_reproduces_the_live_final_state(tmp_path: Path) -> None:
    demo = DEMOS["countdown"]
    params = demo.params(steps=3, delay=0.02)
    path = tmp_path / "run.jsonl"
    bus = EventBus()
    bus.recorders.append(JsonlRecorder(path))
    live: list[Event] = []
    run_models(demo, ["thread", "asyncio"], params, bus, live.extend)  # one run id, two models
    bus.close()

    groups = split_groups(load_log(path).events)
    assert [g.model for g in groups] == ["thread", "asyncio"]
    for group in groups:
        ticks = itertools.count(0.0, 5.0)  # every drain: five more seconds of the log
        source = ReplaySource(group, speed=1.0, clock=ticks.__next__)
        source.start()
        replayed: list[Event] = []
        while not source.done:
            replayed.extend(source.drain())
        mine = [e for e in live if e.model == group.model]
        workers = [job.name for job in demo.jobs(params)]
        expected = fold(group.model, workers, mine, group.origin)
        assert fold(group.model, list(group.workers), replayed, source.origin) == expected
        assert expected.finished and expected.done == 2


def write_log(path: Path, runs: list[list[Event]]) -> Path:
    """A log as the TUI writes it: one run id per run, one seq sequence for the file."""
    seq = itertools.count()
    events = [
        e._replace(seq=next(seq), run=f"run{index}") for index, run in enumerate(runs) for e in run
    ]
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(events, out)
    return path


@pytest.mark.asyncio
async def test_the_tui_replays_each_run_of_a_log_in_turn(tmp_path: Path) -> None:
    log = load_log(
        write_log(tmp_path / "tui.jsonl", [countdown_events("thread"), primes_events("asyncio")])
    )
    app = ReplayApp(log, speed=16.0)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen), what="the replay")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert "replay at 16x" in str(screen.sub_title)
        await pilot.press("p", "o", "c")  # no live run from a replay: no model, knobs, compare
        assert app.screen is screen
        assert screen.models == ["thread", "asyncio"] and screen.model_index == 0

        def shows(model: str) -> bool:
            snapshot = screen.snapshot
            return snapshot is not None and snapshot.model == model and snapshot.finished

        await wait_for(pilot, lambda: shows("thread"), what="the countdown replayed")
        snapshot = screen.snapshot
        assert snapshot is not None
        assert snapshot.finish_order == ("B", "A")  # as the log has it
        await wait_for(pilot, lambda: shows("asyncio"), timeout=15, what="the primes replayed")
        assert screen.snapshot is not None
        assert screen.snapshot.finish_order == ("427920331", "157", "9637529763296797")


@pytest.mark.asyncio
async def test_space_pauses_the_replay_and_plus_minus_change_its_speed(tmp_path: Path) -> None:
    log = load_log(write_log(tmp_path / "one.jsonl", [countdown_events("process")]))
    app = ReplayApp(log, speed=1.0)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen), what="the replay")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        source = screen.source
        assert isinstance(source, ReplaySource)
        await pilot.press("space")
        assert source.paused
        held = source.now()
        await pilot.pause(0.2)
        assert source.now() == held  # the log's clock stands still
        await pilot.press("space")
        assert not source.paused
        await pilot.press("plus", "plus")
        assert source.speed == 4.0 and "replay at 4x" in str(screen.sub_title)
        await pilot.press("minus")
        assert source.speed == 2.0
        footer = " ".join(b.binding.description for b in screen.active_bindings.values())
        assert "Faster" in footer and "Slower" in footer
        await pilot.press("plus", "plus", "plus")
        await wait_for(
            pilot, lambda: source.done and screen.snapshot is not None and screen.snapshot.finished
        )
        await pilot.press("escape")  # going back ends the replay
        await wait_for(pilot, lambda: app.return_code is not None, what="the app to exit")
