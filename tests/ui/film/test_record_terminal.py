"""`conc-tui DEMO --record FILE.cast` in a real terminal (a pty): the cast holds what the user saw,
and the terminal got it too."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte

from conc_tui.cast import load_cast


def test_record_tees_the_terminal_into_a_cast(tmp_path: Path) -> None:
    path = tmp_path / "session.cast"
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {**os.environ, "COLUMNS": "100", "LINES": "30", "TERM": "xterm-256color"}
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    argv = ["countdown", "--delay", "0.05", "--steps", "2", "--record", str(path)]
    child = subprocess.Popen(
        [sys.executable, "-m", "conc_tui", *argv],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    screen = pyte.Screen(100, 30)
    stream = pyte.ByteStream(screen)
    deadline = time.monotonic() + 30
    quit_sent = False
    try:
        while child.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    stream.feed(os.read(master, 65536))
                except OSError:
                    break
            if not quit_sent and "2 done" in "\n".join(screen.display):
                os.write(master, b"q")  # the user watched the run end, and quits
                quit_sent = True
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert quit_sent
    cast = load_cast(path)
    assert (cast.width, cast.height) == (100, 30)
    replayed = pyte.Screen(cast.width, cast.height)
    pyte.Stream(replayed).feed(cast.output)
    frame = "\n".join(replayed.display)
    assert "2 done" in frame and "0 of 2 left" in frame
