"""Lag statistics: nearest-rank p50 and p99, the worst, and the latest sample."""

from __future__ import annotations

import pytest

from conc_tui.lagstats import LagStats, percentile


def test_percentiles_are_nearest_rank() -> None:
    ordered = [float(i) for i in range(1, 101)]
    assert percentile(ordered, 0.5) == 50.0
    assert percentile(ordered, 0.99) == 99.0
    assert percentile(ordered, 1.0) == 100.0
    assert percentile([3.0], 0.99) == 3.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_summary_of_samples_added_in_batches() -> None:
    stats = LagStats()
    assert stats.summary() is None
    stats.add([0.001] * 98)
    stats.add([0.050, 0.008])  # one long block, then one shorter
    summary = stats.summary()
    assert summary is not None
    assert (summary.count, summary.p50, summary.p99, summary.max) == (100, 0.001, 0.008, 0.050)
    assert summary.last == 0.008
    assert len(stats) == 100
