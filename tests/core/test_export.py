"""The compare table as Markdown and CSV: the screen's cells, and plain numbers for spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest

from conc_tui.cli import main
from conc_tui.compare import ModelResult, compare_rows
from conc_tui.export import csv_text, markdown, render


def result(model: str, wall: float, baseline: bool = False) -> ModelResult:
    return ModelResult(
        model, 2, True, wall, (1.0, 1.0), (0.05, 0.12), ("A", "B"), 0, baseline=baseline
    )


ROWS = compare_rows([result("sequential", 4.0, baseline=True), result("process", 2.0)])


def test_markdown_is_the_screen_table() -> None:
    lines = markdown(ROWS, "## gil").splitlines()
    assert lines[0] == "## gil"
    assert lines[2].startswith("| model | wall | speedup | CPU / worker | cores busy |")
    assert lines[3].startswith("| --- | ---: |")
    assert lines[5] == "| process | 2.00 s | 2.00x | 1.00 s | 1.00 | 50.0 ms to 120.0 ms | A B |"


def test_csv_gives_numbers_in_seconds() -> None:
    table = list(csv.DictReader(io.StringIO(csv_text(ROWS))))
    assert [row["model"] for row in table] == ["sequential", "process"]
    process = table[1]
    assert float(process["wall_s"]) == 2.0 and float(process["speedup"]) == 2.0
    assert float(process["startup_first_s"]) == 0.05 and process["finish_order"] == "A B"


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(ROWS, "html")


@pytest.mark.parametrize("how", ["markdown", "csv"])
def test_run_all_models_prints_only_the_table(how: str) -> None:
    out = io.StringIO()
    code = main(["run", "countdown", "--model", "all", "--delay", "0.01", f"--format={how}"], out)
    assert code == 0
    text = out.getvalue()
    assert "counting down" not in text  # no per-event lines: the table alone
    for model in ("sequential", "thread", "process", "asyncio"):
        assert model in text
    if how == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 4 and all(row["finished"] == "yes" for row in rows)
        assert float(rows[0]["speedup"]) == 1.0
    else:
        assert text.startswith("## countdown: sequential, thread, process, asyncio (workers 2")
