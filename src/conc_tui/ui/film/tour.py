"""`conc-tui record tour`: a scripted walk through the app, for a screencast.

The tour presses the same keys a person would (so the video shows how to use the app, not just what
it draws) and says what is happening in a caption: the picker, the help, the three seed examples
(countdown as threads, then as processes; primes in sequence, then as asyncio tasks) and the
finish of each, held a moment; the timeline and the compare view (all models in turn) where the app
has them (the tour asks the screen, so it runs on a build without them too); at the end, one
worker selected and its details opened (enter), and how to stop one (k) and find the knobs (o).
"""

from __future__ import annotations

from typing import Final

from conc_tui.ui.film.autopilot import Autopilot
from conc_tui.ui.screens.help_screen import HelpScreen
from conc_tui.ui.screens.picker_screen import PickerScreen
from conc_tui.ui.screens.run_screen import RunScreen
from conc_tui.ui.screens.worker_detail_screen import WorkerDetailScreen

LOOK: Final = 2.0  # seconds to take in a screen before acting on it


async def tour(pilot: Autopilot) -> None:
    await pilot.screen(PickerScreen)
    pilot.caption("conc-tui: the same work as threads, processes, asyncio tasks or in sequence.")
    await pilot.hold(LOOK)
    await pilot.press("j", "j", "k", "k")
    pilot.caption("Every key is in the help (?).")
    await pilot.press("question_mark")
    await pilot.screen(HelpScreen)
    await pilot.hold(LOOK)
    await pilot.press("escape")
    await pilot.screen(PickerScreen)

    pilot.caption(
        "countdown as two threads: A and B count down 5..1 together, not one after another."
    )
    await pilot.start_run("t", "1")
    await _finish(pilot, "Done in about 2.5 s, not 5 s; run it again and the order may change.")
    if pilot.shows("TimelineView"):
        pilot.caption("The timeline: when each worker ran, and when it sat silent (waiting).")
        await pilot.hold(LOOK)

    pilot.caption(
        "The same countdown as two processes (p): the same overlap, a higher start-up cost."
    )
    await pilot.start_run("p")
    await _finish(pilot, "Processes finish together too, a little later: starting one costs more.")

    if pilot.offers("compare"):
        pilot.caption("Compare (c): the countdown under every model in turn, on one time scale.")
        await pilot.press("c")
        await pilot.until(lambda: not isinstance(pilot.app.screen, RunScreen), "compare", 10.0)
        await _finish(pilot, "In sequence 5 s; threads, processes and tasks overlap: about 2.5 s.")

    for _ in range(3):  # back to the picker, from wherever the last view left us
        if isinstance(pilot.app.screen, PickerScreen):
            break
        await pilot.press("escape")
    await pilot.screen(PickerScreen)
    pilot.caption("primes in sequence: the small numbers wait behind the big prime.")
    await pilot.start_run("s", "2")
    await _finish(pilot, "427920331 and 157 waited about 4 s for their turn.")

    pilot.caption("primes as asyncio tasks (a) that yield every 100000 divisors.")
    await pilot.start_run("a")
    await _finish(pilot, "The small ones answered at once; the big one took as long: one core.")

    if pilot.offers("stop_worker"):
        pilot.caption("Select a worker (arrows, Tab or a click); enter shows all about it.")
        await pilot.press("tab")
        await pilot.hold(LOOK / 2)
        await pilot.press("enter")
        await pilot.screen(WorkerDetailScreen)
        await pilot.hold(LOOK)
        await pilot.press("escape")
        await pilot.screen(RunScreen)
        pilot.caption("k stops the selected worker while the others go on; o opens the knobs.")
        await pilot.hold(LOOK)

    pilot.caption("That's the tour. Try it: conc-tui, or conc-tui --help.")
    await pilot.hold(LOOK)


async def _finish(pilot: Autopilot, caption: str) -> None:
    await pilot.run_finished()
    pilot.caption(caption)
    await pilot.hold(LOOK)
