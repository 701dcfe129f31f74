"""Fetching against a real local HTTP server: success, charset, and every kind of failure."""

from __future__ import annotations

import gzip
import threading

import pytest
from werkzeug import Request, Response

from researcher.core import fetch
from researcher.core.fetch import (
    USER_AGENT, Cancelled, FetchTimeout, HttpError, NoNetwork, NotAWebPage, RedirectLoop,
    RobotsRefused, TooLarge, fetch_page, fetch_url, make_session,
)
from researcher.core.politeness import Politeness

from research_sites import server, web  # noqa: F401


def polite() -> Politeness:
    return Politeness(min_delay=0.0)


def test_fetches_utf8_page_with_honest_user_agent(web):
    seen = {}

    def handler(request: Request) -> Response:
        seen["ua"] = request.headers.get("User-Agent")
        return Response("<html><title>Åbo Ångström</title><p>Hyvää päivää</p></html>",
                        content_type="text/html; charset=utf-8")

    web.expect_request("/").respond_with_handler(handler)
    page = fetch_url(web.url_for("/"), politeness=polite())
    assert "Åbo Ångström" in page.text and page.charset == "utf-8"
    assert seen["ua"] == USER_AGENT and USER_AGENT.startswith("Researcher/")
    assert page.status == 200 and page.raw.startswith(b"<html>")


def test_latin1_page_without_charset_header(web):
    body = "<html><head><title>Om oss</title></head><body><p>Vi på Söderberg & Ærø ägnar oss åt blåbär, "
    body += "smørbrød och kött.</p></body></html>"
    web.expect_request("/om").respond_with_data(body.encode("latin-1"), content_type="text/html")
    page = fetch_url(web.url_for("/om"), politeness=polite())
    assert "Söderberg & Ærø ägnar oss åt blåbär, smørbrød" in page.text
    assert page.charset == "cp1252"


def test_windows1252_meta_charset(web):
    body = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<title>Yhteystiedot</title></head><body>Työntekijöitä “noin” 120 – Jyväskylä</body></html>")
    web.expect_request("/").respond_with_data(body.encode("cp1252"), content_type="text/html")
    page = fetch_url(web.url_for("/"), politeness=polite())
    assert "Työntekijöitä “noin” 120 – Jyväskylä" in page.text


def test_gzip_transfer_is_decoded(web):
    body = "<html><p>Nyheter från Göteborg</p></html>".encode()
    web.expect_request("/").respond_with_data(gzip.compress(body), content_type="text/html; charset=utf-8",
                                              headers={"Content-Encoding": "gzip"})
    assert "Göteborg" in fetch_url(web.url_for("/"), politeness=polite()).text


def test_slow_response_hits_deadline(web):
    release = threading.Event()

    def stall(request: Request) -> Response:
        def body():
            yield b"<html><p>Hei"
            release.wait(10)
            yield b"</p></html>"
        return Response(body(), content_type="text/html")

    web.expect_request("/slow").respond_with_handler(stall)
    try:
        with pytest.raises(FetchTimeout, match="too long"):
            fetch_url(web.url_for("/slow"), politeness=polite(), deadline=0.5, timeout=(0.5, 0.3))
    finally:
        release.set()


def test_ten_mib_body_is_cut(web):
    def endless() -> Response:
        return Response((b"<p>" + b"x" * 65536 for _ in range(160)), content_type="text/html")

    web.expect_request("/big").respond_with_handler(lambda request: endless())
    with pytest.raises(TooLarge, match="larger than 5 MiB") as info:
        fetch_url(web.url_for("/big"), politeness=polite())
    assert info.value.code == "too_large"


def test_gzip_bomb_is_cut_at_decoded_size(web):
    bomb = gzip.compress(b"<html>" + b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100 * 1024
    web.expect_request("/bomb").respond_with_data(bomb, content_type="text/html",
                                                  headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge):
        fetch_url(web.url_for("/bomb"), politeness=polite())


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream"])
def test_binary_content_is_refused(web, content_type):
    web.expect_request("/file").respond_with_data(b"%PDF-1.7\n\x00\x01", content_type=content_type)
    with pytest.raises(NotAWebPage, match=f"sent {content_type}, not a web page"):
        fetch_url(web.url_for("/file"), politeness=polite())


def test_redirect_loop(web):
    web.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(RedirectLoop, match="redirect loop"):
        fetch_url(web.url_for("/a"), politeness=polite())


def test_too_many_redirects(web):
    for i in range(7):
        web.expect_request(f"/r{i}").respond_with_data("", status=301, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(RedirectLoop):
        fetch_url(web.url_for("/r0"), politeness=polite())


def test_redirect_is_followed_and_rechecked(web):
    web.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    web.expect_request("/new").respond_with_data("<p>Nytt kontor i Bergen</p>", content_type="text/html")
    page = fetch_url(web.url_for("/old"), politeness=polite())
    assert page.final_url.endswith("/new") and "Bergen" in page.text
    web.expect_request("/evil").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(fetch.BadUrl, match="http:// or https://"):
        fetch_url(web.url_for("/evil"), politeness=polite())


@pytest.mark.parametrize("status,words", [(404, "not found"), (500, "server error"), (403, "refuses")])
def test_http_errors(web, status, words):
    web.expect_request("/x").respond_with_data("nope", status=status, content_type="text/html")
    with pytest.raises(HttpError, match=words) as info:
        fetch_url(web.url_for("/x"), politeness=polite())
    assert info.value.status == status and f"HTTP {status}" in str(info.value)


def test_429_with_retry_after_backs_off_then_succeeds(web):
    calls = []

    def limited(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "0"})
        return Response("<p>Velkommen</p>", content_type="text/html")

    web.expect_request("/").respond_with_handler(limited)
    assert "Velkommen" in fetch_url(web.url_for("/"), politeness=polite()).text
    assert len(calls) == 2


def test_429_with_long_retry_after_is_reported(web):
    web.expect_request("/").respond_with_data("slow down", status=429, headers={"Retry-After": "3600"})
    politeness = polite()
    with pytest.raises(HttpError, match="slow down .*Try again in 3600 s") as info:
        fetch_url(web.url_for("/"), politeness=politeness)
    assert info.value.status == 429
    assert politeness.reserve(web.url_for("/")) > 3000


def test_robots_disallow(web):
    web.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\nAllow: /\n", content_type="text/plain")
    web.expect_request("/private/team").respond_with_data("<p>secret</p>", content_type="text/html")
    web.expect_request("/public").respond_with_data("<p>open</p>", content_type="text/html")
    politeness = polite()
    with pytest.raises(RobotsRefused, match="robots.txt") as info:
        fetch_url(web.url_for("/private/team"), politeness=politeness)
    assert info.value.code == "robots"
    assert "open" in fetch_url(web.url_for("/public"), politeness=politeness).text


def test_robots_server_error_means_disallow(web):
    web.expect_request("/robots.txt").respond_with_data("oops", status=503)
    with pytest.raises(RobotsRefused):
        fetch_url(web.url_for("/page"), politeness=polite())


def test_robots_cached_per_origin(web):
    hits = []
    web.expect_request("/robots.txt").respond_with_handler(
        lambda request: hits.append(1) or Response("User-agent: *\nAllow: /\n", content_type="text/plain"))
    web.expect_request("/p").respond_with_data("<p>x</p>", content_type="text/html")
    politeness = polite()
    with make_session() as session:
        for _ in range(3):
            fetch_page(web.url_for("/p"), session=session, politeness=politeness)
    assert len(hits) == 1


def test_crawl_delay_and_min_delay_space_requests(web):
    web.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 7\n",
                                                        content_type="text/plain")
    web.expect_request("/p").respond_with_data("<p>x</p>", content_type="text/html")
    politeness = Politeness(min_delay=0.0)
    fetch_url(web.url_for("/p"), politeness=politeness)
    assert politeness.delay_for(web.url_for("/p"), USER_AGENT) == 7.0
    assert Politeness().min_delay >= 1.0


def test_no_network_and_dns_failure():
    with pytest.raises(NoNetwork, match="no network"):
        fetch_url("http://127.0.0.1:9/", politeness=polite())
    with pytest.raises(fetch.DnsFailure, match="could not be found"):
        fetch_url("http://no-such-host.invalid/", politeness=polite())


def test_bad_scheme_is_refused_before_any_request():
    with pytest.raises(fetch.BadUrl):
        fetch_url("ftp://example.com/file", politeness=polite())
    with pytest.raises(fetch.BadUrl):
        fetch_url("javascript:alert(1)", politeness=polite())


def test_cancel_before_start(web):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        fetch_url(web.url_for("/"), politeness=polite(), cancel=cancel)


def test_undecodable_bytes(web):
    web.expect_request("/").respond_with_data(bytes(range(0, 32)) * 400, content_type="text/plain")
    with pytest.raises(fetch.Undecodable, match="could not be decoded"):
        fetch_url(web.url_for("/"), politeness=polite())


def test_cancel_interrupts_a_stalled_download(web):
    release, started = threading.Event(), threading.Event()

    def stall(request: Request) -> Response:
        def body():
            yield b"<html><p>Hei" + b" " * 70000
            started.set()
            release.wait(20)
            yield b"</p></html>"
        return Response(body(), content_type="text/html")

    web.expect_request("/stall").respond_with_handler(stall)
    cancel = threading.Event()
    errors = []
    worker = threading.Thread(target=lambda: errors.append(_fetch_error(web.url_for("/stall"), cancel)))
    worker.start()
    try:
        assert started.wait(10)
        cancel.set()
        worker.join(5)
        assert not worker.is_alive() and isinstance(errors[0], Cancelled)
    finally:
        release.set()
        worker.join(5)


def _fetch_error(url, cancel):
    try:
        fetch_url(url, politeness=polite(), cancel=cancel, timeout=(5, 20))
    except Exception as exc:  # the test inspects which one
        return exc
    return None


def test_pdf_sent_as_html_is_refused(web):
    web.expect_request("/report").respond_with_data(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="text/html")
    with pytest.raises(NotAWebPage, match="PDF"):
        fetch_url(web.url_for("/report"), politeness=polite())
