"""App-level messages: the ones more than one part of the UI sends."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from conc_tui.demos import Demo, Params


@dataclass
class DemoChosen(Message):
    """Someone asked to run `demo` (under `model`; None: the demo's own default)."""

    demo: Demo
    model: str | None = None


@dataclass
class CompareRequested(Message):
    """Someone asked to run `demo` under every model, one after another, and compare."""

    demo: Demo
    params: Params
