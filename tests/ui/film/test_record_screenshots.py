"""`conc-tui screenshots`: a picture of the picker, the help and every demo, the same every time."""

from __future__ import annotations

import asyncio

from conc_tui.demos import DEMOS
from conc_tui.ui.film.screenshots import SHOTS, _take


def test_there_is_a_picture_of_the_picker_the_help_and_every_demo() -> None:
    names = [shot.name for shot in SHOTS]
    assert names[:2] == ["picker", "help"]
    assert {shot.demo for shot in SHOTS if shot.demo} == set(DEMOS)
    assert len(set(names)) == len(names)


def test_a_picture_is_the_same_every_time() -> None:
    shot = next(s for s in SHOTS if s.demo == "faults")
    first, second = asyncio.run(_take(shot)), asyncio.run(_take(shot))
    assert first == second
    text = first.replace("&#160;", " ")
    for said in ("SIGKILL", "exit-3", "ValueError: bad input", "steady-2"):
        assert said in text, said
    help_shot = next(s for s in SHOTS if s.name == "help")
    assert "this help" in asyncio.run(_take(help_shot)).replace("&#160;", " ")
