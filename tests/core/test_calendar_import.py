"""Calendar import: .ics events become meetings with the prospects who attend them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.importers.calendar import import_calendar
from researcher.core.interactions import list_interactions
from researcher.core.prospects import add_prospect

DATA = Path(__file__).parent.parent / "data" / "calendar"
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.fixture
def people(db: Database) -> tuple[int, int]:
    return (add_prospect(db, "Ingrid Løvås", company="Nordlys Energi AS", email="ingrid.lovas@nordlys-energi.example"),
            add_prospect(db, "Mikko Järvinen", company="Kuusi Logistiikka Oy",
                         email="mikko.jarvinen@kuusi-logistiikka.example"))


def test_meetings_are_matched_by_attendee(db: Database, people: tuple[int, int]) -> None:
    ingrid, mikko = people
    report = import_calendar(db, DATA / "meetings.ics", now=NOW)
    assert (report.found, report.imported) == (5, 3)
    assert report.unmatched == [(3, "Avlyst lunsj: cancelled"),
                                (4, "Messe i Lillestrøm: no prospect among noen@annet.example")]
    assert report.failed == [(5, "event 5 (Uten starttid) has no start time")]
    future, past = list_interactions(db, ingrid)
    assert (past.kind, past.outcome, past.occurred_at) == ("meeting", "held", "2026-11-05T09:00:00+00:00")
    assert past.summary.startswith("Innledende møte – energirapportering\n\nTeams\n\nGjennomgang")
    assert (future.outcome, future.occurred_at) == ("meeting_booked", "2026-12-08T09:00:00+00:00")
    assert [m.outcome for m in list_interactions(db, mikko)] == ["held"]


def test_importing_twice_adds_nothing(db: Database, people: tuple[int, int]) -> None:
    import_calendar(db, DATA / "meetings.ics", now=NOW)
    again = import_calendar(db, DATA / "meetings.ics", now=NOW)
    assert (again.imported, again.duplicates) == (0, 3)


@pytest.mark.parametrize("name, message", [("broken.ics", "not a calendar file"), ("empty.ics", "holds no events"),
                                           ("missing.ics", "There is no calendar file")])
def test_bad_calendars(db: Database, people: tuple[int, int], name: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        import_calendar(db, DATA / name, now=NOW)
    assert db["interactions"].count == 0
