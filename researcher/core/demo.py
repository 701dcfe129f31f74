"""Build the demo database from resources/demo: fictional prospects across the Nordics and the UK."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core.calling_demo import seed_calling_demo
from researcher.core.db import open_database
from researcher.core.demo_pages import seed_demo_pages
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.offering import seed_demo_offering
from researcher.core.prospects import add_company, add_prospect
from researcher.core.resources import read_toml

if TYPE_CHECKING:
    from sqlite_utils import Database


def build_demo(path: Path, *, today: date | None = None) -> Database:
    """Create a fresh demo database at ``path`` (which must not exist yet) and return it open."""
    if path.exists():
        raise FileExistsError(path)
    db = open_database(path)
    seed_demo(db, today=today)
    seed_demo_pages(db, today=today)
    seed_calling_demo(db, today=today)
    seed_demo_offering(db)
    return db


def seed_demo(db: Database, *, today: date | None = None) -> None:
    """Fill an empty store with the demo companies, people, notes and interactions."""
    today = today or date.today()
    data = read_toml("demo/prospects.toml")
    with db.atomic():
        companies = {c["key"]: add_company(db, **_fields(c, "key")) for c in data["companies"]}
        for person in data["prospects"]:
            prospect_id = add_prospect(
                db, company_id=companies[person["company"]], **_fields(person, "key", "company", "notes", "interactions")
            )
            for note in person.get("notes", []):
                add_note(db, note["body"], prospect_id=prospect_id, source=note.get("source", ""),
                         created_at=_when(today, note["days_ago"]))
            for item in person.get("interactions", []):
                follow = item.get("follow_up_in_days")
                log_interaction(
                    db, prospect_id, item["kind"], occurred_at=_when(today, item["days_ago"], item.get("time", "10:00")),
                    direction=item.get("direction", "outbound"), outcome=item.get("outcome", ""),
                    summary=item.get("summary", ""), next_step=item.get("next_step", ""),
                    follow_up=(today + timedelta(days=follow)).isoformat() if follow is not None else None,
                )
        for company in data["companies"]:
            for note in company.get("notes", []):
                add_note(db, note["body"], company_id=companies[company["key"]], source=note.get("source", ""),
                         created_at=_when(today, note["days_ago"]))


def _fields(record: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in skip and key != "notes"}


def _when(today: date, days_ago: int, time: str = "09:00") -> str:
    hour, minute = (int(part) for part in time.split(":"))
    moment = datetime(today.year, today.month, today.day, hour, minute, tzinfo=UTC) - timedelta(days=days_ago)
    return moment.isoformat()
