"""EventLog: the run's events as the seed examples print them, newest at the bottom.

The log pane is for reading, not for counting: at thousands of events a second nobody reads each
line, so each frame's batch is cut to its last `PER_FRAME` lines with a note of how many were
skipped. The full record is the `--events` JSONL file, which never loses an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.widgets import Log

from conc_tui.demos import Demo, noun
from conc_tui.events import Event

PER_FRAME: Final = 200
KEPT: Final = 2000


def event_line(demo: Demo, event: Event) -> str:
    said = demo.line(event)
    if said is None:
        who = f"{noun(event.model)} {event.worker}"
        if event.kind == "step":
            total = f" of {event.total}" if event.total else ""
            said = f"{who} at {event.value}{total}"
        elif event.kind == "result":
            said = f"{who} returned {event.value!r}"
        elif event.kind == "start":
            said = f"{who} started" + (f" (pid {event.pid})" if event.pid else "")
        else:
            said = f"{who} finished: {event.status}"
    first = said.splitlines()[0] if said else ""
    return f"{event.t:8.3f}  {first}"


class EventLog(Log):
    DEFAULT_CSS = """
    EventLog {
        width: 44%;
        border-left: vkey $panel-lighten-2;
        background: $surface;
        color: $text-muted;
    }
    """

    def __init__(self, demo: Demo, *, id: str | None = None) -> None:
        super().__init__(max_lines=KEPT, auto_scroll=True, id=id)
        self.demo = demo

    def add_events(self, events: Sequence[Event]) -> None:
        if not events:
            return
        skipped = len(events) - PER_FRAME
        shown = events[-PER_FRAME:] if skipped > 0 else events
        lines = [event_line(self.demo, e) for e in shown]
        if skipped > 0:
            lines.insert(0, f"          … {skipped:,} more events (all in --events FILE)")
        self.write_lines(lines)
