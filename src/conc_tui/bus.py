"""The bus: one queue that every runner posts to, drained in batches by one consumer.

Producers only `put` raw tuples (or lists of them, from process batches) on a `SimpleQueue`; they
never wait for the consumer. The consumer (the headless loop, or the UI once per frame) calls
`drain()`, which numbers the events in the order it received them, turns them into `Event`s and
hands them to every recorder before returning them. Nothing is ever dropped: coalescing, where it
happens, is the screen's business, never the log's.
"""

from __future__ import annotations

import queue
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol

from conc_tui.events import Event, RawEvent


class Recorder(Protocol):
    def write(self, events: list[Event]) -> None: ...
    def close(self) -> None: ...


class Poster(Protocol):
    """What a runner needs of a bus: a worker table to join and a queue to post on."""

    def register(self, name: str, model: str) -> int: ...

    @property
    def put(self) -> Callable[[RawEvent | list[RawEvent]], None]: ...

    def backlog(self) -> int:
        """How many items (events or batches) wait to be taken: producers slow down past a limit."""
        ...


# Backpressure. A producer far faster than its consumer must not grow memory without bound, and
# dropping is not allowed (the log and the counts are exact), so producers wait for room: a thread
# worker checks every CHECK_EVERY events, a reader of batches before each batch it passes on. Each
# wait gives up after GIVE_UP seconds, so a consumer that has stopped cannot hang a run forever.
EVENTS_HIGH: Final = 50_000  # single events queued before a worker waits (~8 MB)
BATCHES_HIGH: Final = 64  # batches queued before a reader waits (up to ~32k events)
CHECK_EVERY: Final = 1024  # a power of two: the check is a mask on a counter
GIVE_UP: Final = 5.0


def wait_for_room(backlog: Callable[[], int], high: int) -> None:
    """Block while `backlog()` is above `high`, until it is down to half of that."""
    if backlog() <= high:
        return
    deadline = time.monotonic() + GIVE_UP
    while backlog() > high // 2 and time.monotonic() < deadline:
        time.sleep(0.001)


@dataclass(slots=True)
class WorkerSlot:
    name: str
    model: str
    pid: int | None = None
    tid: int | None = None
    stepped: bool = False  # a step of it has been shown (coalescing keeps the first)


class EventBus:
    def __init__(self, run_id: str | None = None, t0: float | None = None) -> None:
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.t0 = time.monotonic() if t0 is None else t0
        self.slots: list[WorkerSlot] = []
        self.recorders: list[Recorder] = []
        self._queue: queue.SimpleQueue[RawEvent | list[RawEvent]] = queue.SimpleQueue()
        self._next_seq = 0
        self.received = 0  # events taken off the queue, all told
        self.skipped: dict[str, int] = {}  # per worker: steps the last drain left off its list

    def register(self, name: str, model: str) -> int:
        """Add a worker to the run's table; its slot number is what its raw events carry."""
        self.slots.append(WorkerSlot(name, model))
        return len(self.slots) - 1

    @property
    def put(self) -> Callable[[RawEvent | list[RawEvent]], None]:
        """The producers' whole API: post one raw event, or a list of them."""
        return self._queue.put

    def empty(self) -> bool:
        return self._queue.empty()

    def backlog(self) -> int:
        return self._queue.qsize()

    def drain(self, wait: float = 0.0, coalesce: float = 0.0) -> list[Event]:
        """Take everything queued now (waiting up to `wait` s for the first item) as events.

        Every event is numbered and handed to the recorders. With `coalesce` (seconds), the list
        returned is for a screen: of consecutive `step`s of one worker within one `coalesce`-wide
        slice of time, only the last is returned (a worker's first step always is), and how many
        were left out per worker is in `skipped`. Nothing else changes: the same buckets hold
        events, and the counts stay exact.
        """
        get = self._queue.get_nowait
        items: list[RawEvent | list[RawEvent]] = []
        try:
            items.append(self._queue.get(timeout=wait) if wait > 0 else get())
            while True:
                items.append(get())
        except queue.Empty:
            pass
        self.skipped = {}
        if not items:
            return []
        raws: list[RawEvent] = []
        for item in items:
            if type(item) is list:
                raws.extend(item)
            else:
                raws.append(item)  # type: ignore[arg-type]
        first = self._next_seq
        self._next_seq += len(raws)
        self.received += len(raws)
        if self.recorders or not coalesce:
            events = self._cook_all(first, raws)
            for recorder in self.recorders:
                recorder.write(events)
            if not coalesce:
                return events
            return [events[i] for i in self._shown(raws, coalesce)]
        cook = self._cook
        return [cook(first + i, raws[i]) for i in self._shown(raws, coalesce)]

    def _cook_all(self, first: int, raws: list[RawEvent]) -> list[Event]:
        events: list[Event] = []
        add, new, cook = events.append, _new_event, self._cook
        slots, run, t0 = self.slots, self.run_id, self.t0
        seq = first
        for raw in raws:
            t, slot_index, kind, value, extra = raw
            if kind == "step":  # by far the most common: the tuple, built in place
                slot = slots[slot_index]
                # To the microsecond; `round(x, 6)` costs ~0.4 us, a third of the whole event.
                t = int((t - t0) * 1e6 + 0.5) / 1e6 if t > t0 else 0.0
                add(new(Event, (seq, t, run, slot.name, slot.model, kind, value, extra,
                                slot.pid, slot.tid, None, None, None, None, None)))  # fmt: skip
            else:
                add(cook(seq, raw))
            seq += 1
        return events

    def _shown(self, raws: list[RawEvent], width: float) -> list[int]:
        """Indexes of the events a screen needs: see `drain(coalesce=...)`."""
        # Back to front: a step is left out when the one after it is a step of the same worker
        # in the same slice of time, so each slice keeps the last of a run of steps.
        hidden = [False] * len(raws)
        skipped: dict[int, int] = {}
        t0 = self.t0
        after_slot, after_slice = -1, -1
        for i in range(len(raws) - 1, -1, -1):
            t, slot, kind, _value, _extra = raws[i]
            if kind != "step":
                after_slot = -1
                continue
            # The same arithmetic as the event's own `t` and the timeline's bucket: no drift.
            time_slice = int((int((t - t0) * 1e6 + 0.5) / 1e6 if t > t0 else 0.0) / width)
            if slot == after_slot and time_slice == after_slice:
                hidden[i] = True
                skipped[slot] = skipped.get(slot, 0) + 1
            after_slot, after_slice = slot, time_slice
        slots = self.slots
        unstepped = {i for i, slot in enumerate(slots) if not slot.stepped}
        for i, raw in enumerate(raws if unstepped else ()):  # a first step is always shown
            if raw[2] == "step" and raw[1] in unstepped:
                unstepped.discard(raw[1])
                slots[raw[1]].stepped = True
                if hidden[i]:
                    hidden[i] = False
                    skipped[raw[1]] -= 1
                if not unstepped:
                    break
        self.skipped = {slots[s].name: n for s, n in skipped.items() if n}
        return [i for i, hide in enumerate(hidden) if not hide]

    def _cook(self, seq: int, raw: RawEvent) -> Event:
        t, slot_index, kind, value, extra = raw
        slot = self.slots[slot_index]
        t = int((t - self.t0) * 1e6 + 0.5) / 1e6 if t > self.t0 else 0.0
        total = status = exitcode = signal = text = cpu = None
        if kind == "step":
            total = extra
        elif kind == "start":
            slot.pid, slot.tid = extra
            value = None
        elif kind == "error":
            text, value = value, None
        elif kind == "finish":
            status, value = value, None
            exitcode, signal, text, cpu = extra
            cpu = None if cpu is None else round(cpu, 6)
        return Event(
            seq=seq,
            t=t,
            run=self.run_id,
            worker=slot.name,
            model=slot.model,
            kind=kind,
            value=value,
            total=total,
            pid=slot.pid,
            tid=slot.tid,
            status=status,
            exitcode=exitcode,
            signal=signal,
            text=text,
            cpu=cpu,
        )

    def close(self) -> None:
        for recorder in self.recorders:
            recorder.close()


_new_event = tuple.__new__
