"""Finish-order history across reruns."""

from __future__ import annotations

from conc_tui.history import OrderHistory


def test_orders_are_numbered_kept_per_experiment_and_counted() -> None:
    history = OrderHistory(keep=3)
    assert "no finished run" in history.line("countdown thread")
    assert history.record("countdown thread", ["A", "B"]) == 1
    assert history.record("countdown thread", ["B", "A"]) == 2
    history.record("countdown process", ["A", "B"])
    assert history.line("countdown thread") == "run 1: A B · run 2: B A   (2 orders in 2 runs)"
    history.record("countdown thread", ["A", "B"])
    history.record("countdown thread", ["A", "B"])
    assert [n for n, _ in history.runs("countdown thread")] == [2, 3, 4]  # the last three
    assert history.distinct("countdown thread") == 2
    assert history.distinct("countdown process") == 1


def test_long_orders_are_cut_short() -> None:
    history = OrderHistory()
    history.record("k", [f"w{i}" for i in range(10)])
    assert history.line("k").startswith("run 1: w0 w1 w2 w3 w4 w5 …(+4)")
