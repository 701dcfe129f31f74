"""Background fetching for the Research tab: one job per page, the site research, cancel, storing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlite_utils import Database

from researcher.core import pages, research
from researcher.core.errors import UserError
from researcher.core.politeness import Politeness
from researcher.ui.workers import Job, JobRunner

MAX_PARALLEL = 2
RETRY_INTERVAL_MS = 2 * 60 * 1000
RETRY_DAYS = 7


class ResultRelay(QObject):
    """Carries site-research results from the worker thread to the GUI thread, one by one."""

    result = Signal(object)


class PageFetcher(QObject):
    """Runs fetches on the pool and stores what they return on the GUI thread.

    Signals: page_started(page_id), page_done(page_id) after the result was stored (or the fetch
    was cancelled), research_progressed(done, total, url), research_stored(page_id) for each page
    of a site research, research_done(company_id), imported(page_id) after a saved file or pasted
    text was stored, message(text) for the status line.
    """

    page_started = Signal(int)
    page_done = Signal(int)
    research_progressed = Signal(int, int, str)
    research_stored = Signal(int)
    research_done = Signal(int)
    imported = Signal(int)
    message = Signal(str)

    def __init__(self, db: Database, runner: JobRunner, politeness: Politeness, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner, self.politeness = db, runner, politeness
        self._jobs: dict[int, Job] = {}
        self._queue: list[int] = []
        self._page_of: dict[QObject, int] = {}
        self._research: Job | None = None
        self._research_company: int | None = None
        self._import_owners: dict[QObject, dict[str, int]] = {}
        self._relay = ResultRelay(self)
        self._relay.result.connect(self.on_site_result)
        self.retry_timer = QTimer(self, interval=RETRY_INTERVAL_MS)
        self.retry_timer.timeout.connect(self.on_retry_timer)

    def start_auto_retry(self, interval_ms: int = RETRY_INTERVAL_MS) -> None:
        """Every ``interval_ms``, try again the pages that failed for want of a network."""
        self.retry_timer.setInterval(interval_ms)
        self.retry_timer.start()

    def on_retry_timer(self) -> None:
        # A week of retries covers a trip offline; an address that never resolves stops being tried.
        since = (datetime.now(UTC) - timedelta(days=RETRY_DAYS)).isoformat()
        waiting = [p for p in pages.pending_pages(self._db)
                   if p.source == "fetched" and p.error_code in pages.RETRY_CODES and p.created_at >= since]
        for page in waiting:
            self.fetch(page.id)

    @property
    def busy(self) -> bool:
        return bool(self._jobs or self._queue) or self._research is not None

    @property
    def researching(self) -> bool:
        return self._research is not None

    def is_fetching(self, page_id: int) -> bool:
        """True while the page waits for its turn or is being fetched."""
        return page_id in self._jobs or page_id in self._queue

    def activity(self, page_id: int) -> str | None:
        """'Fetching…', 'Queued' or None, for the page's status column."""
        if page_id in self._jobs:
            return "Fetching…"
        return "Queued" if page_id in self._queue else None

    def fetch(self, page_id: int) -> bool:
        """Fetch one stored page in the background; False if it is already queued or running.

        At most MAX_PARALLEL fetches run at once, so a batch of slow sites never takes every
        thread of the app's pool; the others wait in a queue.
        """
        if self.is_fetching(page_id):
            return False
        self._queue.append(page_id)
        self.page_started.emit(page_id)
        self._start_queued()
        return True

    def _start_queued(self) -> None:
        while self._queue and len(self._jobs) < MAX_PARALLEL:
            page_id = self._queue.pop(0)
            url = pages.get_page(self._db, page_id).url
            job = Job(partial(research.fetch_outcome, page_id, url, politeness=self.politeness,
                              validators=pages.validators(self._db, page_id)), name=f"Fetching {url}")
            self._jobs[page_id] = job
            self._page_of[job.signals] = page_id
            job.signals.succeeded.connect(self.on_fetch_succeeded)
            job.signals.failed.connect(self.on_fetch_failed)
            job.signals.done.connect(self.on_fetch_done)
            self.page_started.emit(page_id)
            self._runner.start(job)

    def cancel(self, page_id: int | None = None) -> None:
        """Stop one page's fetch, or (None) every fetch and the site research."""
        if page_id in self._queue:
            self._queue.remove(page_id)
            self.page_done.emit(page_id)
            return
        jobs = [self._jobs[page_id]] if page_id in self._jobs else []
        if page_id is None or not jobs:
            dropped, self._queue = self._queue, []
            for queued in dropped:
                self.page_done.emit(queued)
            jobs = list(self._jobs.values()) + ([self._research] if self._research is not None else [])
        for job in jobs:
            job.cancel.set()

    def _store(self, store: Callable[[], Any]) -> Any:
        """Run a store step; a page or company erased while its fetch ran is reported, not raised."""
        try:
            return store()
        except (UserError, sqlite3.IntegrityError):
            self.message.emit("The prospect or company was removed while its pages were being fetched; "
                              "nothing was kept.")
            return None

    def on_fetch_succeeded(self, outcome: Any) -> None:
        try:
            research.save_outcome(self._db, outcome)
        except (UserError, sqlite3.IntegrityError):
            self.message.emit("The prospect or company was removed while its pages were being fetched; "
                              "nothing was kept.")
            return
        if outcome.ok and outcome.capture.not_modified:
            self.message.emit(f"Unchanged since the last snapshot: {outcome.url}")
        else:
            self.message.emit(f"Fetched {outcome.url}" if outcome.ok else outcome.error or "")

    def on_fetch_failed(self, text: str) -> None:
        page_id = self._page_of.get(self.sender())
        if page_id is not None:
            self._store(partial(pages.record_failure, self._db, page_id, text))
        self.message.emit(text)

    def on_fetch_done(self) -> None:
        page_id = self._page_of.pop(self.sender(), None)
        if page_id is not None:
            self._jobs.pop(page_id, None)
            self.page_done.emit(page_id)
        self._start_queued()

    def import_capture(self, make: Callable[[], Any], label: str, owner: dict[str, int]) -> None:
        """Read a saved file or pasted text with ``make()`` in the background, then keep it for ``owner``."""
        job = Job(partial(_run_capture, make), name=f"Reading {label}")
        self._import_owners[job.signals] = owner
        job.signals.succeeded.connect(self.on_import_succeeded)
        job.signals.failed.connect(self.message)
        job.signals.done.connect(self.on_import_done)
        self.message.emit(f"Reading {label}…")
        self._runner.start(job)

    def on_import_succeeded(self, capture: Any) -> None:
        owner = self._import_owners.get(self.sender())
        if owner is None:
            return
        page_id = self._store(partial(pages.add_page, self._db, capture.url, source=capture.source, **owner))
        if page_id is None or self._store(partial(pages.store_capture, self._db, page_id, capture)) is None:
            return
        self.message.emit(f"Added “{capture.extraction.title or capture.url}”.")
        self.imported.emit(page_id)

    def on_import_done(self) -> None:
        self._import_owners.pop(self.sender(), None)

    def research(self, company_id: int, website: str, max_pages: int) -> bool:
        """Research the company site in the background; False if a research is already running."""
        if self._research is not None:
            return False
        self._research_company = company_id
        job = Job(partial(_research_work, website, self.politeness, max_pages, self._relay),
                  name=f"Researching {website}")
        self._research = job
        job.signals.progressed.connect(self.research_progressed)
        job.signals.failed.connect(self.message)
        job.signals.done.connect(self.on_research_done)
        self.message.emit(f"Researching {website}…")
        self._runner.start(job)
        return True

    def on_site_result(self, result: Any) -> None:
        if self._research_company is None:
            return
        stored = self._store(partial(research.save_site_result, self._db, self._research_company, result.url,
                                     result.capture, result.error, result.error_code))
        if stored is not None:
            self.research_stored.emit(stored[0])

    def on_research_done(self) -> None:
        company_id = self._research_company
        self._research = None
        if company_id is not None:
            count = len(pages.list_pages(self._db, company_id=company_id))
            self.message.emit(f"Company site research finished: {count} pages kept for the company.")
            self.research_done.emit(company_id)


def _run_capture(make: Callable[[], Any], *, cancel: Any) -> Any:
    """Worker side of an import: read and extract the file or text."""
    return make()


def _research_work(website: str, politeness: Politeness, max_pages: int, relay: ResultRelay, *,
                   cancel: Any, progress: Any) -> int:
    """Worker side of the site research: captures pages and hands each result to the GUI thread."""
    from researcher.core.capture import capture_url
    from researcher.core.fetch import make_session
    from researcher.core.site_research import research_site

    with make_session() as session:
        results = research_site(website, capture=partial(capture_url, politeness=politeness, session=session,
                                                          cancel=cancel),
                                max_pages=max_pages, cancel=cancel, progress=progress,
                                on_result=relay.result.emit)
    return len(results)
