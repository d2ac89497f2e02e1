"""Recorders: everything the bus drains is teed to them, in order, before anyone else sees it.

Files are written beside their target under a temporary name and renamed into place on a clean
close, so a failed or refused run never leaves a half-written file where the user asked for one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TextIO

from conc_tui.errors import OutputPathError
from conc_tui.events import Event


def check_writable(path: Path) -> None:
    """Fail early, before anything runs, if `path` cannot be created."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputPathError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise OutputPathError(f"cannot write {path}: it is a folder")
    if not os.access(folder, os.W_OK):
        raise OutputPathError(f"cannot write {path}: folder {folder} is not writable")


class AtomicTextFile:
    """A text file that appears at `path` only when closed without `abort()`."""

    def __init__(self, path: Path) -> None:
        check_writable(path)
        self.path = path
        try:
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        except OSError as exc:
            raise OutputPathError(f"cannot write {path}: {exc.strerror}") from None
        self._temp = Path(temp)
        self.file: TextIO = os.fdopen(fd, "w", encoding="utf-8")

    def close(self) -> None:
        if self.file.closed:
            return
        self.file.close()
        # mkstemp makes the file private (0600); the user's file gets the usual mode.
        os.chmod(self._temp, 0o666 & ~_umask())
        os.replace(self._temp, self.path)

    def abort(self) -> None:
        if not self.file.closed:
            self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class JsonlRecorder:
    """Writes every event as one JSON line (the contract in DESIGN.md)."""

    def __init__(self, path: Path) -> None:
        self._out = AtomicTextFile(path)

    def write(self, events: list[Event]) -> None:
        if events:
            self._out.file.write("\n".join(map(Event.to_json, events)) + "\n")

    def close(self) -> None:
        self._out.close()

    def abort(self) -> None:
        self._out.abort()
