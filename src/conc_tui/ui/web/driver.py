"""The app's side of `conc-tui serve`: one browser tab's app, run by textual-serve.

textual-serve starts the app with `TEXTUAL_DRIVER` naming Textual's `WebDriver`, stdin and stdout
pipes, and reads the app's stdout as its protocol (packets, then the frames). Three things differ
from Textual's driver, each for a reason:

- Only the driver may write to that pipe. The lab, its workers and multiprocessing's helpers
  inherit fd 1; one stray line would break the protocol. So the protocol moves to a private
  descriptor and fd 1 becomes /dev/null, before any helper starts (`divert_stdout`).
- The server gone (its end of stdin closed, or of stdout) ends the app, the normal way, so the
  runs stop and nothing outlives the tab. Textual's driver would keep the app running unseen.
- A write that fails (the server went away mid-frame) is dropped, not raised into the app.
"""

from __future__ import annotations

import contextlib
import os
from functools import partial
from typing import Final

from textual import messages
from textual.driver import Driver
from textual.drivers.web_driver import WebDriver

WEB_DRIVER: Final = "textual.drivers.web_driver:WebDriver"  # what textual-serve names


def served() -> bool:
    """True in an app started by textual-serve (its stdin and stdout are pipes, not a terminal)."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def divert_stdout() -> int:
    """Give the protocol a private copy of fd 1 and point fd 1 at /dev/null; return the copy.

    The copy is not inherited by programs the app starts (os.dup makes it close-on-exec), and
    multiprocessing's fork server and resource tracker, started after this, get /dev/null.
    """
    protocol = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return protocol


class ServedDriver(WebDriver):
    """Textual's web driver, writing to the private descriptor, ending the app with the server."""

    protocol_fd: int
    _server_gone = False

    def start_application_mode(self) -> None:
        self._write = partial(self._send)  # every packet Textual's driver writes goes here
        super().start_application_mode()

    def _send(self, data: bytes) -> int:
        if self._server_gone:
            return 0
        view = memoryview(data)
        try:
            while view:  # a signal can cut a write to a pipe short
                view = view[os.write(self.protocol_fd, view) :]
        except OSError:  # EPIPE: the server is gone; leave, and stop the runs on the way
            self._server_gone = True
            self._leave()
        return len(data) - len(view)

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # stdin closed under us: the server is gone
            self._leave()

    def _leave(self) -> None:
        with contextlib.suppress(RuntimeError):  # the app may already be gone
            self._app.post_message(messages.ExitApp())


def served_driver(protocol_fd: int) -> type[Driver]:
    """A `ServedDriver` bound to its descriptor (Textual builds the driver from a class)."""
    return type("BoundServedDriver", (ServedDriver,), {"protocol_fd": protocol_fd})
