"""EventLog: the run's events as the seed examples print them, newest at the bottom.

The log pane is for reading, not for counting: it shows the lines the seed examples print (and
every start, result, error and finish), not each progress step, which the panels already show. At
thousands of events a second each frame's batch is cut to its last `PER_FRAME` events with a note
of how many were skipped. The full record is the `--events` JSONL file, which loses no event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.widgets import Log

from conc_tui.demos import Demo
from conc_tui.events import Event
from conc_tui.runners import label

PER_FRAME: Final = 200
KEPT: Final = 2000


def event_line(demo: Demo, event: Event, origin: float = 0.0) -> str | None:
    """The line the classic example would print for `event`, stamped in seconds since the work
    started (`origin`, the same zero as the panels and the wall time); progress, None."""
    who = label(event.model, event.worker)
    said = demo.line(event, who)
    if said is None:
        if event.kind == "step":
            return None  # progress: the panels show it
        if event.kind == "result":
            said = f"{who} returned {event.value!r}"
        elif event.kind == "start":
            said = f"{who} started" + (f" (pid {event.pid})" if event.pid else "")
        elif event.status == "done":
            said = f"{who} finished"
        else:
            said = f"{who} ended: {event.status}"
    first = said.splitlines()[0] if said else ""
    return f"{max(0.0, event.t - origin):8.3f}  {first}"


class EventLog(Log):
    DEFAULT_CSS = """
    EventLog {
        height: 1fr;
        min-height: 4;
        border-top: hkey $panel-lighten-2;
        padding: 0 1;
        background: $surface;
        color: $text-muted;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, demo: Demo, *, id: str | None = None) -> None:
        super().__init__(max_lines=KEPT, auto_scroll=True, id=id)
        self.demo = demo
        self.origin = 0.0  # run seconds when the work started: the panels' zero too

    def add_events(self, events: Sequence[Event]) -> None:
        if not events:
            return
        # Every start, result, error and finish; of the progress steps only the last PER_FRAME.
        tail = max(0, len(events) - PER_FRAME)
        lines: list[str] = []
        skipped = 0
        for index, event in enumerate(events):
            if index < tail and event.kind == "step":
                skipped += 1
            elif (line := event_line(self.demo, event, self.origin)) is not None:
                lines.append(line)
        if skipped and any(e.kind == "step" for e in events[tail:] if event_line(self.demo, e)):
            lines.insert(0, f"          … {skipped:,} steps not shown here (the panels count them)")
        if lines:
            self.write_lines(lines)
