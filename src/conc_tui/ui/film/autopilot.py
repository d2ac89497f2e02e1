"""The app driving itself: what `conc-tui record` films.

`AutopilotApp` is the ordinary app plus a script: a coroutine that gets an `Autopilot` and uses it
the way a presenter would: press keys, show a caption, wait until the run on screen has finished,
hold the picture a moment. When the script returns, the app exits. Every wait is on a condition with
a deadline (a run that never finishes ends the recording with an error instead of hanging); the
only fixed pauses are the holds, which are part of the video.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final

from textual.css.query import NoMatches
from textual.screen import Screen

from conc_tui.compare import ModelResult
from conc_tui.demos import Demo, Params
from conc_tui.feed.source import SourceFactory
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.screens.run_screen import RunScreen

POLL: Final = 0.05  # seconds between looks at a condition
RUN_DEADLINE: Final = 300.0  # seconds a filmed run may take before the recording gives up
HOLD: Final = 1.5  # seconds the final screen stays in the video
CAPTION_SECONDS: Final = 4.0


class AutopilotError(RuntimeError):
    """The script could not go on (a run that never finished); the message is one line."""


class Autopilot:
    """What a script can do with the app."""

    def __init__(
        self, app: AutopilotApp, run_deadline: float = RUN_DEADLINE, pace: float = 1.0
    ) -> None:
        self.app = app
        self.run_deadline = run_deadline
        self.pace = pace  # holds and captions last `pace` times as long (tests: much shorter)

    async def press(self, *keys: str) -> None:
        """Press keys as a person would, letting the app catch up after each."""
        for key in keys:
            self.app.simulate_key(key)
            await asyncio.sleep(0)
            await self.app.animator.wait_until_complete()
            await asyncio.sleep(POLL)

    async def start_run(self, *keys: str) -> None:
        """Press keys that start a run, and wait until its screen shows it (not the last one)."""
        before = self._source()
        await self.press(*keys)
        await self.until(
            lambda: self._source() not in (None, before), "the run to start", timeout=10.0
        )

    def _source(self) -> object | None:
        screen = self.app.screen
        return screen.source if isinstance(screen, RunScreen) else None

    def caption(self, text: str, seconds: float = CAPTION_SECONDS) -> None:
        """A short line on screen saying what happens now."""
        self.app.clear_notifications()
        timeout = max(seconds * self.pace, 0.1)
        self.app.notify(text, title="conc-tui tour", timeout=timeout, markup=False)

    async def hold(self, seconds: float = HOLD) -> None:
        """Keep the picture as it is for a moment of the video."""
        await asyncio.sleep(seconds * self.pace)

    async def until(self, condition: Callable[[], bool], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AutopilotError(f"gave up after {timeout:g} s waiting for {what}")
            await asyncio.sleep(POLL)

    def offers(self, action: str) -> bool:
        """Whether the screen on top has this action (a key for it), e.g. "compare"."""
        return callable(getattr(self.app.screen, f"action_{action}", None))

    def shows(self, widget_type: str) -> bool:
        """Whether the screen on top holds a widget of this type (by name)."""
        return bool(self.app.screen.query(widget_type))

    async def screen(self, kind: type[Screen[Any]], timeout: float = 10.0) -> None:
        await self.until(lambda: isinstance(self.app.screen, kind), kind.__name__, timeout)

    async def run_finished(self) -> None:
        """Wait until the run screen's last model has finished and its final frame is up."""
        await self.until(self._all_finished, "the run to finish", self.run_deadline)

    def results(self) -> dict[str, ModelResult]:
        """The numbers of what the screen on top has run, by model: the runs the tour's captions
        speak of (empty when it shows no run)."""
        screen = self.app.screen
        if isinstance(screen, RunScreen) and screen.fold is not None:
            fold = screen.fold
            return {fold.model: fold.result(fold.now())}
        turns = getattr(screen, "turns", None)
        if isinstance(turns, list):
            return {turn.model: turn.fold.result(turn.now()) for turn in turns}
        return {}

    def _all_finished(self) -> bool:
        screen = self.app.screen
        if not isinstance(screen, RunScreen):
            # Another screen of runs (the compare view) says itself when all its runs are over.
            return getattr(screen, "finished", None) is True
        try:
            snapshot, source = screen.snapshot, screen.source
        except NoMatches:  # the screen is pushed but not composed yet
            return False
        return (
            snapshot is not None
            and snapshot.finished
            and source is not None
            and source.done
            and screen.model_index + 1 >= len(screen.models)
        )


Script = Callable[[Autopilot], Awaitable[None]]


async def film_run(pilot: Autopilot) -> None:
    """The script of `conc-tui record DEMO`: the run from start to end, then a hold."""
    await pilot.run_finished()
    await pilot.hold()


class AutopilotApp(ConcTuiApp):
    """The app, running `script` and exiting when it is done (1 if it failed)."""

    def __init__(
        self,
        open_source: SourceFactory,
        script: Script,
        demo: Demo | None = None,
        models: Sequence[str] = (),
        params: Params | None = None,
        run_deadline: float = RUN_DEADLINE,
        pace: float = 1.0,
    ) -> None:
        super().__init__(open_source, demo, models, params, handle_signals=True)
        self._script = script
        self._run_deadline = run_deadline
        self._pace = pace
        self.failure: str | None = None

    def on_mount(self) -> None:
        self.run_worker(self._drive(), name="autopilot", exclusive=True)

    async def _drive(self) -> None:
        try:
            await self._script(Autopilot(self, self._run_deadline, self._pace))
        except AutopilotError as exc:
            self.failure = str(exc)
            self.exit(return_code=1)
            return
        self.exit(return_code=0)
