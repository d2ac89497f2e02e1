"""PickerScreen: every demo, what it shows, what to watch for; choose one and a model to run it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import ClassVar, Final

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from conc_tui.demos import Demo
from conc_tui.runners import MODELS
from conc_tui.ui.messages import DemoChosen
from conc_tui.ui.render.keys import MODEL_KEYS

SUMMARY_WIDTH: Final = 54  # the list is 62 columns wide (app.tcss)


class PickerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "run_highlighted", "Run", priority=True),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
        *(
            Binding(key, f"choose_model('{model}')", model.capitalize())
            for key, model in MODEL_KEYS.items()
        ),
        *(Binding(str(n), f"run_number({n})", f"Demo {n}", show=False) for n in range(1, 10)),
    ]

    model: reactive[str | None] = reactive(None)  # None: each demo's own default

    def __init__(self, demos: Sequence[Demo], model: str | None = None) -> None:
        super().__init__()
        self.demos = list(demos)
        self.set_reactive(PickerScreen.model, model)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="picker-body"):
            yield OptionList(*self._options(), id="demo-list")
            with Vertical(id="demo-details"):
                yield Static(id="demo-title", markup=False)
                yield Static(id="demo-summary", markup=False)
                yield Static("What to watch for", id="demo-watch-label", markup=False)
                yield Static(id="demo-watch", markup=False)
                yield Static(id="demo-model", markup=False)
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for number, demo in enumerate(self.demos, 1):
            prompt = Text(no_wrap=False)
            prompt.append(f"{number}  ", "dim")
            prompt.append(demo.title, "bold")  # its id is in the commands beside the list
            for line in textwrap.wrap(demo.summary, SUMMARY_WIDTH):
                prompt.append(f"\n   {line}")
            if options:
                options.append(None)  # a separator
            options.append(Option(prompt, id=demo.id))
        return options

    def on_mount(self) -> None:
        self.title = "conc-tui"
        self.sub_title = "choose a demo"
        demo_list = self.query_one(OptionList)
        demo_list.highlighted = 0
        demo_list.focus()
        self._show(self.demos[0])

    def _highlighted(self) -> Demo | None:
        index = self.query_one(OptionList).highlighted
        return self.demos[index] if index is not None else None

    def _show(self, demo: Demo | None) -> None:
        if demo is None:
            return
        self.query_one("#demo-title", Static).update(Text(demo.title, "bold"))
        self.query_one("#demo-summary", Static).update(demo.summary)
        chosen = self.model or demo.default_model
        self.query_one("#demo-watch", Static).update(demo.watch_for_model(MODELS.get(chosen)))
        how = "the demo's default" if self.model is None else "your choice"
        keys = ", ".join(MODEL_KEYS)
        line = Text()
        line.append("Runs as ")
        line.append(chosen, "bold")
        line.append(f" ({how}). Press {keys} to choose {', '.join(MODEL_KEYS.values())}.")
        line.append("\n\nThe same from a shell:\n")
        line.append(f"  conc-tui {demo.id} --model {chosen}\n", "bold")
        line.append(f"  conc-tui run {demo.id} --model {chosen}", "bold")
        line.append("   (no screen: each worker's lines as plain text)")
        self.query_one("#demo-model", Static).update(line)

    def watch_model(self) -> None:
        if self.is_mounted:
            self._show(self._highlighted())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self._highlighted())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._run(event.option_index)

    def _run(self, index: int) -> None:
        if 0 <= index < len(self.demos):
            self.post_message(DemoChosen(self.demos[index], self.model))

    def action_run_highlighted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self._run(index)

    def action_run_number(self, number: int) -> None:
        self._run(number - 1)

    def action_cursor(self, direction: str) -> None:
        demo_list = self.query_one(OptionList)
        if direction == "down":
            demo_list.action_cursor_down()
        else:
            demo_list.action_cursor_up()

    def action_choose_model(self, model: str) -> None:
        self.model = model
