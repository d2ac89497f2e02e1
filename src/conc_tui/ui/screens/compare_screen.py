"""CompareScreen: one demo under every model, one after another, on one screen and one scale.

The models run in turn, not at once: on a machine with few cores, four runs at the same time would
compete for the CPU and every time would be wrong. Each run's numbers are its own (wall time from
its runner's start, CPU time from its workers' `finish`), and each stays on screen when the next
begins: a row in the table, a group of lanes in the timeline, all drawn on one time scale, so a
run twice as long draws twice as long. The asyncio run also shows its event-loop lag.

Like the run screen, it drains the current run once per frame, folds the batch into that model's
timeline, tally and lag statistics, and hands the widgets their new values in one batch update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from conc_tui.compare import compare_rows
from conc_tui.demos import Demo, Params
from conc_tui.errors import UserError
from conc_tui.explain import compare_conclusion
from conc_tui.export import save
from conc_tui.feed.fold import RunFold
from conc_tui.feed.source import RunSource, SourceFactory
from conc_tui.history import OrderHistory
from conc_tui.runners import ALL_MODELS, measures_lag
from conc_tui.timeline import TimelineFrame
from conc_tui.ui.widgets.compare_table import CompareTable
from conc_tui.ui.widgets.explanation_pane import ExplanationPane
from conc_tui.ui.widgets.lag_meter import LagMeter
from conc_tui.ui.widgets.timeline_view import TimelineView

FRAME: Final = 1 / 30
NEXT_AFTER: Final = 0.5  # seconds between one model's end and the next one's start: let it settle
# The compare view shows no panels, so its folds leave out the worker state.
COMPARED: Final = frozenset({"timeline", "tally", "lag"})
HOW: Final = (
    "One model after another, not all at once: on a few cores, runs side by side would compete "
    "for the CPU and distort every time. One time scale for all the lanes."
)


@dataclass(slots=True)
class _Turn:
    """One model's run within the comparison."""

    model: str
    source: RunSource
    fold: RunFold
    finished: bool = False
    # A finished run's lanes only change with the scale: (cells, span, fine) -> its frame.
    cached: tuple[tuple[int, float, bool], TimelineFrame] | None = None

    def now(self) -> float:
        return self.source.now()


class CompareScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rerun", "Run all again"),
        Binding("z", "toggle_zoom", "Zoom"),
        Binding("e", "export", "Export"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        demo: Demo,
        params: Params,
        open_source: SourceFactory,
        retire: Callable[[RunSource], None],
        history: OrderHistory | None = None,
        models: Sequence[str] = ALL_MODELS,
        frame: float = FRAME,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.params = params
        self.models = tuple(models)
        self._open_source = open_source
        self._retire = retire
        self.history = history if history is not None else OrderHistory()
        self._frame_seconds = frame
        self.turns: list[_Turn] = []
        self.fine = False
        self._next_timer: Timer | None = None
        self._timeline_cells = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(HOW, id="compare-how", markup=False)
        with Vertical(id="compare-body"):
            yield CompareTable(id="compare-table")
            yield LagMeter(id="compare-lag")
            yield TimelineView(id="compare-timeline")
        yield ExplanationPane(id="compare-explanation")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"conc-tui · {self.demo.title} · compare"
        self.query_one(CompareTable).models = self.models
        self.query_one(LagMeter).display = False
        explanation = self.query_one(ExplanationPane)
        explanation.watch_for = self.demo.watch_for
        explanation.conclusion_label = "Conclusion"
        self.set_interval(self._frame_seconds, self.frame)
        self.call_after_refresh(self.start_all)

    # Runs.

    @property
    def current(self) -> _Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def finished(self) -> bool:
        return len(self.turns) == len(self.models) and all(t.finished for t in self.turns)

    def start_all(self) -> None:
        self._stop_current()
        self.turns = []
        self.query_one(LagMeter).display = False
        self._start_next()

    def _start_next(self) -> None:
        self._next_timer = None
        model = self.models[len(self.turns)]
        source = self._open_source(self.demo, model, self.params)
        source.start()
        self.turns.append(
            _Turn(
                model,
                source,
                RunFold(source, parts=COMPARED),
            )
        )
        self.sub_title = f"{model}: model {len(self.turns)} of {len(self.models)}"
        if measures_lag(model):
            meter = self.query_one(LagMeter)
            meter.display = True
            meter.summary = None
            meter.yield_every = self.params.yield_every if "yield_every" in self.demo.uses else None
        self.frame()

    def _stop_current(self) -> None:
        if self._next_timer is not None:
            self._next_timer.stop()
            self._next_timer = None
        turn = self.current
        if turn is not None and not turn.finished:
            turn.finished = True
            self._retire(turn.source)

    def on_unmount(self) -> None:
        self._stop_current()

    # The frame.

    def frame(self) -> None:
        turn = self.current
        if turn is None:
            return
        view = self.query_one(TimelineView)
        if turn.finished and view.cells == self._timeline_cells:
            return
        if not turn.finished:
            turn.fold.drain()
        self._show()
        if not turn.finished and turn.source.done and turn.fold.result(turn.now()).finished:
            self._turn_over(turn)

    def _show(self) -> None:
        results = [t.fold.result(t.now()) for t in self.turns]
        rows = compare_rows(results)
        view = self.query_one(TimelineView)
        self._timeline_cells = view.cells
        span = max((t.fold.timeline.span(t.now()) for t in self.turns), default=0.0)
        frames = [self._frame_of(t, view.cells, span) for t in self.turns]
        with self.app.batch_update():
            self.query_one(CompareTable).rows = tuple(rows)
            view.frame = _merged(self.turns, frames)
            asyncio_turn = next((t for t in self.turns if measures_lag(t.model)), None)
            if asyncio_turn is not None:
                self.query_one(LagMeter).summary = asyncio_turn.fold.lag.summary()

    def _frame_of(self, turn: _Turn, cells: int, span: float) -> TimelineFrame:
        key = (cells, span, self.fine)
        if turn.finished and turn.cached is not None and turn.cached[0] == key:
            return turn.cached[1]
        frame = turn.fold.timeline.frame(turn.now(), cells, self.fine, span)
        if turn.finished:
            turn.cached = (key, frame)
        return frame

    def _turn_over(self, turn: _Turn) -> None:
        turn.finished = True
        result = turn.fold.result(turn.now())
        self.history.record(self._history_key(turn.model), result.order)
        self._retire(turn.source)  # over already: the app only reaps it
        explanation = self.query_one(ExplanationPane)
        results = [t.fold.result(t.now()) for t in self.turns]
        explanation.conclusion = compare_conclusion(self.demo, compare_rows(results))
        explanation.history = self._history_line()
        if len(self.turns) < len(self.models):
            self._next_timer = self.set_timer(NEXT_AFTER, self._start_next)
        else:
            self.sub_title = f"all {len(self.models)} models finished"

    def _history_key(self, model: str) -> str:
        return f"{self.demo.id} {model} ({self.demo.settings(self.params)})"

    def _history_line(self) -> str:
        parts = []
        for model in self.models:
            runs = self.history.runs(self._history_key(model))
            if runs:
                orders = " / ".join(" ".join(order) for _n, order in runs[-3:])
                parts.append(f"{model}: {orders}")
        return " · ".join(parts) + "   (last runs of each, oldest first)" if parts else ""

    # Keys.

    def action_rerun(self) -> None:
        self.start_all()

    def action_toggle_zoom(self) -> None:
        self.fine = not self.fine
        self.query_one(TimelineView).zoom_hint = "z: whole run" if self.fine else "z: zoom"
        self._show()

    def action_export(self) -> None:
        """Write the table as Markdown and CSV in the current folder, and say where."""
        rows = compare_rows([t.fold.result(t.now()) for t in self.turns])
        if not rows:
            self.notify("nothing to export yet: no model has run", severity="warning")
            return
        title = f"## {self.demo.id}: {', '.join(t.model for t in self.turns)}"
        try:
            paths = save(rows, Path.cwd(), f"conc-tui-{self.demo.id}-compare", title)
        except (UserError, OSError) as exc:
            self.notify(f"could not export the table: {exc}", severity="error")
            return
        self.notify(f"saved {paths[0]} and {paths[1].name}", title="Compare table")

    def action_back(self) -> None:
        self.dismiss()


def _merged(turns: Sequence[_Turn], frames: Sequence[TimelineFrame]) -> TimelineFrame:
    """Every model's lanes in one frame, named 'thread A', on the first frame's scale."""
    names: list[str] = []
    lanes: list[bytes] = []
    for turn, frame in zip(turns, frames, strict=True):
        names.extend(f"{turn.model} {name}" for name in frame.names)
        lanes.extend(frame.lanes)
    first = frames[0] if frames else None
    return TimelineFrame(
        names=tuple(names),
        lanes=tuple(lanes),
        start=first.start if first else 0.0,
        cell=first.cell if first else 0.0,
        fine=first.fine if first else False,
    )
