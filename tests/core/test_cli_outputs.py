"""Output folders and numbers in errors: one line, exit 2, nothing made where it should not be."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conc_tui.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(argv, out=io.StringIO())
    return code, capsys.readouterr().err.splitlines()


def test_screenshots_into_a_folder_whose_parent_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "shots"
    code, err = run(["screenshots", str(target)], capsys)
    assert code == 2 and len(err) == 1 and "does not exist" in err[0]
    assert not (tmp_path / "missing").exists()


def test_screenshots_into_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    code, err = run(["screenshots", str(target)], capsys)
    assert code == 2 and len(err) == 1 and "not a folder" in err[0]


def test_limits_read_as_people_write_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["run", "countdown", "--steps", "99999999999"], capsys)
    assert code == 2
    assert err == ["conc-tui run: error: --steps must be from 1 to 10,000,000, not 99,999,999,999"]
