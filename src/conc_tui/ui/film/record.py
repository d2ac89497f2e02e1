"""`conc-tui record DEMO|tour -o FILE.cast`: film the app driving itself, with no terminal.

The app runs with `cast_driver` (every frame goes to the cast, nothing to a terminal, no keys read),
under `AutopilotApp` with a script: `film_run` for a demo (start, run to the end, hold the final
screen, exit), `tour` for the tour. The demos run for real, in the lab process, as in the live app.
Colours are truecolor whatever the environment says: the cast is played on another terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.color import ColorSystem

from conc_tui.cast import CastWriter
from conc_tui.demos import Demo, Params
from conc_tui.feed.live import live_runs
from conc_tui.feed.source import SourceFactory
from conc_tui.lab import prepare_lab
from conc_tui.ui.film.autopilot import RUN_DEADLINE, AutopilotApp, Script, film_run
from conc_tui.ui.film.recording_driver import cast_driver
from conc_tui.ui.film.tour import tour


def record_cast(
    path: Path,
    size: tuple[int, int],
    demo: Demo | None,
    models: Sequence[str] = (),
    params: Params | None = None,
    *,
    factory: SourceFactory | None = None,
    run_deadline: float = RUN_DEADLINE,
    pace: float = 1.0,
    script: Script | None = None,
) -> int:
    """Record `demo` (or, with `demo=None`, the tour) into `path`; 0 when the cast is written."""
    if factory is None:
        # The lab's and the workers' helpers start while stderr is still the real one.
        prepare_lab(params.start_method if params is not None else "spawn")
        factory = live_runs()
    title = f"conc-tui {demo.id}" if demo is not None else "conc-tui tour"
    writer = CastWriter(path, *size, title=title)
    if script is None:
        script = film_run if demo is not None else tour
    app = AutopilotApp(factory, script, demo, models, params, run_deadline=run_deadline, pace=pace)
    app.driver_class = cast_driver(writer)
    app.animation_level = "none"  # frames are recorded, not watched: no half-way pictures
    app.console._color_system = ColorSystem.TRUECOLOR
    try:
        app.run(size=size)
    except BaseException:
        writer.abort()
        raise
    code = app.return_code or 0
    if app.failure is not None or code != 0:
        writer.abort()
        reason = app.failure or f"the app stopped with code {code}"
        print(f"conc-tui record: error: {reason}; no cast written", file=sys.stderr)
        return code or 1
    writer.close()
    return 0
