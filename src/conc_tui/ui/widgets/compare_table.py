"""CompareTable: one row per model: wall time, speedup against sequential, CPU time per worker,
cores busy, start-up cost and finish order. The numbers come from `conc_tui.compare`; a model that
has not had its turn yet shows as queued, the one running now in italics, its wall still growing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from conc_tui.compare import COLUMNS, CompareRow, table_cells

LEFT = ("model", "finish order")


class CompareTable(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-table--header",
        "compare-table--queued",
        "compare-table--running",
        "compare-table--finished",
    }

    DEFAULT_CSS = """
    CompareTable {
        height: auto;
        padding: 0 1;
        background: $surface;
        & > .compare-table--header { color: $accent; text-style: bold; }
        & > .compare-table--queued { color: $text-disabled; }
        & > .compare-table--running { color: $primary-lighten-3; text-style: italic; }
        & > .compare-table--finished { color: $text; }
    }
    """

    rows: reactive[tuple[CompareRow, ...]] = reactive((), always_update=True)
    models: reactive[tuple[str, ...]] = reactive(())  # every model of the comparison, in turn order

    def render(self) -> Table:
        style = self.get_component_rich_style
        table = Table(
            box=None, expand=True, pad_edge=False, header_style=style("compare-table--header")
        )
        for column in COLUMNS:
            table.add_column(column, justify="left" if column in LEFT else "right")
        shown = {row.result.model: row for row in self.rows}
        for model in self.models:
            row = shown.get(model)
            if row is None:
                queued = style("compare-table--queued")
                table.add_row(Text(model, queued), Text("queued", queued))
                continue
            state = "finished" if row.result.finished else "running"
            look = style(f"compare-table--{state}")
            table.add_row(*(Text(cell, look) for cell in table_cells(row)))
        return table
