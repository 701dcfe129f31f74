"""Property tests: arbitrary bytes and broken HTML never crash decoding or extraction."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from researcher.core.charset import UndecodableError, decode_html
from researcher.core.extract import Extraction, extract_html, extract_text

TAGS = ["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div class='cookie'>", "</div>",
        '<script type="application/ld+json">', "</script>", '{"@type":"Organization","name":', "[", "]", "}",
        "<a href='mailto:x@y.fi'>", "<a href='tel:+4722334455'>", "</a>", "<h1>", "<meta charset='klingon'>",
        "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "ä", "ø", "Å", "\x00", "<div itemscope itemtype='Person'>",
        "<span itemprop='name'>", "<nav>", "</nav>", "<time datetime='2026-13-45'>", "<base href='::::'>",
        "<link rel='canonical' href='http://[::1'>"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(raw):
    try:
        decoded = decode_html(raw)
    except UndecodableError:
        return
    assert isinstance(extract_html(decoded.text, "https://example.fi/"), Extraction)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=30)), max_size=80))
def test_broken_html_never_crashes(parts):
    page = extract_html("".join(parts), "https://example.fi/a/b")
    assert isinstance(page.text, str) and isinstance(page.people, list)


@SETTINGS
@given(st.text(max_size=2000))
def test_pasted_text_never_crashes(text):
    assert isinstance(extract_text(text), Extraction)


@SETTINGS
@given(st.one_of(st.binary(max_size=3000),
                 st.builds(lambda body: b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
                           + body, st.binary(max_size=2000))))
def test_saved_files_fail_only_with_a_rep_readable_error(raw):
    from researcher.core.errors import UserError
    from researcher.core.saved_page import capture_bytes

    try:
        capture = capture_bytes(raw, name="saved.html")
    except UserError as error:
        assert str(error)
    else:
        assert capture.source == "saved" and isinstance(capture.extraction, Extraction)
