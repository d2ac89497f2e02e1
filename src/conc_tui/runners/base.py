"""What every runner shares: a worker table on the bus, a supervisor thread, cancel and join.

A runner is started, never blocks its caller, and can be cancelled at any time; `join()` returns
once every worker has posted its `finish` and nothing the runner started is left running.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence

from conc_tui.bus import Poster
from conc_tui.work import Job


class Runner(ABC):
    model: str  # a class attribute, except where a runner serves any model

    def __init__(self, jobs: Sequence[Job], bus: Poster) -> None:
        self.jobs = list(jobs)
        self.bus = bus
        self.slots = [bus.register(job.name, self.model) for job in self.jobs]
        self.cancelled = threading.Event()  # the whole run
        self.stop_flags = [threading.Event() for _ in self.jobs]  # one worker each
        self.started_at: float | None = None  # monotonic time of start()
        # asyncio runs: how late (s) each 10 ms tick on the run's own event loop fired. Appended
        # by the runner's thread, read by anyone (list appends and slices are atomic).
        self.loop_lag: list[float] = []
        self._supervisor = threading.Thread(
            target=self._supervise, name=f"conc-tui-{self.model}-runner", daemon=True
        )

    def start(self) -> None:
        self.started_at = time.monotonic()
        self._supervisor.start()

    def cancel(self) -> None:
        """Stop every worker that has not finished; each still posts its `finish`."""
        self.cancelled.set()
        for flag in self.stop_flags:
            flag.set()
        self._cancel_workers(range(len(self.jobs)))

    def cancel_worker(self, index: int) -> None:
        """Stop one worker (by its index in `jobs`); the others go on."""
        self.stop_flags[index].set()
        self._cancel_workers([index])

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the run to end; True if it has."""
        self._supervisor.join(timeout)
        return not self._supervisor.is_alive()

    @property
    def done(self) -> bool:
        return self._supervisor.ident is not None and not self._supervisor.is_alive()

    @abstractmethod
    def _supervise(self) -> None:
        """Run every job to its end (in the supervisor thread)."""

    @abstractmethod
    def _cancel_workers(self, indices: Iterable[int]) -> None:
        """Ask these workers to stop, from any thread; their stop flags are already set."""
