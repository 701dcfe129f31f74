"""Company-site research against the local test sites in four languages."""

from __future__ import annotations

import threading
from functools import partial

import pytest

from researcher.core.capture import capture_url
from researcher.core.extract import Link
from researcher.core.fetch import make_session
from researcher.core.politeness import Politeness
from researcher.core.site_research import classify, plan_pages, research_site, same_site

from research_sites import serve_site, server, web  # noqa: F401


def run(base, **options):
    session = make_session()
    try:
        return research_site(base, capture=partial(capture_url, politeness=Politeness(min_delay=0), session=session),
                             **options)
    finally:
        session.close()


def paths(results, base):
    return [r.url.removeprefix(base.rstrip("/")) for r in results]


def test_finnish_site(web):
    base = serve_site(web, "fi-kuusiston-konepaja")
    results = run(base)
    got = paths(results, base)
    assert got[:6] == ["/", "/yritys/", "/yritys/johto.html", "/rekry.html", "/tiedotteet/", "/yhteystiedot.html"]
    assert "/tiedotteet/uusi-laserleikkauslinja.latin1.html" in got
    assert not any("tietosuoja" in p or "evaste" in p or "tuotteet" in p for p in got)
    assert all(r.capture is not None for r in results) and len(results) <= 12
    news = next(r for r in results if r.url.endswith("latin1.html"))
    assert "kasvattaa ohutlevyosien kapasiteettia" in news.capture.extraction.text


def test_swedish_site_categories(web):
    base = serve_site(web, "sv-norrsken-logistik")
    results = run(base)
    assert [r.category for r in results[:6]] == ["home", "about", "team", "careers", "news", "contact"]
    assert any(r.url.endswith("nytt-lager-i-jonkoping.html") for r in results)


def test_norwegian_site_includes_investors(web):
    base = serve_site(web, "nb-fjordlys-energi")
    results = run(base)
    assert "/investor/" in paths(results, base)
    assert any("Øystein Græsdal" in p["name"] for r in results for p in r.capture.extraction.people)


def test_english_site_respects_max_pages_and_robots(web):
    base = serve_site(web, "en-harbour-finch")
    results = run(base, max_pages=4)
    assert paths(results, base) == ["/", "/about-us/", "/about-us/leadership.html", "/careers/"]
    full = run(base)
    assert not any("/pricing/" in r.url for r in full)


def test_failed_page_is_reported_not_fatal(web):
    base = serve_site(web, "sv-norrsken-logistik")
    web.clear()
    web.no_handler_status_code = 404
    web.expect_request("/").respond_with_data(
        '<html><body><a href="/om-oss/">Om oss</a><a href="/kontakt.html">Kontakt</a></body></html>',
        content_type="text/html")
    web.expect_request("/kontakt.html").respond_with_data("<p>Växel 031-712 40 00</p>", content_type="text/html")
    results = run(base)
    about = next(r for r in results if r.category == "about")
    assert about.capture is None and about.error_code == "http" and "not found" in about.error
    assert next(r for r in results if r.category == "contact").capture is not None


def test_unreachable_home():
    results = run("http://127.0.0.1:9/")
    assert len(results) == 1 and results[0].error_code == "no_network"


def test_cancel_stops_between_pages(web):
    base = serve_site(web, "fi-kuusiston-konepaja")
    cancel = threading.Event()
    seen = []

    def on_result(result):
        seen.append(result)
        if len(seen) == 2:
            cancel.set()

    results = run(base, cancel=cancel, on_result=on_result)
    assert len(results) == 2


def test_progress_reports(web):
    base = serve_site(web, "sv-norrsken-logistik")
    reports = []
    run(base, max_pages=3, progress=lambda done, total, msg: reports.append((done, total, msg)))
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1] == 3


@pytest.mark.parametrize("text,url,category", [
    ("Om oss", "/om-oss/", "about"), ("Tietoa meistä", "/fi/yritys", "about"), ("Ledelsen", "/x", "team"),
    ("Avoimet työpaikat", "/ura", "careers"), ("Lediga jobb", "/jobb", "careers"), ("Nyheder", "/nyt", "news"),
    ("Tiedotteet", "/media", "news"), ("Kontakta oss", "/kontakt", "contact"), ("Sijoittajille", "/ir", "investors"),
    ("", "/karriere/", "careers"), ("Bestyrelse", "/om/bestyrelse", "team"),
])
def test_classify_nordic_links(text, url, category):
    assert classify(Link("https://firma.example" + url, text)).category == category


@pytest.mark.parametrize("text,url", [("Tietosuojaseloste", "/tietosuoja"), ("Personvernerklæring", "/personvern"),
                                      ("Årsrapport 2025", "/ir/arsrapport.pdf"), ("Tuotteet", "/tuotteet/")])
def test_classify_skips_unwanted(text, url):
    assert classify(Link("https://firma.example" + url, text)) is None


def test_same_site_only():
    assert same_site("https://jobs.firma.fi/x", "https://www.firma.fi/")
    assert not same_site("https://www.linkedin.com/company/firma", "https://www.firma.fi/")
    assert not same_site("mailto:x@firma.fi", "https://www.firma.fi/")
    links = [Link("https://www.linkedin.com/company/firma/about", "About"), Link("https://firma.fi/om-oss", "Om oss")]
    assert [c.url for c in plan_pages(links, "https://www.firma.fi/")] == ["https://firma.fi/om-oss"]


def test_parse_pasted_urls():
    from researcher.core.research import parse_urls

    text = ("https://www.firma.fi/rekry, www.norrsken.se/om-oss; fjordlys.no\n"
            "mail karin@norrsken.se, file rapport.final.pdf, see (https://x.dk/a?b=1).")
    assert parse_urls(text) == ["https://www.firma.fi/rekry", "https://www.norrsken.se/om-oss", "https://fjordlys.no",
                                "https://x.dk/a?b=1"]
    assert parse_urls("nothing here") == []


def test_research_a_demo_company_site_served_locally(demo_db, web):
    """The demo's saved snapshots double as the company's site, served from 127.0.0.1."""
    import tomllib
    from urllib.parse import urlsplit

    from researcher.core import pages
    from researcher.core.research import company_website, save_site_result
    from researcher.core.resources import resource_path

    manifest = tomllib.loads(resource_path("demo/pages/pages.toml").read_text(encoding="utf-8"))
    for entry in manifest["pages"]:
        if entry["company"] == "routakivi":
            body = resource_path(f"demo/pages/{entry['file']}").read_bytes()
            web.expect_request(urlsplit(entry["url"]).path).respond_with_data(body, content_type="text/html; charset=utf-8")
    minna = next(demo_db.query("SELECT id, company_id FROM prospects WHERE name = 'Minna Väisänen'"))
    demo_db.execute("UPDATE companies SET website = ? WHERE id = ?", [web.url_for("/"), minna["company_id"]])
    company_id, website = company_website(demo_db, minna["id"])
    for result in run(website):
        save_site_result(demo_db, company_id, result.url, result.capture, result.error, result.error_code)
    local = {urlsplit(p.url).path: p for p in pages.list_pages(demo_db, company_id=company_id)
             if p.url.startswith(web.url_for("/"))}
    fetched = {path for path, page in local.items() if page.state == "fetched"}
    assert {"/", "/yritys/", "/rekry/", "/uutiset/kokkolan-tuotantolinja/"} <= fetched
    assert local["/uutiset/"].state == "failed" and "not found" in local["/uutiset/"].error
