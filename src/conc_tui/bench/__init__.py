"""`conc-tui bench`: measure the targets in DESIGN.md, each beside a baseline from the same run.

Machines are shared and noisy, so every figure is printed beside a baseline measured moments before
on the same machine, and targets are judged as ratios where the design gives an anchor. Nothing here
asserts a timing: `--quick` (what CI runs) shrinks the work and still checks that nothing is lost.

Each measurement is a plain function returning `Measure`s: the engine's in `bench.engine`, the
screen's in `bench.screen`, which runs the real app in a pseudo-terminal with `bench.probe` inside
it (the only part of the bench that imports Textual).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import TextIO

from conc_tui.bench.engine import process_event_cost, thread_event_cost, throughput
from conc_tui.bench.measure import FULL, QUICK, Measure, Size
from conc_tui.bench.screen import first_paint, frame_rate, observer_effect


def core_measures(size: Size) -> Iterator[Measure]:
    yield thread_event_cost(size)
    yield process_event_cost(size)
    for model in ("thread", "process"):
        yield throughput(model, size, coalesce=True)
        yield throughput(model, size, coalesce=False)


def ui_measures(quick: bool) -> Iterator[Measure]:
    seconds = 1.0 if quick else 3.0
    loads = [(16, 10_000), (64, 100_000)] if quick else [
        (16, 10_000), (16, 100_000), (64, 10_000), (64, 100_000), (256, 10_000), (256, 100_000)
    ]  # fmt: skip
    for workers, rate in loads:
        yield from frame_rate(workers, rate, seconds)
    yield first_paint(1 if quick else 5)
    if not quick:
        yield observer_effect("gil", "thread", 3)
        yield observer_effect("countdown", "thread", 3)


def run_bench(quick: bool, as_json: bool, out: TextIO) -> int:
    size = QUICK if quick else FULL
    measures: list[Measure] = []
    for measure in itertools.chain(core_measures(size), ui_measures(quick)):
        measures.append(measure)
        if not as_json:
            out.write(_row(measure) + "\n")
            out.flush()
    if as_json:
        rows = [{**asdict(m), "ratio": m.ratio} for m in measures]
        json.dump({"quick": quick, "measures": rows}, out, indent=2)
        out.write("\n")
    return 1 if any(m.lost for m in measures) else 0


def _row(m: Measure) -> str:
    base = f"  baseline {m.baseline:,.1f} {m.unit} -> {m.ratio:.2f}x" if m.baseline else ""
    verdict = {True: "met", False: "NOT met", None: ""}[m.met]
    note = f"  ({m.note})" if m.note else ""
    return f"{m.name:<34} {m.value:>14,.1f} {m.unit:<5}{base}  [{m.target}: {verdict}]{note}"
