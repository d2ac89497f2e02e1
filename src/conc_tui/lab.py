"""The lab: run an experiment in a child process, so that the UI cannot perturb its timings.

Textual's rendering takes the GIL. A CPU-bound thread demo run in the UI's process is slowed by the
UI and slows it in turn (DESIGN.md, "Observer effect"). So the UI starts a `LabRunner`: one spawned
child ("the lab") builds the real runner there, and a forwarder thread streams its events back in
batches over a pipe. The lab's events are stamped in the lab on the system-wide monotonic clock, so
the times shown are the times the work took.

Cancelling sends a word on a control pipe (a thread in the lab obeys it: no signal handler, which
could deadlock on a lock the interrupted code holds); a lab that does not end in time is killed.
The lab exits by itself if the UI's process dies, and so do its own worker processes if it dies.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Final

from conc_tui.bus import BATCHES_HIGH, Poster, wait_for_room
from conc_tui.demos import Params
from conc_tui.events import EXITED, KILLED, RawEvent
from conc_tui.runners import Runner, make_runner
from conc_tui.runners.process_runner import STOP_GRACE, prepare, quiet_child
from conc_tui.work import Job

# The lab is forked by a fork server started before the UI lowers its own priority (see
# `prepare_lab`), so the lab and its workers keep the normal priority the UI gave up.
LAB_START_METHOD: Final = "forkserver"
UI_NICENESS: Final = 5
CANCEL_GRACE: Final = STOP_GRACE + 2.0  # the lab's own workers get STOP_GRACE to stop
FORWARD_EVERY: Final = 0.005  # seconds between the lab's sends while events flow
SEND_AT_MOST: Final = 2048  # events in one batch to the UI (a process worker's batch may add 512)
_CANCEL: Final = "cancel"


class _LabPoster:
    """The lab's end of the bus: the same slot numbers as the UI's bus, and a plain queue."""

    def __init__(self, first_slot: int) -> None:
        self._next = first_slot
        self.queue: queue.SimpleQueue[RawEvent | list[RawEvent]] = queue.SimpleQueue()

    def register(self, name: str, model: str) -> int:
        self._next += 1
        return self._next - 1

    @property
    def put(self) -> Callable[[RawEvent | list[RawEvent]], None]:
        return self.queue.put

    def backlog(self) -> int:
        return self.queue.qsize()

    def take(self, wait: float) -> list[RawEvent]:
        """Up to about SEND_AT_MOST events (waiting up to `wait` s for the first) as one batch.

        Batches have a size limit so that the UI's bound on queued batches bounds its memory.
        """
        batch: list[RawEvent] = []
        try:
            item = self.queue.get(timeout=wait)
            while True:
                if isinstance(item, list):
                    batch.extend(item)
                else:
                    batch.append(item)
                if len(batch) >= SEND_AT_MOST:
                    return batch
                item = self.queue.get_nowait()
        except queue.Empty:
            return batch


def prepare_lab(start_method: str, lower_priority: bool = False) -> None:
    """Before a UI runs: start multiprocessing's helpers for the lab and for the demo's workers
    (while stderr is still real: DESIGN.md's fds_to_keep pitfall), then, if asked, lower this
    process's priority. On two cores the UI's frames compete with the experiment for CPU; niced,
    the UI yields to it, and the times shown stay the times the work takes."""
    prepare(LAB_START_METHOD)
    if start_method != LAB_START_METHOD:
        prepare(start_method)
    if lower_priority:
        with contextlib.suppress(OSError):
            os.nice(UI_NICENESS)


def _lab_main(
    events: Connection, control: Connection, jobs: list[Job], model: str, params: Params, first: int
) -> None:
    quiet_child()
    try:
        _run_in_lab(events, control, jobs, model, params, first)
    except BaseException:
        # Its stderr goes nowhere: send the reason, so the UI can say why the run broke.
        events.send(("crashed", traceback.format_exc()))
        raise
    finally:
        events.close()


def _run_in_lab(
    events: Connection, control: Connection, jobs: list[Job], model: str, params: Params, first: int
) -> None:
    poster = _LabPoster(first)
    runner = make_runner(model, jobs, poster, params.start_method)
    threading.Thread(target=_obey, args=(control, runner), daemon=True).start()
    if params.switch_interval is not None:
        sys.setswitchinterval(params.switch_interval)
    runner.start()
    events.send(("started", runner.started_at))
    lag_sent = 0
    while True:
        done = runner.done  # read before taking: all it posted is then in the queue
        batch = poster.take(FORWARD_EVERY)
        if batch:
            events.send(batch)
        if len(runner.loop_lag) > lag_sent:
            lag = runner.loop_lag[lag_sent:]
            lag_sent += len(lag)
            events.send(("lag", lag))
        if done and not batch:
            break


def _obey(control: Connection, runner: Runner) -> None:
    with contextlib.suppress(EOFError, OSError):
        while (word := control.recv()) != _CANCEL:
            runner.cancel_worker(word)
    runner.cancel()  # a cancel, or the UI closed its end: either way, stop


class LabRunner(Runner):
    """A runner whose experiment runs in a lab process; the same API as every runner."""

    def __init__(self, jobs: Sequence[Job], model: str, params: Params, bus: Poster) -> None:
        self.model = model
        self.params = params  # the lab uses its start method and switch interval
        super().__init__(jobs, bus)
        self._control: Connection | None = None
        self._cancel_sent_at: float | None = None
        self._lock = threading.Lock()
        self._lab: BaseProcess
        self.crash_report: str | None = None  # the lab's traceback, if it broke

    def _supervise(self) -> None:
        context: Any = multiprocessing.get_context(LAB_START_METHOD)
        receive, send = context.Pipe(duplex=False)
        control_in, control_out = context.Pipe(duplex=False)
        lab = context.Process(
            target=_lab_main,
            args=(send, control_in, self.jobs, self.model, self.params, self.slots[0]),
            name="conc-tui-lab",
            daemon=False,  # a daemonic process may not have children; it exits with us anyway
        )
        lab.start()
        self._lab = lab
        send.close()
        control_in.close()
        with self._lock:
            self._control = control_out
            if self.cancelled.is_set():
                self._send_cancel()
            else:  # workers stopped before the lab was up
                for index, flag in enumerate(self.stop_flags):
                    if flag.is_set():
                        control_out.send(index)
        finished = self._forward(receive)
        lab.join()
        with self._lock:
            self._control = None
            control_out.close()
        receive.close()
        for slot in self.slots:
            if slot not in finished:
                if self.crash_report:
                    self.bus.put((time.monotonic(), slot, "error", self.crash_report, None))
                self.bus.put(_lab_death(slot, lab.exitcode))
        lab.close()

    def _forward(self, receive: Connection) -> set[int]:
        """Pass the lab's batches on until it closes its end; return the workers that finished."""
        put = self.bus.put
        finished: set[int] = set()
        while True:
            asked = self._cancel_sent_at
            if asked is not None and time.monotonic() > asked + CANCEL_GRACE:
                self._lab.kill()  # it ignored the cancel; its workers exit when it dies
            if not wait([receive], timeout=0.1):
                continue
            # Full downstream: leave the batch in the pipe; the lab's forwarder, then its workers,
            # wait for room in turn.
            wait_for_room(self.bus.backlog, BATCHES_HIGH)
            try:
                message = receive.recv()
            except (EOFError, OSError):
                return finished
            if isinstance(message, tuple):
                word, detail = message
                if word == "started":
                    self.started_at = detail
                elif word == "lag":
                    self.loop_lag.extend(detail)
                else:
                    self.crash_report = detail
                continue
            put(message)
            finished.update(raw[1] for raw in message if raw[2] == "finish")

    def _cancel_workers(self, indices: Iterable[int]) -> None:
        with self._lock:
            if self.cancelled.is_set():
                self._send_cancel()
            elif self._control is not None:
                for index in indices:
                    with contextlib.suppress(OSError):
                        self._control.send(index)

    def _send_cancel(self) -> None:
        if self._control is None or self._cancel_sent_at is not None:
            return
        self._cancel_sent_at = time.monotonic()
        with contextlib.suppress(OSError):
            self._control.send(_CANCEL)


def _lab_death(slot: int, exitcode: int | None) -> RawEvent:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return (
            time.monotonic(),
            slot,
            "finish",
            KILLED,
            (exitcode, name, f"the lab died ({name})", None),
        )
    text = f"the lab exited (code {exitcode})"
    return (time.monotonic(), slot, "finish", EXITED, (exitcode, None, text, None))
