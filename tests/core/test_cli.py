"""The headless command line: `conc_tui.cli.main(argv, out)` in this process, and real processes.

Bad input is checked the way a user meets it: exit code 2, exactly one line on stderr, no
traceback, nothing on stdout and no file created.
"""

from __future__ import annotations

import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import conc_tui
from conc_tui.bus import EventBus
from conc_tui.cli import main
from conc_tui.compare import compare_rows
from conc_tui.demos import DEMOS
from conc_tui.events import Event, read_jsonl
from conc_tui.headless import run_models
from conc_tui.runners import ALL_MODELS as MODELS
from conc_tui.testing.engine import pid_is_gone

CONTRACT_DEMOS = ("countdown", "primes", "gil", "io", "flood", "faults")
QUICK = ["--steps", "3", "--delay", "0.02"]


def run_main(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def conc_tui_process(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conc_tui", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def finishes(events: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    for event in events:
        mine = found.setdefault(event.worker, [])  # every worker, finished or not
        if event.kind == "finish":
            mine.append(event)
    return dict(found)


def test_list_prints_every_demo_id(capsys) -> None:
    code, out = run_main("list")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids == list(DEMOS)
    assert set(CONTRACT_DEMOS) <= set(ids)
    for line in out.splitlines():
        demo_id, summary = line.split(maxsplit=1)
        assert summary == DEMOS[demo_id].summary
    assert capsys.readouterr().err == ""


def test_run_countdown_as_threads_prints_the_seed_lines(capsys) -> None:
    code, out = run_main("run", "countdown", "--model", "thread", *QUICK)
    assert code == 0
    lines = [line for line in out.splitlines() if not line.startswith("  ")]  # not the notes
    expected = [f"Thread {w} counting down: {n}..." for n in (3, 2, 1) for w in "AB"]
    assert sorted(lines[:-1]) == sorted(expected)
    for worker in "AB":
        assert [line for line in lines if line.startswith(f"Thread {worker} ")] == [
            f"Thread {worker} counting down: {n}..." for n in (3, 2, 1)
        ]
    assert re.fullmatch(r"thread: \d+\.\d\d s wall time \(2 done\)", lines[-1])
    assert capsys.readouterr().err == ""


def test_run_with_the_demos_default_model() -> None:
    code, out = run_main("run", "countdown", *QUICK)
    assert code == 0
    assert out.splitlines()[0].startswith(f"{DEMOS['countdown'].default_model.capitalize()} ")


def test_run_countdown_as_processes_in_jsonl(tmp_path: Path) -> None:
    events_file = tmp_path / "events.jsonl"
    code, out = run_main(
        "run",
        "countdown",
        "--model",
        "process",
        "--format",
        "jsonl",
        *QUICK,
        "--events",
        str(events_file),
    )
    assert code == 0
    events = list(read_jsonl(out.splitlines()))
    assert [e.seq for e in events] == list(range(len(events)))
    pids = {e.worker: e.pid for e in events if e.kind == "start"}
    assert sorted(pids) == ["A", "B"]
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    assert {w: [e.status for e in f] for w, f in finishes(events).items()} == {
        "A": ["done"],
        "B": ["done"],
    }
    assert events_file.read_text() == out  # the log and the stream are the same events
    for pid in pids.values():
        assert pid_is_gone(pid)


def test_run_all_models_prints_a_table_with_speedups() -> None:
    code, out = run_main("run", "countdown", "--model", "all", "--steps", "2", "--delay", "0.02")
    assert code == 0
    lines = out.splitlines()
    header = lines.index(next(line for line in lines if line.startswith("model")))
    assert lines[header].split() == ["model", "wall", "(s)", "speedup"]
    rows = [line.split() for line in lines[header + 1 :]]
    assert [row[0] for row in rows] == list(MODELS)
    for model, wall, speedup in rows:
        assert float(wall) >= 0
        assert re.fullmatch(r"\d+\.\d\dx", speedup), (model, speedup)
    assert dict((row[0], row[2]) for row in rows)["sequential"] == "1.00x"
    for model in MODELS:
        assert any(re.fullmatch(rf"{model}: \d+\.\d\d s wall time \(2 done\)", x) for x in lines)
    for noun in ("Job", "Thread", "Process", "Task"):
        assert f"{noun} A counting down: 2..." in lines


def test_run_faults_reports_each_failure_in_text(capsys) -> None:
    code, out = run_main("run", "faults", "--model", "process", "--delay", "0.02")
    assert code == 0
    assert "steady finished." in out and "steady-2 finished." in out
    assert "Process raises raised:\nTraceback (most recent call last):" in out
    assert "ValueError: bad input at step 3" in out
    assert "Process sigkill was killed (SIGKILL)" in out
    assert "Process exit-3 exited early (exit code 3)" in out
    assert "Process hangs timed out" in out
    ended = r"\(2 done, 1 exited, 1 failed, 1 killed, 1 timeout\)"
    assert re.search(rf"^process: \d+\.\d\d s wall time {ended}$", out, re.MULTILINE)
    assert capsys.readouterr().err == ""


def test_an_ignored_option_is_noted_on_one_line(capsys) -> None:
    code, _ = run_main("run", "countdown", "--seed", "3", *QUICK)
    assert code == 0
    assert capsys.readouterr().err == "conc-tui: note: countdown ignores --seed\n"


BAD_INPUT = {
    "unknown demo": ["run", "nosuch", "--events", "{out}"],
    "unknown model": ["run", "countdown", "--model", "fibers", "--events", "{out}"],
    "unknown command": ["frobnicate"],
    "unknown command with an argument": ["frobnicate", "now"],
    "unknown option": ["run", "countdown", "--bogus", "--events", "{out}"],
    "missing demo": ["run", "--events", "{out}"],
    "list with an argument": ["list", "extra"],
    "workers not a number": ["run", "countdown", "--workers", "x", "--events", "{out}"],
    "workers zero": ["run", "countdown", "--workers", "0", "--events", "{out}"],
    "workers negative": ["run", "countdown", "--workers", "-1", "--events", "{out}"],
    "workers absurd": ["run", "countdown", "--workers", "100000", "--events", "{out}"],
    "workers too many processes": ["run", "io", "--model", "all", "--workers", "65"],
    "delay negative": ["run", "countdown", "--delay", "-1", "--events", "{out}"],
    "delay nan": ["run", "countdown", "--delay", "nan", "--events", "{out}"],
    "delay inf": ["run", "countdown", "--delay", "inf", "--events", "{out}"],
    "delay absurd": ["run", "countdown", "--delay", "1e9", "--events", "{out}"],
    "steps zero": ["run", "countdown", "--steps", "0", "--events", "{out}"],
    "steps negative": ["run", "flood", "--steps", "-5", "--events", "{out}"],
    "yield-every negative": ["run", "primes", "--yield-every", "-1", "--events", "{out}"],
    "seed negative": ["run", "io", "--seed", "-1", "--events", "{out}"],
    "start method": ["run", "countdown", "--start-method", "teleport", "--events", "{out}"],
    "format": ["run", "countdown", "--format", "xml", "--events", "{out}"],
    "events in a missing folder": ["run", "countdown", "--events", "{missing}"],
    "events is a folder": ["run", "countdown", "--events", "{dir}"],
    "events in a missing folder, option ignored": [
        "run",
        "primes",
        "--workers",
        "3",
        "--events",
        "{missing}",
    ],
    "tui unknown model": ["--model", "fibers"],
    "tui workers zero": ["countdown", "--workers", "0"],
    "tui unknown demo": ["nosuch", "--model", "thread"],
}


def fill(argv: list[str], tmp_path: Path) -> list[str]:
    places = {
        "{out}": str(tmp_path / "out.jsonl"),
        "{missing}": str(tmp_path / "no-such-folder" / "out.jsonl"),
        "{dir}": str(tmp_path),
    }
    return [places.get(arg, arg) for arg in argv]


@pytest.fixture
def empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert os.listdir(tmp_path) == []  # no file created, not even a temporary one


@pytest.mark.parametrize("argv", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_one_line_on_stderr_and_exit_code_2(argv, empty_cwd, capsys) -> None:
    threads_before = set(threading.enumerate())
    code, out = run_main(*fill(argv, empty_cwd))
    err = capsys.readouterr().err
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert "error" in err and "Traceback" not in err
    assert set(threading.enumerate()) <= threads_before  # nothing was started


@pytest.mark.parametrize(
    "name", ["unknown demo", "delay nan", "events in a missing folder", "workers not a number"]
)
def test_bad_input_in_a_real_process(name: str, empty_cwd: Path) -> None:
    done = conc_tui_process(*fill(BAD_INPUT[name], empty_cwd))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_conc_tui_help_list_and_version() -> None:
    helped = conc_tui_process("--help")
    assert helped.returncode == 0 and helped.stderr == ""
    assert helped.stdout.startswith("usage: conc-tui")
    for demo_id in CONTRACT_DEMOS:
        assert demo_id in helped.stdout
    run_help = conc_tui_process("run", "--help")
    assert run_help.returncode == 0 and "--format" in run_help.stdout
    listed = conc_tui_process("list")
    assert listed.returncode == 0 and listed.stderr == ""
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(DEMOS)
    version = conc_tui_process("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"conc-tui {conc_tui.__version__}"


def test_the_installed_command_runs_processes_with_their_own_pids() -> None:
    command = Path(sys.executable).with_name("conc-tui")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "conc_tui"]
    done = subprocess.run(
        [*argv, "run", "countdown", "--model", "process", "--format", "jsonl", *QUICK],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
    events = list(read_jsonl(done.stdout.splitlines()))
    pids = {e.pid for e in events if e.kind == "start"}
    assert len(pids) == 2
    assert not pids & {os.getpid(), None}
    assert {e.status for e in events if e.kind == "finish"} == {"done"}
    assert all(pid_is_gone(pid) for pid in pids if pid is not None)


def read_lines_into(stream: io.TextIOBase, lines: queue.Queue[str | None]) -> threading.Thread:
    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_a_signal_mid_run_stops_every_worker_and_completes_the_log(signum, tmp_path) -> None:
    if signum == signal.SIGINT and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        # A shell starts background jobs with SIGINT ignored; their children inherit that.
        pytest.skip("SIGINT is ignored in this process and so in conc-tui")
    events_file = tmp_path / "events.jsonl"
    argv = ["run", "countdown", "--model", "process", "--delay", "0.5", "--format", "jsonl"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "conc_tui", *argv, "--events", str(events_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # see the events as they happen
    )
    lines: queue.Queue[str | None] = queue.Queue()
    reader = read_lines_into(proc.stdout, lines)  # type: ignore[arg-type]
    seen: list[Event] = []
    try:
        deadline = time.monotonic() + 30
        # Mid-run: both workers have started and taken their first step.
        while {e.worker for e in seen if e.kind == "step"} != {"A", "B"}:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            assert line is not None, "the run ended before it was interrupted"
            seen.append(Event.from_dict(json.loads(line)))
        pids = {e.pid for e in seen if e.kind == "start"}
        proc.send_signal(signum)
        proc.wait(timeout=30)  # not communicate(): the reader thread owns stdout
        err = proc.stderr.read()  # type: ignore[union-attr]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]
    reader.join(10)
    proc.stdout.close()  # type: ignore[union-attr]
    assert proc.returncode == 130
    assert len(err.splitlines()) == 1 and "interrupted" in err and "Traceback" not in err
    for pid in pids:
        assert pid is not None and pid != proc.pid
        assert pid_is_gone(pid)
    while (line := lines.get_nowait()) is not None:
        seen.append(Event.from_dict(json.loads(line)))
    logged = list(read_jsonl(events_file.read_text().splitlines()))
    assert logged == seen
    assert [e.seq for e in logged] == list(range(len(logged)))
    ends = finishes(logged)
    assert {w: [e.status for e in f] for w, f in ends.items()} == {
        "A": ["cancelled"],
        "B": ["cancelled"],
    }
    assert sum(e.kind == "step" for e in logged) < 10  # stopped before the end
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]


@pytest.mark.parametrize("output_format", ["text", "jsonl"])
def test_run_output_is_streamed_while_the_run_goes_on(output_format: str) -> None:
    """A reader of `conc-tui run ... | reader` sees each event when it happens, not at the end.

    The first line is answered with SIGTERM: if it came while the run was going on, the run was
    interrupted (both workers cancelled); if it came only when the run had ended, nothing was.
    """
    argv = ["run", "countdown", "--model", "thread", "--steps", "5", "--delay", "0.5"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "conc_tui", *argv, "--format", output_format],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},  # a plain pipe
    )
    lines: queue.Queue[str | None] = queue.Queue()
    reader = read_lines_into(proc.stdout, lines)  # type: ignore[arg-type]
    try:
        first = lines.get(timeout=30)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(10)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert first is not None
    output = [first]
    while (line := lines.get_nowait()) is not None:
        output.append(line)
    if output_format == "jsonl":
        statuses = [e.status for e in read_jsonl(output) if e.kind == "finish"]
    else:
        statuses = ["cancelled" for line in output if line.endswith(" was cancelled\n")]
    assert statuses == ["cancelled", "cancelled"], "the first line came only when the run ended"


def test_run_model_tallies_the_compare_table_from_the_run_itself() -> None:
    demo = DEMOS["countdown"]
    params = demo.params(delay=0.01, steps=2)
    outcomes = run_models(demo, ["sequential", "thread"], params, EventBus(), lambda _e: None)
    sequential, thread = (o.result for o in outcomes)
    assert sequential.baseline and not thread.baseline
    assert sequential.finished and thread.finished and thread.order
    assert abs(sequential.wall - outcomes[0].wall) < 1e-9
    base, row = compare_rows([sequential, thread])
    assert base.speedup == 1.0 and row.speedup == sequential.wall / thread.wall
