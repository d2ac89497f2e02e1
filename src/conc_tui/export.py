"""The compare table as a file: Markdown for notes and slides, CSV for a spreadsheet.

Both come from the same `CompareRow`s as the screen's table. Markdown shows the cells as the screen
does ('1.23 s', '1.88x'); CSV gives plain numbers in seconds, so that a spreadsheet can compute with
them, and leaves a cell empty where the screen shows '-'.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Sequence
from pathlib import Path

from conc_tui.compare import COLUMNS, CompareRow, table_cells
from conc_tui.recording import AtomicTextFile

CSV_COLUMNS = (
    "model",
    "workers",
    "finished",
    "wall_s",
    "speedup",
    "cpu_per_worker_s",
    "cores_busy",
    "startup_first_s",
    "startup_last_s",
    "finish_order",
)
FORMATS = ("markdown", "csv")


def markdown(rows: Sequence[CompareRow], title: str = "") -> str:
    """A Markdown table (with `title` as a line above it), one row per model."""
    lines = [title, ""] if title else []
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("| " + " | ".join(["---"] + ["---:"] * (len(COLUMNS) - 2) + ["---"]) + " |")
    for row in rows:
        cells = [cell.replace("|", "\\|") for cell in table_cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _number(value: float | None, digits: int = 6) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def csv_text(rows: Sequence[CompareRow]) -> str:
    """CSV with a header line; times in seconds, empty where there is no number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        r = row.result
        writer.writerow(
            [
                r.model,
                r.workers,
                "yes" if r.finished else "no",
                _number(r.wall),
                _number(row.speedup, 3),
                _number(r.cpu_per_worker),
                _number(r.cores_busy, 3),
                _number(min(r.startup) if r.startup else None),
                _number(max(r.startup) if r.startup else None),
                " ".join(r.order),
            ]
        )
    return out.getvalue()


def render(rows: Sequence[CompareRow], how: str, title: str = "") -> str:
    if how == "markdown":
        return markdown(rows, title)
    if how == "csv":
        return csv_text(rows)
    raise ValueError(f"unknown format {how!r} (choose from {', '.join(FORMATS)})")


def save(rows: Sequence[CompareRow], folder: Path, stem: str, title: str = "") -> list[Path]:
    """Write the table as `STEM-HHMMSS.md` and `.csv` in `folder` (a new name each second, so a
    second export never overwrites the first); the paths written. Raises `OutputPathError`."""
    base = f"{stem}-{time.strftime('%H%M%S')}"
    written = []
    for how, suffix in (("markdown", ".md"), ("csv", ".csv")):
        target = AtomicTextFile(folder / f"{base}{suffix}")
        try:
            target.file.write(render(rows, how, title))
        except BaseException:
            target.abort()
            raise
        target.close()
        written.append(target.path)
    return written
