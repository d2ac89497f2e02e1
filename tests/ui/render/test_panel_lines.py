"""The words of a panel, without an app: every line exactly as wide as the panel."""

from __future__ import annotations

import pytest

from conc_tui.state import WorkerView
from conc_tui.ui.render.panel_lines import PANEL_HEIGHT, fit, lane, panel, seconds


def text(line: list[tuple[str, str]]) -> str:
    return "".join(part for part, _style in line)


VIEWS = [
    WorkerView("A", "thread", "pending"),
    WorkerView("A", "thread", "waiting", 3, 5, True, 10, 123456789012345, 0.0, None, 1.2),
    WorkerView("9637529763296797", "asyncio", "running", 24_500_000, 49_085_460, elapsed=2.0,
               started=0.0),
    WorkerView("raises", "process", "failed", 3, 5, True, started=0.1, ended=0.8, elapsed=0.7,
               status="failed", error="ValueError: bad input at step 3 " + "x" * 80),
    WorkerView("157", "sequential", "done", 5, 5, started=4.0, ended=4.0, elapsed=0.00003,
               result=True, has_result=True, status="done"),
]  # fmt: skip


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("width", [30, 38, 58])
def test_panels_have_fixed_size(view: WorkerView, width: int) -> None:
    lines = panel(view, width)
    assert len(lines) == PANEL_HEIGHT
    assert {len(text(line)) for line in lines} == {width}
    assert len(text(lane(view, 60))) == 60


def test_what_a_panel_says() -> None:
    countdown = "\n".join(text(line) for line in panel(VIEWS[1], 40))
    assert "3 of 5 left" in countdown and "pid 10" in countdown and "◌ waiting" in countdown
    prime = "\n".join(text(line) for line in panel(VIEWS[2], 40))
    assert "24,500,000 of 49,085,460" in prime
    failed = "\n".join(text(line) for line in panel(VIEWS[3], 40))
    assert "ValueError: bad input" in failed and "failed:" not in failed
    done = "\n".join(text(line) for line in panel(VIEWS[4], 40))
    assert "result: True" in done and "ran 30 µs" in done


def test_seconds_read_naturally() -> None:
    assert [seconds(s) for s in (0.00003, 0.0091, 2.5)] == ["30 µs", "9.1 ms", "2.50 s"]


@pytest.mark.parametrize(
    ("status", "reason", "error", "said"),
    [
        ("failed", None, "ValueError: bad input at step 3", "ValueError: bad input at step 3"),
        ("failed", None, None, "failed"),
        ("killed", "SIGKILL", None, "killed (SIGKILL)"),
        ("exited", "exit code 3", None, "exited (exit code 3)"),
        ("timeout", "ran past its 1.5 s deadline", None, "timed out"),
        ("timeout", "SIGKILL", None, "timed out (SIGKILL)"),
        ("cancelled", None, None, "cancelled"),
        ("cancelled", "SIGTERM", None, "cancelled (SIGTERM)"),
        ("cancelled", "cancelled before it started", None, "cancelled"),
    ],
)
def test_how_a_panel_says_a_worker_ended(
    status: str, reason: str | None, error: str | None, said: str
) -> None:
    view = WorkerView("w", "process", "failed", status=status, reason=reason, error=error)
    last = text(panel(view, 40)[-2])
    assert last.strip("│ ") == said
    assert fit(said, 21).rstrip() in text(lane(view, 58))  # a narrow lane says it too


def test_a_selected_panel_has_a_heavy_border() -> None:
    lines = panel(VIEWS[1], 40, selected=True)
    assert text(lines[0]).startswith("┏━ A") and text(lines[-1]).startswith("┗━")
    assert {len(text(line)) for line in lines} == {40}
    assert (
        lines[0][0][1] == "selected" and lines[0][3][1] == "waiting"
    )  # the phase keeps its colour


def test_a_stopped_worker_is_cancelled_not_failed() -> None:
    view = WorkerView("B", "thread", "failed", status="cancelled")
    lines = panel(view, 30)
    assert "✗ cancelled" in text(lines[0]) and "failed" not in text(lines[0])
    assert {len(text(line)) for line in lines} == {30}
