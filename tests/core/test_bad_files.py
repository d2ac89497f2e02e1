"""Every bad file a user can hand to replay, record, --events, --trace or --record: one clear line
on stderr, exit code 2, no traceback, and no output file left behind."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conc_tui import launch
from conc_tui.cli import main
from conc_tui.events import Event
from conc_tui.replay import load_log

GOOD = Event(0, 0.001, "r1", "A", "thread", "start", pid=1, tid=2).to_json()
QUICK = ["--steps", "2", "--delay", "0.01"]


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), out=out) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and "error" in lines[0]
    assert out.getvalue() == "" and captured.out == ""
    return lines[0]


LOGS = {
    "empty": ("", "empty"),
    "blank lines": ("\n\n  \n", "empty"),
    "not json": ("this is not json\n", "line 1: not JSON"),
    "not utf-8": (b"\xff\xfe\x00junk\n", "not a text file"),
    "another program's json": ('{"name": "x", "version": "1.0"}\n', "not a conc-tui event"),
    "a json array": ("[1, 2, 3]\n", "not a JSON object"),
    "unknown kind": (GOOD + "\n" + GOOD.replace('"start"', '"waiting"') + "\n", "unknown kind"),
    "seq not a number": (GOOD.replace('"seq": 0', '"seq": "zero"') + "\n", "seq must be"),
    "unknown field": (GOOD.replace("{", '{"colour": "red", ', 1) + "\n", "unknown field"),
    "seq gap": (GOOD + "\n" + GOOD.replace('"seq": 0', '"seq": 5') + "\n", "seq jumps"),
    "truncated only line": (GOOD[:20], "no events"),
}


@pytest.mark.parametrize("case", list(LOGS))
def test_replay_refuses_a_bad_log(case: str, tmp_path: Path, capsys) -> None:
    content, said = LOGS[case]
    path = tmp_path / "bad.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    line = refused(capsys, "replay", str(path))
    assert said in line and str(path) in line


def test_replay_refuses_a_missing_file_and_a_folder(tmp_path: Path, capsys) -> None:
    assert "no such file" in refused(capsys, "replay", str(tmp_path / "missing.jsonl"))
    assert "folder" in refused(capsys, "replay", str(tmp_path))


@pytest.mark.parametrize("speed", ["0", "-1", "nan", "inf", "5000", "fast"])
def test_replay_refuses_a_bad_speed(speed: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "good.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    assert "speed" in refused(capsys, "replay", str(path), "--speed", speed)


def test_a_truncated_last_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    second = Event(1, 0.5, "r1", "A", "thread", "step", value=1, total=2).to_json()
    path.write_text(GOOD + "\n" + second + "\n" + second.replace('"seq": 1', '"seq": 2')[:25])
    log = load_log(path)
    assert [e.seq for e in log.events] == [0, 1]
    assert len(log.warnings) == 1 and "skipped line 3" in log.warnings[0]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["record", "countdown", "--size", "100x30"], "does not exist"),
        (["record", "countdown", "--size", "100by30"], "--size"),
        (["record", "nope"], "unknown demo"),
        (["record", "tour", "--model", "thread"], "leave out --model"),
        (["run", "countdown", *QUICK, "--trace"], "does not exist"),
        (["run", "countdown", *QUICK, "--events"], "does not exist"),
    ],
)
def test_outputs_into_a_missing_folder_or_bad_options(
    argv: list[str], said: str, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "no-such-folder" / "out.file"
    argv = [*argv, "-o", str(target)] if argv[0] == "record" else [*argv, str(target)]
    assert said in refused(capsys, *argv)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_bad_trace_path_leaves_no_events_file(tmp_path: Path, capsys) -> None:
    events = tmp_path / "events.jsonl"
    missing = tmp_path / "nope" / "t.json"
    argv = ["run", "countdown", *QUICK, "--events", str(events), "--trace", str(missing)]
    assert "does not exist" in refused(capsys, *argv)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--events", "--trace", "--record"])
def test_the_tui_refuses_a_bad_output_before_it_draws(
    option: str, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Here stdin is not a terminal; pretend it is, so the path is what gets refused.
    monkeypatch.setattr(launch, "_require_terminal", lambda: None, raising=False)
    good = tmp_path / "events.jsonl"
    missing = tmp_path / "nope" / "out.file"
    argv = ["countdown", *QUICK, option, str(missing)]
    if option != "--events":
        argv += ["--events", str(good)]
    assert "does not exist" in refused(capsys, *argv)
    assert list(tmp_path.iterdir()) == []


def test_recordings_are_read_as_json_only(tmp_path: Path, capsys) -> None:
    # A pickle (or Python source) where a log should be is refused as "not JSON", never loaded.
    path = tmp_path / "evil.jsonl"
    path.write_bytes(b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94.")
    assert "not" in refused(capsys, "replay", str(path))
    path.write_text('__import__("os").system("false")\n', encoding="utf-8")
    assert "not JSON" in refused(capsys, "replay", str(path))
    json.loads(GOOD)  # the good line is plain JSON


def test_replay_without_a_terminal_says_so(tmp_path: Path, capsys) -> None:
    path = tmp_path / "good.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    assert "needs a terminal" in refused(capsys, "replay", str(path))  # never hangs drawing
