"""The asyncio model: every job a task on one event loop of its own, in the supervisor thread."""

from __future__ import annotations

import asyncio
import contextlib

from conc_tui.drive import drive_async
from conc_tui.events import CANCELLED
from conc_tui.reporting import QueueReporter
from conc_tui.runners.base import Runner


class AsyncioRunner(Runner):
    model = "asyncio"
    _loop: asyncio.AbstractEventLoop | None = None
    _tasks: list[asyncio.Task[str]] = []

    def _supervise(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        reporters = [QueueReporter(self.bus.put, slot) for slot in self.slots]
        if self.cancelled.is_set():
            for report in reporters:
                report.finish(CANCELLED, "the run was cancelled before it started")
            return
        self._tasks = [
            asyncio.create_task(drive_async(job, report), name=job.name)
            for job, report in zip(self.jobs, reporters, strict=True)
        ]
        await asyncio.gather(*self._tasks)

    def _cancel_workers(self) -> None:
        loop = self._loop
        if loop is None:
            return  # not started yet: _main sees the flag
        with contextlib.suppress(RuntimeError):  # a closed loop: everything has finished
            loop.call_soon_threadsafe(self._cancel_tasks)

    def _cancel_tasks(self) -> None:
        for task in self._tasks:
            task.cancel()
