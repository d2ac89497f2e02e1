"""RunState: how a run's events fold into what the panels show, without any app."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from conc_tui.events import Event
from conc_tui.state import RunState, WorkerView

_seq = iter(range(1_000_000))


def ev(t: float, worker: str, kind: str, **fields: Any) -> Event:
    return Event(next(_seq), t, "run", worker, "thread", kind, **fields)


def view(state: RunState, name: str, now: float) -> WorkerView:
    return next(w for w in state.snapshot(now).workers if w.name == name)


def test_announced_workers_start_pending_in_their_order() -> None:
    state = RunState("thread", ["A", "B", "C"])
    snap = state.snapshot(0.0)
    assert [w.name for w in snap.workers] == ["A", "B", "C"]
    assert [w.phase for w in snap.workers] == ["pending"] * 3
    assert (snap.pending, snap.running, snap.done, snap.finished) == (3, 0, 0, False)


def test_a_countdown_runs_waits_and_finishes() -> None:
    state = RunState("thread", ["A"], quiet_after=0.25)
    state.apply([ev(0.0, "A", "start", pid=7, tid=8), ev(0.0, "A", "step", value=5, total=5)])
    a = view(state, "A", 0.1)
    assert (a.phase, a.value, a.counting_down, a.pid, a.tid) == ("running", 5, True, 7, 8)
    assert a.fraction == 0.0
    assert view(state, "A", 0.4).phase == "waiting"  # silent in its sleep
    state.apply([ev(0.5, "A", "step", value=4, total=5)])
    a = view(state, "A", 0.6)
    assert (a.phase, a.value, a.fraction) == ("running", 4, 0.2)
    assert abs(a.elapsed - 0.6) < 1e-9
    state.apply([ev(2.5, "A", "finish", status="done")])
    a = view(state, "A", 9.0)
    assert (a.phase, a.fraction, a.ended, a.elapsed) == ("done", 1.0, 2.5, 2.5)


def test_progress_counts_up_and_results_are_kept() -> None:
    state = RunState("sequential", ["157"])
    state.apply([ev(0.0, "157", "start"), ev(0.0, "157", "step", value=0, total=5)])
    state.apply([ev(0.1, "157", "step", value=5, total=5), ev(0.1, "157", "result", value=True)])
    w = view(state, "157", 0.1)
    assert (w.counting_down, w.fraction, w.has_result, w.result) == (False, 1.0, True, True)


def test_finish_order_counts_and_wall_time() -> None:
    state = RunState("thread", ["A", "B"])
    state.apply([ev(0.0, "A", "start"), ev(0.0, "B", "start")])
    assert state.snapshot(1.0).wall == 1.0
    state.apply([ev(2.4, "B", "finish", status="done"), ev(2.5, "A", "finish", status="done")])
    snap = state.snapshot(7.0)
    assert snap.finish_order == ("B", "A")
    assert (snap.done, snap.failed, snap.finished) == (2, 0, True)
    assert snap.wall == 2.5  # stops at the last finish, not at the clock
    assert snap.events == 4


def test_wall_time_and_worker_times_count_from_the_origin() -> None:
    state = RunState("process", ["A"], origin=0.3)
    state.apply([ev(0.35, "A", "start"), ev(1.3, "A", "finish", status="done")])
    snap = state.snapshot(5.0)
    assert abs(snap.wall - 1.0) < 1e-9
    a = snap.workers[0]
    assert a.started is not None and abs(a.started - 0.05) < 1e-9
    assert a.ended is not None and abs(a.ended - 1.0) < 1e-9


def test_failures_keep_the_last_line_of_the_traceback() -> None:
    state = RunState("thread", ["raises", "killed"])
    trace = "Traceback (most recent call last):\n  File x\nValueError: bad input at step 3\n"
    state.apply(
        [
            ev(0.0, "raises", "start"),
            ev(0.1, "raises", "error", text=trace),
            ev(0.1, "raises", "finish", status="failed"),
            ev(0.2, "killed", "finish", status="killed", text="SIGKILL"),
        ]
    )
    snap = state.snapshot(1.0)
    raises, killed = snap.workers
    assert (raises.phase, raises.error) == ("failed", "ValueError: bad input at step 3")
    assert (killed.phase, killed.status, killed.reason) == ("failed", "killed", "SIGKILL")
    assert snap.failed == 2 and snap.finished


def test_a_second_finish_is_ignored_and_unknown_workers_are_added() -> None:
    state = RunState("thread", ["A"])
    state.apply([ev(0.0, "Z", "start"), ev(1.0, "Z", "finish", status="done")])
    state.apply([ev(1.5, "Z", "finish", status="cancelled")])
    snap = state.snapshot(2.0)
    assert [w.name for w in snap.workers] == ["A", "Z"]
    assert snap.finish_order == ("Z",)
    assert snap.workers[1].status == "done"


def test_snapshots_are_frozen() -> None:
    state = RunState("thread", ["A"])
    snap = state.snapshot(0.0)
    state.apply([ev(0.0, "A", "start")])
    assert snap.workers[0].phase == "pending"  # an old snapshot does not change


def test_state_is_core_it_imports_no_ui() -> None:
    code = (
        "import sys, conc_tui.state\n"
        "print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_stopped_worker_has_no_place_in_the_finish_order() -> None:
    state = RunState("thread", ["A", "B"])
    state.apply([ev(0.0, "A", "start"), ev(0.0, "B", "start")])
    state.apply([ev(0.3, "B", "finish", status="cancelled", text="stopped by the user")])
    state.apply([ev(0.5, "A", "finish", status="done")])
    snap = state.snapshot(1.0)
    assert snap.finished and snap.finish_order == ("A",)
