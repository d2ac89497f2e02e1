"""WorkerLanes: every worker of a run, drawn by one widget through Textual's line API.

One `Static` per worker costs a widget, a layout and a compositor region each; at 64 workers that
fell to ~13 fps (DESIGN.md). This widget keeps no children: it is handed one frozen `RunSnapshot`
per frame and draws only the lines on screen, from a cache that lives for that frame.

Up to `PANEL_LIMIT` workers get a bordered panel each, side by side, wrapping onto more rows in
the run's fixed worker order; more than that get one line (a lane) each, in columns. A worker's
phase shows as a component class (`worker-lanes--running`, ...) styled with theme variables.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from conc_tui.state import RunSnapshot
from conc_tui.ui.panel_lines import LANE_HEIGHT, PANEL_HEIGHT, Line, lane, panel

PANEL_LIMIT: Final = 12  # more workers than this are drawn as one-line lanes
PANEL_MIN_WIDTH: Final = 30
PANEL_MAX_WIDTH: Final = 58
LANE_MIN_WIDTH: Final = 56
GAP: Final = 1


class WorkerLanes(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "worker-lanes--pending",
        "worker-lanes--running",
        "worker-lanes--waiting",
        "worker-lanes--done",
        "worker-lanes--failed",
        "worker-lanes--muted",
        "worker-lanes--name",
        "worker-lanes--bar-empty",
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
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._snapshot: RunSnapshot | None = None
        self._rows: dict[int, Strip] = {}
        self._panels: dict[int, list[Line]] = {}  # worker index -> its panel, for this frame
        self._styles: dict[str, Style] = {}

    @property
    def snapshot(self) -> RunSnapshot | None:
        return self._snapshot

    @snapshot.setter
    def snapshot(self, snapshot: RunSnapshot) -> None:
        """Show `snapshot` from the next frame on; the caller batches this with the rest."""
        self._snapshot = snapshot
        self._forget()
        self._update_virtual_size()
        self.refresh()

    def _forget(self) -> None:
        self._rows.clear()
        self._panels.clear()

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
            strip = self._rows[row] = self._render_row(row)
        return strip

    def _render_row(self, row: int) -> Strip:
        width = self.scrollable_content_region.width
        snapshot = self._snapshot
        if snapshot is None or not snapshot.workers:
            return Strip.blank(width, self.rich_style)
        columns, cell, height = self._grid()
        grid_row, line = divmod(row, height)
        first = grid_row * columns
        workers = snapshot.workers[first : first + columns]
        segments: list[Segment] = []
        gap = Segment(" " * GAP, self.rich_style)
        for index, view in enumerate(workers):
            if index:
                segments.append(gap)
            if height == 1:
                runs = lane(view, cell)
            else:
                lines = self._panels.get(first + index)
                if lines is None:
                    lines = self._panels[first + index] = panel(view, cell)
                runs = lines[line]
            segments.extend(Segment(text, self._style(style)) for text, style in runs)
        return Strip(segments).adjust_cell_length(width, self.rich_style)
