"""KnobsScreen: change the run's parameters (workers, delay, steps, yield-every, the GIL's switch
interval, the start method) and run again. Each knob is checked by the same check as the command
line (`conc_tui.demos.params`), with the same limits, the run's models' worker limit included; a bad
value is named under the form and nothing runs. The screen returns the new `Params`
(None when dismissed), and the run screen reruns with them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from conc_tui.demos import Demo, Params
from conc_tui.demos.params import problem
from conc_tui.runners import START_METHODS

NUMBER_KNOBS: Final = (  # (Params field, label, whole number?)
    ("workers", "workers", True),
    ("delay", "delay (s)", False),
    ("steps", "steps", True),
    ("yield_every", "yield every (0: never)", True),
    ("switch_interval", "switch interval (s)", False),
)


def parse_knob(
    name: str, text: str, whole: bool, max_workers: int | None = None, limited_by: str = ""
) -> Any:
    """The value of one knob from its text; raise ValueError with a message for the screen."""
    text = text.strip()
    if name == "switch_interval" and text in ("", "default"):
        return None
    try:
        value: float = int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"{name.replace('_', ' ')} must be {kind}") from None
    wrong = problem(name, value, max_workers, limited_by)
    if wrong:
        raise ValueError(f"{name.replace('_', ' ')} {wrong}")
    return value


class KnobsScreen(ModalScreen[Params | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    KnobsScreen {
        align: center middle;
        & > #knobs {
            width: 64;
            max-width: 100%;
            height: auto;
            padding: 1 2;
            border: round $accent;
            background: $panel;
        }
        & #knobs-title { text-style: bold; margin-bottom: 1; }
        & #knobs-grid { grid-size: 2; grid-columns: 26 1fr; grid-rows: 3; height: auto; }
        & Label { padding: 1 0 0 0; }
        & #knobs-error { color: $error; height: auto; }
        & #knobs-foot { color: $text-muted; margin-top: 1; }
    }
    """

    def __init__(
        self, demo: Demo, params: Params, max_workers: int | None = None, limited_by: str = ""
    ) -> None:
        super().__init__()
        self.demo = demo
        self.params = params
        self.max_workers = max_workers  # the run's models' limit (None: only the demos' own)
        self.limited_by = limited_by

    def _knobs(self) -> list[tuple[str, str, bool]]:
        used = self.demo.uses | {"switch_interval"}
        return [knob for knob in NUMBER_KNOBS if knob[0] in used]

    def compose(self) -> ComposeResult:
        with Vertical(id="knobs"):
            yield Static(f"Knobs: {self.demo.title}", id="knobs-title", markup=False)
            with Grid(id="knobs-grid"):
                for name, label, _whole in self._knobs():
                    value = getattr(self.params, name)
                    shown = "default" if value is None else f"{value:g}"
                    yield Label(label, markup=False)
                    yield Input(shown, id=f"knob-{name}", select_on_focus=True)
                yield Label("start method", markup=False)
                yield Select(
                    [(method, method) for method in START_METHODS],
                    value=self.params.start_method,
                    allow_blank=False,
                    id="knob-start_method",
                )
            yield Static("", id="knobs-error", markup=False)
            yield Static("enter runs with these values · esc keeps the old ones", id="knobs-foot")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply()

    def apply(self) -> None:
        values: dict[str, Any] = {}
        try:
            for name, _label, whole in self._knobs():
                text = self.query_one(f"#knob-{name}", Input).value
                values[name] = parse_knob(name, text, whole, self.max_workers, self.limited_by)
        except ValueError as exc:
            self.query_one("#knobs-error", Static).update(str(exc))
            return
        method = self.query_one("#knob-start_method", Select).value
        values["start_method"] = method if isinstance(method, str) else self.params.start_method
        self.dismiss(replace(self.params, **values))

    def action_cancel(self) -> None:
        self.dismiss(None)
