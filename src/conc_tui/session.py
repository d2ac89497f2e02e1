"""Where a run's experiment happens: the one call the UI makes to start a demo under a model.

`open_run` returns a started-or-startable runner (`start`, `cancel`, `join`, `done`) that posts on
the caller's bus. The UI calls this and nothing lower, so where the experiment runs (here, or in a
lab process the UI cannot perturb: DESIGN.md, "Observer effect") is decided in this one place.
"""

from __future__ import annotations

from conc_tui.bus import EventBus
from conc_tui.demos import Demo, Params
from conc_tui.runners import Runner, make_runner


def open_run(demo: Demo, model: str, params: Params, bus: EventBus) -> Runner:
    return make_runner(model, demo.jobs(params), bus, params.start_method)
