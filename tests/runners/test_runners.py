"""Every runner, for real: lifecycles, cancels, failures, crashes and deadlines.

Real threads, real child processes (spawn) and a real event loop; no runner is mocked. Parameters
are small so that each run takes a fraction of a second.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Sequence

import pytest

from conc_tui.bus import EventBus
from conc_tui.demos import DEMOS
from conc_tui.demos.primes import check_prime
from conc_tui.events import Event
from conc_tui.runners import ALL_MODELS as MODELS
from conc_tui.runners import AsyncioRunner, ProcessRunner, make_runner
from conc_tui.testing import jobs as sample_jobs
from conc_tui.testing.engine import JOIN_TIMEOUT, drain_until, pid_is_gone, run_to_end
from conc_tui.work import Job

IN_THIS_PROCESS = ("sequential", "thread", "asyncio")


def by_worker(events: Sequence[Event]) -> dict[str, list[Event]]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        grouped[event.worker].append(event)
    return dict(grouped)


def check_lifecycles(events: Sequence[Event], names: Sequence[str], model: str) -> None:
    """The rules every run keeps, whatever its model and however its workers ended."""
    assert [e.seq for e in events] == list(range(len(events)))
    assert len({e.run for e in events}) == 1
    assert all(e.model == model for e in events)
    workers = by_worker(events)
    assert sorted(workers) == sorted(names)
    for name, mine in workers.items():
        kinds = [e.kind for e in mine]
        assert kinds.count("finish") == 1 and kinds[-1] == "finish", (name, kinds)
        assert mine[-1].status in ("done", "failed", "killed", "exited", "timeout", "cancelled")
        times = [e.t for e in mine]
        assert times == sorted(times), name
        if "start" not in kinds:  # only a worker cancelled before it started has no start
            assert kinds == ["finish"] and mine[-1].status == "cancelled", (name, kinds)
            continue
        assert kinds.count("start") == 1 and kinds[0] == "start", (name, kinds)
        assert all(e.pid and e.tid for e in mine), name
    started = [mine[0] for mine in workers.values() if mine[0].kind == "start"]
    if model == "process":
        pids = [e.pid for e in started]
        assert os.getpid() not in pids
        assert len(set(pids)) == len(pids)
    else:
        assert {e.pid for e in started} <= {os.getpid()}
    if model in ("sequential", "asyncio"):
        assert len({e.tid for e in started}) <= 1  # one supervisor thread runs them all


def run_demo(demo_id: str, model: str, **options: object) -> tuple[list[Event], list[str]]:
    demo = DEMOS[demo_id]
    jobs = demo.jobs(demo.params(**options))
    bus = EventBus()
    events = run_to_end(make_runner(model, jobs, bus), bus)
    return events, [job.name for job in jobs]


def run_jobs(model: str, jobs: Sequence[Job]) -> list[Event]:
    bus = EventBus()
    return run_to_end(make_runner(model, jobs, bus), bus)


def steps_of(events: Sequence[Event]) -> dict[str, list[int]]:
    return {
        name: [e.value for e in mine if e.kind == "step"]
        for name, mine in by_worker(events).items()
    }


LIFECYCLE_CASES = {
    "countdown": ({"workers": 2, "steps": 3, "delay": 0.02}, [3, 2, 1]),
    "io": ({"workers": 3, "steps": 3, "delay": 0.02, "seed": 7}, [1, 2, 3]),
    "flood": ({"workers": 2, "steps": 5000}, list(range(1, 5001))),  # past a checkpoint
    "gil": ({"workers": 2, "steps": 2}, [1, 2]),
}


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("demo_id", LIFECYCLE_CASES)
def test_every_worker_has_one_start_steps_in_order_and_one_finish(demo_id: str, model: str) -> None:
    options, expected_steps = LIFECYCLE_CASES[demo_id]
    events, names = run_demo(demo_id, model, **options)
    check_lifecycles(events, names, model)
    assert all(mine[-1].status == "done" for mine in by_worker(events).values())
    assert steps_of(events) == dict.fromkeys(names, expected_steps)


def test_sequential_runs_one_worker_after_the_other() -> None:
    events, names = run_demo("countdown", "sequential", workers=3, steps=2, delay=0.01)
    assert [e.worker for e in events if e.kind in ("start", "finish")] == [
        name for name in names for _ in (0, 1)
    ]


def test_thread_workers_overlap_their_waits() -> None:
    events, _ = run_demo("countdown", "thread", workers=2, steps=3, delay=0.05)
    workers = by_worker(events)
    assert workers["A"][0].tid != workers["B"][0].tid
    # B starts before A finishes: the two countdowns ran at the same time.
    assert workers["B"][0].seq < workers["A"][-1].seq
    assert workers["A"][0].seq < workers["B"][-1].seq


class RecordingReporter:
    def __init__(self) -> None:
        self.steps: list[tuple[int, int | None]] = []
        self.results: list[object] = []

    def step(self, value: int, total: int | None = None) -> None:
        self.steps.append((value, total))

    def result(self, value: object) -> None:
        self.results.append(value)


@pytest.mark.parametrize(
    ("number", "is_prime"),
    [
        (0, False),
        (1, False),
        (2, True),
        (3, True),
        (4, False),
        (9, False),
        (25, False),
        (97, True),
        (157, True),
        (7919 * 7927, False),  # a product of two primes: the divisor is found late
        (1_000_003, True),
    ],
)
@pytest.mark.parametrize("yield_every", [0, 1, 7, 100_000])
def test_check_prime(number: int, is_prime: bool, yield_every: int) -> None:
    report = RecordingReporter()
    yields = list(check_prime(report, number, yield_every))
    assert report.results == [is_prime]
    values = [value for value, _ in report.steps]
    assert values == sorted(values) and values[0] == 0
    (total,) = {total for _, total in report.steps}
    if is_prime:
        assert values[-1] == total  # every odd divisor up to the root was tried
    if yield_every == 0:
        assert yields == []


def test_check_prime_stops_at_the_first_divisor() -> None:
    report = RecordingReporter()
    list(check_prime(report, 3 * 1_000_003, 0))
    assert report.results == [False]
    assert report.steps[-1][0] == 1  # 3, the first odd divisor tried


def test_primes_in_sequence_answer_in_input_order() -> None:
    numbers = (1_000_003, 7919, 157)
    jobs = [Job(str(n), check_prime, {"number": n, "yield_every": 100}) for n in numbers]
    events = run_jobs("sequential", jobs)
    check_lifecycles(events, [str(n) for n in numbers], "sequential")
    assert [(e.worker, e.value) for e in events if e.kind == "result"] == [
        (str(n), True) for n in numbers
    ]


def test_primes_as_asyncio_tasks_answer_the_small_numbers_before_the_big_one() -> None:
    events, names = run_demo("primes", "asyncio")  # the seed, with its default --yield-every
    check_lifecycles(events, names, "asyncio")
    results = [(e.worker, e.value) for e in events if e.kind == "result"]
    assert sorted(results) == sorted((name, True) for name in names)
    assert results[-1] == ("9637529763296797", True)
    assert {w for w, _ in results[:2]} == {"157", "427920331"}


# --- cancel ------------------------------------------------------------------------------


def started_workers(events: Sequence[Event]) -> set[str]:
    return {e.worker for e in events if e.kind == "start"}


@pytest.mark.parametrize("model", MODELS)
def test_cancel_mid_run_stops_every_worker_and_leaves_nothing_running(model, start_runner) -> None:
    threads_before = set(threading.enumerate())
    demo = DEMOS["countdown"]
    jobs = demo.jobs(demo.params(workers=3, steps=200, delay=0.05))  # 10 s if not cancelled
    bus = EventBus()
    runner = start_runner(make_runner(model, jobs, bus))
    events: list[Event] = []
    everyone = {"A", "B", "C"} if model != "sequential" else {"A"}
    # Mid-run: every worker that can be running has taken at least two steps.
    drain_until(
        bus,
        events,
        lambda seen: all(
            sum(1 for e in seen if e.worker == w and e.kind == "step") >= 2 for w in everyone
        ),
    )
    asked = time.monotonic()
    runner.cancel()
    assert runner.join(JOIN_TIMEOUT)
    took = time.monotonic() - asked
    events += bus.drain()
    check_lifecycles(events, ["A", "B", "C"], model)
    finishes = {e.worker: e for e in events if e.kind == "finish"}
    assert {w: e.status for w, e in finishes.items()} == dict.fromkeys("ABC", "cancelled")
    assert took < 5  # a cancel wakes a sleeping worker; it does not wait out its steps
    if model == "sequential":
        assert started_workers(events) == {"A"}  # B and C were cancelled before they started
    assert [t for t in threading.enumerate() if t not in threads_before] == []
    assert multiprocessing.active_children() == []
    for pid in {e.pid for e in events if e.kind == "start"} - {os.getpid()}:
        assert pid_is_gone(pid)


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", MODELS)
def test_cancel_right_after_start(model: str) -> None:
    demo = DEMOS["countdown"]
    for _ in range(3 if model == "process" else 20):
        jobs = demo.jobs(demo.params(workers=3, steps=100, delay=0.05))
        bus = EventBus()
        runner = make_runner(model, jobs, bus)
        runner.start()
        runner.cancel()
        assert runner.join(JOIN_TIMEOUT)
        events = bus.drain()
        check_lifecycles(events, ["A", "B", "C"], model)
        assert {e.status for e in events if e.kind == "finish"} == {"cancelled"}


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", MODELS)
def test_cancel_before_start_and_after_the_end_is_harmless(model: str) -> None:
    jobs = [Job("A", sample_jobs.two_steps, {"delay": 0.01})]
    bus = EventBus()
    runner = make_runner(model, jobs, bus)
    runner.cancel()
    events = run_to_end(runner, bus)
    check_lifecycles(events, ["A"], model)
    assert events[-1].status == "cancelled"

    bus = EventBus()
    runner = make_runner(model, jobs, bus)
    events = run_to_end(runner, bus)
    runner.cancel()
    assert runner.join(1)
    assert events[-1].status == "done" and bus.drain() == []


@pytest.mark.usefixtures("nothing_left_running")
def test_process_ignoring_a_cancel_is_terminated_after_the_grace_period(start_runner) -> None:
    jobs = [Job("busy", sample_jobs.spin_without_checkpoints, {"seconds": 60})]
    bus = EventBus()
    runner = start_runner(ProcessRunner(jobs, bus))
    events: list[Event] = []
    drain_until(bus, events, lambda seen: any(e.kind == "start" for e in seen))
    runner.cancel()
    assert runner.join(JOIN_TIMEOUT)
    events += bus.drain()
    check_lifecycles(events, ["busy"], "process")
    finish = events[-1]
    assert (finish.status, finish.signal) == ("cancelled", "SIGTERM")
    assert pid_is_gone(events[0].pid)


# --- failures, crashes, deadlines -------------------------------------------------------------


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", MODELS)
def test_a_raising_worker_reports_its_traceback_and_the_others_finish(model: str) -> None:
    jobs = [
        Job("ok-1", sample_jobs.two_steps, {"delay": 0.02}),
        Job("bad", sample_jobs.raise_after_one_step),
        Job("ok-2", sample_jobs.two_steps, {"delay": 0.02}),
    ]
    events = run_jobs(model, jobs)
    check_lifecycles(events, ["ok-1", "bad", "ok-2"], model)
    workers = by_worker(events)
    assert [e.kind for e in workers["bad"]] == ["start", "step", "error", "finish"]
    error, finish = workers["bad"][-2:]
    assert error.text is not None
    assert error.text.startswith("Traceback (most recent call last):")
    assert "raise_after_one_step" in error.text
    assert error.text.rstrip().endswith("ValueError: boom from a tiny job")
    assert finish.status == "failed"
    for name in ("ok-1", "ok-2"):
        assert workers[name][-1].status == "done"
        assert [e.value for e in workers[name] if e.kind == "result"] == ["ok"]


def faults_by_worker(model: str) -> dict[str, list[Event]]:
    events, names = run_demo("faults", model, delay=0.02)
    check_lifecycles(events, names, model)
    return by_worker(events)


def error_text(mine: list[Event]) -> str:
    (error,) = [e for e in mine if e.kind == "error"]
    assert error.text is not None
    return error.text


@pytest.mark.usefixtures("nothing_left_running")
def test_faults_under_processes_each_failure_is_reported_as_it_happened() -> None:
    workers = faults_by_worker("process")
    finish = {name: mine[-1] for name, mine in workers.items()}
    assert finish["steady"].status == finish["steady-2"].status == "done"
    assert finish["raises"].status == "failed"
    assert "Traceback" in error_text(workers["raises"])
    assert "ValueError: bad input at step 3" in error_text(workers["raises"])
    assert (finish["sigkill"].status, finish["sigkill"].signal) == ("killed", "SIGKILL")
    assert finish["sigkill"].exitcode == -signal.SIGKILL
    assert (finish["exit-3"].status, finish["exit-3"].exitcode) == ("exited", 3)
    assert finish["exit-3"].signal is None
    assert finish["hangs"].status == "timeout"
    for name in ("sigkill", "exit-3", "hangs"):
        assert all(e.kind != "error" for e in workers[name])
    for mine in workers.values():
        assert pid_is_gone(mine[0].pid)


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", IN_THIS_PROCESS)
def test_faults_in_this_process_report_crashes_as_errors(model: str) -> None:
    workers = faults_by_worker(model)
    finish = {name: mine[-1].status for name, mine in workers.items()}
    assert finish == {
        "steady": "done",
        "raises": "failed",
        "sigkill": "failed",
        "exit-3": "failed",
        "hangs": "timeout",
        "steady-2": "done",
    }
    assert "ValueError: bad input at step 3" in error_text(workers["raises"])
    assert "SimulatedCrash" in error_text(workers["sigkill"])
    assert "signal 9" in error_text(workers["sigkill"])
    assert "SimulatedCrash" in error_text(workers["exit-3"])
    assert "os._exit(3)" in error_text(workers["exit-3"])


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize("model", MODELS)
def test_a_hung_worker_is_stopped_at_its_deadline(model: str) -> None:
    jobs = [
        Job("sleeper", sample_jobs.tick_forever, {"delay": 3600}, deadline=0.3),
        Job("spinner", sample_jobs.spin_with_checkpoints, deadline=0.3),
        Job("fine", sample_jobs.two_steps, {"delay": 0.01}, deadline=30),
    ]
    events = run_jobs(model, jobs)
    check_lifecycles(events, ["sleeper", "spinner", "fine"], model)
    workers = by_worker(events)
    assert {name: mine[-1].status for name, mine in workers.items()} == {
        "sleeper": "timeout",
        "spinner": "timeout",
        "fine": "done",
    }
    for name in ("sleeper", "spinner"):
        start, finish = workers[name][0], workers[name][-1]
        assert finish.t - start.t >= 0.29  # not before its deadline
        assert "deadline" in (finish.text or "")


@pytest.mark.usefixtures("nothing_left_running")
def test_a_process_that_never_yields_is_terminated_past_its_deadline() -> None:
    jobs = [Job("stuck", sample_jobs.spin_without_checkpoints, {"seconds": 60}, deadline=0.2)]
    events = run_jobs("process", jobs)
    check_lifecycles(events, ["stuck"], "process")
    assert (events[-1].status, events[-1].signal) == ("timeout", "SIGTERM")


@pytest.mark.usefixtures("nothing_left_running")
def test_a_process_killed_from_outside_finishes_killed(start_runner) -> None:
    jobs = [
        Job("victim", sample_jobs.tick_forever, {"delay": 0.02}),
        Job("bystander", sample_jobs.two_steps, {"delay": 0.02}),
    ]
    bus = EventBus()
    runner = start_runner(ProcessRunner(jobs, bus))
    events: list[Event] = []
    drain_until(
        bus, events, lambda seen: any(e.worker == "victim" and e.kind == "step" for e in seen)
    )
    (victim_pid,) = {e.pid for e in events if e.worker == "victim"}
    os.kill(victim_pid, signal.SIGKILL)
    assert runner.join(JOIN_TIMEOUT)
    events += bus.drain()
    check_lifecycles(events, ["victim", "bystander"], "process")
    workers = by_worker(events)
    finish = workers["victim"][-1]
    assert (finish.status, finish.signal, finish.exitcode) == ("killed", "SIGKILL", -9)
    assert workers["bystander"][-1].status == "done"
    assert pid_is_gone(victim_pid)


def test_make_runner_refuses_an_unknown_model() -> None:
    with pytest.raises(ValueError, match="unknown model"):
        make_runner("fibers", [], EventBus())


def test_asyncio_runner_runs_in_its_own_loop_not_the_callers() -> None:
    jobs = [Job("A", sample_jobs.two_steps, {"delay": 0.01})]
    bus = EventBus()
    events = run_to_end(AsyncioRunner(jobs, bus), bus)
    assert events[0].tid != threading.get_ident()


def test_process_runner_tolerates_a_concurrent_active_children_call(monkeypatch) -> None:
    """`multiprocessing.active_children()` is public and may be called from any thread (a UI
    listing its processes, a test checking for leftovers); it reaps children that have ended."""
    errors: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    for _ in range(15):
        bus = EventBus()
        jobs = [Job(name, sample_jobs.two_steps, {"delay": 0.01}) for name in "ABCD"]
        runner = ProcessRunner(jobs, bus)
        runner.start()
        deadline = time.monotonic() + JOIN_TIMEOUT
        while not runner.join(0):  # a poll, with a deadline, that is the point of the test
            assert time.monotonic() < deadline
            multiprocessing.active_children()
        events = bus.drain()
        assert sorted(e.worker for e in events if e.kind == "finish") == list("ABCD")
        assert errors == [], "the runner's supervisor thread died"
