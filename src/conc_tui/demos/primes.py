"""primes: the seed. Trial division of 9637529763296797, 427920331 and 157.

The check walks every odd divisor up to the square root, in blocks of `--yield-every` divisors;
after each block it reports its progress and yields, which under asyncio lets the other tasks run.
All three inputs are prime, so every check runs to the end: ~49 million divisors for the big one.
"""

from __future__ import annotations

from math import isqrt
from typing import TYPE_CHECKING, Final

from conc_tui.demos import Demo, Params
from conc_tui.demos.words import cores, seconds
from conc_tui.events import Event
from conc_tui.work import Job, JobIterator, Reporter

if TYPE_CHECKING:
    from conc_tui.compare import ModelResult
    from conc_tui.runners.spec import ModelSpec

NUMBERS: Final = (9637529763296797, 427920331, 157)
PROGRESS_BLOCK: Final = 1_000_000  # divisors between progress reports when never yielding


def check_prime(report: Reporter, number: int, yield_every: int) -> JobIterator:
    limit = isqrt(number)
    total = max(0, (limit - 1) // 2)  # odd divisors 3, 5, ... <= limit
    report.step(0, total)
    if number < 2 or (number % 2 == 0 and number != 2):
        report.result(False)
        return
    block = yield_every if yield_every > 0 else PROGRESS_BLOCK
    checked = 0
    low = 3
    while low <= limit:
        high = min(limit + 1, low + 2 * block)
        for divisor in range(low, high, 2):
            if number % divisor == 0:
                report.step(checked + (divisor - low) // 2 + 1, total)
                report.result(False)
                return
        checked += (high - low + 1) // 2
        report.step(checked, total)
        low = high if high % 2 else high + 1
        if yield_every > 0:
            yield None  # a checkpoint
    report.result(True)


def make_jobs(params: Params) -> list[Job]:
    return [
        Job(str(number), check_prime, {"number": number, "yield_every": params.yield_every})
        for number in NUMBERS
    ]


def describe(event: Event, who: str) -> str | None:
    if event.kind == "start":
        return f"Processing {event.worker}..."
    if event.kind == "result":
        return f"{event.worker} is {'a' if event.value else 'not a'} prime number."
    return None


def conclude(lead: str, result: ModelResult, model: ModelSpec) -> str:
    if not result.order:
        return f"{lead}."
    first, first_at = result.order[0], result.ended[0]
    last, last_at = result.order[-1], result.ended[-1]
    if model.baseline:
        return (
            f"{lead}: {first} answered after {seconds(first_at)} and {last} after "
            f"{seconds(last_at)}: in sequence, a small number waits behind the big one."
        )
    if model.one_thread and first_at > 0.5 * last_at:
        return (
            f"{lead}: {first} answered after {seconds(first_at)} and {last} only after "
            f"{seconds(last_at)}: a task that never yields holds the loop, and every other task "
            f"(and the lag ticker) waits behind it ({cores(result)})."
        )
    if model.one_thread:
        return (
            f"{lead}: {first} answered after {seconds(first_at)}, {last} after "
            f"{seconds(last_at)}: tasks that yield share the loop, so the small ones answer at "
            f"once; yet one thread does all the work ({cores(result)})."
        )
    return f"{lead}: {first} answered first, after {seconds(first_at)} ({cores(result)})."


def watch(model: ModelSpec) -> str:
    if model.baseline:
        return (
            "One number after another: 427920331 and 157 wait behind the big prime, pending, "
            "for seconds, though each takes a moment."
        )
    if model.one_thread:
        return (
            "The tasks take turns on one thread whenever one yields (how often: 'yield every', "
            "o): the small numbers answer at once, and the big one takes as long as ever."
        )
    if model.shares_gil:
        return (
            "The threads are switched every few milliseconds whatever they do: the small numbers "
            "answer at once, and the big one still takes as long, one GIL for all."
        )
    return (
        f"Each number in {model.noun.lower()} of its own: the small ones answer right after "
        "start-up, and the big one takes as long as in sequence: one core does its work."
    )


DEMO = Demo(
    id="primes",
    title="Primes",
    summary="Trial division of 9637529763296797, 427920331 and 157: in sequence, or as tasks.",
    watch_for=(
        "In sequence the small numbers wait seconds behind the big one; as asyncio tasks that "
        "yield now and then they answer at once. Neither uses a second core."
    ),
    watch=watch,
    default_model="sequential",
    uses=frozenset({"yield_every", "start_method"}),
    make_jobs=make_jobs,
    describe=describe,
    conclude=conclude,
)
