"""The conclusions quote this run's numbers, and say the precise thing about threads."""

from __future__ import annotations

from conc_tui.compare import ModelResult, compare_rows
from conc_tui.demos import DEMOS
from conc_tui.explain import compare_conclusion, conclusion
from conc_tui.runners import is_baseline


def result(model: str, wall: float, cpu: float, spans: float) -> ModelResult:
    return ModelResult(
        model,
        2,
        True,
        wall,
        (cpu, cpu),
        (0.0001, 0.05),
        ("A", "B"),
        0,
        (wall, wall),
        (spans, spans),
        baseline=is_baseline(model),
    )


def test_gil_threads_against_sequential() -> None:
    sequential = result("sequential", 3.2, 1.6, 1.6)
    text = conclusion(DEMOS["gil"], result("thread", 3.14, 1.6, 3.1), sequential)
    assert text.startswith("2 threads took 0.98x the sequential time (3.20 s)")
    assert "only one runs Python at a time" in text and "take turns" in text


def test_io_threads_overlap_their_waits() -> None:
    text = conclusion(DEMOS["io"], result("thread", 1.0, 0.001, 1.0))
    assert "2 threads took 1.00 s" in text and "2.0 workers under way at once" in text
    assert "overlap their waits" in text


def test_primes_and_the_compare_summary() -> None:
    order = ("157", "427920331", "9637529763296797")
    primes = ModelResult(
        "asyncio", 3, True, 4.0, (4.0, 0.01, 0.0), (0.0,) * 3, order, 0, (0.001, 0.01, 4.0)
    )
    assert "157 answered after 1.0 ms" in conclusion(DEMOS["primes"], primes)
    rows = compare_rows([result("sequential", 3.2, 1.6, 1.6), result("process", 1.7, 1.6, 1.6)])
    text = compare_conclusion(DEMOS["gil"], rows)
    assert "2 processes took 0.53x the sequential time" in text
    assert text.splitlines()[-1].startswith("Precisely")


def test_primes_as_tasks_that_never_yield() -> None:
    order = ("9637529763296797", "157", "427920331")
    held = ModelResult("asyncio", 3, True, 1.8, (1.8,), (0.0,) * 3, order, 0, (1.79, 1.8, 1.8))
    assert "never yields holds the loop" in conclusion(DEMOS["primes"], held)
