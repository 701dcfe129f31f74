"""Helpers for the evidence and opener tests: prospects with pages, notes and interactions."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from researcher.core.pages import add_page
from researcher.core.prospects import add_prospect, get_prospect

TODAY = date(2026, 12, 1)


def add_snapshot(db: Database, url: str, text: str, *, company_id: int | None = None, prospect_id: int | None = None,
                 language: str = "en", published: str | None = None, captured_at: str = "2026-11-28T09:00:00+00:00",
                 title: str = "", site_name: str = "") -> int:
    """Store a fetched page with one snapshot, the way research capture does."""
    page_id = add_page(db, url, company_id=company_id, prospect_id=prospect_id)
    db.execute(
        "INSERT INTO snapshots (page_id, captured_at, final_url, title, site_name, language, published, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [page_id, captured_at, url, title or url, site_name, language, published, text])
    db.execute("UPDATE pages SET state = 'fetched' WHERE id = ?", [page_id])
    return page_id


def person(db: Database, name: str, company: str, *, title: str = "", language: str = "en",
           industry: str = "", country: str = "") -> tuple[int, int]:
    """Add a prospect at a new company; return (prospect id, company id)."""
    prospect_id = add_prospect(db, name, company=company, title=title, language=language, country=country)
    company_id = get_prospect(db, prospect_id).company_id
    assert company_id is not None
    if industry:
        db.execute("UPDATE companies SET industry = ? WHERE id = ?", [industry, company_id])
    return prospect_id, company_id
