"""The explanation pane's conclusion: the part every demo shares.

A demo says what its own run shows (`Demo.conclude`, in the demo's module); this module builds the
lead every conclusion starts from ("2 threads took 0.98x the sequential time (3.85 s)") and the
compare view's one line per model. Claims are made from measurements, never asserted. Core: no
Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from conc_tui.compare import CompareRow, ModelResult
from conc_tui.demos import Demo
from conc_tui.demos.words import cores, overlap
from conc_tui.machine import busy_note
from conc_tui.runners import MODELS, ModelSpec


def _versus(result: ModelResult, baseline: ModelResult | None) -> str:
    if baseline is None or not baseline.finished or baseline.wall <= 0 or result.wall <= 0:
        return ""
    speedup = baseline.wall / result.wall
    found = _spec(baseline.model)
    manner = found.manner if found else f"as {baseline.model}"
    return (
        f"took {result.wall:.2f} s against {baseline.wall:.2f} s {manner} "
        f"(a speedup of {speedup:.2f}x)"
    )


def _measured(result: ModelResult) -> str:
    return f"{result.wall:.2f} s, {cores(result)}, {overlap(result)}"


def _spec(model: str) -> ModelSpec | None:
    return MODELS.get(model)


def _main(demo: Demo, result: ModelResult, baseline: ModelResult | None) -> str:
    model = _spec(result.model)
    who = model.count(result.workers) if model else f"{result.workers} {result.model} workers"
    versus = _versus(result, baseline)
    lead = f"{who} {versus}" if versus else f"{who} took {result.wall:.2f} s"
    if demo.conclude is None or model is None:
        return f"{lead}."
    return demo.conclude(lead, result, model)


def conclusion(demo: Demo, result: ModelResult, baseline: ModelResult | None = None) -> str:
    """The conclusion in words, with the numbers of `result` (a finished run), against the
    baseline (sequential) run where there is one."""
    text = _main(demo, result, baseline)
    model = _spec(result.model)
    if demo.precisely and model is not None and model.shares_gil:
        text = f"{text} {demo.precisely}"
    note = busy_note(result.elsewhere)
    return f"{text} {note}" if note else text


def compare_conclusion(demo: Demo, rows: Sequence[CompareRow]) -> str:
    """One sentence per finished model, against the baseline run."""
    baseline = next((r.result for r in rows if r.result.baseline), None)
    lines = []
    for row in rows:
        result = row.result
        if not result.finished:
            continue
        if result.baseline:
            lines.append(f"{result.model}: {_measured(result)}.")
            continue
        lines.append(_main(demo, result, baseline).rstrip("."))
    if demo.precisely and lines:
        lines.append(demo.precisely)
    busiest = max((r.result for r in rows), key=lambda r: r.elsewhere or 0.0, default=None)
    note = busy_note(busiest.elsewhere) if busiest is not None else ""
    if busiest is not None and note:
        lines.append(f"During the {busiest.model} run: {note[0].lower()}{note[1:]}")
    return "\n".join(line if line.endswith(".") else line + "." for line in lines)
