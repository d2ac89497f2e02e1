"""The explanation pane's words: what to watch for, and the conclusion with this run's numbers.

Claims are made from measurements, never asserted: "2 threads took 0.98x the sequential time",
"1.02 cores busy", "their waits overlapped 3.9x". Where the classic wording is loose ("threads use
only one processor"), the text says the precise thing: threads *take turns* running Python (`gil`)
but *overlap their waits* (`io`). Core: no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from conc_tui.compare import CompareRow, ModelResult, seconds, startup_cell
from conc_tui.demos import noun

PRECISE_GIL = (
    "Precisely: threads do not 'use only one processor'; they take turns holding the GIL, so only "
    "one runs Python at a time. Their waits still overlap (see the io demo)."
)
PRECISE_IO = (
    "Precisely: a thread that waits has let go of the GIL, so threads overlap their waits; what "
    "they cannot do is run Python at the same time (see the gil demo)."
)


def _plural(count: int, model: str) -> str:
    word = noun(model).lower()
    if count == 1:
        return f"1 {word}"
    return f"{count} {'processes' if word == 'process' else word + 's'}"


def _versus(result: ModelResult, sequential: ModelResult | None) -> str:
    if sequential is None or not sequential.finished or sequential.wall <= 0:
        return ""
    ratio = result.wall / sequential.wall
    return f"took {ratio:.2f}x the sequential time ({sequential.wall:.2f} s)"


def _measured(result: ModelResult) -> str:
    parts = [f"wall {result.wall:.2f} s"]
    if result.cores_busy is not None:
        parts.append(f"{result.cores_busy:.2f} cores busy on average")
    if result.overlap is not None:
        parts.append(f"{result.overlap:.1f} workers under way at once")
    return ", ".join(parts)


def conclusion(demo: str, result: ModelResult, sequential: ModelResult | None = None) -> str:
    """The conclusion in words, with the numbers of `result` (a finished run)."""
    who = _plural(result.workers, result.model)
    versus = _versus(result, sequential)
    lead = f"{who} {versus}" if versus else f"{who} took {result.wall:.2f} s"
    if demo == "gil":
        if result.model == "asyncio":
            return (
                f"{lead}: the tasks share one thread and take turns at every yield (after each "
                f"step here), so they gain nothing from a second core ({_cores(result)})."
            )
        if result.model == "thread":
            return (
                f"{lead}: under the GIL only one runs Python at a time "
                f"({_cores(result)}; the timeline shows them taking turns). {PRECISE_GIL}"
            )
        if result.model == "process":
            return (
                f"{lead}: each process has its own interpreter and GIL, so they run at once "
                f"({_cores(result)}), after {startup_cell(result)} of start-up."
            )
        return f"{lead}: one job after another, on one core ({_cores(result)})."
    if demo == "io":
        if result.model == "sequential":
            return f"{lead}: every wait is waited out before the next begins."
        return (
            f"{lead}: their waits overlapped ({_overlap(result)}), and waiting needs no CPU "
            f"({_cores(result)}). {PRECISE_IO if result.model == 'thread' else ''}"
        ).rstrip()
    if demo == "primes":
        return _primes(lead, result)
    if demo == "countdown" and result.model != "sequential":
        return (
            f"{lead}: the countdowns slept at the same time ({_overlap(result)}); the finish "
            "order is whichever sleep ends first, so it can change from run to run."
        )
    return f"{lead}."


def _cores(result: ModelResult) -> str:
    if result.cores_busy is None:
        return "CPU time not known"
    return f"{result.cores_busy:.2f} cores busy on average"


def _overlap(result: ModelResult) -> str:
    if result.overlap is None:
        return "overlap not known"
    return f"{result.overlap:.1f} workers under way at once"


def _primes(lead: str, result: ModelResult) -> str:
    if not result.order:
        return f"{lead}."
    first, first_at = result.order[0], result.ended[0]
    last, last_at = result.order[-1], result.ended[-1]
    if result.model == "sequential":
        return (
            f"{lead}: {first} answered after {seconds(first_at)} and {last} after "
            f"{seconds(last_at)}: in sequence, a small number waits behind the big one."
        )
    if result.model == "asyncio" and first_at > 0.5 * last_at:
        return (
            f"{lead}: {first} answered after {seconds(first_at)} and {last} only after "
            f"{seconds(last_at)}: a task that never yields holds the loop, and every other task "
            f"(and the lag ticker) waits behind it ({_cores(result)})."
        )
    if result.model == "asyncio":
        return (
            f"{lead}: {first} answered after {seconds(first_at)}, {last} after "
            f"{seconds(last_at)}: tasks that yield share the loop, so the small ones answer at "
            f"once; yet one thread does all the work ({_cores(result)})."
        )
    return f"{lead}: {first} answered first, after {seconds(first_at)} ({_cores(result)})."


def compare_conclusion(demo: str, rows: Sequence[CompareRow]) -> str:
    """One sentence per finished model, against the sequential run."""
    sequential = next((r.result for r in rows if r.result.model == "sequential"), None)
    lines = []
    for row in rows:
        result = row.result
        if not result.finished:
            continue
        if result.model == "sequential":
            lines.append(f"sequential: {_measured(result)}.")
            continue
        lines.append(conclusion(demo, result, sequential).split(". Precisely")[0].rstrip("."))
    if demo == "gil" and lines:
        lines.append(PRECISE_GIL)
    elif demo == "io" and lines:
        lines.append(PRECISE_IO)
    return "\n".join(line if line.endswith(".") else line + "." for line in lines)
