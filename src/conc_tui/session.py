"""Where a run's experiment happens: the one call the UI makes to start a demo under a model.

`open_run` returns a runner (`start`, `cancel`, `join`, `done`, `started_at`) that posts on the
caller's bus. By default the experiment runs in a lab process (see `conc_tui.lab`), where the UI's
own rendering cannot take the GIL from it (DESIGN.md, "Observer effect"); `isolated=False` runs it
in this process, as `conc-tui run` does.
"""

from __future__ import annotations

from conc_tui.bus import Poster
from conc_tui.demos import Demo, Params
from conc_tui.lab import LabRunner
from conc_tui.runners import Runner, make_runner


def open_run(
    demo: Demo, model: str, params: Params, bus: Poster, *, isolated: bool = True
) -> Runner:
    if isolated:
        return LabRunner(demo.jobs(params), model, params, bus)
    return make_runner(model, demo.jobs(params), bus, params.start_method)
