"""Drivers that record what the app draws into an asciicast (see `conc_tui.cast`).

Textual sends every frame through its driver's `write()`. So recording is a driver matter:

- `cast_driver(writer)`: a driver with no terminal at all. It is not "headless" (a headless app
  draws nothing), it writes every frame to the cast and reads no keys; the app is driven by
  `conc_tui.ui.film.autopilot`. It works with stdin and stdout not a terminal (`< /dev/null`, CI).
- `tee_driver(writer)`: the normal terminal driver, whose writes also go to the cast: `--record`
  on an interactive session records what the user sees.

Textual builds the driver itself from a class, so each factory returns a subclass bound to its
writer.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size

from conc_tui.cast import CastWriter

# What a terminal is told on start and on exit; the cast's player is a terminal too.
ENTER: str = "\x1b[?1049h\x1b[?25l"  # alternate screen, cursor hidden
HIDE_CURSOR: str = "\x1b[?25l"


class CastDriver(Driver):
    """Draws into a cast instead of a terminal; the size is the cast's, not a terminal's."""

    writer: CastWriter

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=False, size=size)

    def write(self, data: str) -> None:
        self.writer.output(data)

    def start_application_mode(self) -> None:
        self.writer.output(ENTER)
        size = Size(self.writer.width, self.writer.height)
        loop = asyncio.get_running_loop()
        asyncio.run_coroutine_threadsafe(
            self._app._post_message(events.Resize(size, size)), loop=loop
        )

    def disable_input(self) -> None:
        """There is no input to disable: the autopilot presses the keys."""

    def stop_application_mode(self) -> None:
        # The final screen stays as the cast's last frame. A player ends the video at the last
        # chunk, so one more (a no-op for the picture) stamps the end: the hold on the final
        # screen, when nothing was redrawn, is kept.
        self.writer.output(HIDE_CURSOR)


def cast_driver(writer: CastWriter) -> type[Driver]:
    """A driver class (Textual builds the instance) that draws only into `writer`."""
    return type("BoundCastDriver", (CastDriver,), {"writer": writer})


class TeeDriver(LinuxDriver):
    """The terminal driver, with every write copied to a cast."""

    writer: CastWriter
    _teeing: bool = True

    def write(self, data: str) -> None:
        super().write(data)
        if self._teeing:
            self.writer.output(data)

    def stop_application_mode(self) -> None:
        # Leaving the alternate screen is the terminal's business, not the video's: the cast
        # ends on the app's last screen.
        self.writer.output(HIDE_CURSOR)  # stamps the end: the video lasts as long as the session
        self._teeing = False
        super().stop_application_mode()


def tee_driver(writer: CastWriter) -> type[Driver]:
    """A terminal driver class whose output is also recorded into `writer`."""
    return type("BoundTeeDriver", (TeeDriver,), {"writer": writer})
