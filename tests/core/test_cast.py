"""The asciicast writer and checker (core), and `conc-tui record` as a user runs it: a real
process with no terminal, whose cast is rendered through a terminal emulator (pyte)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pyte
import pytest

from conc_tui.cast import CastError, CastWriter, load_cast, parse_size, read_cast


def render(path: Path) -> list[str]:
    """The cast's last frame, as a terminal of the cast's size shows it."""
    cast = load_cast(path)
    screen = pyte.Screen(cast.width, cast.height)
    pyte.Stream(screen).feed(cast.output)
    return list(screen.display)


def test_the_writer_stamps_chunks_in_order_and_never_back(tmp_path: Path) -> None:
    ticks = itertools.chain([10.0, 10.5, 10.25, 11.0], itertools.repeat(11.0))
    path = tmp_path / "a.cast"
    writer = CastWriter(path, 80, 24, title="t", clock=lambda: next(ticks))
    for chunk in ("one", "", "two", "three"):
        writer.output(chunk)
    assert not path.exists()  # only a clean close puts the file in place
    writer.close()
    cast = load_cast(path)
    assert (cast.width, cast.height, cast.header["version"]) == (80, 24, 2)
    assert [(t, data) for t, _, data in cast.events] == [(0.5, "one"), (0.5, "two"), (1.0, "three")]


def test_an_aborted_cast_leaves_nothing(tmp_path: Path) -> None:
    writer = CastWriter(tmp_path / "a.cast", 80, 24)
    writer.output("x")
    writer.abort()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("[1, 2]\n", "no version 2 header"),
        ('{"version": 2, "width": 0, "height": 5}\n', "positive width"),
        (
            '{"version": 2, "width": 9, "height": 5}\n[1.0, "o", "a"]\n[0.5, "o", "b"]\n',
            "goes back",
        ),
        ('{"version": 2, "width": 9, "height": 5}\n[1.0, "o"]\n', "not an event"),
        ('{"version": 2, "width": 9, "height": 5}\n{nope\n', "not JSON"),
    ],
)
def test_the_checker_names_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(CastError, match=problem):
        read_cast(text.splitlines())


@pytest.mark.parametrize("text", ["100", "x30", "100x", "axb", "10x30", "100x3", "5000x30"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


def test_record_countdown_with_no_terminal_ends_on_the_finished_panels(tmp_path: Path) -> None:
    path = tmp_path / "countdown.cast"
    done = subprocess.run(
        [sys.executable, "-m", "conc_tui", "record", "countdown", "-o", str(path),
         "--size", "100x30", "--delay", "0.05", "--steps", "3"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(path)
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert (header["version"], header["width"], header["height"]) == (2, 100, 30)
    cast = load_cast(path)  # checks that times never go back
    assert cast.duration >= 1.0  # the run, then the hold on the final screen
    frame = render(path)
    text = "\n".join(frame)
    assert "2 done" in frame[1] and "0 running" in frame[1]
    assert "finish order" in frame[2]
    panels = next(line for line in frame if "─ A ─" in line)
    assert "─ B ─" in panels and panels.count("done") == 2
    assert "0 of 3 left" in text
