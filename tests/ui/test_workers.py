"""Background jobs report progress, results, failures and cancellation on the GUI thread."""

from __future__ import annotations

import threading
from functools import partial

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from researcher.core.errors import UserError
from researcher.ui.workers import InlinePool, Job, JobCancelled, JobRunner


def _count_words(text: str, *, cancel: threading.Event) -> int:
    return len(text.split())


def _with_progress(steps: int, *, cancel: threading.Event, progress) -> str:
    for step in range(1, steps + 1):
        progress(step, steps, f"sivu {step}/{steps}")
    return "valmis"


def _refuse(*, cancel: threading.Event) -> None:
    raise UserError("Sivua ei löytynyt: yhteys katkesi.")


def _crash(*, cancel: threading.Event) -> None:
    raise ValueError("bad byte å")


def _until_cancelled(started: threading.Event, *, cancel: threading.Event) -> str:
    started.set()
    if not cancel.wait(10):
        return "never cancelled"
    raise JobCancelled()


def test_result_arrives_on_the_gui_thread(qtbot, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    job = Job(partial(_count_words, "Hyvää huomenta Åsa ja Ørjan"))
    threads: list[object] = []
    job.signals.succeeded.connect(lambda _result: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(job.signals.succeeded) as blocker, qtbot.waitSignal(job.signals.done):
        runner.start(job)
    assert blocker.args == [5]
    assert threads == [QApplication.instance().thread()]
    qtbot.waitUntil(lambda: runner.running == 0)


def test_progress_is_reported_in_order(qtbot, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    job = Job(partial(_with_progress, 3))
    seen: list[tuple[int, int, str]] = []
    job.signals.progressed.connect(lambda done, total, message: seen.append((done, total, message)))
    with qtbot.waitSignal(job.signals.done):
        runner.start(job)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3, "sivu 1/3"), (2, 3, "sivu 2/3"), (3, 3, "sivu 3/3")]


def test_user_error_message_is_passed_as_is(qtbot, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    job = Job(_refuse)
    with qtbot.assertNotEmitted(job.signals.succeeded), qtbot.waitSignal(job.signals.failed) as blocker:
        runner.start(job)
    assert blocker.args == ["Sivua ei löytynyt: yhteys katkesi."]


def test_unexpected_error_names_its_type(qtbot, thread_pool) -> None:
    job = Job(_crash)
    with qtbot.waitSignal(job.signals.failed) as blocker:
        JobRunner(thread_pool).start(job)
    assert blocker.args == ["ValueError: bad byte å"]


def test_cancel_all_stops_a_running_job_without_a_result(qtbot, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    started = threading.Event()
    job = Job(partial(_until_cancelled, started))
    counts: list[int] = []
    runner.running_changed.connect(counts.append)
    with qtbot.assertNotEmitted(job.signals.succeeded), qtbot.assertNotEmitted(job.signals.failed):
        with qtbot.waitSignal(job.signals.cancelled), qtbot.waitSignal(job.signals.done):
            runner.start(job)
            assert started.wait(5)
            runner.cancel_all()
    qtbot.waitUntil(lambda: runner.running == 0)
    assert counts == [1, 0]


def test_shutdown_cancels_and_waits(qtbot, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    started = threading.Event()
    job = Job(partial(_until_cancelled, started))
    runner.start(job)
    assert started.wait(5)
    assert runner.shutdown(5000)
    assert job.cancel.is_set()


def test_inline_pool_runs_inside_start(qtbot) -> None:
    pool = InlinePool()
    runner = JobRunner(pool)
    results: list[object] = []
    job = Job(partial(_count_words, "yksi kaksi"))
    job.signals.succeeded.connect(results.append)
    runner.start(job)
    assert results == [2]
    assert runner.running == 0
    assert pool.started == [job]
