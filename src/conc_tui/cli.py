"""The command line (a contract: see DESIGN.md). Parsing, validation and dispatch only.

Every mistake a user can make on the command line ends the same way: one line on stderr naming the
problem, exit code 2, nothing started and no file written.
"""

from __future__ import annotations

import argparse
import gc
import math
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TextIO

from conc_tui import __version__
from conc_tui.bus import EventBus
from conc_tui.compare import compare_rows
from conc_tui.demos import ALWAYS_USED, DEMOS, OPTIONS, Demo, Params
from conc_tui.demos.params import LIMITS, problem
from conc_tui.errors import OutputPathError, UsageError, UserError
from conc_tui.events import Event
from conc_tui.export import FORMATS, render
from conc_tui.headless import RunOutcome, run_models
from conc_tui.machine import busy_note
from conc_tui.recording import JsonlRecorder
from conc_tui.runners import (
    ALL_MODELS,
    DEFAULT_START_METHOD,
    MODELS,
    START_METHODS,
    label,
    worker_limit,
)
from conc_tui.trace import TraceRecorder

PROG = "conc-tui"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _demo_table() -> str:
    lines = ["demos (the options each one uses; it ignores the others):"]
    for demo in DEMOS.values():
        used = [f"--{o.replace('_', '-')}" for o in OPTIONS if o in demo.uses]
        lines.append(f"  {demo.id:<10} {demo.summary}")
        lines.append(f"  {'':<10} default model {demo.default_model}; uses {' '.join(used)}")
    return "\n".join(lines)


def _add_demo_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("demo options (default: the demo's own)")
    group.add_argument("--workers", type=int, metavar="N", help="how many workers")
    group.add_argument("--delay", type=float, metavar="S", help="seconds each wait lasts")
    group.add_argument("--steps", type=int, metavar="N", help="steps (or events) per worker")
    group.add_argument(
        "--yield-every", type=int, metavar="N", help="primes: divisors between yields (0: never)"
    )
    group.add_argument("--seed", type=int, metavar="N", help="io: seed for the varied waits")
    group.add_argument(
        "--start-method",
        choices=START_METHODS,
        default=DEFAULT_START_METHOD,
        help=f"how processes start (default: {DEFAULT_START_METHOD})",
    )
    group.add_argument(
        "--switch-interval",
        type=float,
        metavar="S",
        help="seconds a thread may hold the GIL before it is asked to let go (Python: 0.005)",
    )


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        "-m",
        metavar="M",
        help=f"one of {', '.join(ALL_MODELS)}, or all (default: the demo's own)",
    )


def build_parsers() -> dict[str, argparse.ArgumentParser]:
    formatter = argparse.RawDescriptionHelpFormatter
    main = _Parser(
        prog=PROG,
        formatter_class=formatter,
        description="Watch Python concurrency happen: threads, processes, asyncio, side by side.",
        usage=f"{PROG} [DEMO] [--model M|all] [demo options]\n       {PROG} COMMAND ...",
        epilog=(
            "commands:\n"
            f"  {PROG} list                 print every demo with a one-line description\n"
            f"  {PROG} run DEMO [options]   run headless and print what happens\n"
            f"  {PROG} bench [--quick]      measure the performance targets\n"
            f"  {PROG} record DEMO|tour -o FILE.cast   film the app driving itself\n"
            f"  {PROG} replay FILE.jsonl    replay an event log (--events) in the TUI\n"
            f"  {PROG} screenshots [DIR]    SVG pictures of every screen\n"
            f"  {PROG} serve [--port 8000]  the app in a web browser, one app per tab\n"
            f"  {PROG} COMMAND --help       a command's own options\n\n" + _demo_table()
        ),
    )
    main.add_argument("demo", nargs="?", metavar="DEMO", help="start this demo at once")
    _add_model(main)
    main.add_argument("--events", type=Path, metavar="FILE.jsonl", help="log every event here")
    _add_trace(main)
    main.add_argument(
        "--record", type=Path, metavar="FILE.cast", help="record the session as an asciicast"
    )
    _add_demo_options(main)
    main.add_argument("--version", action="version", version=f"{PROG} {__version__}")

    listing = _Parser(prog=f"{PROG} list", description="Print every demo id with a description.")

    run = _Parser(
        prog=f"{PROG} run",
        formatter_class=formatter,
        description="Run a demo with no screen and print what each worker does, line by line.",
        epilog=_demo_table(),
    )
    run.add_argument("demo", metavar="DEMO", help=f"one of {', '.join(DEMOS)}")
    _add_model(run)
    run.add_argument(
        "--format",
        choices=("text", "jsonl", *FORMATS),
        default="text",
        help="text: what each worker does, in words, and a summary (default); jsonl: one event "
        "per line; markdown, csv: only the compare table at the end (a row per model)",
    )
    run.add_argument("--events", type=Path, metavar="FILE.jsonl", help="also log every event here")
    _add_trace(run)
    _add_demo_options(run)

    bench = _Parser(
        prog=f"{PROG} bench",
        description="Measure the performance targets, each against a baseline from the same run.",
    )
    bench.add_argument("--quick", action="store_true", help="less work (what CI runs)")
    bench.add_argument("--json", action="store_true", help="print JSON instead of a table")
    shots = _Parser(
        prog=f"{PROG} screenshots",
        description="Write SVG screenshots of the picker and of each demo (scripted runs).",
    )
    shots.add_argument(
        "dir", nargs="?", type=Path, default=Path("screenshots"), metavar="DIR",
        help="where to write them (default: screenshots/)",
    )  # fmt: skip
    parsers = {"": main, "list": listing, "run": run, "bench": bench, "screenshots": shots}
    return {**parsers, **_recording_parsers(), "serve": _serve_parser()}


def _serve_parser() -> argparse.ArgumentParser:
    serve = _Parser(
        prog=f"{PROG} serve",
        description="Serve the app to web browsers: every tab gets its own app, its own runs.",
        epilog="DEMO and its options: what every tab starts with (default: the picker).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="listen here (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="listen here (default: 8000)")
    serve.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, e.g. http://NAME:8000"
    )
    serve.add_argument("demo", nargs="?", metavar="DEMO", help="start every tab with this demo")
    _add_model(serve)
    _add_demo_options(serve)
    return serve


def _add_trace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trace", type=Path, metavar="FILE.json", help="write a Chrome trace (open in Perfetto)"
    )


def _recording_parsers() -> dict[str, argparse.ArgumentParser]:
    record = _Parser(
        prog=f"{PROG} record",
        description="Drive the TUI by itself and write an asciicast v2 screencast (no terminal).",
    )
    record.add_argument("demo", metavar="DEMO|tour", help=f"tour, or one of {', '.join(DEMOS)}")
    record.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.cast", help="where to write it"
    )
    record.add_argument("--size", default="120x36", metavar="COLSxROWS", help="default 120x36")
    _add_model(record)
    _add_demo_options(record)
    replay = _Parser(
        prog=f"{PROG} replay",
        description="Replay a recorded event log (--events, run --format jsonl) in the TUI.",
    )
    replay.add_argument("log", type=Path, metavar="FILE.jsonl")
    replay.add_argument(
        "--speed", type=float, default=1.0, metavar="X", help="times real time (default 1)"
    )
    return {"record": record, "replay": replay}


def _demo(name: str) -> Demo:
    try:
        return DEMOS[name]
    except KeyError:
        raise UsageError(f"unknown demo {name!r} (choose from {', '.join(DEMOS)})") from None


def _models(demo: Demo, model: str | None) -> list[str]:
    if model is None:
        return [demo.default_model]
    if model == "all":
        return list(ALL_MODELS)
    if model not in MODELS:
        raise UsageError(f"unknown model {model!r} (choose from {', '.join(ALL_MODELS)}, all)")
    return [model]


def _params(demo: Demo, args: argparse.Namespace, models: Sequence[str]) -> Params:
    most, which = worker_limit(MODELS[m] for m in models)
    for name in LIMITS:
        value = getattr(args, name)
        wrong = None if value is None or name == "workers" else problem(name, value)
        if wrong:
            raise UsageError(f"--{name.replace('_', '-')} {wrong}")
    params = demo.params(**{o: getattr(args, o) for o in OPTIONS})
    if "workers" in demo.uses and (wrong := problem("workers", params.workers, most, which)):
        raise UsageError(f"--workers {wrong}")
    return params


def ignored_options(demo: Demo, args: argparse.Namespace) -> list[str]:
    return [
        f"--{o.replace('_', '-')}"
        for o in OPTIONS
        if o not in ALWAYS_USED and getattr(args, o) is not None and o not in demo.uses
    ]


def cmd_list(_args: argparse.Namespace, out: TextIO) -> int:
    width = max(map(len, DEMOS))
    for demo in DEMOS.values():
        out.write(f"{demo.id:<{width}}  {demo.summary}\n")
    return 0


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    demo = _demo(args.demo)
    models = _models(demo, args.model)
    params = _params(demo, args, models)
    bus = EventBus()
    recorder = JsonlRecorder(args.events) if args.events else None
    trace = _open_trace(args.trace, recorder)
    if trace:
        bus.recorders.append(trace)
    skipped = ignored_options(demo, args)  # a note, once every check has passed
    if skipped:
        print(f"{PROG}: note: {demo.id} ignores {' '.join(skipped)}", file=sys.stderr)
    if recorder:
        bus.recorders.append(recorder)
    sink = {"jsonl": _jsonl_sink(out), "text": _text_sink(demo, out)}.get(args.format, _no_sink)
    try:
        with _sigterm_as_interrupt():
            outcomes = run_models(demo, models, params, bus, sink)
    except KeyboardInterrupt:
        bus.close()
        print(f"{PROG}: interrupted; every worker was stopped", file=sys.stderr)
        return 130
    except BaseException:
        if recorder:
            recorder.abort()
        if trace:
            trace.abort()
        raise
    bus.close()
    if args.format == "text":
        _print_summary(outcomes, out)
    elif args.format in FORMATS:
        rows = compare_rows([o.result for o in outcomes])
        title = f"{demo.id}: {', '.join(models)} ({demo.settings(params)})"
        out.write(render(rows, args.format, title=f"## {title}"))
    return 0


def _no_sink(_events: list[Event]) -> None:
    """markdown and csv print only the table, at the end."""


def _open_trace(path: Path | None, opened: JsonlRecorder | None) -> TraceRecorder | None:
    if path is None:
        return None
    try:
        return TraceRecorder(path)
    except OutputPathError:
        if opened:
            opened.abort()
        raise


def _jsonl_sink(out: TextIO) -> Callable[[list[Event]], None]:
    def sink(events: list[Event]) -> None:
        if events:
            out.write("\n".join(map(Event.to_json, events)) + "\n")
            out.flush()  # a reader at the other end of a pipe sees events as they happen

    return sink


def _text_sink(demo: Demo, out: TextIO) -> Callable[[list[Event]], None]:
    def sink(events: list[Event]) -> None:
        lines = [
            line for e in events if (line := demo.line(e, label(e.model, e.worker))) is not None
        ]
        if lines:
            out.write("\n".join(lines) + "\n")
            out.flush()

    return sink


def _print_summary(outcomes: Sequence[RunOutcome], out: TextIO) -> None:
    for outcome in outcomes:
        ended = ", ".join(f"{n} {status}" for status, n in sorted(outcome.statuses.items()))
        out.write(f"{outcome.model}: {outcome.wall:.2f} s wall time ({ended})\n")
        if note := busy_note(outcome.result.elsewhere):
            out.write(f"  {note}\n")
    if len(outcomes) < 2:
        return
    out.write(f"\n{'model':<12}{'wall (s)':>10}{'speedup':>10}\n")
    for outcome, row in zip(outcomes, compare_rows([o.result for o in outcomes]), strict=True):
        r = row.speedup
        shown = f"{r:.2f}x" if r is not None else "-"
        out.write(f"{outcome.model:<12}{outcome.wall:>10.2f}{shown:>10}\n")


class _sigterm_as_interrupt:
    """Treat SIGTERM like Ctrl+C, so a terminated run still stops its workers and cleans up."""

    def __enter__(self) -> None:
        self._previous = signal.signal(signal.SIGTERM, self._raise)

    def __exit__(self, *_exc: object) -> None:
        signal.signal(signal.SIGTERM, self._previous)

    @staticmethod
    def _raise(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt


def _tui_choice(args: argparse.Namespace) -> tuple[Demo | None, list[str], Params]:
    demo = _demo(args.demo) if args.demo else None
    models = _models(demo, args.model) if demo else [args.model or "thread"]
    if not demo and args.model and args.model not in (*ALL_MODELS, "all"):
        raise UsageError(f"unknown model {args.model!r} (choose from {', '.join(ALL_MODELS)}, all)")
    return demo, models, _params(demo, args, models) if demo else Params()


def cmd_tui(args: argparse.Namespace, out: TextIO) -> int:
    demo, models, params = _tui_choice(args)
    from conc_tui.launch import launch_tui

    status: int = launch_tui(demo, models, params, args)
    return status


def cmd_bench(args: argparse.Namespace, out: TextIO) -> int:
    from conc_tui.bench import run_bench

    return run_bench(quick=args.quick, as_json=args.json, out=out)


def cmd_screenshots(args: argparse.Namespace, out: TextIO) -> int:
    from conc_tui.ui.film.screenshots import write_screenshots

    folder = Path(args.dir)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if not folder.exists() and not folder.absolute().parent.is_dir():
        raise UsageError(f"cannot make {folder}: folder {folder.absolute().parent} does not exist")
    for path in write_screenshots(args.dir):
        out.write(f"{path}\n")
    return 0


def cmd_record(args: argparse.Namespace, out: TextIO) -> int:
    from conc_tui.cast import parse_size
    from conc_tui.recording import check_writable

    demo = None if args.demo == "tour" else _demo(args.demo)
    if demo is None and args.model:
        raise UsageError("the tour chooses its own models: leave out --model")
    models = _models(demo, args.model) if demo else []
    params = _params(demo, args, models) if demo else None
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        raise UsageError(f"--size: {exc}") from None
    check_writable(args.output)
    from conc_tui.ui.film.record import record_cast

    code = record_cast(args.output, size, demo, models, params)
    if code == 0:
        out.write(f"{args.output}\n")
    return code


def cmd_replay(args: argparse.Namespace, out: TextIO) -> int:
    from conc_tui.replay import load_log

    if not math.isfinite(args.speed) or not 0.01 <= args.speed <= 1000:
        raise UsageError(f"--speed must be from 0.01 to 1000, not {args.speed:g}")
    log = load_log(args.log)
    for warning in log.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        raise UsageError("replay needs a terminal (stdin and stderr are not both one)")
    from conc_tui.ui.replay_app import replay_tui

    return replay_tui(log, args.speed)


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    _tui_choice(args)  # a bad demo or option fails here, not in every tab
    from conc_tui.ui.web.server import serve

    return serve(args.host, args.port, args.public_url, _app_argv(args), out)


SERVER_OPTIONS = ("host", "port", "public_url")


def _app_argv(args: argparse.Namespace) -> list[str]:
    """What each tab's app is started with: the demo, and every option given to `serve` that is
    not the server's own and not left at its default."""
    defaults = _serve_parser()
    argv = [args.demo] if args.demo else []
    for name, value in vars(args).items():
        if name not in (*SERVER_OPTIONS, "demo") and value not in (
            None,
            defaults.get_default(name),
        ):
            argv += [f"--{name.replace('_', '-')}", str(value)]
    return argv


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "list": cmd_list,
    "run": cmd_run,
    "bench": cmd_bench,
    "screenshots": cmd_screenshots,
    "record": cmd_record,
    "replay": cmd_replay,
    "serve": cmd_serve,
    "": cmd_tui,
}


def _tune_gc() -> None:
    """Collect garbage less often: the consumer makes an object per event, and at the default
    threshold (a young collection every 700 allocations) the collector took over half the time
    of draining a flood. Objects from start-up are frozen out of every collection."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    command = argv[0] if argv and argv[0] in COMMANDS else ""
    if command:
        argv = argv[1:]
    parser = build_parsers()[command]
    _tune_gc()
    try:
        args: Any = parser.parse_args(argv)
        return COMMANDS[command](args, out)
    except UserError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `conc-tui run ... | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 1
