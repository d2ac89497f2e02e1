"""Start the live TUI from the command line: `conc-tui [DEMO] [--model M|all] [--events FILE]`.

Everything that must happen before Textual takes the terminal happens here: multiprocessing's
helpers start while stderr is still a real file (the fds_to_keep pitfall in DESIGN.md), and the
`--events` recorder is opened so a bad path fails before the screen is drawn.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from conc_tui.bus import Recorder
from conc_tui.demos import Demo, Params
from conc_tui.recording import JsonlRecorder
from conc_tui.runners.process_runner import prepare


def launch_tui(
    demo: Demo | None, models: list[str], params: Params, args: argparse.Namespace
) -> int:
    prepare("spawn")  # the lab process that runs every experiment is spawned
    start_method = getattr(args, "start_method", None) or params.start_method
    if start_method != "spawn":
        prepare(start_method)
    events_path = getattr(args, "events", None)
    recorders: list[JsonlRecorder] = [JsonlRecorder(events_path)] if events_path else []
    from conc_tui.ui.app import ConcTuiApp
    from conc_tui.ui.run_source import live_runs

    shared: Sequence[Recorder] = recorders
    app = ConcTuiApp(live_runs(shared), demo, models, params, handle_signals=True)
    try:
        app.run()
    except BaseException:
        for recorder in recorders:
            recorder.abort()
        raise
    for recorder in recorders:
        recorder.close()
    return app.return_code or 0
