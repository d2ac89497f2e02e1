"""How busy the whole machine was during a run, so that a screen can say when it was not ours.

A run's times teach only if the machine was free: two processes cannot show "twice as fast" on two
cores while another program holds one of them. Linux counts every core's busy time in
`/proc/stat`; during a run, what the machine spent beyond our workers' own CPU time (and this
process's) was spent by other programs. Where `/proc/stat` is missing (macOS), nothing is claimed.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

STAT: Final = Path("/proc/stat")
TICKS: Final = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
# Above this many cores' worth of others' work, a run's times are not the machine's best.
BUSY_ELSEWHERE: Final = 0.25
SHORTEST: Final = 0.5  # seconds: a shorter run's share of 1/100 s ticks says too little


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def busy_seconds(stat: Path = STAT) -> float | None:
    """Seconds of CPU every core of the machine has spent busy since boot (None: not known)."""
    try:
        with stat.open() as file:
            fields = file.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    # user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
    ticks = [int(value) for value in fields[1:]]
    busy = sum(ticks) - ticks[3] - (ticks[4] if len(ticks) > 4 else 0)
    return busy / TICKS


@dataclass(frozen=True, slots=True)
class MachineSample:
    wall: float  # monotonic seconds
    busy: float  # the machine's busy CPU seconds
    own: float  # this process's CPU seconds


class MachineLoad:
    """Samples the machine at a run's start; `elsewhere()` then says how many cores other
    programs kept busy, on average, beside the run's own workers."""

    def __init__(self, stat: Path = STAT) -> None:
        self._stat = stat
        self._start = self._sample()

    def _sample(self) -> MachineSample | None:
        busy = busy_seconds(self._stat)
        if busy is None:
            return None
        return MachineSample(time.monotonic(), busy, time.process_time())

    def elsewhere(self, workers_cpu: float) -> float | None:
        """Cores other programs kept busy on average since the start (None: not known)."""
        start, end = self._start, self._sample()
        if start is None or end is None or end.wall - start.wall < SHORTEST:
            return None
        ours = workers_cpu + (end.own - start.own)
        return max(0.0, (end.busy - start.busy - ours) / (end.wall - start.wall))


def busy_note(elsewhere: float | None) -> str:
    """A sentence for the screen when other programs took a real share of the machine."""
    if elsewhere is None or elsewhere < BUSY_ELSEWHERE:
        return ""
    return (
        f"Meanwhile other programs kept {elsewhere:.2f} cores busy (of {cores()}): these times "
        "are not what a free machine gives."
    )
