"""The asyncio model: every job a task on one event loop of its own, in the supervisor thread.

Beside the jobs runs a ticker that asks to wake every TICK seconds and records how late it woke:
the event-loop lag. A task that computes without yielding holds the loop, and every tick waits.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Sequence
from typing import Final

from conc_tui.bus import Poster
from conc_tui.drive import drive_async
from conc_tui.events import CANCELLED
from conc_tui.reporting import QueueReporter
from conc_tui.runners.base import Runner
from conc_tui.work import Job

TICK: Final = 0.01  # seconds between the lag ticker's wake-ups


class AsyncioRunner(Runner):
    model = "asyncio"

    def __init__(self, jobs: Sequence[Job], bus: Poster) -> None:
        super().__init__(jobs, bus)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: dict[int, asyncio.Task[str]] = {}  # worker index -> its task, once created
        self._live: set[int] = set()  # workers whose task has begun to run

    def _supervise(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        # First, so that its first wake-up is asked for before any job can hold the loop.
        ticker = asyncio.create_task(self._tick(), name="conc-tui-lag-ticker")
        await asyncio.sleep(0)
        tasks: dict[int, asyncio.Task[str]] = {}
        for index, (job, slot) in enumerate(zip(self.jobs, self.slots, strict=True)):
            report = QueueReporter(self.bus.put, slot, self.bus.backlog)
            if self.stop_flags[index].is_set():
                report.finish(CANCELLED, "cancelled before it started")
            else:
                tasks[index] = asyncio.create_task(self._drive(index, job, report), name=job.name)
        self._tasks = tasks
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        due = loop.time()
        try:
            while True:
                due = loop.time() + TICK
                await asyncio.sleep(TICK)
                self.loop_lag.append(max(0.0, loop.time() - due))
        except asyncio.CancelledError:
            if loop.time() > due:  # the run ended while a wake-up was overdue: it counts
                self.loop_lag.append(loop.time() - due)
            raise

    async def _drive(self, index: int, job: Job, report: QueueReporter) -> str:
        # From here on a `Task.cancel()` lands inside drive_async, which reports it; before
        # here it would kill the task unreported, so a stop only sets the flag checked first.
        self._live.add(index)
        return await drive_async(job, report, self.stop_flags[index])

    def _cancel_workers(self, indices: Iterable[int]) -> None:
        loop = self._loop
        if loop is None:
            return  # not started yet: _main checks the stop flags
        with contextlib.suppress(RuntimeError):  # a closed loop: everything has finished
            loop.call_soon_threadsafe(self._cancel_tasks, list(indices))

    def _cancel_tasks(self, indices: list[int]) -> None:
        for index in indices:
            task = self._tasks.get(index)
            if task is not None and index in self._live:
                task.cancel()
