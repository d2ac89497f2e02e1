"""WorkerDetailScreen: everything known about one worker, over the run screen.

Name, model, pid and tid, how it ended (status and reason), its timings, its result and the whole
traceback of an error, scrollable. Every word of it comes from the worker (a traceback can hold
anything, `[brackets]` included), so all of it is plain `Text`, never markup.

The run screen hands it a fresh `WorkerView` each frame while it is open (`view`), so a worker
still running is seen to end here too; the traceback is replaced only when it changes, so the
reader's scroll position stays.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from conc_tui.events import DONE, FAILED
from conc_tui.state import WorkerView
from conc_tui.ui.render.panel_lines import ended, seconds


def facts(view: WorkerView) -> list[tuple[str, str]]:
    """(label, value) rows of the worker's facts, in the order the screen shows them."""
    ids = " / ".join("—" if value is None else str(value) for value in (view.pid, view.tid))
    if view.status is None:
        how = view.phase
    elif view.status == DONE:
        how = DONE
    else:
        said = ended(view)
        how = f"failed: {said}" if view.status == FAILED and view.error else said
        if view.reason and view.reason not in how:
            how += f" — {view.reason}"
    when = "not started"
    if view.started is not None:
        when = f"started at {view.started:.2f} s"
        if view.ended is not None:
            when += f", ended at {view.ended:.2f} s"
        when += f", ran {seconds(view.elapsed)}"
    progress = "—"
    if view.value is not None:
        progress = f"{view.value:,}" + (f" of {view.total:,}" if view.total else "")
    return [
        ("name", view.name),
        ("model", view.model),
        ("pid / tid", ids),
        ("status", how),
        ("time", when),
        ("last step", progress),
        ("result", repr(view.result) if view.has_result else "—"),
        ("events", f"{view.events:,}"),
    ]


def facts_table(view: WorkerView) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("what", no_wrap=True, style="bold")
    table.add_column("value", ratio=1)
    for label, value in facts(view):
        table.add_row(Text(label), Text(value))
    return table


class WorkerDetailScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close"),
    ]

    DEFAULT_CSS = """
    WorkerDetailScreen {
        align: center middle;
        & > #detail {
            width: 96;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            padding: 1 2;
            border: round $accent;
            background: $panel;
        }
        & #detail-title { text-style: bold; margin-bottom: 1; }
        & #detail-traceback-label { text-style: bold; margin-top: 1; }
        & #detail-traceback {
            height: auto;
            max-height: 16;
            background: $surface;
            padding: 0 1;
            &:focus { background-tint: $foreground 5%; }
        }
        & #detail-foot { color: $text-muted; margin-top: 1; }
    }
    """

    def __init__(self, view: WorkerView) -> None:
        super().__init__()
        self._view = view

    @property
    def view(self) -> WorkerView:
        return self._view

    @view.setter
    def view(self, view: WorkerView) -> None:
        if view == self._view:
            return
        old, self._view = self._view, view
        if not self.is_mounted:
            return
        self.query_one("#detail-facts", Static).update(facts_table(view))
        if view.traceback != old.traceback:
            self._show_traceback()

    def compose(self) -> ComposeResult:
        view = self._view
        with Vertical(id="detail"):
            yield Static(Text(f"Worker {view.name}"), id="detail-title")
            yield Static(facts_table(view), id="detail-facts")
            yield Static(Text("traceback"), id="detail-traceback-label")
            with VerticalScroll(id="detail-traceback"):
                yield Static(Text(view.traceback or ""), id="detail-traceback-text")
            yield Static(Text("esc closes · ↑ ↓ scroll the traceback"), id="detail-foot")

    def on_mount(self) -> None:
        self._show_traceback()

    def _show_traceback(self) -> None:
        traceback = self._view.traceback
        self.query_one("#detail-traceback-label").display = bool(traceback)
        scroll = self.query_one("#detail-traceback", VerticalScroll)
        scroll.display = bool(traceback)
        self.query_one("#detail-traceback-text", Static).update(Text(traceback or ""))
        if traceback:
            scroll.focus()

    def action_close(self) -> None:
        self.dismiss()
