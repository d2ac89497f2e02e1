"""The geometry of `WorkerLanes`' grid, for selection: which cell is under a point, where a cell
is, and where a key moves the selection. Pure arithmetic on (columns, cell width, cell height,
gap, count), so it is tested without an app and the widget stays about drawing.

Cells are laid out in the run's worker order, `columns` to a row, `gap` blank columns between
them; a row is `height` lines (a panel, or one line for a lane).
"""

from __future__ import annotations

from typing import Final, NamedTuple

MOVES: Final = ("left", "right", "up", "down", "next", "previous")


class Grid(NamedTuple):
    columns: int
    cell: int  # width of one cell
    height: int  # lines of one cell
    gap: int  # blank columns between two cells
    total: int  # cells in all


def cell_at(grid: Grid, x: int, y: int) -> int | None:
    """The cell under content point (x, y) (scroll offset included), or None (a gap, past the
    last cell, outside)."""
    if x < 0 or y < 0:
        return None
    column, within = divmod(x, grid.cell + grid.gap)
    if within >= grid.cell or column >= grid.columns:
        return None
    index = (y // grid.height) * grid.columns + column
    return index if index < grid.total else None


def cell_box(grid: Grid, index: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of cell `index` in content coordinates."""
    row, column = divmod(index, grid.columns)
    return column * (grid.cell + grid.gap), row * grid.height, grid.cell, grid.height


def moved(grid: Grid, index: int | None, move: str) -> int | None:
    """Where `move` (one of MOVES) takes the selection from `index` (None: nothing selected yet,
    so any move selects the first cell, or the last going backwards)."""
    count, columns = grid.total, grid.columns
    if count == 0:
        return None
    if index is None:
        return count - 1 if move == "previous" else 0
    index = min(index, count - 1)
    if move == "next":
        return (index + 1) % count
    if move == "previous":
        return (index - 1) % count
    if move == "left":
        return max(0, index - 1)
    if move == "right":
        return min(count - 1, index + 1)
    if move == "up":
        return index - columns if index >= columns else index
    if move == "down":
        return index + columns if index + columns < count else index
    raise ValueError(f"unknown move {move!r}")
