"""`conc-tui bench --quick` keeps working: it runs end to end, prints JSON, and loses no event.

Timings are never asserted here (the machines are shared and noisy): only that every measurement
produced a figure and that the throughput runs accounted for every event.
"""

from __future__ import annotations

import json
import subprocess
import sys


def test_quick_bench_runs_and_loses_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conc_tui", "bench", "--quick", "--json"],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    names = [m["name"] for m in report["measures"]]
    assert any(n.startswith("thread flood") for n in names)
    assert any(n.startswith("process flood") for n in names)
    assert any(n.startswith("frames:") for n in names)
    assert "start to first paint" in names
    for measure in report["measures"]:
        assert measure["value"] >= 0, measure
        if measure["lost"] is not None:
            assert measure["lost"] == 0, measure
