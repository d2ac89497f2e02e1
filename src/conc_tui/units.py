"""Numbers as people write them: durations for table cells and whole numbers with separators."""

from __future__ import annotations


def seconds(value: float | None) -> str:
    """A duration for a table cell: '1.23 s', '45.6 ms', '120 us', or '-'."""
    if value is None:
        return "-"
    if value >= 1.0:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1e6:.0f} us"


def number(value: float) -> str:
    """1,000,000 rather than 1e+06: whole numbers as people write them."""
    return f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:g}"
