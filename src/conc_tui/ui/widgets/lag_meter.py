"""LagMeter: how late the periodic tick on an asyncio run's own event loop fires, live.

A 10 ms ticker runs beside the demo's tasks on their loop (see `AsyncioRunner`); a task that
computes without yielding holds the loop and the tick waits behind it. The meter shows p50, p99
and the worst lag so far, and a bar of the p99 against a 100 ms scale. It is only shown for
asyncio runs; its state is the CSS class `-slow` (p99 over a frame or two) or `-calm`.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from conc_tui.lagstats import LagSummary
from conc_tui.units import seconds

SLOW: Final = 0.05  # seconds of p99 lag that a person notices as a stutter
BAR_SCALE: Final = 0.1  # a full bar: 100 ms
BAR_WIDTH: Final = 16


class LagMeter(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lag-meter--label",
        "lag-meter--value",
        "lag-meter--bar",
        "lag-meter--bar-empty",
    }

    DEFAULT_CSS = """
    LagMeter {
        height: 1;
        padding: 0 1;
        background: $panel;
        & > .lag-meter--label { color: $text-muted; }
        & > .lag-meter--value { color: $text; text-style: bold; }
        & > .lag-meter--bar { color: $success; }
        & > .lag-meter--bar-empty { color: $panel-lighten-2; }
        &.-slow > .lag-meter--bar { color: $error; }
        &.-slow > .lag-meter--value { color: $error; }
    }
    """

    summary: reactive[LagSummary | None] = reactive(None, always_update=True)
    yield_every: reactive[int | None] = reactive(None)  # the run's --yield-every, when it has one

    def watch_summary(self, summary: LagSummary | None) -> None:
        slow = summary is not None and summary.p99 >= SLOW
        self.set_class(slow, "-slow")
        self.set_class(not slow, "-calm")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"lag-meter--{name}", partial=False)

    def render(self) -> Text:
        label, value = self._style("label"), self._style("value")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("event-loop lag ", value)
        if self.yield_every is not None:
            every = "never yield" if self.yield_every == 0 else f"yield every {self.yield_every}"
            text.append(f"(10 ms tick; tasks {every})  ", label)
        else:
            text.append("(10 ms tick)  ", label)
        summary = self.summary
        if summary is None:
            text.append("no tick yet", label)
            return text
        for name, seconds_late in (
            ("p50", summary.p50),
            ("p99", summary.p99),
            ("max", summary.max),
        ):
            text.append(f"{name} ", label)
            text.append(f"{seconds(seconds_late):>7}  ", value)
        filled = min(BAR_WIDTH, round(summary.p99 / BAR_SCALE * BAR_WIDTH))
        text.append("▕", label)
        text.append("█" * filled, self._style("bar"))
        text.append("▁" * (BAR_WIDTH - filled), self._style("bar-empty"))
        text.append("▏ ", label)
        text.append(f"{summary.count} tick{'' if summary.count == 1 else 's'}", label)
        return text
