"""The demo catalogue: every demo id of the contract, its jobs and its words.

A demo is plain work (generator jobs, see `conc_tui.work`) plus the text a person needs: a one-line
summary, what to watch for, and how its events read as the seed examples' printed lines. Demos never
know how they are scheduled; `Params.model` is there only so `line()` can say "Thread A" or
"Process A" the way the seed examples do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Final

from conc_tui.events import Event
from conc_tui.work import Job

OPTIONS: Final = (
    "workers",
    "delay",
    "steps",
    "yield_every",
    "seed",
    "start_method",
    "switch_interval",
)
ALWAYS_USED: Final = frozenset(
    {"start_method", "switch_interval"}
)  # by every demo that has threads


@dataclass(frozen=True, slots=True)
class Params:
    """The demo options of the command line, each set (to the demo's default if not given)."""

    workers: int = 2
    delay: float = 0.5
    steps: int = 5
    yield_every: int = 100_000
    seed: int = 0
    start_method: str = "spawn"
    switch_interval: float | None = None  # sys.setswitchinterval where the run happens; None: as is


@dataclass(frozen=True, slots=True)
class Demo:
    id: str
    title: str
    summary: str  # one line, for `conc-tui list` and the picker
    watch_for: str  # what a learner should look at
    default_model: str
    uses: frozenset[str]  # which of OPTIONS change this demo (start_method: always, for processes)
    make_jobs: Callable[[Params], list[Job]]
    defaults: dict[str, Any] = field(default_factory=dict)
    describe: Callable[[Event], str | None] | None = None  # the seed-style line for an event

    def params(self, **given: Any) -> Params:
        """This demo's parameters: its own defaults, overridden by what was given (not None)."""
        chosen = {k: v for k, v in given.items() if v is not None}
        return replace(Params(), **{**self.defaults, **chosen})

    def jobs(self, params: Params) -> list[Job]:
        return self.make_jobs(params)

    def line(self, event: Event) -> str | None:
        """How `conc-tui run --format text` prints this event (None: not at all)."""
        if self.describe is not None:
            text = self.describe(event)
            if text is not None:
                return text
        return generic_line(event)


NOUNS: Final = {"thread": "Thread", "process": "Process", "asyncio": "Task", "sequential": "Job"}


def noun(model: str) -> str:
    return NOUNS.get(model, model.capitalize())


def generic_line(event: Event) -> str | None:
    if event.kind == "error":
        return f"{noun(event.model)} {event.worker} raised:\n{(event.text or '').rstrip()}"
    if event.kind == "finish" and event.status != "done":
        reason = f" ({event.text})" if event.text else ""
        how = ENDINGS.get(event.status or "", event.status)
        return f"{noun(event.model)} {event.worker} {how}{reason}"
    return None


ENDINGS: Final = {
    "failed": "failed",
    "killed": "was killed",
    "exited": "exited early",
    "timeout": "timed out",
    "cancelled": "was cancelled",
}


def worker_names(count: int) -> list[str]:
    """A, B, C ... for a classroom-sized run; w001, w002 ... beyond the alphabet."""
    if count <= 26:
        return [chr(ord("A") + i) for i in range(count)]
    width = len(str(count))
    return [f"w{i:0{width}d}" for i in range(1, count + 1)]


def _catalogue() -> dict[str, Demo]:
    from conc_tui.demos import countdown, faults, flood, gil, io, primes

    demos = [countdown.DEMO, primes.DEMO, gil.DEMO, io.DEMO, flood.DEMO, faults.DEMO]
    return {demo.id: demo for demo in demos}


DEMOS: Final[dict[str, Demo]] = _catalogue()
