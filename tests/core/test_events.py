"""Events, their JSONL form, the bus and the JSONL recorder: pure logic, no runner."""

from __future__ import annotations

import io
import json
import math
import os
import threading
import time
from pathlib import Path

import pytest

from conc_tui.bus import EventBus
from conc_tui.errors import OutputPathError
from conc_tui.events import Event, EventFormatError, read_jsonl, write_jsonl
from conc_tui.recording import AtomicTextFile, JsonlRecorder, check_writable

SAMPLE = [
    Event(0, 0.0, "r1", "A", "thread", "start", pid=42, tid=7),
    Event(1, 0.5, "r1", "A", "thread", "step", value=5, total=5, pid=42, tid=7),
    Event(2, 0.75, "r1", "A", "thread", "result", value={"prime": True, "n": [1, 2]}),
    Event(3, 1.0, "r1", "A", "thread", "error", text="Traceback ...\nValueError: x\n"),
    Event(4, 1.25, "r1", "B", "process", "finish", status="killed", exitcode=-9, signal="SIGKILL"),
    Event(5, 2.0, "r1", "A", "thread", "finish", status="failed", text="ünïcode ✓"),
]


def test_to_json_is_one_line_without_none_fields() -> None:
    line = SAMPLE[0].to_json()
    assert "\n" not in line
    assert json.loads(line) == {
        "seq": 0,
        "t": 0.0,
        "run": "r1",
        "worker": "A",
        "model": "thread",
        "kind": "start",
        "pid": 42,
        "tid": 7,
    }


@pytest.mark.parametrize("event", SAMPLE, ids=lambda e: e.kind)
def test_one_event_round_trips_through_json(event: Event) -> None:
    assert Event.from_dict(json.loads(event.to_json())) == event
    assert list(read_jsonl([event.to_json()])) == [event]


def test_write_jsonl_then_read_jsonl_gives_the_same_events() -> None:
    out = io.StringIO()
    write_jsonl(SAMPLE, out)
    text = out.getvalue()
    assert text.count("\n") == len(SAMPLE) and text.endswith("\n")
    assert list(read_jsonl(io.StringIO(text))) == SAMPLE


def test_read_jsonl_skips_blank_lines_and_defaults_the_run() -> None:
    lines = ["\n", '{"seq": 0, "t": 1, "worker": "A", "model": "thread", "kind": "start"}\n', "  "]
    (event,) = read_jsonl(lines)
    assert event == Event(0, 1, "", "A", "thread", "start")


GOOD = {"seq": 3, "t": 0.5, "run": "r", "worker": "A", "model": "thread", "kind": "step"}


def without(key: str) -> dict[str, object]:
    return {k: v for k, v in GOOD.items() if k != key}


NOT_EVENTS: dict[str, object] = {
    "a list": [1, 2],
    "a string": "start",
    "null": None,
    "no seq": without("seq"),
    "no t": without("t"),
    "no worker": without("worker"),
    "no model": without("model"),
    "no kind": without("kind"),
    "unknown field": {**GOOD, "colour": "red"},
    "unknown kind": {**GOOD, "kind": "explode"},
    "negative seq": {**GOOD, "seq": -1},
    "fractional seq": {**GOOD, "seq": 1.5},
    "seq a string": {**GOOD, "seq": "3"},
    "seq a bool": {**GOOD, "seq": True},
    "negative t": {**GOOD, "t": -0.1},
    "t a string": {**GOOD, "t": "0.5"},
    "t a bool": {**GOOD, "t": False},
    "t NaN": {**GOOD, "t": math.nan},  # json.loads accepts NaN and Infinity
    "t infinite": {**GOOD, "t": math.inf},
    "worker a number": {**GOOD, "worker": 1},
    "model null": {**GOOD, "model": None},
}


@pytest.mark.parametrize("data", NOT_EVENTS.values(), ids=NOT_EVENTS.keys())
def test_from_dict_rejects_what_is_not_an_event(data: object) -> None:
    with pytest.raises(EventFormatError):
        Event.from_dict(data)


def test_read_jsonl_names_the_bad_line() -> None:
    good = SAMPLE[0].to_json()
    with pytest.raises(EventFormatError, match=r"^line 3: not JSON"):
        list(read_jsonl([good, good, "{not json", good]))
    with pytest.raises(EventFormatError, match=r"^line 2: unknown kind"):
        list(read_jsonl([good, json.dumps({**GOOD, "kind": "nope"})]))


def test_bus_numbers_events_from_zero_in_the_order_it_received_them() -> None:
    bus = EventBus(run_id="run1", t0=100.0)
    a = bus.register("A", "thread")
    b = bus.register("B", "process")
    bus.put((100.5, a, "start", None, (11, 22)))
    bus.put([(100.6, b, "start", None, (33, 44)), (100.7, b, "step", 2, 5)])  # a process batch
    bus.put((100.8, a, "error", "Traceback\n", None))
    bus.put((99.0, a, "finish", "failed", (None, None, "why", None)))  # clock before t0: clamped
    events = bus.drain()
    assert [e.seq for e in events] == [0, 1, 2, 3, 4]
    assert [(e.worker, e.kind) for e in events] == [
        ("A", "start"),
        ("B", "start"),
        ("B", "step"),
        ("A", "error"),
        ("A", "finish"),
    ]
    assert [e.t for e in events] == [0.5, 0.6, 0.7, 0.8, 0.0]
    assert {(e.worker, e.pid, e.tid) for e in events} == {("A", 11, 22), ("B", 33, 44)}
    assert events[2].value == 2 and events[2].total == 5
    assert events[3].text == "Traceback\n" and events[3].value is None
    assert events[4].status == "failed" and events[4].text == "why"
    assert all(e.run == "run1" for e in events)
    assert bus.received == 5
    bus.put((101.0, b, "step", 1, 5))
    assert [e.seq for e in bus.drain()] == [5]
    assert bus.drain() == [] and bus.empty()


def test_bus_drain_waits_for_the_first_item() -> None:
    bus = EventBus()
    slot = bus.register("A", "thread")
    threading.Timer(0.05, bus.put, [(time.monotonic(), slot, "step", 1, None)]).start()
    assert [e.kind for e in bus.drain(wait=10)] == ["step"]


def test_bus_tees_every_event_to_its_recorders(tmp_path: Path) -> None:
    bus = EventBus()
    path = tmp_path / "events.jsonl"
    bus.recorders.append(JsonlRecorder(path))
    slot = bus.register("A", "thread")
    seen = []
    for value in range(3):
        bus.put((time.monotonic(), slot, "step", value, 3))
        seen += bus.drain()
    bus.close()
    assert list(read_jsonl(path.read_text().splitlines())) == seen


def test_recorder_file_appears_only_on_close(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    recorder = JsonlRecorder(path)
    recorder.write(SAMPLE)
    assert not path.exists()
    recorder.close()
    assert list(read_jsonl(path.read_text().splitlines())) == SAMPLE
    assert os.listdir(tmp_path) == ["events.jsonl"]


def test_aborted_recorder_leaves_nothing(tmp_path: Path) -> None:
    recorder = JsonlRecorder(tmp_path / "events.jsonl")
    recorder.write(SAMPLE)
    recorder.abort()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_unwritable_path_is_refused_before_anything_is_created(tmp_path: Path, where: str) -> None:
    path = tmp_path / "nope" / "events.jsonl" if where == "missing folder" else tmp_path
    with pytest.raises(OutputPathError, match=r"^cannot write "):
        check_writable(path)
    with pytest.raises(OutputPathError):
        AtomicTextFile(path)
    assert os.listdir(tmp_path) == []
