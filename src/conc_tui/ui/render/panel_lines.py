"""What one worker's panel says, line by line, as (text, style name) runs: no Textual, no Rich.

`WorkerLanes` turns each run into a styled segment; keeping the words here keeps that widget about
drawing, and lets the words be read (and tested) without an app. Style names are the widget's
component classes without their prefix: a phase (`running`, `done`, ...), `muted`, `name`,
`bar-empty`, `big`.
"""

from __future__ import annotations

from typing import Final

from conc_tui.events import CANCELLED, EXITED, FAILED, KILLED, TIMEOUT
from conc_tui.state import FAILED_PHASE, FINISHED_OK, PENDING, WorkerView
from conc_tui.ui.render.big_digits import big_text

Run = tuple[str, str]  # (text, style name)
Line = list[Run]

PANEL_HEIGHT: Final = 10
LANE_HEIGHT: Final = 1
PHASE_MARK: Final = {
    "pending": "○",
    "running": "●",
    "waiting": "◌",
    "done": "✓",
    "failed": "✗",
}
ENDED_WORDS: Final = {  # finish status -> how a panel says it
    FAILED: "failed",
    KILLED: "killed",
    EXITED: "exited",
    TIMEOUT: "timed out",
    CANCELLED: "cancelled",
}


def fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` characters."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: width - 1] + "…" if width > 1 else text[:width]
    return text.ljust(width)


def centre(text: str, width: int) -> str:
    return fit(text.center(width) if len(text) < width else text, width)


def seconds(value: float) -> str:
    """A duration as people read it: milliseconds below a tenth of a second."""
    if value < 0.001:
        return f"{value * 1_000_000:.0f} µs"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def ids(view: WorkerView, width: int) -> str:
    """Model, pid and tid; a tid too long for the panel keeps its last digits."""
    parts = [view.model]
    if view.pid is not None:
        parts.append(f"pid {view.pid}")
    if view.tid is not None:
        for tid in (f"tid {view.tid}", f"tid …{str(view.tid)[-5:]}"):
            line = " · ".join([*parts, tid])
            if len(line) <= width:
                return line
    return " · ".join(parts)


def timing(view: WorkerView) -> tuple[str, str]:
    """How long the worker ran, and when (from the run's start) it started or ended."""
    if view.started is None:
        return "", ""
    took = f"ran {seconds(view.elapsed)}"
    if view.ended is not None:
        return took, f"ended at {view.ended:.2f} s"
    return took, f"started at {view.started:.2f} s"


def big_value(view: WorkerView) -> str | None:
    """What the panel shows large: what is left of a countdown, else the percentage done."""
    if view.phase == PENDING or view.value is None:
        return None
    if view.counting_down:
        return "0" if view.phase == FINISHED_OK else str(view.value)
    if view.total:
        return f"{int(view.fraction * 100)}%"
    return str(view.value)


def detail(view: WorkerView) -> str:
    if view.value is None:
        return ""
    if view.counting_down and view.total:
        left = 0 if view.phase == FINISHED_OK else view.value
        return f"{left} of {view.total} left"
    if view.total:
        return f"{view.value:,} of {view.total:,}"
    return f"{view.value:,}"


def ended(view: WorkerView) -> str:
    """How a worker that did not finish well ended, in one short style: what happened, then the
    signal or exit code that says how in brackets: `killed (SIGKILL)`, `exited (exit code 3)`,
    `timed out`, `cancelled (SIGTERM)`. A raised error is its own last line. Longer reasons (a
    deadline, "cancelled before it started") are for the detail view."""
    if view.status == FAILED and view.error:
        return view.error
    words = ENDED_WORDS.get(view.status or "", view.status or "failed")
    reason = view.reason or ""
    if reason.startswith(("SIG", "exit code")):
        return f"{words} ({reason})"
    return words


def outcome(view: WorkerView) -> tuple[str, str]:
    """The right end of the panel's last line, and its style."""
    if view.phase == FAILED_PHASE:
        return ended(view), FAILED_PHASE
    if view.has_result:
        return f"result: {view.result!r}", FINISHED_OK if view.phase == FINISHED_OK else "muted"
    if view.phase == FINISHED_OK:
        return "finished", FINISHED_OK
    return "", "muted"


def bar(view: WorkerView, width: int) -> Line:
    filled = round(view.fraction * width)
    return [("━" * filled, view.phase), ("─" * (width - filled), "bar-empty")]


def panel(view: WorkerView, width: int, selected: bool = False) -> list[Line]:
    """The panel of one worker: PANEL_HEIGHT lines of exactly `width` characters. A selected
    panel has a heavy border in the `selected` style (colour alone would not do on every theme)."""
    inner = width - 4  # a border and a space on either side
    phase = view.phase
    edge = "selected" if selected else phase
    top_left, across, top_right, side, bottom_left, bottom_right = (
        "┏━┓┃┗┛" if selected else "╭─╮│╰╯"
    )
    # A worker someone stopped did not fail: its title says so (in the failed colour all the same).
    label = CANCELLED if view.status == CANCELLED else phase
    title = fit(view.name, max(1, width - len(label) - 11)).rstrip()
    fill = max(0, width - len(title) - len(label) - 10)
    lines: list[Line] = [
        [
            (f"{top_left}{across} ", edge),
            (title, "name"),
            (" " + across * fill + " ", edge),
            (f"{PHASE_MARK[phase]} {label}", phase),
            (f" {across}{top_right}", edge),
        ]
    ]

    def row(*runs: Run) -> Line:
        return [(f"{side} ", edge), *runs, (f" {side}", edge)]

    lines.append(row((fit(ids(view, inner), inner), "muted")))
    big = big_value(view)
    if big is not None:
        rows = big_text(big)
        lines.extend(row((centre(text, inner), phase)) for text in rows)
    elif phase == PENDING:
        blank = " " * inner
        lines.append(row((blank, "muted")))
        lines.append(row((centre("waiting to start", inner), "muted")))
        lines.append(row((blank, "muted")))
    else:
        lines.extend(row((" " * inner, "muted")) for _ in range(3))
    lines.append(row((centre(detail(view), inner), "muted")))
    lines.append(row(*bar(view, inner)))
    took, when = timing(view)
    when = fit(when, max(0, inner - len(took) - 1)).rstrip()
    gap = " " * max(0, inner - len(took) - len(when))
    lines.append(row((took, "muted"), (gap, "muted"), (when, "muted")))
    said, style = outcome(view)
    lines.append(row((centre(said, inner), style)))
    lines.append([(bottom_left + across * (width - 2) + bottom_right, edge)])
    return lines


def lane(view: WorkerView, width: int) -> Line:
    """One worker in one line, for runs too big for panels: mark, name, bar, numbers, time."""
    name = fit(view.name, 10)
    numbers = fit(detail(view) if view.phase != PENDING else "", 21)
    numbers_style = "muted"
    elapsed = fit(seconds(view.elapsed) if view.started is not None else "", 10)
    said, style = outcome(view)
    if view.phase == FAILED_PHASE:
        # How it ended matters more than how far it got, and the end of a narrow lane is cut off.
        numbers, numbers_style, said = fit(said, 21), style, ""
    bar_width = max(4, min(30, width - 46))
    used = 2 + 11 + bar_width + 1 + 22 + 10
    return [
        (PHASE_MARK[view.phase] + " ", view.phase),
        (name + " ", "name"),
        *bar(view, bar_width),
        (" ", "muted"),
        (numbers, numbers_style),
        (" ", "muted"),
        (elapsed, "muted"),
        (fit(said, max(0, width - used)), style),
    ]
