"""ReplayScreen: the run screen, fed from a recorded log, with a clock the user controls.

It is `RunScreen` with three changes: space pauses the replay itself (not only the display), + and
- change the speed (shown in the footer, the speed in the subtitle), and the keys that would start
live runs (another model, the knobs, the compare view) are off. Each run of the log (see
`replay_source.split_groups`) plays in turn. Going back ends the replay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Final

from textual.binding import Binding, BindingType

from conc_tui.demos import Demo, Params
from conc_tui.feed.playback import ReplayRuns, ReplaySource
from conc_tui.feed.source import RunSource, SourceFactory
from conc_tui.ui.screens.run_screen import RunScreen

LIVE_ONLY: Final = frozenset({"switch_model", "knobs", "compare"})
SPEEDS: Final = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)


class ReplayScreen(RunScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "speed(1)", "Faster", key_display="+"),
        Binding("minus", "speed(-1)", "Slower", key_display="-"),
    ]

    def __init__(
        self,
        demo: Demo,
        runs: ReplayRuns,
        params: Params,
        open_source: SourceFactory,
        retire: Callable[[RunSource], None],
    ) -> None:
        super().__init__(demo, [g.model for g in runs.groups], params, open_source, retire)
        self.runs = runs

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The log holds what it holds: another model, other knobs or a comparison would each
        # start live runs, which a replay is not.
        return action not in LIVE_ONLY

    def start_run(self) -> None:
        self.runs.index = self.model_index
        super().start_run()
        if isinstance(self.source, ReplaySource):
            self.source.paused = self.paused
        self._show_speed()

    def _show_speed(self) -> None:
        group = self.runs.groups[self.model_index]
        where = f" · run {self.model_index + 1} of {len(self.runs.groups)}"
        several = where if len(self.runs.groups) > 1 else ""
        self.sub_title = f"{group.model}{several} · replay at {self.runs.speed:g}x"

    def action_toggle_pause(self) -> None:
        super().action_toggle_pause()
        if isinstance(self.source, ReplaySource):
            self.source.paused = self.paused

    def action_speed(self, direction: int) -> None:
        faster = [s for s in SPEEDS if s > self.runs.speed]
        slower = [s for s in SPEEDS if s < self.runs.speed]
        if direction > 0 and faster:
            self.runs.speed = faster[0]
        elif direction < 0 and slower:
            self.runs.speed = slower[-1]
        if isinstance(self.source, ReplaySource):
            self.source.speed = self.runs.speed
        self._show_speed()

    def action_back(self) -> None:
        self.app.exit()
