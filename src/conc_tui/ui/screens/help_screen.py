"""HelpScreen: every key of the app, from the one table in `keys.py`."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from conc_tui.ui.render.keys import HELP


def help_table() -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
    table.add_column("key", no_wrap=True, style="bold")
    table.add_column("what it does", ratio=1)
    table.add_column("where", no_wrap=True, style="dim")
    for key, what, where in HELP:
        table.add_row(Text(key), Text(what), Text(where))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "close", "Close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > #help {
            width: 84;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            padding: 1 2;
            border: round $accent;
            background: $panel;
        }
        & #help-title { text-style: bold; margin-bottom: 1; }
        & #help-foot { color: $text-muted; margin-top: 1; }
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("conc-tui keys", id="help-title", markup=False)
            yield Static(help_table(), id="help-keys")
            yield Static("esc or ? closes this help", id="help-foot", markup=False)

    def action_close(self) -> None:
        self.dismiss()
