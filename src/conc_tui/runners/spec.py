"""What the rest of the app may know about a model: one `ModelSpec` each, in one registry.

A model is a way of running a demo's jobs (in sequence, as threads, as processes, as asyncio
tasks). Screens, the command line, the compare view and the explanations ask a model's spec what
they need (its noun, its key, how many workers it takes, whether it owns processes or measures an
event loop's lag) instead of testing its name, so a new model is one runner module plus one entry
in `conc_tui.runners.MODELS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from conc_tui.bus import Poster
from conc_tui.runners.base import Runner
from conc_tui.work import Job

# How a model's runner is made: the jobs, the bus to post on, the processes' start method.
MakeRunner = Callable[[Sequence[Job], Poster, str], Runner]


@dataclass(frozen=True, slots=True)
class ModelSpec:
    name: str  # the id on the command line and in every event
    noun: str  # one worker, as a person reads it: "Thread" A, "Task" A
    plural: str  # several workers: "threads", "tasks"
    manner: str  # how a run of it reads in a sentence: "in sequence", "as threads"
    key: str  # the key that switches a run to this model
    max_workers: int  # the most workers a run of this model may have
    make: MakeRunner
    summary: str  # one line for help texts: how this model runs jobs
    baseline: bool = False  # the run every other model's speedup is measured against
    owns_processes: bool = False  # each worker is a process: its own interpreter, GIL, start-up
    shares_gil: bool = False  # workers are threads of one interpreter: one runs Python at a time
    one_thread: bool = False  # workers take turns on one thread, at their yields
    measures_lag: bool = False  # it has an event loop whose lag the lag meter shows

    def count(self, workers: int) -> str:
        """'1 thread', '3 threads'."""
        return f"1 {self.noun.lower()}" if workers == 1 else f"{workers} {self.plural}"


def worker_limit(specs: Iterable[ModelSpec]) -> tuple[int, str]:
    """The most workers every one of `specs` takes, and which of them set that limit."""
    chosen = list(specs)
    most = min(spec.max_workers for spec in chosen)
    return most, "/".join(spec.name for spec in chosen if spec.max_workers == most)
