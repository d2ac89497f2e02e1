"""The log pane's lines: one clock with the panels, and words a person knows."""

from __future__ import annotations

from conc_tui.demos import DEMOS
from conc_tui.events import Event
from conc_tui.ui.widgets.event_log import event_line


def ev(t: float, kind: str, **fields: object) -> Event:
    return Event(0, t, "run", "A", "thread", kind, **fields)  # type: ignore[arg-type]


def test_log_times_count_from_when_the_work_started_like_the_panels() -> None:
    """The lab took 0.125 s to start: the panel's wall says 2.50 s, so must the log."""
    line = event_line(DEMOS["countdown"], ev(2.625, "finish", status="done"), origin=0.125)
    assert line == "   2.500  Thread A finished"


def test_an_ending_other_than_done_is_said_plainly() -> None:
    line = event_line(DEMOS["gil"], ev(1.0, "finish", status="cancelled"), origin=0.0)
    assert line is not None and "finished: " not in line and "was cancelled" in line
