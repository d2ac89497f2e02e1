"""What the core tests share: run a runner to its end, wait on the bus, tell a process is gone.

Public (in `conc_tui.testing`), so that every test folder imports it the same way.
Every wait here is on a condition (`Runner.join(timeout)`, a poll with a deadline), never a fixed
sleep; the timeouts are only there so that a bug fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from conc_tui.bus import EventBus
from conc_tui.events import Event
from conc_tui.runners import Runner

JOIN_TIMEOUT = 30.0  # generous: a runner that needs it is broken, not slow


def run_to_end(runner: Runner, bus: EventBus) -> list[Event]:
    """Start `runner`, wait for it to end and return every event it posted, in bus order."""
    runner.start()
    assert runner.join(JOIN_TIMEOUT), "the runner did not end"
    assert runner.done
    return bus.drain()


def drain_until(
    bus: EventBus, seen: list[Event], condition: Callable[[list[Event]], bool], timeout: float = 20
) -> None:
    """Drain `bus` into `seen` until `condition(seen)` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition(seen):
        assert time.monotonic() < deadline, "timed out waiting on the bus"
        seen.extend(bus.drain(wait=0.02))


def pid_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie still answers kill(0); it is no longer running.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
