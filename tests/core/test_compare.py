"""The compare table's numbers, folded from a run's events."""

from __future__ import annotations

from conc_tui.compare import (
    ModelResult,
    RunTally,
    compare_rows,
    seconds,
    startup_cell,
    table_cells,
)
from conc_tui.events import Event


def ev(t: float, worker: str, kind: str, **fields: object) -> Event:
    return Event(0, t, "r", worker, "process", kind, **fields)  # type: ignore[arg-type]


def result(model: str, wall: float, finished: bool = True) -> ModelResult:
    return ModelResult(
        model, 2, finished, wall, (1.0, 1.0), (0.001, 0.001), ("A", "B"), 0,
        baseline=model == "sequential",
    )  # fmt: skip


def test_tally_measures_wall_cpu_startup_and_order_from_the_runner_start() -> None:
    tally = RunTally("process", ["A", "B"], origin=0.2)
    tally.apply([ev(0.25, "A", "start"), ev(0.27, "B", "start")])
    running = tally.result(now=1.0)
    assert not running.finished and abs(running.wall - 0.8) < 1e-9
    tally.apply([ev(1.8, "B", "finish", status="done", cpu=1.5)])
    tally.apply([ev(2.2, "A", "finish", status="done", cpu=1.9)])
    done = tally.result(now=9.0)
    assert done.finished and abs(done.wall - 2.0) < 1e-9
    assert done.order == ("B", "A") and done.cpu == (1.5, 1.9)
    assert [round(s, 3) for s in done.startup] == [0.05, 0.07]
    assert done.cores_busy is not None and abs(done.cores_busy - 1.7) < 1e-9
    assert done.overlap is not None and abs(done.overlap - (1.53 + 1.95) / 2.0) < 1e-9


def test_speedup_against_the_finished_sequential_run_only() -> None:
    rows = compare_rows(
        [result("sequential", 4.0), result("process", 2.0), result("thread", 1.0, False)]
    )
    assert [r.speedup for r in rows] == [1.0, 2.0, None]
    assert table_cells(rows[1])[:3] == ("process", "2.00 s", "2.00x")
    assert table_cells(rows[2])[1] == "1.00 s …"
    assert compare_rows([result("thread", 1.0)])[0].speedup is None


def test_seconds() -> None:
    assert [seconds(v) for v in (None, 2.5, 0.0456, 0.00012)] == [
        "-",
        "2.50 s",
        "45.6 ms",
        "120 us",
    ]


def test_startup_is_a_cost_only_where_workers_start_together() -> None:
    process = ModelResult("process", 2, True, 1.0, (), (0.05, 0.12), ("A", "B"), 0)
    assert startup_cell(process) == "50.0 ms to 120.0 ms"
    sequential = ModelResult(
        "sequential", 2, True, 1.0, (), (0.0001, 0.5), ("A", "B"), 0, baseline=True
    )
    assert startup_cell(sequential) == "100 us"


def test_a_stopped_worker_ends_the_run_but_is_not_in_the_finish_order() -> None:
    tally = RunTally("thread", ["A", "B"])
    tally.apply([ev(0.0, "A", "start"), ev(0.0, "B", "start")])
    tally.apply([ev(0.2, "A", "finish", status="cancelled")])
    assert not tally.result(now=0.3).finished
    tally.apply([ev(0.9, "B", "finish", status="done")])
    done = tally.result(now=1.0)
    assert done.finished and done.order == ("B",) and done.ended == (0.9,)
