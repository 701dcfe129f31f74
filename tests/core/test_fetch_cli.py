"""The research commands end to end: fetch, research-site, add-page, pages, page, extract, search."""

from __future__ import annotations

import json

import pytest

from researcher.cli import main
from researcher.core.db import open_database
from researcher.core.prospects import add_prospect

from research_sites import SITES, serve_site, server, web  # noqa: F401


@pytest.fixture
def store(db_path):
    db = open_database(db_path)
    add_prospect(db, "Laura Kuusisto", company="Kuusiston Konepaja", website="", language="fi")
    add_prospect(db, "Karin Åström", company="Norrsken Logistik", language="sv")
    db.close()
    return db_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_fetch_pages_page_search(store, web, capsys):
    base = serve_site(web, "fi-kuusiston-konepaja")
    code, out, _ = run(capsys, "--db", store, "fetch", "Laura Kuusisto", base + "rekry.html",
                       base + "tiedotteet/uusi-laserleikkauslinja.latin1.html", "--delay", "0", "--json")
    assert code == 0
    results = json.loads(out)
    assert [r["ok"] for r in results] == [True, True]
    assert results[0]["title"].startswith("Rekry")

    code, out, _ = run(capsys, "--db", store, "pages", "Laura Kuusisto", "--json")
    listed = json.loads(out)
    assert {p["state"] for p in listed} == {"fetched"} and len(listed) == 2

    news_id = results[1]["page_id"]
    code, out, _ = run(capsys, "--db", store, "page", news_id)
    assert code == 0 and "Published 2026-11-04" in out and "toimitusjohtaja Laura Kuusisto" in out

    code, out, _ = run(capsys, "--db", store, "search", "laserleikkaus", "--json")
    hits = json.loads(out)
    assert hits[0]["kind"] == "page" and "[" in hits[0]["snippet"]
    code, out, _ = run(capsys, "--db", store, "search", "laserleikkaus", "--prospect", "Karin Åström")
    assert out.strip() == "Nothing found."


def test_fetch_failures_have_messages_and_exit_status(store, web, capsys):
    web.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.7", content_type="application/pdf")
    code, out, err = run(capsys, "--db", store, "fetch", "Karin Åström", web.url_for("/doc.pdf"),
                         web.url_for("/missing"), "--delay", "0")
    assert code == 1
    assert "not a web page" in out and "not found" in out and "2 of 2 pages" in err
    code, out, err = run(capsys, "--db", store, "fetch", "Karin Åström", "ftp://x.se/", "--delay", "0")
    assert code == 1 and "http:// or https://" in err


def test_offline_page_stays_pending_and_fetch_pending(store, web, capsys):
    code, out, _ = run(capsys, "--db", store, "fetch", "Karin Åström", "http://127.0.0.1:9/om-oss", "--delay", "0")
    assert code == 1 and "no network" in out
    code, out, _ = run(capsys, "--db", store, "pages", "Karin Åström", "--json")
    assert json.loads(out)[0]["state"] == "pending"
    code, out, _ = run(capsys, "--db", store, "fetch-pending", "--delay", "0", "--json")
    assert json.loads(out)[0]["error_code"] == "no_network"


def test_research_site(store, web, capsys):
    base = serve_site(web, "sv-norrsken-logistik")
    db = open_database(store)
    db.execute("UPDATE companies SET website = ? WHERE name = 'Norrsken Logistik'", [base])
    db.conn.commit()
    db.close()
    code, out, _ = run(capsys, "--db", store, "research-site", "Karin Åström", "--max-pages", "6", "--delay", "0", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["category"] for r in rows] == ["home", "about", "team", "careers", "news", "contact"]
    code, out, err = run(capsys, "--db", store, "research-site", "Laura Kuusisto", "--delay", "0")
    assert code == 1 and "has no website" in err


def test_add_page_saved_and_stdin(store, tmp_path, capsys, monkeypatch):
    saved = tmp_path / "profile.html"
    saved.write_text("<!-- saved from url=(0040)https://www.linkedin.com/in/laura-kuusisto -->"
                     "<html><head><title>Laura Kuusisto | LinkedIn</title></head><body><main>"
                     "<p>Toimitusjohtaja, Kuusiston Konepaja Oy. Aiemmin tuotantopäällikkö Valmetilla.</p></main></body></html>",
                     encoding="utf-8")
    code, out, _ = run(capsys, "--db", store, "add-page", "Laura Kuusisto", saved, "--json")
    data = json.loads(out)
    assert code == 0 and data["url"] == "https://www.linkedin.com/in/laura-kuusisto"
    import io
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Karin Åström\nVd\nÄlskar fjällvandring".encode())))
    code, out, _ = run(capsys, "--db", store, "add-page", "Karin Åström", "-")
    assert code == 0
    code, out, _ = run(capsys, "--db", store, "search", "fjällvandring", "--json")
    assert json.loads(out)[0]["title"] == "Karin Åström"
    code, _, err = run(capsys, "--db", store, "add-page", "Karin Åström", tmp_path / "nope.html")
    assert code == 1 and "does not exist" in err


def test_refetch_and_changes(store, web, capsys):
    from werkzeug import Response

    bodies = ["<p>Vi har 310 medarbetare.</p>", "<p>Vi har 340 medarbetare.</p>"]
    web.expect_request("/nyheter").respond_with_handler(
        lambda request: Response(bodies.pop(0), content_type="text/html"))
    for _ in range(2):
        code, out, _ = run(capsys, "--db", store, "fetch", "Karin Åström", web.url_for("/nyheter"), "--delay", "0", "--json")
    page_id = json.loads(out)[0]["page_id"]
    code, out, _ = run(capsys, "--db", store, "page", page_id, "--changes", "--json")
    assert json.loads(out) == {"added": ["Vi har 340 medarbetare."], "removed": ["Vi har 310 medarbetare."]}
    code, out, _ = run(capsys, "--db", store, "page", page_id, "--json")
    assert len(json.loads(out)["snapshots"]) == 2


def test_extract_jsonl(capsys):
    files = [SITES / "nb-fjordlys-energi/om-oss/ledelsen.html", SITES / "fi-kuusiston-konepaja/yhteystiedot.html"]
    code, out, _ = run(capsys, "extract", *files, "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 2
    keys = {"file", "url", "title", "description", "language", "published", "text", "organization", "people",
            "jobs", "emails", "phones", "social"}
    assert keys <= set(rows[0])
    assert rows[0]["url"] == "https://www.fjordlys.no/om-oss/ledelsen.html"
    assert {"name": "Øystein Græsdal", "job_title": "daglig leder"} in rows[0]["people"]
    assert rows[1]["organization"]["legal_name"] == "Kuusiston Konepaja Oy" and rows[1]["published"] is None
    assert rows[1]["social"]["linkedin"].startswith("https://www.linkedin.com/company/")
    code, out, _ = run(capsys, "extract", files[0], "--url", "https://example.no/x", "--jsonl")
    assert json.loads(out)["url"] == "https://example.no/x"


def test_refetch_is_conditional_and_304_keeps_the_snapshot(store, web, capsys):
    from werkzeug import Response

    seen = []

    def page(request):
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response("<p>Fjordlys har 58 ansatte i Bergen.</p>", content_type="text/html", headers={"ETag": '"v1"'})

    web.expect_request("/om-oss").respond_with_handler(page)
    for _ in range(2):
        code, out, _ = run(capsys, "--db", store, "fetch", "Karin Åström", web.url_for("/om-oss"), "--delay", "0", "--json")
        assert code == 0
    assert seen == [None, '"v1"']
    result = json.loads(out)[0]
    assert result["unchanged"] is True and result["ok"] is True
    code, out, _ = run(capsys, "--db", store, "page", result["page_id"], "--json")
    assert len(json.loads(out)["snapshots"]) == 1 and "58 ansatte" in json.loads(out)["text"]


def test_remove_page_needs_yes(store, tmp_path, capsys):
    note = tmp_path / "note.txt"
    note.write_text("Karin Åström\nVd", encoding="utf-8")
    code, out, _ = run(capsys, "--db", store, "add-page", "Karin Åström", note)
    page_id = out.strip()
    code, _, err = run(capsys, "--db", store, "remove-page", page_id)
    assert code == 1 and "--yes" in err
    code, out, _ = run(capsys, "--db", store, "remove-page", page_id, "--yes")
    assert code == 0
    code, _, err = run(capsys, "--db", store, "page", page_id)
    assert code == 1 and "no page with id" in err
