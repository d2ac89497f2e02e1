"""`conc-tui replay FILE.jsonl [--speed X]`: the app, showing a recorded log instead of a live run.

The log was read and checked before this module is imported (`conc_tui.replay.load_log`: a bad
file is one line on stderr, and the screen is never taken). The app is the ordinary one with its
run screen swapped for `ReplayScreen` and its run source for the log's runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from conc_tui.demos import Demo
from conc_tui.feed.playback import ReplayRuns, replay_demo, split_groups
from conc_tui.replay import EventLog
from conc_tui.ui.app import ConcTuiApp
from conc_tui.ui.screens.replay_screen import ReplayScreen


class ReplayApp(ConcTuiApp):
    def __init__(self, log: EventLog, speed: float = 1.0, handle_signals: bool = False) -> None:
        groups = split_groups(log.events)
        self.replay_runs = ReplayRuns(groups, speed)
        demo = replay_demo(log, groups)
        models = [g.model for g in groups]
        super().__init__(self.replay_runs, demo, models, demo.params(), handle_signals)
        self.sub_title = f"replay of {log.path}"

    def _run(self, demo: Demo, models: Sequence[str]) -> None:
        params = demo.params()
        self.push_screen(ReplayScreen(demo, self.replay_runs, params, self.open_run, self.retire))


def replay_tui(log: EventLog, speed: float) -> int:
    app = ReplayApp(log, speed, handle_signals=True)
    app.run()
    return app.return_code or 0
