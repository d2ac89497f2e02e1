"""The models that run jobs inside this process: sequential and thread.

Threads are plain `threading.Thread`s (never Textual workers: those share asyncio's small default
executor, and Textual waits for them on exit). Each worker has its own cancel flag, which its waits
wait on, so a cancel wakes a sleeping worker at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from conc_tui.bus import Poster
from conc_tui.drive import drive_sync
from conc_tui.events import CANCELLED
from conc_tui.reporting import QueueReporter
from conc_tui.runners.base import Runner
from conc_tui.work import Job


class SequentialRunner(Runner):
    model = "sequential"

    def _supervise(self) -> None:
        put = self.bus.put
        for job, slot, stop in zip(self.jobs, self.slots, self.stop_flags, strict=True):
            report = QueueReporter(put, slot, self.bus.backlog)
            if stop.is_set():
                report.finish(CANCELLED, "cancelled before it started")
            else:
                drive_sync(job, report, stop, self.model)

    def _cancel_workers(self, indices: Iterable[int]) -> None:
        """The running job's waits and checkpoints watch its stop flag; the rest never start."""


class ThreadRunner(Runner):
    model = "thread"

    def __init__(self, jobs: Sequence[Job], bus: Poster) -> None:
        super().__init__(jobs, bus)
        self._threads = [
            threading.Thread(
                target=drive_sync,
                args=(job, QueueReporter(bus.put, slot, bus.backlog), stop, self.model),
                name=f"conc-tui-worker-{job.name}",
                daemon=True,
            )
            for job, slot, stop in zip(self.jobs, self.slots, self.stop_flags, strict=True)
        ]

    def _supervise(self) -> None:
        for thread in self._threads:
            thread.start()
        for thread in self._threads:
            thread.join()

    def _cancel_workers(self, indices: Iterable[int]) -> None:
        """A thread cannot be stopped from outside: its waits and checkpoints watch its flag."""
