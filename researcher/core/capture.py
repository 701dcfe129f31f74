"""Worker-side capture: fetch or read a page and extract it, returning plain data to store later."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from researcher.core.clock import utcnow

if TYPE_CHECKING:
    import requests

    from researcher.core.extract import Extraction
    from researcher.core.politeness import Politeness


@dataclass(frozen=True)
class Capture:
    """One captured page, ready for ``pages.store_capture`` on the database thread."""

    url: str
    extraction: Extraction
    source: str = "fetched"  # 'fetched' | 'saved' | 'pasted'
    final_url: str = ""
    raw: bytes = b""
    charset: str = "utf-8"
    content_type: str = "text/html"
    status: int | None = None
    captured_at: str = field(default_factory=utcnow)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """True for a conditional re-fetch the site answered with 304 Not Modified."""
        return self.status == 304

    @property
    def sha256(self) -> str:
        """Hex digest of the raw bytes."""
        return hashlib.sha256(self.raw).hexdigest()


def capture_url(url: str, *, politeness: Politeness | None = None, cancel: threading.Event | None = None,
                session: requests.Session | None = None, **options: object) -> Capture:
    """Fetch ``url`` and extract it. Raises a ``fetch.FetchError`` subclass on failure."""
    from researcher.core.extract import extract_document
    from researcher.core.fetch import fetch_page, make_session

    own = session is None
    session = session or make_session()
    try:
        page = fetch_page(url, session=session, politeness=politeness, cancel=cancel, **options)  # type: ignore[arg-type]
    finally:
        if own:
            session.close()
    if page.not_modified:
        from researcher.core.extract import Extraction

        return Capture(url=page.url, extraction=Extraction(url=page.final_url), final_url=page.final_url,
                       status=304, captured_at=page.fetched_at, headers=page.headers)
    extraction = extract_document(page.text, page.final_url, is_html=page.is_html)
    return Capture(url=page.url, extraction=extraction, final_url=page.final_url, raw=page.raw,
                   charset=page.charset, content_type=page.content_type, status=page.status,
                   captured_at=page.fetched_at, headers=page.headers)
