"""A demo's parameters, their limits, and the one check that the command line and the knobs share.

Every number a user can give (on the command line or in the knobs screen) is checked here, against
the same limits, so the two can never disagree. The most workers a run may have depends on its
models; callers pass that limit in (see `conc_tui.runners.worker_limit`), so demos need not know
how they are scheduled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from conc_tui.units import number

OPTIONS: Final = (
    "workers",
    "delay",
    "steps",
    "yield_every",
    "seed",
    "start_method",
    "switch_interval",
)
ALWAYS_USED: Final = frozenset(
    {"start_method", "switch_interval"}
)  # by every demo that has threads

# (lowest, highest) of each number; `workers` is bounded by the models too (see `problem`).
LIMITS: Final[dict[str, tuple[float, float]]] = {
    "workers": (1, 10_000),
    "delay": (0.0, 60.0),
    "steps": (1, 10_000_000),
    "yield_every": (0, 1_000_000_000),
    "seed": (0, 2**32 - 1),
    "switch_interval": (0.0001, 1.0),
}


@dataclass(frozen=True, slots=True)
class Params:
    """The demo options of the command line, each set (to the demo's default if not given)."""

    workers: int = 2
    delay: float = 0.5
    steps: int = 5
    yield_every: int = 100_000
    seed: int = 0
    start_method: str = "spawn"
    switch_interval: float | None = None  # sys.setswitchinterval where the run happens; None: as is


def problem(
    name: str, value: float, max_workers: int | None = None, limited_by: str = ""
) -> str | None:
    """What is wrong with `value` for option `name` ('must be from 1 to 64 for process, not 100'),
    or None. `max_workers` is the models' limit on workers and `limited_by` names those models.

    The caller names the option the way its user knows it (`--workers`, or the knob's label).
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    low, high = LIMITS[name]
    if name == "workers" and max_workers is not None:
        high = min(high, max_workers)
    if not low <= value <= high:
        which = f" for {limited_by}" if name == "workers" and limited_by else ""
        return f"must be from {number(low)} to {number(high)}{which}, not {number(value)}"
    return None
