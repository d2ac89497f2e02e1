"""The real app in a real (pseudo-)terminal, quit in the middle of a run, again and again.

Every way out must stop the run and leave nothing: q, SIGTERM, SIGHUP (the terminal closed), SIGINT,
and the app itself SIGKILLed (then its lab and the lab's workers notice and exit within a second).
After a normal way out the terminal is restored (the alternate screen is left) and no
"leaked semaphore" warning is printed.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conc_tui.testing.processes import alive, assert_all_gone, descendants

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
ENTER_ALT_SCREEN = b"\x1b[?1049h"


class Terminal:
    """`python -m conc_tui ARGS` in a pseudo-terminal, with everything it draws kept."""

    def __init__(self, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(
                sys.executable,
                [sys.executable, "-m", "conc_tui", *args],
                {**os.environ, "TERM": "xterm-256color"},
            )
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.status: int | None = None

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; screen so far ends {bytes(self.output[-300:])!r}")
            time.sleep(0.02)

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._reader.join(5)
                os.close(self.fd)
                self.status = status
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the app did not exit")


def start_mid_run(model: str) -> tuple[Terminal, set[int]]:
    """The app, started straight into countdown under `model`, once its workers are running."""
    term = Terminal("countdown", "--model", model, "--delay", "0.5", "--steps", "20")
    term.wait_for(lambda: b"counting down" in term.output or b"running" in term.output)
    # The lab and (for processes) its workers are up once the panels count: note them all.
    expected = 2 if model == "process" else 1  # lab + workers, or just the lab
    term.wait_for(lambda: len(descendants(term.pid) - _trackers(term.pid)) >= expected)
    return term, descendants(term.pid)


def _trackers(root: int) -> set[int]:
    """multiprocessing's resource tracker: started before the app, it ends with it."""
    mine = set()
    for pid in descendants(root):
        try:
            if b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                mine.add(pid)
        except OSError:
            pass
    return mine


WAYS_OUT: dict[str, Callable[[Terminal], None]] = {
    "q": lambda term: term.type(b"q"),
    "ctrl+q": lambda term: term.type(b"\x11"),
    "SIGTERM": lambda term: os.kill(term.pid, signal.SIGTERM),
    "SIGHUP": lambda term: os.kill(term.pid, signal.SIGHUP),
    "SIGINT": lambda term: os.kill(term.pid, signal.SIGINT),
}


@pytest.mark.parametrize("model", ["thread", "process", "asyncio", "sequential"])
@pytest.mark.parametrize("way", list(WAYS_OUT))
def test_quitting_mid_run_stops_everything_and_restores_the_terminal(model: str, way: str) -> None:
    term, pids = start_mid_run(model)
    WAYS_OUT[way](term)
    term.wait_exit()
    assert_all_gone(pids, within=5.0)
    output = bytes(term.output)
    assert output.rfind(LEAVE_ALT_SCREEN) > output.rfind(ENTER_ALT_SCREEN) >= 0
    assert b"leaked semaphore" not in output
    assert b"Traceback" not in output


@pytest.mark.parametrize("model", ["thread", "process"])
def test_quitting_again_and_again_leaves_nothing(model: str) -> None:
    for _ in range(5):
        term, pids = start_mid_run(model)
        term.type(b"q")
        assert term.wait_exit() == 0
        assert_all_gone(pids, within=5.0)


@pytest.mark.parametrize("model", ["thread", "process"])
def test_a_killed_app_leaves_no_orphan(model: str) -> None:
    term, pids = start_mid_run(model)
    os.kill(term.pid, signal.SIGKILL)
    term.wait_exit()
    assert_all_gone(pids, within=1.0)


def test_a_resize_storm_mid_run_is_survived() -> None:
    term, pids = start_mid_run("thread")
    sizes = [(120, 36), (20, 8), (200, 60), (61, 17), (59, 15), (80, 24), (1, 1), (120, 36)]
    for columns, rows in sizes * 6:
        fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.kill(term.pid, signal.SIGWINCH)
        time.sleep(0.005)  # a storm: faster than frames, but not one burst the kernel merges
    mark = len(term.output)
    term.wait_for(lambda: b"counting down" in term.output[mark:] or b"done" in term.output[mark:])
    term.type(b"q")
    assert term.wait_exit() == 0
    assert_all_gone(pids, within=5.0)
    assert b"Traceback" not in bytes(term.output)


def test_no_color_draws_in_greys_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    term, _ = start_mid_run("thread")
    term.type(b"q")
    term.wait_exit()
    output = bytes(term.output)
    assert b"38;2;" not in output and b"48;2;" not in output  # no true colour at all
    palette = {int(n) for n in re.findall(rb"[34]8;5;(\d+)", output)}
    greys = set(range(232, 256)) | {0, 7, 8, 15, 16, 231}
    assert palette and palette <= greys, sorted(palette - greys)


@pytest.mark.parametrize("argv", [["gil", "--model", "all"], ["countdown", "--steps", "20"]])
def test_closing_the_terminal_stops_everything(argv: list[str]) -> None:
    term = Terminal(*argv)
    term.wait_for(lambda: b"running" in term.output)
    term.wait_for(lambda: len(descendants(term.pid) - _trackers(term.pid)) >= 2)
    pids = descendants(term.pid)
    os.close(term.fd)  # the terminal window closes: the kernel hangs up on the session
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(term.pid):
        time.sleep(0.02)
    assert not alive(term.pid), "the app outlived its terminal"
    os.waitpid(term.pid, 0)
    assert_all_gone(pids, within=5.0)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_a_terminal_multiplexer_killed_mid_run(tmp_path: Path) -> None:
    """tmux kill-server hangs up (SIGHUP, then SIGCONT) on a busy compare view: it must end."""
    log = tmp_path / "hangup.jsonl"
    socket = f"conc-tui-test-{os.getpid()}"
    command = f"{sys.executable} -m conc_tui gil --model all --events {log}"
    tmux = ["tmux", "-L", socket]
    subprocess.run([*tmux, "new", "-d", "-x", "120", "-y", "36", command], check=True)
    try:
        app = _wait_for_process(str(log))
        deadline = time.monotonic() + 30
        # Well into the compare view, its screen busy: the hang this guards against came then.
        while _cpu_seconds(app) < 1.0 and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = descendants(app)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    deadline = time.monotonic() + 10
    while alive(app) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(app), "the app outlived its terminal"
    assert_all_gone(pids, within=5.0)
    # Every worker that ran is logged to its one finish; the run on screen was stopped.
    events = [json.loads(line) for line in log.read_text().splitlines()]
    finishes: dict[tuple[str, str, str], int] = {}
    for event in events:
        key = (event["run"], event["model"], event["worker"])
        finishes[key] = finishes.get(key, 0) + (event["kind"] == "finish")
    assert finishes and set(finishes.values()) == {1}
    assert events[-1]["kind"] == "finish" and events[-1]["status"] == "cancelled"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for_process(marker: str) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                try:
                    command = (entry / "cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if command[0] == sys.executable.encode() and marker.encode() in command:
                    return int(entry.name)
        time.sleep(0.05)
    raise AssertionError("the app did not start under tmux")
