"""`conc-tui serve` in a real browser: Debian's Chromium, driven by Playwright.

Two tabs, two apps: one runs `countdown` to its end, opens a worker's details and the knobs, then
starts the comparison; the other stays on the picker. Closing the first tab in the middle of the
comparison ends its app and everything that app started while the second goes on; stopping the
server (SIGINT, as Ctrl+C) ends the second. Processes are checked in /proc: the server's
descendants while tabs are open, then each of them gone.

The terminal in the page is xterm.js drawing on a canvas, so the text is read from xterm's own
buffer (`buffer.active.getLine(y).translateToString()`): the test serves textual-serve's script
with one line added that keeps each terminal on `window`, the only change to the page.

A PNG of the finished run is saved under pytest's tmp dir (its path is printed); with
CONC_TUI_BROWSER_SHOT=PATH it is also written there (README's picture:
`CONC_TUI_BROWSER_SHOT=screenshots/browser-countdown.png python -m pytest tests/e2e/test_serve.py`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conc_tui.testing.processes import alive, assert_all_gone, command, descendants, parent

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no browser: needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")

# The line of textual-serve 1.1.3's script that makes each page's terminal; a newer script without
# it fails the test here, loudly, rather than reading nothing.
MAKE_TERMINAL = "const t=new w(e,{ping:r});"
KEEP_TERMINAL = "(window.__terminals=window.__terminals||[]).push(t.terminal);"
SCREEN_TEXT = """
window.__screenText = () => {
  const term = (window.__terminals || [])[0];
  if (!term) return "";
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""
# Where a text is on the screen, in page pixels: the middle of the cell `down` rows below its
# first character (the terminal's cells are its canvas divided evenly).
CELL_OF = """
([text, down]) => {
  const term = window.__terminals[0];
  const rows = window.__screenText().split("\\n");
  const row = rows.findIndex((line) => line.includes(text));
  if (row < 0) return null;
  const box = document.querySelector(".xterm-screen").getBoundingClientRect();
  const width = box.width / term.cols, height = box.height / term.rows;
  const col = rows[row].indexOf(text);
  return {x: box.x + (col + 0.5) * width, y: box.y + (row + down + 0.5) * height};
}
"""
SHOWS_ALL = "(needles) => needles.every((n) => window.__screenText().includes(n))"
SHOWS_NONE = "(needles) => !needles.some((n) => window.__screenText().includes(n))"
WAIT_MS = 30_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "conc_tui", "serve", "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so a failed test can end the whole tree at once
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the server says where it listens, once it does
        assert f"serving on http://127.0.0.1:{port}" in first, first + process.stderr.read()
        yield process, f"http://127.0.0.1:{port}/"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=10)


def _keep_terminal(route: sync_api.Route) -> None:
    response = route.fetch()
    script = response.text()
    assert MAKE_TERMINAL in script, "textual-serve's script changed: update MAKE_TERMINAL"
    route.fulfill(
        response=response, body=script.replace(MAKE_TERMINAL, MAKE_TERMINAL + KEEP_TERMINAL)
    )


def _open_tab(context: sync_api.BrowserContext, url: str) -> sync_api.Page:
    page = context.new_page()
    page.route("**/static/js/textual.js", _keep_terminal)
    page.route(re.compile(r"^https?://fonts\.(googleapis|gstatic)\.com/"), lambda r: r.abort())
    page.add_init_script(SCREEN_TEXT)
    page.goto(url)
    return page


def _wait_for(page: sync_api.Page, *needles: str, gone: bool = False) -> None:
    """Until the page shows every needle (gone: none of them)."""
    try:
        page.wait_for_function(
            SHOWS_NONE if gone else SHOWS_ALL, arg=list(needles), timeout=WAIT_MS, polling=50
        )
    except sync_api.TimeoutError:
        screen = page.evaluate("window.__screenText()")
        said = "still showed" if gone else "never showed"
        raise AssertionError(f"{said} {needles}; the screen:\n{screen}") from None


def _only_app(server_pid: int, known: set[int]) -> int:
    """The one app started by the server that is not in `known` (one app per tab)."""
    apps = {pid for pid in descendants(server_pid) if " -m conc_tui" in command(pid)}
    new = apps - known
    assert len(new) == 1, f"expected one new app, found {new} beside {known}"
    return new.pop()


def _labs(app: int) -> set[int]:
    """The app's labs: each is a child of the app's fork server, so a grandchild of the app."""
    return {pid for pid in descendants(app) if parent(pid) != app}


def _wait_for_new_lab(app: int, old: set[int], timeout: float = 15.0) -> set[int]:
    """The app's processes once a lab not in `old` runs."""
    deadline = time.monotonic() + timeout
    while not _labs(app) - old:
        assert time.monotonic() < deadline, f"no new lab after {timeout} s: {descendants(app)}"
        time.sleep(0.05)
    return descendants(app)


def test_each_tab_has_its_own_app_and_nothing_outlives_a_tab_or_the_server(
    server: tuple[subprocess.Popen[str], str], tmp_path: Path
) -> None:
    process, url = server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            first = _open_tab(context, url)
            _wait_for(first, "choose a demo", "Countdown", "The same from a shell")
            first_app = _only_app(process.pid, set())
            first.click(".xterm-screen")  # keys go to the focused terminal
            first.keyboard.press("1")  # the first demo, countdown, as threads
            _wait_for(first, "Thread A counting down: 5...", "Thread B counting down: 5...")

            second = _open_tab(context, url)  # while the countdown runs in the first
            _wait_for(second, "choose a demo", "Countdown", "The same from a shell")
            second_app = _only_app(process.pid, {first_app})
            _wait_for(first, "Thread A finished", "Thread B finished", "2 done", "finish order")
            shot = tmp_path / "serve-countdown.png"
            first.screenshot(path=str(shot))
            print(f"browser screenshot: {shot}")
            if target := os.environ.get("CONC_TUI_BROWSER_SHOT"):
                shutil.copyfile(shot, target)
            assert "choose a demo" in second.evaluate("window.__screenText()")  # its own app

            # The rest of the app answers too, to the mouse as well: a click selects worker B,
            # a second click opens its details; then the knobs.
            where = first.evaluate(CELL_OF, ["─ B ─", 2])
            assert where, "no panel B on the screen"
            first.mouse.click(where["x"], where["y"])
            first.mouse.click(where["x"], where["y"])
            _wait_for(first, "Worker B", "esc closes")
            first.keyboard.press("Escape")
            _wait_for(first, "esc closes", gone=True)
            first.keyboard.press("o")
            _wait_for(first, "Knobs: Countdown")
            first.keyboard.press("Escape")
            _wait_for(first, "Knobs: Countdown", gone=True)

            # The comparison, and the tab closed in the middle of it: its app, its fork server
            # and its lab all end; the other tab's app goes on.
            old_labs = _labs(first_app)  # the first run's lab, if it has not quite exited yet
            first.keyboard.press("c")
            _wait_for(first, "compare", "sequential", "model 1 of 4")
            tab_one = {first_app, *_wait_for_new_lab(first_app, old_labs)}
            tab_two = {second_app, *descendants(second_app)}
            first.close()
            assert_all_gone(tab_one, within=15)
            assert all(map(alive, tab_two)), tab_two

            # Stop the server with a tab still open (SIGINT, as Ctrl+C): that app ends too.
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
            assert process.returncode == 0, err
            assert "stopped" in out, out
            assert "Traceback" not in out + err, out + err  # textual-serve shows apps' stderr
            assert_all_gone(tab_two, within=15)
        finally:
            browser.close()
