"""Reporters: how a worker's events leave it, on the worker's own time.

Two shapes, one API (`work.Reporter` plus the lifecycle calls that drivers make):

- `QueueReporter` puts each raw event on the bus's `SimpleQueue`: a tuple and one `put`, close to
  the cost of a bare `SimpleQueue.put` (the target is at most twice that).
- `BatchReporter` lives in a child process. Pickling and sending one event at a time costs ~5 us and
  stalls near 90k events/s, so it collects events in a list and sends the list when it is full, when
  it is a few milliseconds old, and before every wait (so a sleeping worker's screen is up to date).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Final

from conc_tui.events import RawEvent

BATCH_SIZE: Final = 512
BATCH_AGE: Final = 0.005  # seconds an event may wait in a batch before it is sent


class QueueReporter:
    __slots__ = ("_put", "slot")

    def __init__(self, put: Callable[[RawEvent], None], slot: int) -> None:
        self._put = put
        self.slot = slot

    def step(self, value: int, total: int | None = None) -> None:
        self._put((time.monotonic(), self.slot, "step", value, total))

    def result(self, value: Any) -> None:
        self._put((time.monotonic(), self.slot, "result", value, None))

    def start(self) -> None:
        self._put(
            (time.monotonic(), self.slot, "start", None, (os.getpid(), threading.get_ident()))
        )

    def error(self, traceback_text: str) -> None:
        self._put((time.monotonic(), self.slot, "error", traceback_text, None))

    def finish(self, status: str, text: str | None = None) -> None:
        self._put((time.monotonic(), self.slot, "finish", status, (None, None, text)))

    def flush(self) -> None:
        """Nothing is held back: every event is already on the bus."""


class BatchReporter:
    __slots__ = ("_batch", "_conn", "_sent_at", "slot")

    def __init__(self, conn: Connection, slot: int) -> None:
        self._conn = conn
        self.slot = slot
        self._batch: list[RawEvent] = []
        self._sent_at = time.monotonic()

    def _add(self, event: RawEvent) -> None:
        batch = self._batch
        batch.append(event)
        if len(batch) >= BATCH_SIZE or event[0] - self._sent_at >= BATCH_AGE:
            self.flush()

    def step(self, value: int, total: int | None = None) -> None:
        self._add((time.monotonic(), self.slot, "step", value, total))

    def result(self, value: Any) -> None:
        self._add((time.monotonic(), self.slot, "result", value, None))

    def start(self) -> None:
        self._add(
            (time.monotonic(), self.slot, "start", None, (os.getpid(), threading.get_ident()))
        )
        self.flush()

    def error(self, traceback_text: str) -> None:
        self._add((time.monotonic(), self.slot, "error", traceback_text, None))

    def finish(self, status: str, text: str | None = None) -> None:
        self._add((time.monotonic(), self.slot, "finish", status, (None, None, text)))
        self.flush()

    def flush(self) -> None:
        if self._batch:
            self._conn.send(self._batch)
            self._batch = []
        self._sent_at = time.monotonic()
