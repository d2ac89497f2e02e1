"""`--trace`: a Chrome Trace Event Format file that Perfetto opens: tracks, slices, instants."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from conc_tui.cli import main
from conc_tui.events import Event
from conc_tui.trace import TraceRecorder


def event(seq: int, t: float, worker: str, kind: str, model: str = "thread", **more: Any) -> Event:
    return Event(seq, t, "r1", worker, model, kind, **more)


def countdown(model: str, begin: float, first_seq: int) -> list[Event]:
    """A and B, 3 steps 0.5 s apart (silence: waiting), the way a countdown sleeps."""
    events: list[tuple[float, str, str, dict[str, Any]]] = []
    for name in "AB":
        events.append((begin, name, "start", {"pid": 7, "tid": 70 if name == "A" else 71}))
        for step in range(3):
            events.append((begin + step * 0.5, name, "step", {"value": 3 - step, "total": 3}))
        events.append((begin + 1.5, name, "finish", {"status": "done"}))
    events.sort(key=lambda e: e[0])
    return [
        event(first_seq + i, t, name, kind, model, **more)
        for i, (t, name, kind, more) in enumerate(events)
    ]


def write_trace(path: Path, events: list[Event], **options: Any) -> dict[str, Any]:
    recorder = TraceRecorder(path, **options)
    recorder.write(events[:3])
    recorder.write(events[3:])
    recorder.close()
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def check_schema(data: dict[str, Any]) -> list[dict[str, Any]]:
    records = data["traceEvents"]
    assert isinstance(records, list) and records
    for record in records:
        assert record["ph"] in ("M", "X", "i")
        assert isinstance(record["pid"], int) and isinstance(record["tid"], int)
        assert isinstance(record["name"], str)
        if record["ph"] == "X":
            assert record["ts"] >= 0 and record["dur"] >= 0
        if record["ph"] == "i":
            assert record["ts"] >= 0 and record["s"] == "t"
    return list(records)


def test_a_track_per_worker_and_per_model_with_names(tmp_path: Path) -> None:
    # `run --model all`: one run id, the same worker names under each model.
    events = countdown("thread", 0.0, 0)
    events += countdown("process", 2.0, len(events))
    records = check_schema(write_trace(tmp_path / "t.json", events))
    processes = {r["pid"]: r["args"]["name"] for r in records if r["name"] == "process_name"}
    threads = {
        (r["pid"], r["tid"]): r["args"]["name"] for r in records if r["name"] == "thread_name"
    }
    assert sorted(processes.values()) == ["process (run r1)", "thread (run r1)"]
    assert sorted(threads.values()) == ["A (pid 7, tid 70)"] * 2 + ["B (pid 7, tid 71)"] * 2
    lives = [r for r in records if r["ph"] == "X" and r["cat"] == "worker"]
    assert len({(r["pid"], r["tid"]) for r in lives}) == 4  # four tracks, one life each
    for life in lives:
        assert life["dur"] == 1_500_000.0 and life["args"]["status"] == "done"


def test_silence_longer_than_the_threshold_is_waiting(tmp_path: Path) -> None:
    records = check_schema(write_trace(tmp_path / "t.json", countdown("thread", 0.0, 0)))
    slices = [r for r in records if r["ph"] == "X" and r["cat"] != "worker"]
    assert {r["name"] for r in slices} == {"waiting"}  # 0.5 s gaps > QUIET_AFTER
    records = check_schema(
        write_trace(tmp_path / "u.json", countdown("thread", 0.0, 0), quiet_after=1.0)
    )
    slices = [r for r in records if r["ph"] == "X" and r["cat"] != "worker"]
    assert {r["name"] for r in slices} == {"running"}
    steps = [r for r in records if r["ph"] == "i" and r["name"].startswith("step")]
    assert len(steps) == 6 and steps[0]["name"] == "step 3/3"


def test_running_then_waiting_are_separate_slices(tmp_path: Path) -> None:
    times = [0.0, 0.01, 0.02, 0.03, 1.03, 1.04]  # busy, then one long silence, then busy
    events = [event(0, 0.0, "A", "start")]
    events += [event(i + 1, t, "A", "step", value=i) for i, t in enumerate(times)]
    events.append(event(len(events), 1.05, "A", "error", text="Traceback...\nValueError: x"))
    events.append(event(len(events), 1.05, "A", "finish", status="failed", text="raised"))
    records = check_schema(write_trace(tmp_path / "t.json", events))
    slices = [
        (r["name"], r["ts"], r["dur"]) for r in records if r.get("cat") in ("running", "waiting")
    ]
    assert slices == [
        ("running", 0.0, 30_000.0),
        ("waiting", 30_000.0, 1_000_000.0),
        ("running", 1_030_000.0, 20_000.0),
    ]
    instants = [r["name"] for r in records if r["ph"] == "i" and not r["name"].startswith("step")]
    assert instants == ["error", "finish: failed"]


def test_a_flood_of_steps_is_capped(tmp_path: Path) -> None:
    events = [event(0, 0.0, "A", "start")]
    events += [event(i + 1, i * 1e-6, "A", "step", value=i) for i in range(50)]
    records = check_schema(write_trace(tmp_path / "t.json", events, max_step_marks=10))
    assert sum(1 for r in records if r["ph"] == "i") == 10
    life = next(r for r in records if r.get("cat") == "worker")
    assert life["args"] == {"status": "unfinished", "steps": 50}


def test_an_aborted_trace_leaves_no_file(tmp_path: Path) -> None:
    recorder = TraceRecorder(tmp_path / "t.json")
    recorder.write(countdown("thread", 0.0, 0))
    recorder.abort()
    assert list(tmp_path.iterdir()) == []


def test_run_with_trace_writes_one_for_every_model(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    argv = ["run", "countdown", "--model", "all", "--steps", "2", "--delay", "0.01"]
    assert main([*argv, "--trace", str(path)], out=io.StringIO()) == 0
    records = check_schema(json.loads(path.read_text(encoding="utf-8")))
    lives = [r for r in records if r["ph"] == "X" and r["cat"] == "worker"]
    assert len(lives) == 8  # A and B under each of the four models
    assert all(r["args"]["status"] == "done" for r in lives)
