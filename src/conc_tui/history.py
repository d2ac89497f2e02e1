"""Finish-order history: the order the workers finished in, run after run.

Nondeterminism is easier to see than to believe: run 1 ends A B, run 2 ends B A. The history keeps
the last few orders per experiment (a demo under a model) so the screen can show them side by side
and count how many different orders appeared. Core: no Textual.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Final

KEEP: Final = 8  # orders remembered per experiment
SHOWN_NAMES: Final = 6  # names of one order shown before "…"


class OrderHistory:
    def __init__(self, keep: int = KEEP) -> None:
        self._keep = keep
        self._orders: dict[str, deque[tuple[int, tuple[str, ...]]]] = {}
        self._count: dict[str, int] = {}

    def record(self, key: str, order: Sequence[str]) -> int:
        """Add one finished run's order under `key`; return its run number (from 1)."""
        number = self._count.get(key, 0) + 1
        self._count[key] = number
        self._orders.setdefault(key, deque(maxlen=self._keep)).append((number, tuple(order)))
        return number

    def runs(self, key: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """(run number, order) of the last `keep` runs under `key`, oldest first."""
        return tuple(self._orders.get(key, ()))

    def distinct(self, key: str) -> int:
        """How many different orders the remembered runs ended in."""
        return len({order for _number, order in self._orders.get(key, ())})

    def line(self, key: str) -> str:
        """One line for the screen: 'run 1: A B · run 2: B A   (2 orders in 2 runs)'."""
        runs = self.runs(key)
        if not runs:
            return "no finished run yet: press r to run again and compare the orders"
        parts = [f"run {number}: {_names(order)}" for number, order in runs]
        distinct = self.distinct(key)
        orders = "1 order" if distinct == 1 else f"{distinct} orders"
        runs_word = "1 run" if len(runs) == 1 else f"{len(runs)} runs"
        return f"{' · '.join(parts)}   ({orders} in {runs_word})"


def _names(order: tuple[str, ...]) -> str:
    if len(order) <= SHOWN_NAMES:
        return " ".join(order)
    return " ".join(order[:SHOWN_NAMES]) + f" …(+{len(order) - SHOWN_NAMES})"
