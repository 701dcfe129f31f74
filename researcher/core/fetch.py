"""Fetch one public web page politely and safely: deadline, size cap, allowlist, redirects, robots."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from researcher import __version__
from researcher.core.charset import UndecodableError, charset_from_content_type, decode_html
from researcher.core.clock import utcnow
from researcher.core.fetch_errors import (
    BadUrl, Cancelled, DnsFailure, FetchError, FetchTimeout, HttpError, NoNetwork, NotAWebPage, RedirectLoop,
    RobotsRefused, TooLarge, Undecodable,
)
from researcher.core.fetch_guards import CancelWatch, Deadline
from researcher.core.politeness import Politeness

if TYPE_CHECKING:
    import requests

USER_AGENT = f"Researcher/{__version__} (+local desktop app)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = (5.0, 20.0)
DEADLINE = 45.0
MAX_RETRY_AFTER = 60.0
MAX_RETRIES = 2
ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
CHUNK = 64 * 1024
# Files some servers label text/html anyway: PDF, ZIP/Office, PNG, GIF, JPEG.
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
__all__ = ["BadUrl", "Cancelled", "DnsFailure", "FetchError", "FetchTimeout", "FetchedPage", "HttpError", "NoNetwork",
           "NotAWebPage", "RedirectLoop", "RobotsRefused", "TooLarge", "Undecodable", "USER_AGENT", "check_url",
           "fetch_page", "fetch_url", "make_session"]


@dataclass(frozen=True)
class FetchedPage:
    """A successfully downloaded page: raw bytes kept for the snapshot, text decoded."""

    url: str
    final_url: str
    status: int
    content_type: str
    raw: bytes
    text: str
    charset: str
    fetched_at: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """True when a conditional request found the page unchanged (HTTP 304)."""
        return self.status == 304

    @property
    def is_html(self) -> bool:
        """False for plain-text pages."""
        return not self.content_type.startswith("text/plain")

    @property
    def sha256(self) -> str:
        """Hex digest of the raw body."""
        return hashlib.sha256(self.raw).hexdigest()


def make_session() -> requests.Session:
    """A session that sends the honest User-Agent; one per worker (sessions are not thread-safe)."""
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
    session.headers["Accept-Language"] = "en,fi;q=0.9,sv;q=0.9,nb;q=0.9,da;q=0.9"
    session.max_redirects = MAX_REDIRECTS
    return session


def check_url(url: str) -> str:
    """Return the URL stripped, or raise BadUrl unless it is an absolute http(s) URL with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadUrl(f"Only web addresses starting with http:// or https:// can be fetched: {url!r}",
                     url=url)
    return parts._replace(fragment="").geturl()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _map_exception(exc: Exception, url: str) -> FetchError:
    import requests

    host = urlsplit(url).hostname or url
    text = repr(exc)
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchTimeout(f"{host} took too long to answer; try again later.", url=url)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "NameResolution" in text or "getaddrinfo" in text or "Name or service not known" in text:
            return DnsFailure(f"The site {host} could not be found (DNS lookup failed). "
                              "Check the address, or your network connection.", url=url)
        if "timed out" in text.lower():
            return FetchTimeout(f"{host} took too long to answer; try again later.", url=url)
        return NoNetwork(f"Could not connect to {host}: no network, or the site is down. "
                         "The page is kept as pending.", url=url)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return Undecodable(f"The page from {host} was sent in a damaged compressed form.", url=url)
    return FetchError(f"Fetching {host} failed: {exc}", url=url)


def _content_type_ok(content_type: str) -> bool:
    return not content_type or content_type in ALLOWED_TYPES


def fetch_page(
    url: str,
    *,
    session: requests.Session,
    politeness: Politeness | None = None,
    cancel: threading.Event | None = None,
    deadline: float = DEADLINE,
    timeout: tuple[float, float] = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    url_policy: Callable[[str], str] = check_url,
    validators: dict[str, str] | None = None,
) -> FetchedPage:
    """Download ``url`` and decode it. Raises a FetchError subclass for every failure.

    ``validators`` (``If-None-Match`` / ``If-Modified-Since`` from the last snapshot) make the
    request conditional; an unchanged page then comes back with status 304 and no body.
    """
    import requests

    politeness = politeness or Politeness()
    start_url = url_policy(url)
    clock = Deadline(deadline, start_url, time.monotonic)
    current = start_url
    seen = {current}
    redirects = retries = 0
    while True:
        _check_cancel(cancel, current)
        try:
            _obey_robots(current, session, politeness, clock, timeout)
            if not politeness.wait_turn(current, user_agent=USER_AGENT, cancel=cancel):
                _check_cancel(cancel, current)
            remaining = clock.remaining()
            response = session.get(
                current, stream=True, allow_redirects=False,
                timeout=(min(timeout[0], remaining), min(timeout[1], remaining)),
                headers=validators if current == start_url and validators else None,
            )
        except FetchError:
            raise
        except requests.RequestException as exc:
            raise _map_exception(exc, current) from exc
        try:
            status = response.status_code
            if status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                redirects += 1
                target = urljoin(current, response.headers["Location"])
                if redirects > max_redirects or target in seen:
                    raise RedirectLoop(f"{urlsplit(start_url).hostname} keeps redirecting "
                                       "(a redirect loop); the page could not be reached.", url=url)
                current = url_policy(target)
                seen.add(current)
                continue
            if status in (429, 503):
                wait = _retry_after(response.headers.get("Retry-After"))
                politeness.back_off(current, wait if wait is not None else 5.0)
                if (wait is not None and retries < MAX_RETRIES and wait <= MAX_RETRY_AFTER
                        and wait < clock.remaining()):
                    retries += 1
                    continue
                raise _http_error(status, current, wait)
            if status >= 400:
                raise _http_error(status, current, None)
            if status == 304 and validators:
                return FetchedPage(url=start_url, final_url=current, status=304, content_type="", raw=b"", text="",
                                   charset="", fetched_at=utcnow(), headers=_kept_headers(response))
            return _read_body(response, start_url, current, clock, cancel, max_bytes)
        finally:
            response.close()


def _check_cancel(cancel: threading.Event | None, url: str) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("Cancelled.", url=url)


def _obey_robots(url: str, session: requests.Session, politeness: Politeness, clock: Deadline,
                 timeout: tuple[float, float]) -> None:
    if not politeness.obey_robots:
        return
    remaining = clock.remaining()
    rules = politeness.robots_for(url, session, user_agent=USER_AGENT,
                                  timeout=(min(timeout[0], remaining), min(timeout[1], remaining)))
    if not rules.allows(url, USER_AGENT):
        host = urlsplit(url).hostname
        raise RobotsRefused(f"{host} asks robots not to fetch this page (robots.txt); "
                            "save it from your browser instead.", url=url)


def _http_error(status: int, url: str, retry_after: float | None) -> HttpError:
    host = urlsplit(url).hostname or url
    if status == 429:
        when = f" Try again in {int(retry_after)} s." if retry_after is not None else " Try again later."
        message = f"{host} asks us to slow down (HTTP 429 Too Many Requests).{when}"
    elif status == 404 or status == 410:
        message = f"The page was not found on {host} (HTTP {status})."
    elif status in (401, 403):
        message = (f"{host} refuses access to this page (HTTP {status}); if you can see it "
                   "in your browser, save it from there and import the file.")
    elif status >= 500:
        message = f"{host} has a problem of its own (HTTP {status} server error); try again later."
    else:
        message = f"{host} answered with an error (HTTP {status})."
    return HttpError(message, url=url, status=status, retry_after=retry_after)


def _read_body(response: requests.Response, url: str, final_url: str, clock: Deadline,
               cancel: threading.Event | None, max_bytes: int) -> FetchedPage:
    import requests

    header = response.headers.get("Content-Type", "")
    content_type = header.split(";")[0].strip().lower()
    host = urlsplit(final_url).hostname
    if not _content_type_ok(content_type):
        raise NotAWebPage(f"{host} sent {content_type}, not a web page; only HTML and plain "
                          "text pages can be captured.", url=url)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and "Content-Encoding" not in response.headers and int(declared) > max_bytes:
        raise _too_large(host, url, max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        with CancelWatch(cancel, response):
            for chunk in response.iter_content(CHUNK):
                _check_cancel(cancel, url)
                clock.remaining()
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(host, url, max_bytes)
                chunks.append(chunk)
    except FetchError:
        raise
    except Exception as exc:
        _check_cancel(cancel, url)
        if isinstance(exc, requests.RequestException):
            raise _map_exception(exc, final_url) from exc
        raise FetchError(f"The download from {host} broke off: {exc}", url=url) from exc
    _check_cancel(cancel, url)
    raw = b"".join(chunks)
    if raw.startswith(_BINARY_MAGIC) or (not content_type and b"\x00" in raw[:1024]):
        raise NotAWebPage(f"{host} sent a file (such as a PDF or an image) that is not a web page.", url=url)
    try:
        decoded = decode_html(raw, header_charset=charset_from_content_type(header),
                              is_html=content_type != "text/plain")
    except UndecodableError as exc:
        raise Undecodable(f"The page from {host} could not be decoded as text.", url=url) from exc
    return FetchedPage(
        url=url, final_url=final_url, status=response.status_code,
        content_type=content_type or "text/html", raw=raw, text=decoded.text,
        charset=decoded.encoding, fetched_at=utcnow(),
        headers=_kept_headers(response),
    )


def _kept_headers(response: requests.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower() in ("content-type", "etag", "last-modified", "date")}


def _too_large(host: str | None, url: str, max_bytes: int) -> TooLarge:
    return TooLarge(f"The page from {host} is larger than {max_bytes // (1024 * 1024)} MiB "
                    "and was not captured.", url=url)


def fetch_url(url: str, *, politeness: Politeness | None = None,
              cancel: threading.Event | None = None, **options: object) -> FetchedPage:
    """One-shot fetch with its own session, safe to run on any worker thread."""
    with make_session() as session:
        return fetch_page(url, session=session, politeness=politeness, cancel=cancel,
                          **options)  # type: ignore[arg-type]
