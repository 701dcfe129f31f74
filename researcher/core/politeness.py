"""Be a good guest on small company sites: robots.txt (RFC 9309), per-site delay, Crawl-delay."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import requests

DEFAULT_MIN_DELAY = 1.0
ROBOTS_TTL = 24 * 3600.0
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 section 2.5: parse at least 500 KiB
MAX_CRAWL_DELAY = 30.0


def origin_of(url: str) -> str:
    """Return ``scheme://host[:port]`` in lower case, the unit robots.txt and delays apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class RobotsRules:
    """Parsed robots.txt of one origin, or a blanket allow/deny decided from its HTTP status."""

    parser: Any | None  # protego.Protego
    allow_all: bool
    fetched_at: float

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether robots.txt lets ``user_agent`` fetch ``url``."""
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay for ``user_agent`` in seconds (capped), or None."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return None if delay is None else min(float(delay), MAX_CRAWL_DELAY)


class Politeness:
    """Shared by all fetch workers: robots.txt cache and per-site turn-taking (thread-safe)."""

    def __init__(
        self,
        *,
        min_delay: float = DEFAULT_MIN_DELAY,
        robots_ttl: float = ROBOTS_TTL,
        clock: Callable[[], float] = time.monotonic,
        obey_robots: bool = True,
    ) -> None:
        self.min_delay = min_delay
        self.robots_ttl = robots_ttl
        self.obey_robots = obey_robots
        self._clock = clock
        self._lock = threading.Lock()
        self._robots: dict[str, RobotsRules] = {}
        self._next_slot: dict[str, float] = {}
        self._backoff_until: dict[str, float] = {}

    def robots_for(self, url: str, session: requests.Session, *, user_agent: str,
                   timeout: tuple[float, float]) -> RobotsRules:
        """Return the cached robots rules for ``url``'s origin, fetching them when stale.

        Network errors propagate (requests exceptions) so the caller reports them as its own.
        """
        origin = origin_of(url)
        with self._lock:
            cached = self._robots.get(origin)
        if cached is not None and self._clock() - cached.fetched_at < self.robots_ttl:
            return cached
        rules = self._fetch_robots(origin, session, user_agent=user_agent, timeout=timeout)
        with self._lock:
            self._robots[origin] = rules
        return rules

    def _fetch_robots(self, origin: str, session: requests.Session, *, user_agent: str,
                      timeout: tuple[float, float]) -> RobotsRules:
        from protego import Protego

        self.wait_turn(origin)
        response = session.get(f"{origin}/robots.txt", timeout=timeout, stream=True,
                               headers={"User-Agent": user_agent})
        try:
            status = response.status_code
            if 200 <= status < 300:
                body = response.raw.read(ROBOTS_MAX_BYTES, decode_content=True) or b""
                text = body.decode("utf-8", errors="replace")
                return RobotsRules(Protego.parse(text), True, self._clock())
        finally:
            response.close()
        # RFC 9309 2.3.1.3: 4xx means no rules; 2.3.1.4: 5xx means assume complete disallow.
        return RobotsRules(None, status < 500, self._clock())

    def delay_for(self, url: str, user_agent: str) -> float:
        """The minimum gap between two requests to this origin, honouring Crawl-delay."""
        with self._lock:
            rules = self._robots.get(origin_of(url))
        crawl = rules.crawl_delay(user_agent) if rules is not None else None
        return max(self.min_delay, crawl or 0.0)

    def reserve(self, url: str, *, user_agent: str = "*") -> float:
        """Book the next request slot for the origin; return how many seconds to wait for it."""
        origin = origin_of(url)
        delay = self.delay_for(url, user_agent)
        with self._lock:
            now = self._clock()
            start = max(now, self._next_slot.get(origin, now), self._backoff_until.get(origin, now))
            self._next_slot[origin] = start + delay
        return start - now

    def wait_turn(self, url: str, *, user_agent: str = "*",
                  cancel: threading.Event | None = None) -> bool:
        """Block until this origin may be asked again; return False if cancelled meanwhile."""
        wait = self.reserve(url, user_agent=user_agent)
        if wait <= 0:
            return not (cancel is not None and cancel.is_set())
        event = cancel or threading.Event()
        return not event.wait(wait)

    def back_off(self, url: str, seconds: float) -> None:
        """Keep away from an origin for ``seconds`` (after 429 / 503 with Retry-After)."""
        origin = origin_of(url)
        with self._lock:
            until = self._clock() + seconds
            self._backoff_until[origin] = max(until, self._backoff_until.get(origin, 0.0))
