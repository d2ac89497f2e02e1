"""WorkerLanes: every worker of a run, drawn by one widget through Textual's line API.

One `Static` per worker costs a widget, a layout and a compositor region each; at 64 workers that
fell to ~13 fps (DESIGN.md). This widget keeps no children: it is handed one frozen `RunSnapshot`
per frame and draws only the lines on screen, from a cache that lives for that frame.

Up to `PANEL_LIMIT` workers get a bordered panel each, side by side, wrapping onto more rows in
the run's fixed worker order; more than that get one line (a lane) each, in columns. A worker's
phase shows as a component class (`worker-lanes--running`, ...) styled with theme variables.

One worker can be selected (arrow keys, Tab, a click; `lane_grid` does the geometry): its panel
gets a heavy border in `worker-lanes--selected`, its lane the background of
`worker-lanes--selected-lane`. The selection is an index: it stays put from frame to frame, and a
run with fewer workers clamps it. Enter, or a click on the selected worker, posts
`WorkerLanes.Opened` for whoever shows details.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from conc_tui.state import RunSnapshot, WorkerView
from conc_tui.ui.render.lane_grid import Grid, cell_at, cell_box, moved
from conc_tui.ui.render.panel_lines import LANE_HEIGHT, PANEL_HEIGHT, Line, lane, panel

RowContent = list[tuple[Line, bool]]  # per worker in a row: its runs, and whether highlighted

PANEL_LIMIT: Final = 12  # more workers than this are drawn as one-line lanes
PANEL_MIN_WIDTH: Final = 30
PANEL_MAX_WIDTH: Final = 58
LANE_MIN_WIDTH: Final = 56
GAP: Final = 1


class WorkerLanes(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move('left')", "Select left", show=False),
        Binding("right", "move('right')", "Select right", show=False),
        Binding("up", "move('up')", "Select above", show=False),
        Binding("down", "move('down')", "Select below", show=False),
        Binding("tab", "move('next')", "Select next", show=False),
        Binding("shift+tab", "move('previous')", "Select previous", show=False),
        Binding("enter", "open", "Details"),
    ]

    @dataclass
    class Selected(Message):
        """The selection moved to worker `name` (at `index` in the run's order)."""

        index: int
        name: str

    @dataclass
    class Opened(Message):
        """Someone asked for the details of worker `name` (Enter, or a click on the selected)."""

        index: int
        name: str

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "worker-lanes--pending",
        "worker-lanes--running",
        "worker-lanes--waiting",
        "worker-lanes--done",
        "worker-lanes--failed",
        "worker-lanes--muted",
        "worker-lanes--name",
        "worker-lanes--bar-empty",
        "worker-lanes--selected",
        "worker-lanes--selected-lane",
    }

    DEFAULT_CSS = """
    WorkerLanes {
        height: auto;
        padding: 0 1;
        background: $surface;
        & > .worker-lanes--pending { color: $text-disabled; }
        & > .worker-lanes--running { color: $primary-lighten-3; text-style: bold; }
        & > .worker-lanes--waiting { color: $secondary-lighten-3; }
        & > .worker-lanes--done { color: $success; }
        & > .worker-lanes--failed { color: $error; text-style: bold; }
        & > .worker-lanes--muted { color: $text-muted; }
        & > .worker-lanes--name { color: $text; text-style: bold; }
        & > .worker-lanes--bar-empty { color: $panel-lighten-2; }
        & > .worker-lanes--selected { color: $accent; text-style: bold; }
        & > .worker-lanes--selected-lane { background: $accent 30%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._snapshot: RunSnapshot | None = None
        self._rows: dict[int, Strip] = {}
        self._panels: dict[int, list[Line]] = {}  # worker index -> its panel, for this frame
        # What each row on screen shows (comparable), so a frame refreshes only the rows that
        # changed: most of a panel (its border, its name, a finished worker) stays the same.
        self._contents: dict[int, RowContent] = {}
        self._layout: tuple[int, int, int, int] | None = None
        self._styles: dict[str, Style] = {}
        self._selected: int | None = None

    @property
    def snapshot(self) -> RunSnapshot | None:
        return self._snapshot

    @snapshot.setter
    def snapshot(self, snapshot: RunSnapshot) -> None:
        """Show `snapshot` from the next frame on; the caller batches this with the rest."""
        self._snapshot = snapshot
        if self._selected is not None and self._selected >= len(snapshot.workers):
            self._selected = len(snapshot.workers) - 1 if snapshot.workers else None
        self._panels.clear()
        layout = (len(snapshot.workers), *self._grid())
        if layout != self._layout:
            self._layout = layout
            self._forget()
            self._update_virtual_size()
            self.refresh()
            return
        top = self.scroll_offset.y
        shown = range(top, top + self.size.height)
        for row in [row for row in self._contents if row not in shown]:
            del self._contents[row]  # off screen: drawn afresh when scrolled to
            self._rows.pop(row, None)
        for row in shown:
            content = self._row_content(row)
            if self._contents.get(row) != content:
                self._contents[row] = content
                self._rows.pop(row, None)
                self.refresh_line(row)

    # Selection.

    @property
    def selected(self) -> int | None:
        """The selected worker's index in the run's order (None: nothing selected)."""
        return self._selected

    @selected.setter
    def selected(self, index: int | None) -> None:
        count = len(self._snapshot.workers) if self._snapshot else 0
        if index is not None and not 0 <= index < count:
            index = None
        if index == self._selected:
            return
        self._selected = index
        self._forget()
        self.refresh()
        if index is not None and self._snapshot is not None:
            x, y, width, height = cell_box(self._cells(), index)
            self.scroll_to_region(Region(x, y, width, height), animate=False, immediate=True)
            self.post_message(self.Selected(index, self._snapshot.workers[index].name))

    @property
    def selected_view(self) -> WorkerView | None:
        """The selected worker as the current snapshot shows it."""
        if self._snapshot is None or self._selected is None:
            return None
        return self._snapshot.workers[self._selected]

    def _cells(self) -> Grid:
        columns, cell, height = self._grid()
        count = len(self._snapshot.workers) if self._snapshot else 0
        return Grid(columns, cell, height, GAP, count)

    def action_move(self, move: str) -> None:
        self.selected = moved(self._cells(), self._selected, move)

    def action_open(self) -> None:
        view = self.selected_view
        if view is not None and self._selected is not None:
            self.post_message(self.Opened(self._selected, view.name))

    def on_click(self, event: events.Click) -> None:
        where = event.get_content_offset(self)
        if where is None:
            return
        index = cell_at(
            self._cells(), where.x + self.scroll_offset.x, where.y + self.scroll_offset.y
        )
        if index is None:
            return
        if index == self._selected:
            self.action_open()
        else:
            self.selected = index

    def _forget(self) -> None:
        self._rows.clear()
        self._panels.clear()
        self._contents.clear()

    def on_resize(self) -> None:
        self._forget()
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._forget()

    # Layout: how many columns, how wide, how tall.

    def _grid(self) -> tuple[int, int, int]:
        """(columns, cell width, cell height) for the current snapshot and width."""
        width = max(1, self.scrollable_content_region.width)
        count = len(self._snapshot.workers) if self._snapshot else 0
        if count > PANEL_LIMIT:
            columns = max(1, (width + GAP) // (LANE_MIN_WIDTH + GAP))
            return columns, (width - GAP * (columns - 1)) // columns, LANE_HEIGHT
        fits = max(1, (width + GAP) // (PANEL_MIN_WIDTH + GAP))
        columns = max(1, min(count, fits))
        cell = min(PANEL_MAX_WIDTH, (width - GAP * (columns - 1)) // columns)
        return columns, max(1, cell), PANEL_HEIGHT

    def _update_virtual_size(self) -> None:
        count = len(self._snapshot.workers) if self._snapshot else 0
        columns, _cell, height = self._grid()
        rows = -(-count // columns)
        self.virtual_size = Size(self.scrollable_content_region.width, rows * height)

    # Drawing.

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            # Not partial: `auto 60%`-style colours are blended against the background here.
            style = self.get_component_rich_style(f"worker-lanes--{name}", partial=False)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        strip = self._rows.get(row)
        if strip is None:
            content = self._contents.get(row)
            if content is None:
                content = self._contents[row] = self._row_content(row)
            strip = self._rows[row] = self._render_row(content)
        return strip

    def _row_content(self, row: int) -> RowContent:
        """What row `row` shows: each worker's runs of (text, style) in it, and if highlighted."""
        snapshot = self._snapshot
        if snapshot is None or not snapshot.workers:
            return []
        columns, cell, height = self._grid()
        grid_row, line = divmod(row, height)
        first = grid_row * columns
        content: RowContent = []
        for index, view in enumerate(snapshot.workers[first : first + columns]):
            chosen = first + index == self._selected
            if height == 1:  # a lane has no border: a chosen one is highlighted whole
                content.append((lane(view, cell), chosen))
                continue
            lines = self._panels.get(first + index)
            if lines is None:
                lines = self._panels[first + index] = panel(view, cell, chosen)
            content.append((lines[line], False))
        return content

    def _render_row(self, content: RowContent) -> Strip:
        width = self.scrollable_content_region.width
        if not content:
            return Strip.blank(width, self.rich_style)
        segments: list[Segment] = []
        gap = Segment(" " * GAP, self.rich_style)
        tint = Style(bgcolor=self._style("selected-lane").bgcolor)
        for index, (runs, tinted) in enumerate(content):
            if index:
                segments.append(gap)
            if tinted:
                segments.extend(Segment(text, self._style(style) + tint) for text, style in runs)
            else:
                segments.extend(Segment(text, self._style(style)) for text, style in runs)
        return Strip(segments).adjust_cell_length(width, self.rich_style)
