"""Every key of the app, in one table: the bindings and the help screen are made from it."""

from __future__ import annotations

from typing import Final

from conc_tui.runners import MODELS

# The key that switches a run (or the picker) to each model, in the registry's order.
MODEL_KEYS: Final = {spec.key: spec.name for spec in MODELS.values()}
_KEYS: Final = " ".join(MODEL_KEYS)

# (key as shown, what it does, where it works)
HELP: Final = (
    ("↑ ↓  j k", "move through the demos", "picker"),
    ("enter", "run the highlighted demo", "picker"),
    ("1-9", "run demo number 1-9", "picker"),
    (_KEYS, f"choose the model: {', '.join(MODEL_KEYS.values())}", "picker"),
    ("ctrl+p", "command palette: type to find a demo and a model", "everywhere"),
    ("r", "run the demo again", "run"),
    (_KEYS, f"switch to {' / '.join(MODEL_KEYS.values())} and run again", "run"),
    ("space", "pause or resume the display (the run goes on)", "run"),
    ("z", "timeline: the whole run, or zoomed to 2 ms per cell", "run, compare"),
    ("[  ]", "zoomed timeline: look earlier / later", "run"),
    ("arrows tab", "select a worker (or click it)", "run"),
    ("enter", "details and traceback of the selected worker (or click it again)", "run"),
    ("k", "stop the selected worker; the others go on", "run"),
    ("o", "knobs: workers, delay, steps, yield-every, switch interval, start method", "run"),
    ("c", "compare: run the demo under every model, one after another", "run"),
    ("r", "compare: run every model again", "compare"),
    ("e", "compare: save the table as Markdown and CSV in the current folder", "compare"),
    ("l", "show or hide the event log", "run"),
    ("esc", "stop the run and go back to the picker", "run"),
    ("?", "this help", "everywhere"),
    ("q  ctrl+q", "quit (stops the run first)", "everywhere"),
)
