"""The process model: one child process per job, with an explicit start method.

Each child gets the write end of its own pipe and sends its events in batches (see
`reporting.BatchReporter`). The supervisor thread waits on every pipe *and* every process sentinel
at once, so it forwards batches as they come and notices a child that died without a word: that
worker's `finish` then carries the exit code or the signal.

A child never writes to the terminal (its fds 1 and 2 go to /dev/null: the UI draws there) and
exits by itself if its parent dies. A stop is asked for on a control pipe, which a thread in the
child turns into a cancel (no signal handler: one that sets an Event can deadlock on the Event's
own lock); a child that ignores it gets SIGTERM after a grace period, then SIGKILL.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Final

from conc_tui.bus import BATCHES_HIGH, Poster, wait_for_room
from conc_tui.drive import drive_sync
from conc_tui.events import CANCELLED, EXITED, KILLED, TIMEOUT
from conc_tui.reporting import BatchReporter
from conc_tui.runners.base import Runner
from conc_tui.work import Crash, Job

START_METHODS: Final = ("spawn", "forkserver", "fork")
DEFAULT_START_METHOD: Final = "spawn"
STOP_GRACE: Final = 1.0  # seconds between asking a child to stop, SIGTERM, and SIGKILL


def prepare(start_method: str = DEFAULT_START_METHOD) -> None:
    """Start multiprocessing's helpers while fds 0-2 are still the real ones.

    Inside a running Textual app `sys.stderr` has no file descriptor, and the first spawn or
    forkserver start would fail with "bad value(s) in fds_to_keep". Call this before the app runs.
    """
    if start_method == "fork":
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    if start_method == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def quiet_child() -> None:
    """Make a fresh child process safe beside a terminal UI.

    Its fds 1 and 2 go to /dev/null (the UI draws on them), Ctrl+C is left to the parent (which
    cancels in order), and it exits at once if its parent dies.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _child_main(conn: Connection, control: Connection, slot: int, job: Job) -> None:
    quiet_child()
    cancel = threading.Event()
    reason = [CANCELLED]  # what the parent said when it asked this worker to stop
    threading.Thread(target=_obey_stop, args=(control, cancel, reason), daemon=True).start()
    report = BatchReporter(conn, slot)
    try:
        drive_sync(job, report, cancel, "process", crash=_crash, stopped_as=lambda: reason[0])
    finally:
        report.close()
        conn.close()


def _exit_with_parent(parent: BaseProcess) -> None:
    wait([parent.sentinel])
    os._exit(1)


def _obey_stop(control: Connection, cancel: threading.Event, reason: list[str]) -> None:
    with contextlib.suppress(EOFError, OSError):
        said = control.recv_bytes().decode("ascii", "replace")
        if said in (CANCELLED, TIMEOUT):
            reason[0] = said
    cancel.set()  # asked to stop, or the parent closed its end


def _crash(request: Crash) -> None:
    if request.signal is not None:
        os.kill(os.getpid(), request.signal)
        time.sleep(1)  # a signal that does not kill at once (never for SIGKILL)
    os._exit(1 if request.exitcode is None else request.exitcode)


class ProcessRunner(Runner):
    model = "process"

    def __init__(
        self, jobs: Sequence[Job], bus: Poster, start_method: str = DEFAULT_START_METHOD
    ) -> None:
        super().__init__(jobs, bus)
        self.start_method = start_method
        self._context: Any = multiprocessing.get_context(start_method)
        self._processes: dict[int, BaseProcess] = {}  # worker index -> its process
        self._lock = threading.Lock()
        self._stop_reason: dict[int, str] = {}  # worker index -> status it was stopped with
        self._stop_asked: dict[int, float] = {}  # worker index -> when it was asked to stop
        self._controls: dict[int, Connection] = {}  # worker index -> its control pipe
        self._processes_closed = False

    def _supervise(self) -> None:
        put = self.bus.put
        readers: dict[Connection, int] = {}
        with self._lock:
            for index, (job, slot) in enumerate(zip(self.jobs, self.slots, strict=True)):
                if self.stop_flags[index].is_set():
                    put(_finish(slot, CANCELLED, None, None, "cancelled before it started"))
                    continue
                receive, send = self._context.Pipe(duplex=False)
                control_in, control_out = self._context.Pipe(duplex=False)
                process = self._context.Process(
                    target=_child_main,
                    args=(send, control_in, slot, job),
                    name=f"conc-tui-{job.name}",
                    daemon=True,
                )
                process.start()
                send.close()
                control_in.close()
                self._processes[index] = process
                self._controls[index] = control_out
                readers[receive] = index
        started = time.monotonic()
        pipes = {conn: index for conn, index in readers.items()}
        running = {p.sentinel: i for i, p in self._processes.items()}
        finished: set[int] = set()  # workers whose finish has been posted
        while pipes or running:
            for ready in wait([*pipes, *running], timeout=0.05):
                if isinstance(ready, Connection):
                    # Full downstream: leave the batch in the pipe, where the child waits for room.
                    wait_for_room(self.bus.backlog, BATCHES_HIGH)
                    try:
                        batch = ready.recv()
                    except (EOFError, OSError):
                        del pipes[ready]
                        ready.close()
                        continue
                    put(batch)
                    if batch and batch[-1][2] == "finish":
                        finished.add(pipes[ready])
                else:
                    del running[ready]  # type: ignore[arg-type]
            silent = set(self._processes) - finished
            silent -= set(pipes.values()) | set(running.values())
            for index in sorted(silent):  # ended, pipe read to the end, and no finish
                finished.add(index)
                put(self._death_notice(index))
            self._enforce(started, set(running.values()))
        with self._lock:
            for index, process in self._processes.items():
                _reap(process)
                with contextlib.suppress(ValueError):  # not reaped: see _reap
                    process.close()
                self._controls[index].close()
            self._processes_closed = True

    def _death_notice(self, index: int) -> tuple[float, int, str, object, object]:
        code = _reap(self._processes[index])
        status = self._stop_reason.get(index)
        signal_name = None
        if code is not None and code < 0:
            signal_name = signal.Signals(-code).name
            text = signal_name
            status = status or KILLED
        else:
            text = f"exit code {code}"
            status = status or EXITED
        return _finish(self.slots[index], status, code, signal_name, text)

    def _enforce(self, started: float, running: set[int]) -> None:
        """Stop what runs past its deadline; kill what ignores a stop."""
        now = time.monotonic()
        with self._lock:
            for index in running:
                process, job = self._processes[index], self.jobs[index]
                asked = self._stop_asked.get(index)
                if asked is None:
                    late = job.deadline is not None and now - started > job.deadline + STOP_GRACE
                    if late:
                        self._stop(index, TIMEOUT)
                    continue
                with contextlib.suppress(OSError, ValueError):
                    if now - asked > 2 * STOP_GRACE:
                        process.kill()
                    elif now - asked > STOP_GRACE:
                        process.terminate()

    def _stop(self, index: int, reason: str) -> None:
        self._stop_reason.setdefault(index, reason)
        if index in self._stop_asked:
            return
        self._stop_asked[index] = time.monotonic()
        with contextlib.suppress(OSError):
            self._controls[index].send_bytes(reason.encode("ascii"))

    def _cancel_workers(self, indices: Iterable[int]) -> None:
        with self._lock:
            if self._processes_closed:
                return
            for index in indices:
                process = self._processes.get(index)
                if process is not None and process.exitcode is None:
                    self._stop(index, CANCELLED)


def _reap(process: BaseProcess) -> int | None:
    """Wait for a child that is ending and return its exit code.

    Its sentinel closes a moment before it can be reaped, and if another thread reaps it first
    (`multiprocessing.active_children()` polls every child), `join()` returns with no exit code
    until that thread has stored it: so wait for the code itself, briefly.
    """
    process.join(timeout=5)
    deadline = time.monotonic() + 1.0
    while process.exitcode is None and time.monotonic() < deadline:
        process.join(timeout=0.01)
    return process.exitcode


def _finish(
    slot: int, status: str, exitcode: int | None, signal_name: str | None, text: str | None
) -> tuple[float, int, str, object, object]:
    return (time.monotonic(), slot, "finish", status, (exitcode, signal_name, text, None))
