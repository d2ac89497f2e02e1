"""Every key of the app, in one table: the bindings and the help screen are made from it."""

from __future__ import annotations

from typing import Final

from conc_tui.runners import MODELS

# The key that switches a run (or the picker) to each model, in the registry's order.
MODEL_KEYS: Final = {spec.key: spec.name for spec in MODELS.values()}

# (key as shown, what it does, where it works)
HELP: Final = (
    ("↑ ↓  j k", "move through the demos", "picker"),
    ("enter", "run the highlighted demo", "picker"),
    ("1-9", "run demo number 1-9", "picker"),
    ("t p a s", "choose the model: thread, process, asyncio, sequential", "picker"),
    ("ctrl+p", "command palette: type to find a demo and a model", "everywhere"),
    ("r", "run the demo again", "run"),
    ("t p a s", "switch to thread / process / asyncio / sequential and run again", "run"),
    ("space", "pause or resume the display (the run goes on)", "run"),
    ("z", "timeline: the whole run, or zoomed to 2 ms per cell", "run, compare"),
    ("[  ]", "zoomed timeline: look earlier / later", "run"),
    ("arrows tab", "select a worker (or click it)", "run"),
    ("enter", "details and traceback of the selected worker (or click it again)", "run"),
    ("k", "stop the selected worker; the others go on", "run"),
    ("o", "knobs: workers, delay, steps, yield-every, switch interval, start method", "run"),
    ("c", "compare: run the demo under every model, one after another", "run"),
    ("r", "compare: run every model again", "compare"),
    ("l", "show or hide the event log", "run"),
    ("esc", "stop the run and go back to the picker", "run"),
    ("?", "this help", "everywhere"),
    ("q  ctrl+q", "quit (stops the run first)", "everywhere"),
)
