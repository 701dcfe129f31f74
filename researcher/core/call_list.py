"""Today's call list: who is due, who can be called now, and who not (and why)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from researcher.core.calling_window import (
    CallingTime,
    Place,
    locate,
    office_hours,
    window_at,
)
from researcher.core.dnc import list_extracts, listings, registry_label
from researcher.core.phones import fast_normalise, phone_region
from researcher.core.qualification import readiness_by_prospect
from researcher.core.suppression import Suppressor, identifiers

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

CLOSED_STAGES = ("customer", "lost")


@dataclass(frozen=True)
class CallListEntry:
    """One prospect on the call list, with why they are due and whether they can be called now."""

    prospect_id: int
    name: str
    company: str
    title: str
    phones: tuple[str, ...]
    due: str
    follow_up: str | None
    timezone: str
    local_time: datetime
    in_window: bool
    next_window_start: datetime | None
    window_reason: str
    blocked: bool
    block_reason: str
    screening: str
    readiness: float
    readiness_summary: str

    @property
    def reason(self) -> str:
        """Why the prospect is not callable now ('' when they are)."""
        return self.block_reason if self.blocked else ("" if self.in_window else self.window_reason)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.prospect_id, "name": self.name, "company": self.company, "title": self.title,
            "phones": list(self.phones), "due": self.due, "follow_up": self.follow_up,
            "timezone": self.timezone, "local_time": self.local_time.isoformat(), "in_window": self.in_window,
            "next_window_start": self.next_window_start.isoformat() if self.next_window_start else None,
            "blocked": self.blocked, "reason": self.reason, "screening": self.screening,
            "readiness": round(self.readiness, 2), "readiness_summary": self.readiness_summary,
        }


@dataclass(frozen=True)
class CallList:
    """The day's call list in three parts: callable now, out of the calling window, blocked."""

    day: date
    now: datetime
    callable_now: tuple[CallListEntry, ...]
    out_of_window: tuple[CallListEntry, ...]
    blocked: tuple[CallListEntry, ...]

    def queue(self) -> tuple[CallListEntry, ...]:
        """Everyone who may be called today, in calling order (callable now first)."""
        return self.callable_now + self.out_of_window

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "now": self.now.isoformat(),
                "callable_now": [e.as_dict() for e in self.callable_now],
                "out_of_window": [e.as_dict() for e in self.out_of_window],
                "blocked": [e.as_dict() for e in self.blocked]}


_SELECT = """
    SELECT p.id, p.name, p.title, p.phones, p.email, p.linkedin, p.city, p.next_follow_up,
           CASE WHEN p.country != '' THEN p.country ELSE coalesce(c.country, '') END AS country,
           coalesce(c.name, '') AS company
    FROM prospects p LEFT JOIN companies c ON c.id = p.company_id
"""


def _researched_sql(db: Reader) -> str | None:
    if "pages" not in db.table_names():
        return None
    source = "(SELECT prospect_id, company_id FROM pages WHERE state = 'fetched')"
    return (
        f"{_SELECT} WHERE p.last_interaction_at IS NULL AND p.stage NOT IN ('customer', 'lost') AND ("
        f"p.id IN (SELECT prospect_id FROM {source} WHERE prospect_id IS NOT NULL) OR "
        f"p.company_id IN (SELECT company_id FROM {source} WHERE company_id IS NOT NULL))"
    )


def due_rows(db: Reader, day: date) -> list[dict[str, Any]]:
    """Return the prospects due on ``day``: follow-ups due (not yet contacted that day), then new ones researched."""
    follow_ups = list(db.query(
        f"{_SELECT} WHERE p.next_follow_up IS NOT NULL AND p.next_follow_up <= :day "
        "AND p.stage NOT IN ('customer', 'lost') "
        "AND (p.last_interaction_at IS NULL OR substr(p.last_interaction_at, 1, 10) < :day)",
        {"day": day.isoformat()}))
    seen = {row["id"] for row in follow_ups}
    sql = _researched_sql(db)
    researched = [row for row in db.query(sql)] if sql else []
    return follow_ups + [row for row in researched if row["id"] not in seen]


def build_call_list(db: Reader, *, day: date | None = None, now: datetime | None = None) -> CallList:
    """Return the call list for ``day`` (default today) as seen at ``now`` (default: the current time)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    day = day or moment.date()
    rows = due_rows(db, day)
    hours = office_hours(db)
    readiness = readiness_by_prospect(db)
    suppressor = Suppressor(db)
    extracts = {e["id"]: e for e in list_extracts(db, today=day)}
    covered: dict[str, list[dict[str, Any]]] = {}
    for extract in extracts.values():
        covered.setdefault(extract["country"], []).append(extract)
    numbers = {row["id"]: _numbers(row) for row in rows}
    listed = listings(db, {n for found in numbers.values() for n in found}) if extracts else {}
    windows: dict[Place, CallingTime] = {}
    entries = []
    for row in rows:
        phones = tuple(json.loads(row["phones"] or "[]"))
        place = locate(phones, row["country"], row["city"])
        if place not in windows:
            windows[place] = window_at(moment, place, hours)
        window = windows[place]
        block, screening = _screen(row, phones, numbers[row["id"]], listed, extracts, covered, suppressor)
        score, summary = readiness.get(row["id"], (0.0, "Not qualified yet"))
        follow_up = row["next_follow_up"]
        due = f"follow-up due {follow_up}" if follow_up and follow_up <= day.isoformat() else "new, researched"
        entries.append(CallListEntry(
            row["id"], row["name"], row["company"], row["title"], phones, due, follow_up, window.timezone,
            window.local_time, window.in_window, window.next_window_start, window.reason, bool(block), block,
            screening, score, summary))
    blocked = sorted((e for e in entries if e.blocked), key=lambda e: e.name.casefold())
    free = [e for e in entries if not e.blocked]
    now_list = sorted((e for e in free if e.in_window),
                      key=lambda e: (-e.readiness, e.follow_up or "9999", e.name.casefold()))
    later = sorted((e for e in free if not e.in_window),
                   key=lambda e: (e.next_window_start or datetime.max.replace(tzinfo=UTC), -e.readiness,
                                  e.name.casefold()))
    return CallList(day, moment, tuple(now_list), tuple(later), tuple(blocked))


def _numbers(row: dict[str, Any]) -> list[str]:
    return [n for n in (fast_normalise(raw, row["country"] or None) for raw in json.loads(row["phones"] or "[]")) if n]


def _screen(row: dict[str, Any], phones: tuple[str, ...], numbers: list[str], listed: dict[str, list[int]],
            extracts: dict[int, dict[str, Any]], covered: dict[str, list[dict[str, Any]]],
            suppressor: Suppressor) -> tuple[str, str]:
    """Return (block reason or '', screening note) for one call-list row."""
    if suppressor and suppressor.matches(identifiers(
            name=row["name"], company=row["company"], email=row["email"], phones=phones,
            linkedin=row["linkedin"], country=row["country"])):
        return "Objected — never contact (GDPR Art. 21)", "objected"
    for number in numbers:
        for extract_id in listed.get(number, ()):
            extract = extracts[extract_id]
            return (f"Do not call: {number} is listed in {registry_label(extract['registry'])} "
                    f"(extract {extract['extract_date']})"), "listed"
    if phones and not numbers:
        return "No callable phone number (the numbers on file cannot be read)", "unreadable"
    if not phones:
        return "No phone number on file", "no number"
    regions = {phone_region(n) for n in numbers}
    stale = [e for r in regions for e in covered.get(str(r), []) if e["stale"]]
    if stale:
        return "", f"screened against a stale extract ({registry_label(stale[0]['registry'])}, {stale[0]['extract_date']})"
    if all(r in covered for r in regions):
        return "", "screened"
    return "", "not screened (no registry extract for " + ", ".join(sorted(str(r) for r in regions - set(covered))) + ")"
