"""Per-site turn-taking, Crawl-delay, Retry-After parsing and header timeouts."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from werkzeug import Request, Response

from researcher.core.fetch import FetchTimeout, _retry_after, fetch_url
from researcher.core.politeness import Politeness, RobotsRules, origin_of

from research_sites import server, web  # noqa: F401


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_requests_to_one_site_are_spaced_by_the_minimum_delay():
    clock = FakeClock()
    politeness = Politeness(min_delay=1.5, clock=clock)
    assert politeness.reserve("https://www.firma.fi/a") == 0
    assert politeness.reserve("https://www.firma.fi/b") == pytest.approx(1.5)
    assert politeness.reserve("https://www.firma.fi/c") == pytest.approx(3.0)
    assert politeness.reserve("https://www.annan.se/") == 0  # another site is not held up
    clock.now += 10
    assert politeness.reserve("https://www.firma.fi/d") == 0


def test_default_delay_is_at_least_one_second():
    assert Politeness().min_delay >= 1.0


def test_crawl_delay_raises_the_gap_and_is_capped():
    from protego import Protego

    clock = FakeClock()
    politeness = Politeness(min_delay=1.0, clock=clock)
    politeness._robots[origin_of("https://x.no/")] = RobotsRules(Protego.parse("User-agent: *\nCrawl-delay: 4"), True, clock())
    assert politeness.delay_for("https://x.no/a", "Researcher") == 4.0
    politeness._robots[origin_of("https://y.no/")] = RobotsRules(Protego.parse("User-agent: *\nCrawl-delay: 3600"), True, clock())
    assert politeness.delay_for("https://y.no/a", "Researcher") == 30.0


def test_back_off_holds_the_site():
    clock = FakeClock()
    politeness = Politeness(min_delay=0.0, clock=clock)
    politeness.back_off("https://www.firma.dk/", 120)
    assert politeness.reserve("https://www.firma.dk/x") == pytest.approx(120)


def test_wait_turn_returns_early_when_cancelled():
    politeness = Politeness(min_delay=60.0)
    politeness.reserve("https://slow.example/")
    cancel = threading.Event()
    cancel.set()
    assert politeness.wait_turn("https://slow.example/", cancel=cancel) is False


def test_retry_after_forms():
    assert _retry_after("120") == 120.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    assert 80 <= _retry_after(soon) <= 91
    assert _retry_after("tomorrow-ish") is None and _retry_after(None) is None


def test_server_that_never_answers_times_out(web):
    release = threading.Event()

    def silent(request: Request) -> Response:
        release.wait(10)
        return Response("late", content_type="text/html")

    web.expect_request("/silent").respond_with_handler(silent)
    try:
        with pytest.raises(FetchTimeout, match="took too long"):
            fetch_url(web.url_for("/silent"), politeness=Politeness(min_delay=0), timeout=(2, 0.3))
    finally:
        release.set()
