"""asciicast v2: writing a screencast, and checking one.

A cast is a JSON header line (`{"version": 2, "width": ..., "height": ...}`) followed by one JSON
array per chunk of terminal output, `[seconds, "o", text]`, with seconds that never go back. This is
what `asciinema play` reads, and what `conc-tui record` and `--record` write: the app's driver hands
every chunk it would send to a terminal to `CastWriter.output`.

The file is written beside its target and renamed into place on a clean close (see
`recording.AtomicTextFile`), so a recording that fails leaves nothing behind. Casts are plain JSON:
read with `json.loads`, never pickle, never eval. No Textual here: the UI's driver is a thin shim.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from conc_tui.recording import AtomicTextFile

VERSION: Final = 2
MIN_SIZE: Final = (60, 16)  # the app's smallest screen (ui.too_small_screen): smaller films nothing
MAX_SIZE: Final = (1000, 500)


class CastError(ValueError):
    """A cast that is not a valid asciicast v2 file; the message is one line for the user."""


def parse_size(text: str) -> tuple[int, int]:
    """`"100x30"` -> (100, 30); a `ValueError` with a one-line message for anything else."""
    cols, sep, rows = text.lower().partition("x")
    if not sep or not cols.isdigit() or not rows.isdigit():
        raise ValueError(f"size must look like COLSxROWS (e.g. 100x30), not {text!r}")
    size = (int(cols), int(rows))
    if not all(low <= n <= high for n, low, high in zip(size, MIN_SIZE, MAX_SIZE, strict=True)):
        raise ValueError(
            f"size must be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]},"
            f" not {text}"
        )
    return size


class CastWriter:
    """Writes an asciicast v2 file: the header at once, then every chunk of output, stamped."""

    def __init__(
        self,
        path: Path,
        width: int,
        height: int,
        title: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._out = AtomicTextFile(path)
        self.path = path
        self.width = width
        self.height = height
        self._clock = clock
        self._start = clock()
        self._last = 0.0
        header: dict[str, Any] = {
            "version": VERSION,
            "width": width,
            "height": height,
            "timestamp": int(time.time()),
            "env": {"TERM": "xterm-256color"},
        }
        if title:
            header["title"] = title
        self._out.file.write(json.dumps(header) + "\n")

    def output(self, data: str) -> None:
        """One chunk of terminal output, stamped with the seconds since the cast began."""
        if not data or self._out.file.closed:
            return
        # Never back in time, even if the clock is coarse: players expect sorted times.
        now = max(self._last, round(self._clock() - self._start, 6))
        self._last = now
        self._out.file.write(json.dumps([now, "o", data]) + "\n")

    @property
    def elapsed(self) -> float:
        return self._last

    def close(self) -> None:
        self._out.close()

    def abort(self) -> None:
        self._out.abort()


@dataclass(frozen=True, slots=True)
class Cast:
    width: int
    height: int
    header: dict[str, Any]
    events: tuple[tuple[float, str, str], ...]

    @property
    def output(self) -> str:
        """Every "o" chunk, joined: feed it to a terminal emulator to see the last frame."""
        return "".join(data for _, code, data in self.events if code == "o")

    @property
    def duration(self) -> float:
        return self.events[-1][0] if self.events else 0.0


def read_cast(lines: Iterable[str], name: str = "cast") -> Cast:
    """Parse and check an asciicast v2 text; raise `CastError` naming the first problem."""
    rows = iter(lines)
    try:
        first = next(rows)
    except StopIteration:
        raise CastError(f"{name}: empty") from None
    header = _json(first, name, 1)
    if not isinstance(header, dict) or header.get("version") != VERSION:
        raise CastError(f"{name}: not an asciicast v2 file (no version 2 header)")
    width, height = header.get("width"), header.get("height")
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        raise CastError(f"{name}: the header needs a positive width and height")
    events: list[tuple[float, str, str]] = []
    last = 0.0
    for number, line in enumerate(rows, 2):
        if not line.strip():
            continue
        item = _json(line, name, number)
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], int | float)
            and not isinstance(item[0], bool)
            and isinstance(item[1], str)
            and isinstance(item[2], str)
        ):
            raise CastError(f"{name}: line {number}: not an event [time, code, data]")
        t = float(item[0])
        if not math.isfinite(t) or t < last:
            raise CastError(f"{name}: line {number}: time {t} goes back (last was {last})")
        last = t
        events.append((t, item[1], item[2]))
    return Cast(width, height, header, tuple(events))


def load_cast(path: Path) -> Cast:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CastError(f"{path}: cannot read it ({exc})") from None
    return read_cast(text.splitlines(), str(path))


def _json(line: str, name: str, number: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise CastError(f"{name}: line {number}: not JSON ({exc.msg})") from None
