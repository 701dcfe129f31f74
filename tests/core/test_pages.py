"""Storing pages and snapshots: re-fetch keeps history, failures keep data, erasure leaves no trace."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from researcher.core import pages
from researcher.core.capture import Capture, capture_url
from researcher.core.errors import NotFound, UserError
from researcher.core.extract import extract_html
from researcher.core.facts import prospect_facts
from researcher.core.politeness import Politeness
from researcher.core.prospects import add_prospect, erase_prospect, get_prospect
from researcher.core.saved_page import capture_bytes, capture_file, capture_text, saved_from_url
from researcher.core.search import search_all

from research_sites import serve_site, server, web  # noqa: F401

SITES = Path(__file__).resolve().parents[1] / "data" / "sites"


def html_capture(url: str, body: str, *, published: str | None = None, title: str = "Nyheter") -> Capture:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    html = f"<html lang='sv'><head><title>{title}</title>{meta}</head><body><article>{body}</article></body></html>"
    return Capture(url=url, extraction=extract_html(html, url), final_url=url, raw=html.encode(), status=200)


@pytest.fixture
def karin(db):
    return add_prospect(db, "Karin Åström", company="Norrsken Logistik", title="vd", country="SE", language="sv")


def test_fetch_store_and_read_back(db, karin, web):
    base = serve_site(web, "sv-norrsken-logistik")
    page_id = pages.add_page(db, base + "nyheter/nytt-lager-i-jonkoping.html", prospect_id=karin)
    assert pages.get_page(db, page_id).state == "pending"
    capture = capture_url(base + "nyheter/nytt-lager-i-jonkoping.html", politeness=Politeness(min_delay=0))
    snapshot_id = pages.store_capture(db, page_id, capture)
    snap = pages.get_snapshot(db, snapshot_id)
    assert snap.title.startswith("Norrsken Logistik öppnar nytt lager i Jönköping")
    assert snap.published == "2026-10-28" and snap.language == "sv"
    assert "28 000 kvadratmeter" in snap.text and snap.charset == "utf-8"
    info = pages.get_page(db, page_id)
    assert info.state == "fetched" and info.snapshots == 1 and info.snapshot_id == snapshot_id
    row = next(db.query("SELECT raw FROM snapshots WHERE id = ?", [snapshot_id]))
    assert row["raw"] == capture.raw


def test_same_url_is_one_page_per_owner(db, karin):
    first = pages.add_page(db, "https://www.norrskenlogistik.se/", prospect_id=karin)
    assert pages.add_page(db, " https://www.norrskenlogistik.se/ ", prospect_id=karin) == first
    company = get_prospect(db, karin).company_id
    assert pages.add_page(db, "https://www.norrskenlogistik.se/", company_id=company) != first
    with pytest.raises(UserError):
        pages.add_page(db, "https://x.se/")


def test_refetch_keeps_old_snapshot_and_shows_changes(db, karin):
    url = "https://www.norrskenlogistik.se/nyheter/"
    page_id = pages.add_page(db, url, prospect_id=karin)
    pages.store_capture(db, page_id, html_capture(url, "<p>Vi har 310 medarbetare. Vi finns i Göteborg.</p>"))
    pages.store_capture(db, page_id, html_capture(
        url, "<p>Vi har 340 medarbetare. Vi finns i Göteborg. Vi öppnar ett kontor i Oslo.</p>"))
    assert len(pages.snapshot_list(db, page_id)) == 2
    changes = pages.changes_since_previous(db, page_id)
    assert changes.added == ["Vi har 340 medarbetare.", "Vi öppnar ett kontor i Oslo."]
    assert changes.removed == ["Vi har 310 medarbetare."]
    hits = search_all(db, "medarbetare")
    assert len(hits) == 1 and "340" in hits[0].snippet  # only the latest snapshot is searched


def test_failed_refetch_keeps_snapshots(db, karin):
    url = "https://www.norrskenlogistik.se/"
    page_id = pages.add_page(db, url, prospect_id=karin)
    pages.store_capture(db, page_id, html_capture(url, "<p>Välkommen till Norrsken.</p>"))
    pages.record_failure(db, page_id, "The page was not found (HTTP 404).", "http")
    info = pages.get_page(db, page_id)
    assert info.state == "failed" and info.error.startswith("The page was not found")
    assert pages.latest_snapshot(db, page_id).text == "Välkommen till Norrsken."


def test_offline_failure_stays_pending(db, karin):
    page_id = pages.add_page(db, "https://www.norrskenlogistik.se/karriar/", prospect_id=karin)
    pages.record_failure(db, page_id, "Could not connect: no network.", "no_network")
    assert [p.id for p in pages.pending_pages(db)] == [page_id]
    assert pages.get_page(db, page_id).error_code == "no_network"


def test_facts_with_sources(db, karin, web):
    base = serve_site(web, "sv-norrsken-logistik")
    company = get_prospect(db, karin).company_id
    politeness = Politeness(min_delay=0)
    for path in ("kontakt.html", "om-oss/ledning.html", "karriar/"):
        page_id = pages.add_page(db, base + path, company_id=company)
        pages.store_capture(db, page_id, capture_url(base + path, politeness=politeness))
    facts = prospect_facts(db, karin)
    kinds = {(f.kind, f.value) for f in facts}
    assert ("legal_name", "Norrsken Logistik AB") in kinds and ("employees", "310") in kinds
    assert ("person", "Karin Åström, vd") in kinds and ("job", "Lagermedarbetare, Jönköping") in kinds
    assert ("phone", "+46317124000") in kinds
    founded = next(f for f in facts if f.kind == "founded")
    assert founded.value == "2004" and founded.url == base + "kontakt.html" and founded.date
    assert len([f for f in facts if (f.kind, f.value) == ("phone", "+46317124000")]) == 1


def test_erasing_prospect_removes_their_pages_and_index_rows(db, karin, db_path):
    url = "https://www.linkedin.com/in/karin-astrom"
    page_id = pages.add_page(db, url, prospect_id=karin, source="pasted")
    pages.store_capture(db, page_id, capture_text("Karin Åström\nVd, Norrsken Logistik\nÄlskar blåbärspaj.", url=url))
    assert search_all(db, "blåbärspaj")
    erase_prospect(db, karin)
    assert search_all(db, "blåbärspaj") == []
    assert db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM snapshots_fts").fetchone()[0] == 0
    db.close()
    assert "blåbärspaj".encode() not in db_path.read_bytes()


def test_unknown_page():
    from researcher.core.db import memory_database

    with pytest.raises(NotFound):
        pages.get_page(memory_database(), 99)


def test_saved_page_with_saved_from_mark(db, karin):
    raw = ("<!DOCTYPE html>\n<!-- saved from url=(0044)https://www.linkedin.com/in/karin-astrom/ -->\n"
           "<html><head><title>Karin Åström | LinkedIn</title></head><body><main><h1>Karin Åström</h1>"
           "<p>Vd på Norrsken Logistik AB. Tidigare logistikchef på Bring.</p></main></body></html>").encode()
    assert saved_from_url(raw) == "https://www.linkedin.com/in/karin-astrom/"
    capture = capture_bytes(raw, name="Karin Åström LinkedIn.html")
    assert capture.source == "saved" and capture.url == "https://www.linkedin.com/in/karin-astrom/"
    page_id = pages.add_page(db, capture.url, prospect_id=karin, source="saved")
    pages.store_capture(db, page_id, capture)
    assert "Tidigare logistikchef på Bring" in pages.latest_snapshot(db, page_id).text
    assert pages.get_page(db, page_id).source == "saved"


def test_saved_page_canonical_used_when_no_mark(tmp_path):
    path = tmp_path / "sida.htm"
    path.write_bytes(b'<html><head><link rel="canonical" href="https://www.fjordlys.no/om-oss/">'
                     b"<title>Om oss</title></head><body><p>Fjordlys Energi ble grunnlagt i Bergen.</p></body></html>")
    capture = capture_file(path)
    assert capture.url == "https://www.fjordlys.no/om-oss/" and capture.extraction.title == "Om oss"
    assert capture_file(path, url="https://example.no/x").url == "https://example.no/x"


def test_saved_file_errors(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        capture_file(tmp_path / "missing.html")
    with pytest.raises(UserError, match="folder"):
        capture_file(tmp_path)
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(32)) * 200)
    with pytest.raises(UserError, match="not a web page"):
        capture_file(binary)
    with pytest.raises(UserError, match="no text"):
        capture_text("   ")


def test_text_file_is_imported_as_text(tmp_path):
    path = tmp_path / "profil.txt"
    path.write_text("Øystein Græsdal\nDaglig leder i Fjordlys Energi AS\nVi har ikke planer om å selge.", encoding="utf-8")
    capture = capture_file(path)
    assert capture.content_type == "text/plain" and capture.extraction.title == "Øystein Græsdal"
    assert capture.url.startswith("pasted:")
    assert replace(capture, url="x").url == "x"


def test_identical_refetch_adds_no_snapshot(db, karin):
    url = "https://www.norrskenlogistik.se/om-oss/"
    page_id = pages.add_page(db, url, prospect_id=karin)
    first = pages.store_capture(db, page_id, html_capture(url, "<p>Vi har 310 medarbetare.</p>"))
    pages.record_failure(db, page_id, "timeout", "timeout")
    again = pages.store_capture(db, page_id, html_capture(url, "<p>Vi har 310 medarbetare.</p>"))
    assert again == first and pages.snapshot_list(db, page_id) == [(first, pages.get_snapshot(db, first).captured_at)]
    assert pages.get_page(db, page_id).error is None


def test_demo_ships_snapshots_with_facts_for_every_company(demo_db):
    companies = [row["id"] for row in demo_db.query("SELECT id FROM companies")]
    for company_id in companies:
        kept = pages.list_pages(demo_db, company_id=company_id)
        assert len(kept) >= 2 and all(p.state == "fetched" and p.snapshots == 1 for p in kept)
    for row in demo_db.query("SELECT id FROM prospects"):
        facts = prospect_facts(demo_db, row["id"])
        assert facts and all(f.url.startswith("https://") and f.date for f in facts)
    assert any(h.kind == "page" and "Routakivi" in h.title for h in search_all(demo_db, "investoi"))


def test_single_file_mhtml_archive(tmp_path):
    import quopri

    html = ("<html><head><title>Havbris Sjømat – Om oss</title></head><body><main><h1>Om oss</h1>"
            "<p>Havbris Sjømat AS har 210 ansatte på Averøy og i Kristiansund.</p></main></body></html>")
    archive = (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.havbris.no/om-oss/\r\n"
        "Subject: Havbris\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--abc"\r\n\r\n'
        "------MultipartBoundary--abc\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.havbris.no/om-oss/\r\n\r\n"
        + quopri.encodestring(html.encode("utf-8")).decode("ascii") + "\r\n"
        "------MultipartBoundary--abc\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: https://www.havbris.no/logo.png\r\n\r\niVBORw0KGgo=\r\n"
        "------MultipartBoundary--abc--\r\n")
    path = tmp_path / "Havbris.mhtml"
    path.write_bytes(archive.encode("ascii"))
    capture = capture_file(path)
    assert capture.url == "https://www.havbris.no/om-oss/" and capture.source == "saved"
    assert capture.extraction.title == "Havbris Sjømat – Om oss"
    assert "210 ansatte på Averøy" in capture.extraction.text
    broken = tmp_path / "empty.mhtml"
    broken.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x--\r\n")
    with pytest.raises(UserError, match="no web page"):
        capture_file(broken)


def test_facts_from_sentences_carry_their_quote(db, karin):
    url = "https://www.norrskenlogistik.se/om-oss/"
    page_id = pages.add_page(db, url, prospect_id=karin)
    pages.store_capture(db, page_id, html_capture(
        url, "<p>Norrsken Logistik grundades 2004 i Göteborg. I dag har vi 310 medarbetare på tre orter.</p>"))
    facts = {f.kind: f for f in prospect_facts(db, karin)}
    assert facts["founded"].value == "2004" and facts["founded"].quote == "Norrsken Logistik grundades 2004 i Göteborg."
    assert facts["employees"].value == "310" and "310 medarbetare" in facts["employees"].quote
