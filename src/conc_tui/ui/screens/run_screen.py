"""RunScreen: one run of one demo, live: a panel per worker, a summary bar, the timeline of every
worker, the event-loop lag (asyncio), an explanation with this run's numbers, an optional event log.

Once per frame the screen drains its run source (one call, however many events are waiting), folds
the batch into `RunState`, and hands one frozen snapshot to its widgets inside `batch_update()`.
Pausing stops only the hand-over: the run goes on and its state keeps up, so resuming shows now.
The timeline, the tally behind the explanation and the lag statistics fold the same batch.

The screen never starts a run itself: `open_source` (from the app) opens one, and a run it leaves
behind (rerun, model switch, going back) is handed to `retire`, which stops it off the screen.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header

from conc_tui.compare import ModelResult
from conc_tui.demos import Demo, Params
from conc_tui.events import Event
from conc_tui.explain import conclusion
from conc_tui.feed.fold import RunFold
from conc_tui.feed.source import RunSource, SourceFactory
from conc_tui.history import OrderHistory
from conc_tui.runners import MODELS, baseline, measures_lag, worker_limit
from conc_tui.state import RunSnapshot
from conc_tui.ui.messages import CompareRequested
from conc_tui.ui.render.keys import MODEL_KEYS
from conc_tui.ui.screens.knobs_screen import KnobsScreen
from conc_tui.ui.screens.worker_detail_screen import WorkerDetailScreen
from conc_tui.ui.widgets.event_log import EventLog
from conc_tui.ui.widgets.explanation_pane import ExplanationPane
from conc_tui.ui.widgets.lag_meter import LagMeter
from conc_tui.ui.widgets.summary_bar import SummaryBar
from conc_tui.ui.widgets.timeline_view import TimelineView
from conc_tui.ui.widgets.worker_lanes import WorkerLanes

# 30 frames a second, below the 50 of DESIGN.md's target, on purpose: on two cores each frame's CPU
# is taken from the experiment (16 workers at 10k events/s: 30 fps cost 30% of a core, 59 fps 47%),
# and at 50 Hz a Pilot test never finds the app idle, so every key press waits out its timeout.
FRAME: Final = 1 / 30  # seconds between drains
# The whole-run timeline moves by a cell every few frames at most: redrawing it every frame cost
# a fifth of the UI thread. Zoomed in (a bucket per cell) it scrolls, and is redrawn every frame.
TIMELINE_EVERY: Final = 0.1
LOG_BACKLOG: Final = 5000  # events kept for the log pane while the display is paused
NEXT_MODEL_AFTER: Final = 1.5  # seconds a finished run stays up before the next model starts


MODEL_GROUP: Final = Binding.Group("Model")


class RunScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rerun", "Rerun"),
        *(
            # One footer entry for the four: the footer has room for the worker keys too.
            Binding(key, f"switch_model('{model}')", model.capitalize(), group=MODEL_GROUP)
            for key, model in MODEL_KEYS.items()
        ),
        Binding("space", "toggle_pause", "Pause"),
        Binding("z", "toggle_zoom", "Zoom"),
        Binding("left_square_bracket", "pan(-1)", "Earlier", show=False),
        Binding("right_square_bracket", "pan(1)", "Later", show=False),
        Binding("k", "stop_worker", "Stop"),
        Binding("o", "knobs", "Knobs"),
        Binding("c", "compare", "Compare"),
        Binding("l", "toggle_log", "Log"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        demo: Demo,
        models: Sequence[str],
        params: Params,
        open_source: SourceFactory,
        retire: Callable[[RunSource], None],
        frame: float = FRAME,
        history: OrderHistory | None = None,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.models = list(models)
        self.params = params
        self._open_source = open_source
        self._retire = retire
        self._frame_seconds = frame
        self.model_index = 0
        self.source: RunSource | None = None
        self.fold: RunFold | None = None
        self.paused = False
        self._shown_final = False
        self._next_timer: Timer | None = None
        # Events not yet in the log pane (it freezes with the display while paused).
        self._unlogged: deque[Event] = deque(maxlen=LOG_BACKLOG)
        self.history = history if history is not None else OrderHistory()
        self.fine = False  # the timeline zoomed in to one bucket per cell
        self.fine_until: float | None = None  # where the zoomed timeline ends (None: now)
        self._timeline_cells = 0
        self._timeline_at = -TIMELINE_EVERY  # run seconds when the timeline was last drawn
        # The last finished run of each (model, settings): speedups only between equal settings.
        self.results: dict[tuple[str, str], ModelResult] = {}

    @property
    def model(self) -> str:
        return self.models[self.model_index]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield SummaryBar()
        with Vertical(id="run-body"):
            yield WorkerLanes(id="lanes")
            yield TimelineView(id="timeline")
            yield LagMeter(id="lag-meter")
            yield EventLog(self.demo, id="event-log")
        yield ExplanationPane(id="explanation")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"conc-tui · {self.demo.title}"
        self.query_one(WorkerLanes).focus()
        self.set_interval(self._frame_seconds, self.frame)
        # Start once the screen is drawn: building it holds the GIL, which a thread demo needs.
        self.call_after_refresh(self.start_run)

    # Runs.

    def start_run(self) -> None:
        self._stop_current()
        source = self._open_source(self.demo, self.model, self.params)
        self.source = source
        self._shown_final = False
        self.sub_title = self._sub_title()
        self.query_one(SummaryBar).caption = f"{self.demo.id} · {self.model}"
        self.query_one(EventLog).clear()
        self._unlogged.clear()
        source.start()
        self.fold = RunFold(source)
        self._timeline_at = -TIMELINE_EVERY
        self.fine_until = None
        explanation = self.query_one(ExplanationPane)
        explanation.watch_for = self.demo.watch_for_model(MODELS.get(self.model))
        explanation.conclusion = ""
        explanation.history = self.history.line(self._history_key)
        meter = self.query_one(LagMeter)
        meter.display = measures_lag(self.model)
        meter.yield_every = self.params.yield_every if "yield_every" in self.demo.uses else None
        meter.summary = None
        self.frame()

    @property
    def _history_key(self) -> str:
        return f"{self.demo.id} {self.model} ({self.demo.settings(self.params)})"

    def _sub_title(self) -> str:
        if len(self.models) > 1:
            return f"{self.model} (model {self.model_index + 1} of {len(self.models)})"
        return self.model

    def _stop_current(self) -> None:
        if self._next_timer is not None:
            self._next_timer.stop()
            self._next_timer = None
        if self.source is not None:
            source, self.source = self.source, None
            self._retire(source)

    def on_unmount(self) -> None:
        self._stop_current()

    # The frame.

    def frame(self) -> None:
        source, fold = self.source, self.fold
        if source is None or fold is None:
            return
        events = fold.drain()
        if self.paused:
            self._unlogged.extend(events)
            return
        if self._shown_final and not events:
            if self.query_one(TimelineView).cells != self._timeline_cells:
                self._redraw_timeline()  # resized after the end
            return
        now = source.now()
        snapshot = fold.snapshot(now)
        unlogged = [*self._unlogged, *events] if self._unlogged else events
        self._unlogged.clear()
        view = self.query_one(TimelineView)
        timeline = None
        due = self.fine or now - self._timeline_at >= TIMELINE_EVERY or snapshot.finished
        if due or view.cells != self._timeline_cells:
            self._timeline_cells = view.cells
            self._timeline_at = now
            timeline = fold.timeline.frame(now, view.cells, fine=self.fine, until=self.fine_until)
        with self.app.batch_update():
            self.query_one(WorkerLanes).snapshot = snapshot
            self._update_detail(snapshot)
            self.query_one(SummaryBar).snapshot = snapshot
            if timeline is not None and timeline != view.frame:
                view.frame = timeline
            if measures_lag(self.model):
                self.query_one(LagMeter).summary = fold.lag.summary()
            log = self.query_one(EventLog)
            log.origin = fold.state.origin
            log.add_events(unlogged)
        if snapshot.finished and source.done:
            self._finished(snapshot, now)

    def _finished(self, snapshot: RunSnapshot, now: float) -> None:
        if self._shown_final:
            return
        self._shown_final = True
        assert self.fold is not None  # a finish is only ever seen by a fold
        result = self.fold.result(now)
        settings = self.demo.settings(self.params)
        self.results[self.model, settings] = result
        self.history.record(self._history_key, snapshot.finish_order)
        explanation = self.query_one(ExplanationPane)
        base = baseline().name
        reference = self.results.get((base, settings)) if self.model != base else None
        text = conclusion(self.demo, result, reference)
        if reference is None and self.model != base:
            text += (
                f" No {base} run with these settings ({settings}) to compare with yet: "
                f"{baseline().key} runs one."
            )
        explanation.conclusion = text
        explanation.history = self.history.line(self._history_key)
        if self.model_index + 1 < len(self.models):
            self._next_timer = self.set_timer(NEXT_MODEL_AFTER, self._next_model)

    def _next_model(self) -> None:
        self._next_timer = None
        self.model_index += 1
        self.start_run()

    @property
    def snapshot(self) -> RunSnapshot | None:
        """What the panels show now (for tests and for whoever asks)."""
        return self.query_one(WorkerLanes).snapshot

    # Keys.

    def action_rerun(self) -> None:
        self.start_run()

    def action_switch_model(self, model: str) -> None:
        self.models = [model]
        self.model_index = 0
        self.start_run()

    def action_toggle_pause(self) -> None:
        self.paused = not self.paused
        self.query_one(SummaryBar).paused = self.paused
        self.set_class(self.paused, "-paused")
        if not self.paused:
            self.frame()

    def action_toggle_zoom(self) -> None:
        self.fine = not self.fine
        self.fine_until = None
        hint = "z: whole run, [ ] earlier/later" if self.fine else "z: zoom"
        self.query_one(TimelineView).zoom_hint = hint
        self._redraw_timeline()

    def action_pan(self, direction: int) -> None:
        """Move the zoomed timeline half its width earlier or later; past the end it follows now."""
        frame = self.query_one(TimelineView).frame
        if not self.fine or frame is None or self.source is None or self.fold is None:
            return
        end = self.fold.timeline.span(self.source.now())
        half = (frame.end - frame.start) / 2
        until = frame.end + direction * half
        self.fine_until = None if until >= end else max(frame.end - frame.start, until)
        self._redraw_timeline()

    def _redraw_timeline(self) -> None:
        source, fold = self.source, self.fold
        if source is None or fold is None:
            return
        view = self.query_one(TimelineView)
        self._timeline_cells = view.cells
        view.frame = fold.timeline.frame(
            source.now(), view.cells, fine=self.fine, until=self.fine_until
        )

    def action_knobs(self) -> None:
        def chosen(params: Params | None) -> None:
            if params is not None and params != self.params:
                self.params = params
                self.start_run()  # a changed knob is a new experiment: run it

        known = [MODELS[m] for m in self.models if m in MODELS]
        most, which = worker_limit(known) if known else (None, "")
        self.app.push_screen(KnobsScreen(self.demo, self.params, most, which), chosen)

    # One worker: its details, and stopping it.

    def on_worker_lanes_opened(self, message: WorkerLanes.Opened) -> None:
        snapshot = self.snapshot
        if snapshot is not None and message.index < len(snapshot.workers):
            self.app.push_screen(WorkerDetailScreen(snapshot.workers[message.index]))

    def _update_detail(self, snapshot: RunSnapshot) -> None:
        """Keep an open detail view of this run's worker up to date (attributes down)."""
        detail = self.app.screen
        if isinstance(detail, WorkerDetailScreen):
            for view in snapshot.workers:
                if view.name == detail.view.name:
                    detail.view = view

    def action_stop_worker(self) -> None:
        view = self.query_one(WorkerLanes).selected_view
        if view is None:
            self.notify("Select a worker first: arrow keys, Tab or a click.", timeout=3)
        elif view.finished:
            self.notify(f"{view.name} has already ended.", timeout=3)
        elif self.source is None or not self.source.stop_worker(view.name):
            self.notify(f"This run cannot stop {view.name}: it only plays back.", timeout=3)
        else:
            self.notify(f"Stopping {view.name}…", timeout=3)

    def action_compare(self) -> None:
        self.post_message(CompareRequested(self.demo, self.params))

    def action_toggle_log(self) -> None:
        self.toggle_class("-hide-log")

    def action_back(self) -> None:
        self.dismiss()
