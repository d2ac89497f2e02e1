"""TooSmallScreen: shown instead of a mangled screen while the terminal is below a usable size."""

from __future__ import annotations

from typing import Final

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH: Final = 60
MIN_HEIGHT: Final = 16


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
        & > Static {
            width: auto;
            max-width: 100%;
            height: auto;
            padding: 0 1;
            color: $warning;
            text-align: center;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message", markup=False)

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def show_size(self) -> None:
        width, height = self.app.size
        self.query_one(Static).update(
            "Make the terminal bigger\n"
            f"conc-tui needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {width}x{height}.\n"
            "The run goes on meanwhile. q quits."
        )
