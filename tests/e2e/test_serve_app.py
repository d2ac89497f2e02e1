"""`conc-tui serve` without a browser: the address checks, and a tab's app as textual-serve runs it.

The app is started the way textual-serve starts it (TEXTUAL_DRIVER naming Textual's web driver,
stdin and stdout pipes): it must speak the protocol on stdout and nothing else, keep its helpers
off that pipe, refuse to write files, and end, with everything it started, when the server goes
away without a word (its stdin closes: the server was killed).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conc_tui import cli
from conc_tui.testing.processes import assert_all_gone, descendants
from conc_tui.ui.web.server import app_command

WEB_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "COLUMNS": "120",
    "ROWS": "36",
}
READY = b"__GANGLION__\n"  # the web driver's first line, before its packets


def _conc_tui(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conc_tui", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _one_line_exit_2(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 2, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and words in lines[0], done.stderr


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        _one_line_exit_2(_conc_tui("serve", "--port", str(port)), f"port {port} is in use")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--host", "no-such-host.invalid"], "cannot serve on host 'no-such-host.invalid'"),
        (["--host", "192.0.2.1"], "cannot serve on 192.0.2.1"),  # TEST-NET: not this machine
        (["--port", "0"], "--port must be from 1 to 65535"),
        (["--port", "65536"], "--port must be from 1 to 65535"),
        (["--port", "eighty"], "invalid int value"),
        (["--public-url", "example.org:8000"], "--public-url must look like http://HOST:PORT"),
        (["nosuch"], "unknown demo 'nosuch'"),
        (["countdown", "--workers", "0"], "--workers must be from 1"),
        (["--events", "x.jsonl"], "unrecognized arguments: --events"),
    ],
)
def test_bad_serve_input_is_one_line_and_exit_2(argv: list[str], words: str) -> None:
    _one_line_exit_2(_conc_tui("serve", *argv), words)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["gil", "--model", "all"],
        ["primes", "--yield-every", "1000", "--start-method", "fork", "--switch-interval", "0.001"],
        ["countdown", "--workers", "3", "--delay", "0.25", "--steps", "7", "--seed", "5"],
    ],
)
def test_each_tab_gets_the_demo_and_options_given_to_serve(argv: list[str]) -> None:
    parsers = cli.build_parsers()
    given = parsers["serve"].parse_args(["--port", "8001", *argv])
    tab = parsers[""].parse_args(cli._app_argv(given))
    for name, value in vars(given).items():
        if name not in cli.SERVER_OPTIONS:
            assert getattr(tab, name) == value, name
    assert " -m conc_tui" in app_command(cli._app_argv(given))


def test_a_served_app_writes_no_files(tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    done = _conc_tui("countdown", "--events", str(log), env=WEB_ENV)
    _one_line_exit_2(done, "--events is off in a served app")
    assert not log.exists()


def _stdout_of(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/fd/1")


def test_a_served_app_keeps_stdout_for_the_protocol_and_ends_when_the_server_dies() -> None:
    app = subprocess.Popen(
        [sys.executable, "-m", "conc_tui", "countdown", "--model", "process"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **WEB_ENV},
    )
    assert app.stdin is not None and app.stdout is not None
    first = app.stdout.readline()
    assert first == READY, first + app.stderr.read() if app.stderr else first
    pipe = os.readlink(f"/proc/self/fd/{app.stdout.fileno()}")  # pipe:[inode], both ends
    packets = bytearray()
    out = app.stdout
    reader = threading.Thread(target=lambda: packets.extend(out.read()), daemon=True)
    reader.start()  # keep the pipe drained, as the server does
    try:
        deadline = time.monotonic() + 20
        while len(descendants(app.pid)) < 4:  # resource tracker, fork server, lab, workers
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.05)
        started = descendants(app.pid)
        assert _stdout_of(app.pid) == "/dev/null"  # the driver writes to a copy of it
        assert pipe.startswith("pipe:")
        for pid in started:  # no helper, lab or worker holds the protocol's pipe as stdout
            assert _stdout_of(pid) != pipe, (pid, pipe)
        app.stdin.close()  # the server is gone
        assert app.wait(timeout=15) == 0
        reader.join(5)
        assert not reader.is_alive()
        assert packets[:1] == b"D", packets[:20]  # frames, framed: nothing else on the pipe
        assert_all_gone(started, within=10)
    finally:
        if app.poll() is None:
            app.kill()
        app.wait(5)
        reader.join(5)
        for stream in (app.stdout, app.stderr):
            if stream:
                stream.close()


def _listening_on(port: int) -> set[str]:
    """The local IPv4 addresses that listen on `port` (from /proc/net/tcp: state 0A is LISTEN)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, _remote, state = line.split()[1:4]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_the_server_listens_on_this_machine_only_and_gives_pages_the_public_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    public = f"http://classroom.example:{port}"
    with subprocess.Popen(
        [sys.executable, "-m", "conc_tui", "serve", "--port", str(port), "--public-url", public],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            assert server.stdout is not None
            assert f"serving on {public}" in server.stdout.readline()
            assert _listening_on(port) == {"127.0.0.1"}
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
                html = page.read().decode()
            assert f'data-session-websocket-url="ws://classroom.example:{port}/ws"' in html
            server.send_signal(signal.SIGTERM)
            out, err = server.communicate(timeout=15)
            assert server.returncode == 0, err
            assert "every tab's app has ended" in out
        finally:
            if server.poll() is None:
                server.kill()
