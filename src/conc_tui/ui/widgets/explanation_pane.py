"""ExplanationPane: what to watch for, the conclusion with this run's numbers, and the history of
finish orders across reruns. It only shows what it is given (the words come from
`conc_tui.explain` and `conc_tui.history`); while a run is under way the conclusion waits for it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class ExplanationPane(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "explanation-pane--label",
        "explanation-pane--text",
        "explanation-pane--conclusion",
    }

    DEFAULT_CSS = """
    ExplanationPane {
        height: auto;
        max-height: 7;
        padding: 0 1;
        background: $panel;
        & > .explanation-pane--label { color: $warning; text-style: bold; }
        & > .explanation-pane--text { color: $text-muted; }
        & > .explanation-pane--conclusion { color: $text; }
    }
    """

    # layout=True: the pane is as tall as its words, which change when a run ends.
    watch_for: reactive[str] = reactive("", layout=True)
    conclusion: reactive[str] = reactive("", layout=True)
    history: reactive[str] = reactive("", layout=True)
    conclusion_label: reactive[str] = reactive("This run")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"explanation-pane--{name}", partial=False)

    def render(self) -> Text:
        label, muted = self._style("label"), self._style("text")
        text = Text()
        text.append("Watch for: ", label)
        text.append(self.watch_for, muted)
        text.append(f"\n{self.conclusion_label}: ", label)
        text.append(self.conclusion or "under way…", self._style("conclusion"))
        if self.history:
            text.append("\nFinish orders: ", label)
            text.append(self.history, muted)
        return text
