"""`conc-tui record tour`: a scripted walk through the app, for a screencast.

The tour presses the same keys a person would (so the video shows how to use the app, not just what
it draws) and says what is happening in a caption: the picker, the help, the classic examples
(countdown as threads, then as processes; primes in sequence, then as asyncio tasks), the two core
lessons (`gil`: threads take turns, processes run at once; `io`: threads overlap their waits), the
compare view where the app has it, and at the end one worker selected and its details opened.

Every caption about a finished run is made from that run's own numbers (`Autopilot.results()`), so
the video never says what its screen does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from conc_tui.compare import ModelResult
from conc_tui.demos.words import cores, in_parallel, on_one_core, overlapped
from conc_tui.ui.film.autopilot import Autopilot
from conc_tui.ui.screens.help_screen import HelpScreen
from conc_tui.ui.screens.picker_screen import PickerScreen
from conc_tui.ui.screens.run_screen import RunScreen
from conc_tui.ui.screens.worker_detail_screen import WorkerDetailScreen
from conc_tui.units import seconds

LOOK: Final = 2.0  # seconds to take in a screen before acting on it
Results = Mapping[str, ModelResult]


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

    pilot.caption("countdown as two threads: A and B count down 5..1, sleeping 0.5 s each time.")
    await pilot.start_run("t", "1")
    await _finish(pilot, _countdown_threads)
    if pilot.shows("TimelineView"):
        pilot.caption("The timeline: when each worker ran, and when it sat silent (waiting).")
        await pilot.hold(LOOK)
    pilot.caption("The same countdown as two processes (p).")
    await pilot.start_run("p")
    await _finish(pilot, _countdown_processes)
    if pilot.offers("compare"):
        pilot.caption("Compare (c): the countdown under every model in turn, on one time scale.")
        await pilot.press("c")
        await pilot.until(lambda: not isinstance(pilot.app.screen, RunScreen), "compare", 10.0)
        await _finish(pilot, _compared)

    await _back_to_picker(pilot)
    pilot.caption("primes in sequence: 9637529763296797, then 427920331, then 157.")
    await pilot.start_run("s", "2")
    await _finish(pilot, _primes_in_sequence)
    pilot.caption("primes as asyncio tasks (a) that yield every 100000 divisors.")
    await pilot.start_run("a")
    await _finish(pilot, _primes_as_tasks)
    if pilot.offers("stop_worker"):
        await _one_worker(pilot)

    await _back_to_picker(pilot)
    pilot.caption("gil: pure-Python loops as two threads (t). Can threads use two cores?")
    await pilot.start_run("t", "3")
    await _finish(pilot, _gil_threads)
    pilot.caption("The same loops as two processes (p).")
    await pilot.start_run("p")
    await _finish(pilot, _gil_processes)

    await _back_to_picker(pilot)
    pilot.caption("io: waits (like network reads) as two threads (t).")
    await pilot.start_run("t", "4")
    await _finish(pilot, _io_threads)

    pilot.caption("That's the tour. Try it: conc-tui, or conc-tui --help.")
    await pilot.hold(LOOK)


async def _finish(pilot: Autopilot, say: Callable[[Results], str]) -> None:
    await pilot.run_finished()
    pilot.caption(say(pilot.results()))
    await pilot.hold(LOOK)


async def _back_to_picker(pilot: Autopilot) -> None:
    for _ in range(3):  # from wherever the last view left us
        if isinstance(pilot.app.screen, PickerScreen):
            break
        await pilot.press("escape")
    await pilot.screen(PickerScreen)


async def _one_worker(pilot: Autopilot) -> None:
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


def _only(results: Results) -> ModelResult | None:
    return next(iter(results.values()), None)


def _countdown_threads(results: Results) -> str:
    run = _only(results)
    if run is None:
        return "Both countdowns are done."
    order = " then ".join(run.order)
    how = "the two sleeps overlapped, so not 5 s" if overlapped(run) else "hardly overlapped"
    return (
        f"Done in {run.wall:.2f} s: {how}. {order} this time; run it again: the order may change."
    )


def _countdown_processes(results: Results) -> str:
    run = _only(results)
    if run is None or not run.startup:
        return "Both processes are done."
    return (
        f"As processes: {run.wall:.2f} s, of which {seconds(max(run.startup))} went to starting "
        "them: the same overlap, a higher start-up cost."
    )


def _compared(results: Results) -> str:
    walls = [f"{model} {result.wall:.2f} s" for model, result in results.items()]
    return "Wall times: " + ", ".join(walls) + "."


def _primes_in_sequence(results: Results) -> str:
    run = _only(results)
    if run is None or len(run.ended) < 3:
        return "All three are checked, one after another."
    return (
        f"427920331 and 157 waited behind the big prime: they answered after "
        f"{seconds(run.ended[1])} and {seconds(run.ended[2])}, though each took a moment."
    )


def _primes_as_tasks(results: Results) -> str:
    run = _only(results)
    if run is None or len(run.ended) < 3:
        return "All three are checked."
    return (
        f"The small ones answered after {seconds(run.ended[0])} and {seconds(run.ended[1])}; "
        f"the big one after {seconds(run.ended[2])}: one thread did all the work ({cores(run)})."
    )


def _gil_threads(results: Results) -> str:
    run = _only(results)
    if run is None:
        return "Both threads are done."
    if on_one_core(run):
        return f"{run.wall:.2f} s with {cores(run)}: the threads took turns holding the GIL."
    return f"{run.wall:.2f} s with {cores(run)}: the threads ran at once: no GIL here?"


def _gil_processes(results: Results) -> str:
    run = _only(results)
    if run is None:
        return "Both processes are done."
    if in_parallel(run):
        return (
            f"{run.wall:.2f} s with {cores(run)}: each process has its own interpreter and GIL, "
            "so they ran at once."
        )
    return f"{run.wall:.2f} s with only {cores(run)}: fewer cores were free than processes."


def _io_threads(results: Results) -> str:
    run = _only(results)
    if run is None:
        return "Both threads are done."
    if overlapped(run):
        return (
            f"{run.wall:.2f} s with {cores(run)}: a waiting thread lets go of the GIL, so the "
            "waits overlapped."
        )
    return f"{run.wall:.2f} s with {cores(run)}: the waits hardly overlapped."
