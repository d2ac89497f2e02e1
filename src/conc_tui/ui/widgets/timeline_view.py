"""TimelineView: every worker's lane over time, drawn by one widget through the line API.

It is handed one frozen `TimelineFrame` per frame (see `conc_tui.timeline`) and draws a line per
lane: the worker's name, then one character per cell: `█ ▓ ▒ ░` running (all, most, half, some of
the cell), `─` waiting, `·` done. Waiting is inferred from silence (the runners post no "waiting"
event), and the legend says so. One widget for all lanes keeps 64 workers cheap: each line is
built once per frame, from a cache, and only the lines on screen are built at all.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from conc_tui.timeline import BEFORE, DONE, RUN_1, RUN_2, RUN_3, RUN_4, WAITING, TimelineFrame
from conc_tui.units import seconds

GLYPHS: Final = {
    BEFORE: " ",
    WAITING: "─",
    RUN_1: "░",
    RUN_2: "▒",
    RUN_3: "▓",
    RUN_4: "█",
    DONE: "·",
}
STYLE_OF: Final = {
    BEFORE: "muted",
    WAITING: "waiting",
    RUN_1: "running",
    RUN_2: "running",
    RUN_3: "running",
    RUN_4: "running",
    DONE: "done",
}
LABEL_MIN: Final = 4
LABEL_MAX: Final = 18
HEADER_LINES: Final = 1
FOOTER_LINES: Final = 1
LEGEND: Final = (
    ("█", "running", "running (it posted events)   "),
    ("▒", "running", "part of the cell   "),
    ("─", "waiting", "waiting (inferred: silent)   "),
    ("·", "done", "done"),
)


class TimelineView(ScrollView):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-view--running",
        "timeline-view--waiting",
        "timeline-view--done",
        "timeline-view--muted",
        "timeline-view--label",
        "timeline-view--title",
    }

    DEFAULT_CSS = """
    TimelineView {
        height: auto;
        padding: 0 1;
        background: $surface;
        & > .timeline-view--running { color: $primary-lighten-2; }
        & > .timeline-view--waiting { color: $secondary-lighten-1; }
        & > .timeline-view--done { color: $success-darken-1; }
        & > .timeline-view--muted { color: $text-muted; }
        & > .timeline-view--label { color: $text; text-style: bold; }
        & > .timeline-view--title { color: $accent; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._frame: TimelineFrame | None = None
        self._lines: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self.zoom_hint = "z: zoom"

    @property
    def frame(self) -> TimelineFrame | None:
        return self._frame

    @frame.setter
    def frame(self, frame: TimelineFrame) -> None:
        """Show `frame` from the next refresh on; the caller batches this with the rest."""
        resized = self._frame is None or len(frame.lanes) != len(self._frame.lanes)
        self._frame = frame
        self._lines.clear()
        if resized:
            self._update_virtual_size()
        self.refresh()

    @property
    def label_width(self) -> int:
        names = self._frame.names if self._frame else ()
        return min(LABEL_MAX, max(LABEL_MIN, *(len(n) + 1 for n in names))) if names else LABEL_MIN

    @property
    def cells(self) -> int:
        """How many cells fit beside the names: what the screen should ask the timeline for."""
        return max(1, self.scrollable_content_region.width - self.label_width - 1)

    def on_resize(self) -> None:
        self._lines.clear()
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _update_virtual_size(self) -> None:
        lanes = len(self._frame.lanes) if self._frame else 0
        height = HEADER_LINES + lanes + FOOTER_LINES
        self.virtual_size = Size(self.scrollable_content_region.width, height)

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"timeline-view--{name}", partial=False)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        strip = self._lines.get(row)
        if strip is None:
            strip = self._lines[row] = self._render_row(row)
        return strip

    def _render_row(self, row: int) -> Strip:
        width = self.scrollable_content_region.width
        frame = self._frame
        if frame is None:
            return Strip.blank(width, self.rich_style)
        if row == 0:
            segments = self._header(frame)
        elif row <= len(frame.lanes):
            segments = self._lane(frame, row - 1)
        elif row == len(frame.lanes) + 1:
            segments = [
                Segment(glyph + " " + text, self._style(style)) for glyph, style, text in LEGEND
            ]
        else:
            segments = []
        # Every glyph here takes one cell: say so, rather than have each strip measured.
        length = sum(len(segment.text) for segment in segments)
        return Strip(segments, cell_length=length).adjust_cell_length(width, self.rich_style)

    def _header(self, frame: TimelineFrame) -> list[Segment]:
        muted, title = self._style("muted"), self._style("title")
        scale = "zoomed in" if frame.fine else "the whole run"
        label = f"{'timeline':<{self.label_width}} "
        return [
            Segment(label, title),
            Segment(f"{max(0.0, frame.start):.3f} s → {frame.end:.3f} s   ", self._style("label")),
            Segment(f"{seconds(frame.cell)} per cell, {scale}   ({self.zoom_hint})", muted),
        ]

    def _lane(self, frame: TimelineFrame, index: int) -> list[Segment]:
        width = self.label_width
        name = frame.names[index]
        if len(name) >= width:
            name = name[: width - 2] + "…"
        segments = [Segment(f"{name:<{width}} ", self._style("label"))]
        lane = frame.lanes[index]
        # Runs of one style become one segment: a lane is mostly long runs of the same code.
        start = 0
        for position in range(1, len(lane) + 1):
            if position == len(lane) or STYLE_OF[lane[position]] != STYLE_OF[lane[start]]:
                text = "".join(GLYPHS[code] for code in lane[start:position])
                segments.append(Segment(text, self._style(STYLE_OF[lane[start]])))
                start = position
        return segments
