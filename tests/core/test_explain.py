"""The conclusions quote this run's numbers, and say the precise thing about threads."""

from __future__ import annotations

from dataclasses import replace

from conc_tui.compare import ModelResult, compare_rows
from conc_tui.demos import DEMOS
from conc_tui.explain import compare_conclusion, conclusion
from conc_tui.runners import MODELS, is_baseline


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
    assert text.startswith("2 threads took 3.14 s against 3.20 s in sequence (a speedup of 1.02x)")
    assert "only one thread ran Python at a time (1.02 cores busy" in text and "take turns" in text


def test_io_threads_overlap_their_waits() -> None:
    text = conclusion(DEMOS["io"], result("thread", 1.0, 0.001, 1.0))
    assert "2 threads took 1.00 s" in text and "2.0 workers under way at once" in text
    assert "their waits overlapped" in text and "overlap their waits" in text


def test_primes_and_the_compare_summary() -> None:
    order = ("157", "427920331", "9637529763296797")
    primes = ModelResult(
        "asyncio", 3, True, 4.0, (4.0, 0.01, 0.0), (0.0,) * 3, order, 0, (0.001, 0.01, 4.0)
    )
    assert "157 answered after 1.0 ms" in conclusion(DEMOS["primes"], primes)
    rows = compare_rows([result("sequential", 3.2, 1.6, 1.6), result("process", 1.7, 1.6, 1.6)])
    text = compare_conclusion(DEMOS["gil"], rows)
    assert "2 processes took 1.70 s against 3.20 s in sequence (a speedup of 1.88x)" in text
    assert "ran at once (1.88 cores busy" in text
    assert text.splitlines()[-1].startswith("Precisely")


def test_primes_as_tasks_that_never_yield() -> None:
    order = ("9637529763296797", "157", "427920331")
    held = ModelResult("asyncio", 3, True, 1.8, (1.8,), (0.0,) * 3, order, 0, (1.79, 1.8, 1.8))
    assert "never yields holds the loop" in conclusion(DEMOS["primes"], held)


def test_claims_follow_the_numbers_not_the_lesson() -> None:
    """Under load two processes kept 0.84 cores busy: no 'they ran at once', and the busy
    machine is named next to the numbers."""
    sequential = result("sequential", 3.2, 1.6, 1.6)
    busy = replace(result("process", 3.8, 1.6, 3.1), elsewhere=0.9)
    text = conclusion(DEMOS["gil"], busy, sequential)
    assert "ran at once" not in text and "did not run at once all the time" in text
    assert "other programs kept 0.90 cores busy" in text
    free = replace(result("thread", 1.7, 1.6, 1.6), elsewhere=0.05)
    text = conclusion(DEMOS["gil"], free, sequential)  # threads on two cores: no GIL here
    assert "only one thread ran Python" not in text and "at the same time" in text
    assert "other programs" not in text
    rows = compare_rows([sequential, busy])
    assert "During the process run: meanwhile other programs kept" in compare_conclusion(
        DEMOS["gil"], rows
    )


def test_countdown_order_claims_depend_on_the_model() -> None:
    tasks = conclusion(DEMOS["countdown"], result("asyncio", 2.5, 0.001, 2.5))
    assert "can change" not in tasks and "the loop woke each sleeper" in tasks
    threads = conclusion(DEMOS["countdown"], result("thread", 2.5, 0.001, 2.5))
    assert "can change from run to run" in threads


def test_watch_for_says_only_what_this_model_does() -> None:
    countdown = DEMOS["countdown"]
    assert "Thread" not in countdown.watch_for_model(MODELS["sequential"])
    assert "can change" not in countdown.watch_for_model(MODELS["asyncio"])
    assert "can change" in countdown.watch_for_model(MODELS["thread"])
    for demo in DEMOS.values():
        for model in MODELS.values():
            assert demo.watch_for_model(model)
            assert "--" not in demo.watch_for_model(model)  # no flags in prose
