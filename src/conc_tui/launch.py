"""Start the live TUI from the command line: `conc-tui [DEMO] [--model M|all] [--events FILE]
[--trace FILE] [--record FILE.cast]`.

Everything that must happen before Textual takes the terminal happens here: multiprocessing's
helpers start while stderr is still a real file (the fds_to_keep pitfall in DESIGN.md), and the
`--events` / `--trace` recorders and the `--record` cast are opened so a bad path fails before the
screen is drawn.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from typing import Final

from conc_tui.bus import Recorder
from conc_tui.cast import CastWriter
from conc_tui.demos import Demo, Params
from conc_tui.errors import UsageError
from conc_tui.lab import prepare_lab
from conc_tui.recording import JsonlRecorder
from conc_tui.trace import TraceRecorder

PROG: Final = "conc-tui"


def _require_terminal() -> None:
    """Refuse at once without a terminal: keys come from stdin, Textual draws on stderr."""
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        raise UsageError(
            "the TUI needs a terminal (stdin and stderr are not both one); for plain text try "
            "`conc-tui run DEMO`, for a screencast `conc-tui record DEMO -o FILE.cast`"
        )


def _refuse_outputs(args: argparse.Namespace) -> None:
    """A browser tab must not make the server write files (`conc-tui serve` never asks to)."""
    for option in ("events", "trace", "record"):
        if getattr(args, option, None):
            raise UsageError(f"--{option} is off in a served app: it would write on the server")


def launch_tui(
    demo: Demo | None, models: list[str], params: Params, args: argparse.Namespace
) -> int:
    from conc_tui.ui.web.driver import divert_stdout, served, served_driver

    protocol_fd = None
    if served():  # a browser tab's app under `conc-tui serve`: no terminal, by design
        _refuse_outputs(args)
        protocol_fd = divert_stdout()  # before any helper process inherits fd 1
    else:
        _require_terminal()
    start_method = getattr(args, "start_method", None) or params.start_method
    prepare_lab(start_method, lower_priority=True)
    recorders: list[JsonlRecorder | TraceRecorder] = []
    outputs: list[JsonlRecorder | TraceRecorder | CastWriter] = []
    try:  # every output file is opened before the screen is drawn: a bad path is one line
        if getattr(args, "events", None):
            recorders.append(JsonlRecorder(args.events))
        if getattr(args, "trace", None):
            recorders.append(TraceRecorder(args.trace))
        outputs.extend(recorders)
        if getattr(args, "record", None):
            outputs.append(CastWriter(args.record, *shutil.get_terminal_size(), title=PROG))
    except BaseException:
        for output in outputs or recorders:
            output.abort()
        raise
    from conc_tui.feed.live import live_runs
    from conc_tui.ui.app import ConcTuiApp
    from conc_tui.ui.film.recording_driver import tee_driver

    shared: Sequence[Recorder] = recorders
    app = ConcTuiApp(
        live_runs(shared),
        demo,
        models,
        params,
        handle_signals=protocol_fd is None,  # the web driver turns signals into an exit itself
        on_hangup=lambda: _close_all(outputs),
    )
    if protocol_fd is not None:
        app.driver_class = served_driver(protocol_fd)
    for output in outputs:
        if isinstance(output, CastWriter):  # --record: what the terminal gets, the cast gets
            app.driver_class = tee_driver(output)
    try:
        app.run()
    except BaseException:
        for output in outputs:
            output.abort()
        raise
    for output in outputs:
        output.close()
    return app.return_code or 0


def _close_all(outputs: Sequence[JsonlRecorder | TraceRecorder | CastWriter]) -> None:
    for output in outputs:
        output.close()
