"""The demo catalogue: every demo id of the contract, its jobs and its words.

A demo is plain work (generator jobs, see `conc_tui.work`) plus the text a person needs: a one-line
summary, what to watch for, how its events read as the classic examples' printed lines, and its own
conclusion with a run's numbers. Demos never know how they are scheduled: whoever prints a line
passes the worker's label ("Thread A", "Process A"), and a conclusion is handed the model's spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final

from conc_tui.demos.params import ALWAYS_USED, OPTIONS, Params
from conc_tui.events import Event
from conc_tui.units import number
from conc_tui.work import Job

if TYPE_CHECKING:  # for annotations only: demos never import the runners
    from conc_tui.compare import ModelResult
    from conc_tui.runners.spec import ModelSpec

__all__ = ["ALWAYS_USED", "DEMOS", "OPTIONS", "Demo", "Params", "generic_line", "worker_names"]

# A demo's conclusion: (the lead, e.g. "2 threads took 3.10 s", a finished run, its model) -> words.
Conclude = Callable[[str, "ModelResult", "ModelSpec"], str]


@dataclass(frozen=True, slots=True)
class Demo:
    id: str
    title: str
    summary: str  # one line, for `conc-tui list` and the picker
    watch_for: str  # what a learner should look at, whatever the model (the picker, compare)
    default_model: str
    uses: frozenset[str]  # which of OPTIONS change this demo (start_method: always, for processes)
    make_jobs: Callable[[Params], list[Job]]
    defaults: dict[str, Any] = field(default_factory=dict)
    describe: Callable[[Event, str], str | None] | None = None  # (event, "Thread A") -> a line
    conclude: Conclude | None = None  # what a finished run shows, in words, with its numbers
    watch: Callable[[ModelSpec], str] | None = None  # what to look at under this model only
    precisely: str | None = None  # the precise wording of a loose classic claim, if any

    def params(self, **given: Any) -> Params:
        """This demo's parameters: its own defaults, overridden by what was given (not None)."""
        chosen = {k: v for k, v in given.items() if v is not None}
        return replace(Params(), **{**self.defaults, **chosen})

    def jobs(self, params: Params) -> list[Job]:
        return self.make_jobs(params)

    def watch_for_model(self, model: ModelSpec | None) -> str:
        """What to look at in a run under `model`: only what that model does."""
        if model is None or self.watch is None:
            return self.watch_for
        return self.watch(model)

    def settings(self, params: Params) -> str:
        """The parameters this demo uses, as a person reads them: 'workers 2, delay 0.5, steps 5'.

        Runs compare (speedups, finish orders) only with runs of the same settings."""
        used = [o for o in OPTIONS if o in self.uses and o not in ALWAYS_USED]
        shown = [f"{o.replace('_', ' ')} {number(getattr(params, o))}" for o in used]
        if params.switch_interval is not None:
            shown.append(f"switch interval {number(params.switch_interval)}")
        return ", ".join(shown) or "its defaults"

    def line(self, event: Event, who: str) -> str | None:
        """How `conc-tui run --format text` prints this event (None: not at all); `who` is the
        worker as a person reads it, e.g. "Thread A"."""
        if self.describe is not None:
            text = self.describe(event, who)
            if text is not None:
                return text
        return generic_line(event, who)


def generic_line(event: Event, who: str) -> str | None:
    if event.kind == "error":
        return f"{who} raised:\n{(event.text or '').rstrip()}"
    if event.kind == "finish" and event.status != "done":
        reason = f" ({event.text})" if event.text else ""
        how = ENDINGS.get(event.status or "", event.status)
        return f"{who} {how}{reason}"
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
