"""Calendar events from .ics files become meeting interactions, matched to prospects by attendee."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core.errors import UserError
from researcher.core.importers.mail import (
    SUMMARY_CHARS,
    InteractionImport,
    already_imported,
    prospects_by_email,
    remember_source,
)
from researcher.core.interactions import log_interaction

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 100 * 1000 * 1000


def _address(value: Any) -> str:
    text = str(value or "").strip()
    return text.split(":", 1)[1].casefold() if text.lower().startswith("mailto:") else text.casefold()


def _when(value: Any) -> datetime:
    moment = value.dt
    if isinstance(moment, datetime):
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(moment, date):
        return datetime.combine(moment, time(9, 0), tzinfo=UTC)
    raise ValueError("DTSTART is not a date")


def import_calendar(db: Database, path: Path | str, *, now: datetime | None = None) -> InteractionImport:
    """Import meetings with the prospects who attend (or organise) them.

    Past meetings are logged as held, future ones as booked; cancelled events are skipped.
    Importing the same file again adds nothing. Raises UserError when the file is not a calendar.
    """
    import icalendar

    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no calendar file at {path}.")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB; export a shorter period.")
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except ValueError as error:
        raise UserError(f"{path.name} is not a calendar file (.ics) that can be read: {error}") from error
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise UserError(f"{path.name} is not a calendar file: it has no VCALENDAR.")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    report = InteractionImport(path.name, "meeting")
    people = prospects_by_email(db)
    with db.atomic():
        for number, event in enumerate(calendar.walk("VEVENT"), 1):
            report.found += 1
            try:
                _import_event(db, event, number, people, moment, report)
            except (ValueError, TypeError, AttributeError) as error:
                report.failed.append((number, f"event {number} is malformed ({error})"))
    if report.found == 0:
        raise UserError(f"{path.name} holds no events.")
    return report


def _import_event(db: Database, event: Any, number: int, people: dict[str, int], now: datetime,
                  report: InteractionImport) -> None:
    title = str(event.get("SUMMARY", "") or "").strip() or "Meeting"
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        report.unmatched.append((number, f"{title}: cancelled"))
        return
    if event.get("DTSTART") is None:
        report.failed.append((number, f"event {number} ({title}) has no start time"))
        return
    start = _when(event["DTSTART"])
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    addresses = [_address(a) for a in [*attendees, event.get("ORGANIZER")] if a]
    matched = list(dict.fromkeys(a for a in addresses if a in people))
    if not matched:
        report.unmatched.append((number, f"{title}: no prospect among {', '.join(addresses) or 'no attendees'}"))
        return
    uid = str(event.get("UID", "") or f"{start.isoformat()}|{title}")
    if event.get("RECURRENCE-ID") is not None:
        uid += "|" + _when(event["RECURRENCE-ID"]).isoformat()
    details = [html.unescape(str(event.get(key, "") or "")).strip() for key in ("LOCATION", "DESCRIPTION")]
    summary = "\n\n".join(part for part in (title, *details) if part)[:SUMMARY_CHARS]
    for address in matched:
        prospect_id = people[address]
        if already_imported(db, prospect_id, "calendar", uid):
            report.duplicates += 1
            continue
        interaction_id = log_interaction(
            db, prospect_id, "meeting", occurred_at=start.isoformat(),
            outcome="held" if start <= now else "meeting_booked", summary=summary)
        remember_source(db, interaction_id, prospect_id, "calendar", uid)
        report.imported += 1
        report.interaction_ids.append(interaction_id)
