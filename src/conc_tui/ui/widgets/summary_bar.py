"""SummaryBar: the run in one line: model, wall time so far, counts by phase, the finish order."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from conc_tui.state import RunSnapshot

ORDER_SHOWN = 8  # finish order beyond this many workers is summarised


class SummaryBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "summary-bar--label",
        "summary-bar--value",
        "summary-bar--running",
        "summary-bar--waiting",
        "summary-bar--done",
        "summary-bar--failed",
        "summary-bar--paused",
        "summary-bar--pending",
    }

    DEFAULT_CSS = """
    SummaryBar {
        height: 2;
        padding: 0 1;
        background: $panel;
        & > .summary-bar--label { color: $text-muted; }
        & > .summary-bar--value { color: $text; text-style: bold; }
        & > .summary-bar--running { color: $primary-lighten-3; text-style: bold; }
        & > .summary-bar--waiting { color: $secondary-lighten-3; text-style: bold; }
        & > .summary-bar--done { color: $success; text-style: bold; }
        & > .summary-bar--failed { color: $error; text-style: bold; }
        & > .summary-bar--pending { color: $text-muted; text-style: bold; }
        & > .summary-bar--paused { color: $text; background: $warning-darken-2; text-style: bold; }
        &.-done { background: $success 15%; }
        &.-failed { background: $error 15%; }
    }
    """

    snapshot: reactive[RunSnapshot | None] = reactive(None, always_update=True)
    paused: reactive[bool] = reactive(False)
    caption: reactive[str] = reactive("")  # what runs, e.g. "countdown · thread"

    def watch_snapshot(self, snapshot: RunSnapshot | None) -> None:
        finished = snapshot is not None and snapshot.finished
        self.set_class(finished and snapshot is not None and not snapshot.failed, "-done")
        self.set_class(finished and snapshot is not None and bool(snapshot.failed), "-failed")
        self.set_class(not finished, "-running")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"summary-bar--{name}", partial=False)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        label, value = self._style("label"), self._style("value")
        if self.paused:
            text.append(" PAUSED ", self._style("paused"))
            text.append("  ")
        text.append(self.caption, value)
        snapshot = self.snapshot
        if snapshot is None:
            return text
        text.append("   wall ", label)
        text.append(f"{snapshot.wall:.2f} s", value)
        text.append("   ")
        for name, count in (
            ("running", snapshot.running),
            ("waiting", snapshot.waiting),
            ("done", snapshot.done),
            ("failed", snapshot.failed),
            ("pending", snapshot.pending),
        ):
            text.append(f"{count} ", self._style(name) if count else label)
            text.append(f"{name}   ", label)
        text.append("\nfinish order  ", label)
        order = snapshot.finish_order
        shown = "  ".join(order[:ORDER_SHOWN]) if order else "none yet"
        if len(order) > ORDER_SHOWN:
            shown += f"  … (+{len(order) - ORDER_SHOWN} more)"
        text.append(shown, value)
        return text
