"""Without a terminal the TUI refuses at once, in one line: it never hangs or draws into a file."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("argv", [[], ["countdown"], ["primes", "--model", "asyncio"]])
def test_the_tui_without_a_terminal_says_so_and_exits_2(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conc_tui", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
