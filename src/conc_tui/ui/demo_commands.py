"""DemoCommands: the command palette (ctrl+p) finds a demo and a model by fuzzy search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from conc_tui.demos import DEMOS
from conc_tui.runners import ALL_MODELS
from conc_tui.ui.messages import DemoChosen


class DemoCommands(Provider):
    def _commands(self) -> list[tuple[str, str, DemoChosen]]:
        commands = []
        for demo in DEMOS.values():
            for model in (demo.default_model, *(m for m in ALL_MODELS if m != demo.default_model)):
                name = f"Run {demo.id} as {model}"
                commands.append((name, demo.summary, DemoChosen(demo, model)))
        return commands

    async def discover(self) -> Hits:
        for demo in DEMOS.values():
            name = f"Run {demo.id} as {demo.default_model}"
            message = DemoChosen(demo, demo.default_model)
            yield DiscoveryHit(name, partial(self.app.post_message, message), help=demo.summary)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, message in self._commands():
            score = matcher.match(name)
            if score > 0:
                callback = partial(self.app.post_message, message)
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
