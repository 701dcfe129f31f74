"""Background jobs: run a Qt-free core callable on a pool thread and report back on the GUI thread.

Usage (create the job on the GUI thread, connect everything, start last)::

    job = Job(partial(fetch_url, url), name=f"Fetching {url}")
    job.signals.progressed.connect(self.on_fetch_progressed)   # (done, total, message)
    job.signals.succeeded.connect(self.on_page_fetched)        # GUI thread: save + refresh
    job.signals.failed.connect(self.statusBar().showMessage)   # a message fit for the rep
    job.signals.done.connect(self.on_fetch_done)               # always emitted last
    self.runner.start(job)

The callable is called as ``work(cancel=event)``; when it also accepts a ``progress``
keyword it gets ``progress(done, total, message)`` too. Workers return plain data and never
touch widgets or the database: the GUI thread persists what they return.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from researcher.core.errors import UserError


class JobCancelled(Exception):
    """Raised by work that stops early because its cancel event was set."""


class JobSignals(QObject):
    """Signals of one job: progressed(done, total, message), succeeded(result), failed(message),
    cancelled(), done() — done is always last."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()
    finished_job = Signal(object)  # for JobRunner's bookkeeping, after done


class Job(QRunnable):
    """Run one Qt-free callable on a pool thread. Never touches widgets or the database."""

    def __init__(self, work: Callable[..., Any], *, name: str = "") -> None:
        super().__init__()
        # Python owns the job: the pool must not delete it while signals may still be queued.
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.cancel = threading.Event()
        self.name = name
        self._work = work
        self._wants_progress = _accepts_keyword(work, "progress")

    def report(self, done: int, total: int, message: str = "") -> None:
        """Tell the GUI how far the work has come (safe to call from the pool thread)."""
        self.signals.progressed.emit(int(done), int(total), message)

    def run(self) -> None:
        try:
            if self._wants_progress:
                result = self._work(cancel=self.cancel, progress=self.report)
            else:
                result = self._work(cancel=self.cancel)
        except JobCancelled:
            self.signals.cancelled.emit()
        except UserError as error:
            if self.cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(error))
        except Exception as error:  # a worker must report every failure, never die silently
            if self.cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            if self.cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.signals.done.emit()
            self.signals.finished_job.emit(self)


class Pool(Protocol):
    """What JobRunner needs from a pool: QThreadPool and InlinePool both fit."""

    def start(self, job: QRunnable) -> None: ...

    def waitForDone(self, msecs: int = -1) -> bool: ...


class InlinePool:
    """A pool that runs each job synchronously inside start(); for deterministic widget tests."""

    def __init__(self) -> None:
        self.started: list[QRunnable] = []

    def start(self, job: QRunnable) -> None:
        self.started.append(job)
        job.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True

    def activeThreadCount(self) -> int:
        return 0


class JobRunner(QObject):
    """Start jobs and keep them referenced until they report done.

    Signals: running_changed(count) whenever the number of unfinished jobs changes.
    """

    running_changed = Signal(int)

    def __init__(self, pool: Pool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: Pool = pool if pool is not None else QThreadPool.globalInstance()
        self._live: set[Job] = set()

    @property
    def pool(self) -> Pool:
        return self._pool

    @property
    def running(self) -> int:
        """How many started jobs have not reported done yet."""
        return len(self._live)

    def start(self, job: Job) -> Job:
        """Run ``job`` in the pool; connect its signals before calling this."""
        self._live.add(job)
        job.signals.finished_job.connect(self.on_job_finished)
        self.running_changed.emit(len(self._live))
        self._pool.start(job)
        return job

    def cancel_all(self) -> None:
        """Ask every unfinished job to stop at its next check."""
        for job in list(self._live):
            job.cancel.set()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Cancel everything and wait up to ``msecs`` for the pool; True when it is idle."""
        self.cancel_all()
        return bool(self._pool.waitForDone(msecs))

    @Slot(object)
    def on_job_finished(self, job: Job) -> None:
        if job in self._live:
            self._live.discard(job)
            self.running_changed.emit(len(self._live))


def _accepts_keyword(work: Callable[..., Any], name: str) -> bool:
    import inspect  # a few milliseconds the window's first frame does not wait for

    try:
        parameters = inspect.signature(work).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == name or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)
