"""Seed the demo with saved snapshots of the fictional companies' sites, so research works offline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING

from researcher.core import pages
from researcher.core.resources import read_toml, resource_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.capture import Capture


@cache
def _captures() -> tuple[tuple[str, int, Capture], ...]:
    """(company key, days ago, capture) for every demo page; extracted once per process."""
    from researcher.core.saved_page import capture_bytes

    manifest = read_toml("demo/pages/pages.toml")
    found = []
    for entry in manifest["pages"]:
        raw = resource_path(f"demo/pages/{entry['file']}").read_bytes()
        capture = replace(capture_bytes(raw, name=entry["file"], url=entry["url"]), source="fetched",
                          final_url=entry["url"], status=200)
        found.append((entry["company"], int(entry["days_ago"]), capture))
    return tuple(found)


def seed_demo_pages(db: Database, *, today: date | None = None) -> int:
    """Store the demo snapshots for the demo companies that exist in ``db``; returns how many."""
    today = today or date.today()
    companies = read_toml("demo/prospects.toml")["companies"]
    names = {company["key"]: company["name"] for company in companies}
    ids = {row["name"]: row["id"] for row in db.query("SELECT id, name FROM companies")}
    stored = 0
    with db.atomic():
        for key, days_ago, capture in _captures():
            company_id = ids.get(names.get(key, ""))
            if company_id is None:
                continue
            when = datetime.combine(today - timedelta(days=days_ago), time(8, 30), tzinfo=UTC)
            page_id = pages.add_page(db, capture.url, company_id=company_id)
            pages.store_capture(db, page_id, replace(capture, captured_at=when.isoformat()))
            stored += 1
    return stored
