"""ConcTuiApp: wires the picker, the run screen, help, the size guard and the clean-up together.

The app computes nothing: it opens runs through the injected `open_source` (live runs, or scripted
ones in tests and screenshots), keeps every run it opened until that run is over, and on the way
out (q, ctrl+q, a signal, a crash: `on_unmount` runs for all of them) cancels each one and joins it
while still draining, so no worker thread or child process outlives the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Final

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider

from conc_tui.demos import DEMOS, Demo, Params
from conc_tui.feed.source import RunSource, SourceFactory
from conc_tui.history import OrderHistory
from conc_tui.ui.demo_commands import DemoCommands
from conc_tui.ui.messages import CompareRequested, DemoChosen
from conc_tui.ui.screens.compare_screen import CompareScreen
from conc_tui.ui.screens.help_screen import HelpScreen
from conc_tui.ui.screens.picker_screen import PickerScreen
from conc_tui.ui.screens.run_screen import RunScreen
from conc_tui.ui.screens.too_small_screen import TooSmallScreen, too_small

STOP_TIMEOUT: Final = 5.0  # seconds to wait for the runs to end on the way out
SIGNALS: Final = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class ConcTuiApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "conc-tui"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        DemoCommands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        open_source: SourceFactory,
        demo: Demo | None = None,
        models: Sequence[str] = (),
        params: Params | None = None,
        handle_signals: bool = False,
        on_hangup: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._open_source = open_source
        self.start_demo = demo
        self.start_models = list(models)
        self._params = {demo.id: params} if demo is not None and params is not None else {}
        self._handle_signals = handle_signals
        self._on_hangup = on_hangup  # closes the output files when the terminal hangs up
        self.runs: list[RunSource] = []  # every run opened and not yet over
        self.history = OrderHistory()  # finish orders of every run this session, per experiment
        self._retired: list[RunSource] = []

    def on_mount(self) -> None:
        if self._handle_signals:
            loop = asyncio.get_running_loop()
            for signum in SIGNALS:
                loop.add_signal_handler(signum, self._on_signal, signum)
        self.push_screen(PickerScreen(list(DEMOS.values())))
        if self.start_demo is not None:
            models = self.start_models or [self.start_demo.default_model]
            self._run(self.start_demo, models)
        self.set_interval(0.1, self._tick)
        self._guard_size()

    def _tick(self) -> None:
        self._reap()
        # The app's own Resize is consumed by Textual before an `on_resize` here would see it;
        # a tenth of a second is soon enough to notice a terminal made too small, or big again.
        self._guard_size()

    def _on_signal(self, signum: int) -> None:
        if signum == signal.SIGHUP:
            # The terminal hung up. Textual's own way out can then block for ever writing to it
            # (a hang-up also brings SIGCONT, on which the driver restarts its output thread).
            # Stop every run, close the files, put a terminal that is still there back as it
            # was, and leave at once.
            self._stop_runs()
            if self._on_hangup is not None:
                self._on_hangup()
            _restore_terminal(getattr(self._driver, "attrs_before", None))
            os._exit(128 + signum)
        # Exit the normal way, so on_unmount stops the runs and the driver restores the terminal.
        self.exit(return_code=128 + signum)

    # Runs.

    def open_run(self, demo: Demo, model: str, params: Params) -> RunSource:
        source = self._open_source(demo, model, params)
        self.runs.append(source)
        return source

    def retire(self, source: RunSource) -> None:
        """Stop a run the screen no longer shows; `_reap` drains it until it is over."""
        source.cancel()
        self._retired.append(source)

    def _reap(self) -> None:
        for source in list(self._retired):
            source.drain()  # recorders still get every event
            if source.done:
                self._retired.remove(source)
                self.runs.remove(source)

    def _run(self, demo: Demo, models: Sequence[str]) -> None:
        params = self._params.get(demo.id) or demo.params()
        if len(models) > 1:  # --model all: the compare view
            compare = CompareScreen(demo, params, self.open_run, self.retire, self.history, models)
            self.push_screen(compare)
            return
        self.push_screen(
            RunScreen(demo, models, params, self.open_run, self.retire, history=self.history)
        )

    def on_compare_requested(self, message: CompareRequested) -> None:
        # The run screen goes first, so its run stops before the comparison starts.
        while isinstance(self.screen, HelpScreen | RunScreen | CompareScreen):
            self.pop_screen()
        self._params[message.demo.id] = message.params
        self.push_screen(
            CompareScreen(message.demo, message.params, self.open_run, self.retire, self.history)
        )

    def on_demo_chosen(self, message: DemoChosen) -> None:
        while isinstance(self.screen, HelpScreen | RunScreen | CompareScreen):
            self.pop_screen()
        self._run(message.demo, [message.model or message.demo.default_model])

    def on_unmount(self) -> None:
        if self._handle_signals:
            loop = asyncio.get_running_loop()
            for signum in SIGNALS:
                loop.remove_signal_handler(signum)
        self._stop_runs()

    def _stop_runs(self) -> None:
        """Cancel every run, then join each while still draining it (recorders get it all)."""
        for source in self.runs:
            source.cancel()
        deadline = time.monotonic() + STOP_TIMEOUT
        for source in self.runs:
            while not source.join(0.02) and time.monotonic() < deadline:
                source.drain()
            source.drain()
        self.runs.clear()

    # Keys and the terminal.

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen | TooSmallScreen):
            self.push_screen(HelpScreen())

    def _guard_size(self) -> None:
        if not self.screen_stack:  # the app is on its way out: a last tick finds no screen
            return
        small = too_small(*self.size)
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()


# What Textual's driver sends when it leaves application mode: the main screen back, the cursor
# shown, mouse and paste reports off, the keyboard protocol popped, line wrap on.
LEAVE_APPLICATION_MODE: Final = (
    "\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l"
    "\x1b[<u\x1b[?7h"
)


def _restore_terminal(attributes: list[Any] | None) -> None:
    """Best effort and never blocking: a terminal that hung up answers with errors."""
    with contextlib.suppress(OSError, ValueError, termios.error):
        out = sys.__stderr__.fileno() if sys.__stderr__ else 2
        os.set_blocking(out, False)
        os.write(out, LEAVE_APPLICATION_MODE.encode())
        if attributes is not None:
            termios.tcsetattr(
                sys.__stdin__.fileno() if sys.__stdin__ else 0, termios.TCSANOW, attributes
            )
