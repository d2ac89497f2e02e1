"""`conc-tui record`, in this process: the self-driving app filmed through the cast driver, on
scripted runs (no demo runs here). The cast is rendered through pyte and its last frame checked.
The same command on a real demo, in a real process, is in tests/test_cast.py."""

from __future__ import annotations

import re
from pathlib import Path

import pyte

from conc_tui.cast import load_cast
from conc_tui.demos import DEMOS, Demo, Params
from conc_tui.feed.scripts import scripted_runs
from conc_tui.feed.source import RunSource, ScriptedRun
from conc_tui.testing.pilot import FAST
from conc_tui.ui.film.autopilot import Autopilot
from conc_tui.ui.film.record import record_cast
from conc_tui.ui.film.tour import tour

SIZE = (100, 30)


def last_frame(path: Path) -> list[str]:
    cast = load_cast(path)  # valid asciicast v2, times never go back
    assert (cast.width, cast.height) == SIZE
    screen = pyte.Screen(cast.width, cast.height)
    pyte.Stream(screen).feed(cast.output)
    return list(screen.display)


def test_record_a_demo_ends_on_its_finished_panels(tmp_path: Path) -> None:
    path = tmp_path / "primes.cast"
    demo = DEMOS["primes"]
    code = record_cast(
        path, SIZE, demo, ["asyncio"], demo.params(), factory=scripted_runs(speed=FAST), pace=0.1
    )
    assert code == 0
    frame = last_frame(path)
    assert "3 done" in frame[1] and "asyncio" in frame[1]
    assert "427920331  157  9637529763296797" in frame[2]  # the finish order
    assert "\n".join(frame).count("result: True") == 3


def test_the_tour_visits_the_classic_demos_and_the_core_lessons_with_their_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tour.cast"
    seen: list[str] = []

    async def watched_tour(pilot: Autopilot) -> None:
        original = pilot.caption

        def caption(text: str, seconds: float = 4.0) -> None:
            screen = pilot.app.screen
            seen.append(f"{type(screen).__name__}: {text}")
            original(text, seconds)

        pilot.caption = caption  # type: ignore[method-assign]
        await tour(pilot)

    factory = scripted_runs(speed=FAST)
    code = record_cast(path, SIZE, None, factory=factory, pace=0.05, script=watched_tour)
    assert code == 0
    assert seen[0].startswith("PickerScreen") and seen[1].startswith("PickerScreen: Every key")
    finished = (  # each run shown to its end, on the run screen, its caption with its numbers
        r"Done in 2\.5\d s: the two sleeps overlapped, so not 5 s",
        r"As processes: 2\.5\d s, of which 50\.\d ms went to starting them",
        r"427920331 and 157 waited behind the big prime: they answered after 4\.0\d s",
        r"The small ones answered after 9\.\d ms and 9\.\d ms; the big one after 4\.0\d s",
        r"3\.8\d s with 0\.98 cores busy on average: the threads took turns holding the GIL",
        r"1\.9\d s with 1\.89 cores busy on average: .* so they ran at once",
        r"1\.\d\d s with 0\.00 cores busy on average: .* the waits overlapped",
    )
    for said in finished:
        assert any(line.startswith("RunScreen") and re.search(said, line) for line in seen), said
    compared = next(line for line in seen if line.startswith("CompareScreen: Wall times"))
    assert re.search(r"sequential 5\.\d\d s, thread 2\.5\d s", compared), compared
    if any("Compare (c)" in line for line in seen):  # the compare view, where the app has one
        assert any(line.startswith("CompareScreen") for line in seen)
    frame = last_frame(path)
    assert "I/O" in frame[0] and "thread" in frame[1] and "done" in frame[1]


def test_a_run_that_never_finishes_leaves_no_cast(tmp_path: Path, capsys) -> None:
    path = tmp_path / "never.cast"
    demo = DEMOS["countdown"]

    def silent(demo: Demo, model: str, params: Params) -> RunSource:
        return ScriptedRun(model, ["A", "B"], [])  # no events: the panels never finish

    code = record_cast(
        path, SIZE, demo, ["thread"], demo.params(), factory=silent, run_deadline=0.3
    )
    assert code == 1
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "gave up" in err[0]
