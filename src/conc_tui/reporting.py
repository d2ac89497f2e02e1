"""Reporters: how a worker's events leave it, on the worker's own time.

Two shapes, one API (`work.Reporter` plus the lifecycle calls that drivers make):

- `QueueReporter` puts each raw event on the bus's `SimpleQueue`: a tuple and one `put`, close to
  the cost of a bare `SimpleQueue.put` (the target is at most twice that).
- `BatchReporter` lives in a child process. Pickling and sending one event at a time costs ~5 us and
  stalls near 90k events/s, so it collects events and sends them as a list when the list is full,
  before every wait (so a sleeping worker's screen is up to date), and every few milliseconds.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Final

from conc_tui.bus import CHECK_EVERY, EVENTS_HIGH, wait_for_room
from conc_tui.events import RawEvent

BATCH_SIZE: Final = 512
BATCH_AGE: Final = 0.005  # seconds an event may wait in a batch before it is sent


class QueueReporter:
    """Puts each event on the bus's queue; every CHECK_EVERY steps, waits if the queue is full."""

    __slots__ = ("_backlog", "_put", "_steps", "slot")

    def __init__(
        self, put: Callable[[RawEvent], None], slot: int, backlog: Callable[[], int] | None = None
    ) -> None:
        self._put = put
        self.slot = slot
        self._backlog = backlog
        self._steps = 0

    def step(self, value: int, total: int | None = None) -> None:
        self._put((time.monotonic(), self.slot, "step", value, total))
        self._steps += 1
        if not self._steps & (CHECK_EVERY - 1) and self._backlog is not None:
            wait_for_room(self._backlog, EVENTS_HIGH)

    def result(self, value: Any) -> None:
        self._put((time.monotonic(), self.slot, "result", value, None))

    def start(self) -> None:
        self._put(
            (time.monotonic(), self.slot, "start", None, (os.getpid(), threading.get_ident()))
        )

    def error(self, traceback_text: str) -> None:
        self._put((time.monotonic(), self.slot, "error", traceback_text, None))

    def finish(self, status: str, text: str | None = None, cpu: float | None = None) -> None:
        self._put((time.monotonic(), self.slot, "finish", status, (None, None, text, cpu)))

    def flush(self) -> None:
        """Nothing is held back: every event is already on the bus."""


class BatchReporter:
    """Collects a child's events and sends them in batches; `close()` when the job is over.

    The worker appends to a deque (no lock on the worker's path); whoever sends pops what is there,
    under a lock that keeps batches in order: the worker itself when a batch is full or before it
    waits, and a flusher thread every BATCH_AGE seconds, so an event never sits in a batch while its
    worker computes for a long time without reporting.
    """

    __slots__ = ("_closing", "_conn", "_flusher", "_pending", "_send_lock", "slot")

    def __init__(self, conn: Connection, slot: int) -> None:
        self._conn = conn
        self.slot = slot
        self._pending: deque[RawEvent] = deque()
        self._send_lock = threading.Lock()
        self._closing = threading.Event()
        self._flusher = threading.Thread(
            target=self._flush_now_and_then, name="conc-tui-flusher", daemon=True
        )
        self._flusher.start()

    def _add(self, event: RawEvent) -> None:
        pending = self._pending
        pending.append(event)
        if len(pending) >= BATCH_SIZE:
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

    def finish(self, status: str, text: str | None = None, cpu: float | None = None) -> None:
        self._add((time.monotonic(), self.slot, "finish", status, (None, None, text, cpu)))
        self.flush()

    def flush(self) -> None:
        with self._send_lock:
            pending = self._pending
            count = len(pending)
            if count:
                take = pending.popleft
                self._conn.send([take() for _ in range(count)])

    def _flush_now_and_then(self) -> None:
        while not self._closing.wait(BATCH_AGE):
            if self._pending:
                try:
                    self.flush()
                except OSError:
                    return  # the parent is gone; the worker's own send will say so

    def close(self) -> None:
        """Stop the flusher and send what is left (the connection stays open)."""
        self._closing.set()
        self._flusher.join()
        self.flush()
