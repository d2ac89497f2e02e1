"""`conc-tui serve`: the whole app in a web browser, one app per browser tab (textual-serve).

textual-serve runs a command for every websocket, that is, for every tab: here `python -m
conc_tui [DEMO] [options]`, so each tab has its own app, its own lab and its own runs, and closing
the tab sends that app "quit": it stops its runs the normal way (`ConcTuiApp.on_unmount`). The app's
side (the driver, stdout kept for the protocol) is `conc_tui.ui.web.driver`.

What this module adds to textual-serve's `Server`: the address is checked before anything starts
(a port in use, a host that is not this machine: one line, exit 2, as every other bad input);
one plain start-up line instead of a banner; and on the way out every tab's app is told to quit and
waited for, so stopping the server leaves nothing running.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from typing import Any, Final, TextIO
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from conc_tui.errors import UserError

QUIT_GRACE: Final = 10.0  # seconds each tab's app gets to stop its runs when the server stops


class AddressError(UserError):
    """The server cannot listen where it was asked to: reported as one line, exit 2."""


def check_address(host: str, port: int) -> None:
    """Bind every address `host` names, as the server will, and let go: fail here, in one line."""
    if not 1 <= port <= 65535:
        raise AddressError(f"--port must be from 1 to 65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressError(f"cannot serve on host {host!r}: {_reason(exc)}") from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise AddressError(
                        f"port {port} is in use on {host} (choose another with --port)"
                    ) from None
                raise AddressError(f"cannot serve on {host} port {port}: {_reason(exc)}") from None


def check_public_url(url: str) -> str:
    """The address browsers are given for the page and its websocket, without a trailing /."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AddressError(f"--public-url must look like http://HOST:PORT, not {url!r}")
    return url.rstrip("/")


def _reason(exc: BaseException) -> str:
    return str(exc.args[-1]) if exc.args else type(exc).__name__


def app_command(app_argv: Sequence[str]) -> str:
    """The shell command textual-serve runs per tab; `exec`, so the app is the tab's process."""
    words = [sys.executable, "-m", "conc_tui", *app_argv]
    return "exec " + " ".join(map(shlex.quote, words))


class AppServer(Server):
    """textual-serve's server, quiet, and one that ends every tab's app when it stops."""

    def __init__(self, command: str, host: str, port: int, public_url: str | None, out: TextIO):
        super().__init__(command, host=host, port=port, title="conc-tui", public_url=public_url)
        self._out = out
        self._asked_for_url = public_url is not None
        self._tabs: set[asyncio.Task[Any]] = set()  # each tab's websocket handler
        self.left_running = 0  # tabs whose app had not ended QUIT_GRACE s after the server stopped

    def initialize_logging(self) -> None:
        # Warnings and errors only (a tab's app that failed to start), plainly, on stderr.
        logging.basicConfig(level=logging.WARNING, format="conc-tui serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """No banner: the one line is said once the port listens (`_say_ready`)."""

    def serve(self, debug: bool = False) -> None:
        # textual-serve's own, but aiohttp's "running" callback says the line: it comes after
        # the sockets listen, so whoever reads it (a person, a test) can connect at once.
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda _aiohttp_says: self._say_ready(),
        )

    def _say_ready(self) -> None:
        self._out.write(f"conc-tui: serving on {self.public_url} (Ctrl+C stops)\n")
        if self.host in ("0.0.0.0", "::", "") and not self._asked_for_url:
            self._out.write(
                "conc-tui: note: other machines need this machine's name in the page: "
                "add --public-url http://NAME:PORT\n"
            )
        self._out.flush()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        task = asyncio.current_task()
        assert task is not None
        self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._tabs.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        # Cancelling a tab's handler makes it close the socket and send its app "quit"
        # (textual-serve's own clean-up); wait for the apps to end, each stopping its runs.
        tasks = list(self._tabs)
        for task in tasks:
            task.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=QUIT_GRACE)
            self.left_running = len(pending)


def serve(
    host: str, port: int, public_url: str | None, app_argv: Sequence[str], out: TextIO
) -> int:
    check_address(host, port)
    url = check_public_url(public_url) if public_url else None
    server = AppServer(app_command(app_argv), host, port, url, out)
    try:
        server.serve()
    except OSError as exc:  # lost the race for the port after the check
        raise AddressError(f"cannot serve on {host} port {port}: {_reason(exc)}") from None
    if server.left_running:
        print(
            f"conc-tui: stopped; {server.left_running} tab(s)' app did not end within "
            f"{QUIT_GRACE:g} s",
            file=sys.stderr,
        )
        return 1
    out.write("conc-tui: stopped; every tab's app has ended\n")
    return 0
