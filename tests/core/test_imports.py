"""The engine and the headless command line load no UI library: `conc-tui run` stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# Run in a fresh interpreter: this one may already have loaded textual for other tests.
# Discovery recurses with pkgutil.iter_modules (what pkgutil.walk_packages does inside) rather than
# walk_packages itself, because walk_packages imports every package it meets, conc_tui.ui included.
PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import conc_tui

    UI_ENTRY_POINTS = (
        "conc_tui.launch", "conc_tui.__main__", "conc_tui.bench.probe", "conc_tui.testing.pilot"
    )

    def is_core(name):
        parts = name.split(".")
        if name in ("conc_tui.ui", "conc_tui.ui.render") or name.startswith("conc_tui.ui.render."):
            return True  # the package itself is empty; render/ draws without Textual
        return not (
            name in UI_ENTRY_POINTS
            or name.startswith(("conc_tui.ui.", "conc_tui.launch."))
            or any("screenshot" in part for part in parts)
        )

    def walk(package):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if not is_core(info.name):
                continue
            module = importlib.import_module(info.name)
            yield info.name
            if info.ispkg:
                yield from walk(module)

    imported = ["conc_tui", *walk(conc_tui)]
    loaded = sorted(
        m for m in sys.modules if m.split(".")[0] in ("textual", "rich")
    )
    print(json.dumps({"imported": imported, "ui_modules": loaded}))
    """
)


def test_core_modules_import_neither_textual_nor_rich() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    # The walk found the engine (so an empty pass cannot hide a failure).
    for name in (
        "conc_tui.events",
        "conc_tui.bus",
        "conc_tui.cli",
        "conc_tui.headless",
        "conc_tui.recording",
        "conc_tui.runners.process_runner",
        "conc_tui.demos.primes",
        "conc_tui.feed.source",
        "conc_tui.ui.render.panel_lines",
        "conc_tui.bench",
    ):
        assert name in report["imported"]
    assert report["ui_modules"] == []
