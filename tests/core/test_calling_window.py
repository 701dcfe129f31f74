"""Local time and calling windows: DST changes, public holidays in the Nordics and the UK, Norway's law."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from researcher.core.calling_window import (
    CallingTime,
    calling_time,
    locate,
    office_hours,
    set_office_hours,
    window_at,
)
from researcher.core.errors import NotFound, UserError
from researcher.core.prospects import add_prospect


def _when(country: str, instant: str, *, phones: tuple[str, ...] = (), city: str = "",
          db: Database | None = None) -> CallingTime:
    moment = datetime.fromisoformat(instant).astimezone(UTC)
    return window_at(moment, locate(phones, country, city), office_hours(db))


@pytest.mark.parametrize("country, friday, monday", [
    ("NO", "2026-03-27T07:30:00+00:00", "2026-03-30T07:30:00+00:00"),
    ("SE", "2026-03-27T07:30:00+00:00", "2026-03-30T07:30:00+00:00"),
    ("DK", "2026-03-27T07:30:00+00:00", "2026-03-30T07:30:00+00:00"),
    ("FI", "2026-03-27T06:30:00+00:00", "2026-03-30T06:30:00+00:00"),
    ("GB", "2026-03-27T08:30:00+00:00", "2026-03-30T08:30:00+00:00"),
])
def test_spring_forward_the_same_utc_hour_becomes_callable(country: str, friday: str, monday: str) -> None:
    before, after = _when(country, friday), _when(country, monday)
    assert before.local_time.strftime("%H:%M") == "08:30" and not before.in_window
    assert before.reason.startswith("Too early: 08:30 local time; the window opens at 09:00")
    assert after.local_time.strftime("%H:%M") == "09:30" and after.in_window
    assert (after.local_time.utcoffset() - before.local_time.utcoffset()).total_seconds() == 3600


@pytest.mark.parametrize("country, utc_hour", [("NO", 15), ("SE", 15), ("DK", 15), ("FI", 14), ("GB", 16)])
def test_autumn_back_the_same_utc_hour_is_callable_again(country: str, utc_hour: int) -> None:
    friday = _when(country, f"2026-10-23T{utc_hour:02d}:30:00+00:00")
    monday = _when(country, f"2026-10-26T{utc_hour:02d}:30:00+00:00")
    assert friday.local_time.strftime("%H:%M") == "17:30" and not friday.in_window
    assert "closed at 17:00" in friday.reason
    assert monday.local_time.strftime("%H:%M") == "16:30" and monday.in_window


def test_next_window_start_crosses_the_dst_weekend() -> None:
    friday_evening = _when("NO", "2026-03-27T17:00:00+00:00")
    assert friday_evening.next_window_start == datetime.fromisoformat("2026-03-30T09:00:00+02:00")
    assert friday_evening.next_window_start.utcoffset().total_seconds() == 7200


@pytest.mark.parametrize("country, instant, city, holiday", [
    ("NO", "2027-05-17T10:00:00+00:00", "", "Constitution Day"),
    ("NO", "2026-04-02T10:00:00+00:00", "", "Maundy Thursday"),
    ("SE", "2026-06-19T10:00:00+00:00", "", "Midsummer Eve"),
    ("SE", "2026-01-06T10:00:00+00:00", "", "Epiphany"),
    ("DK", "2026-06-05T10:00:00+00:00", "", "Constitution Day"),
    ("DK", "2026-04-02T10:00:00+00:00", "", "Maundy Thursday"),
    ("FI", "2026-05-14T10:00:00+00:00", "", "Ascension Day"),
    ("FI", "2026-06-19T10:00:00+00:00", "", "Midsummer Eve"),
    ("GB", "2026-08-31T10:00:00+00:00", "London", "Summer Bank Holiday"),
    ("GB", "2026-08-03T10:00:00+00:00", "Edinburgh", "Summer Bank Holiday"),
    ("GB", "2026-11-30T10:00:00+00:00", "Glasgow", "Saint Andrew's Day"),
])
def test_public_holidays_close_the_window(country: str, instant: str, city: str, holiday: str) -> None:
    result = _when(country, instant, city=city)
    assert not result.in_window
    assert holiday in result.reason
    assert result.next_window_start is not None and result.next_window_start > result.local_time


def test_scottish_and_english_bank_holidays_differ() -> None:
    assert _when("GB", "2026-08-31T10:00:00+00:00", city="Edinburgh").in_window
    assert _when("GB", "2026-08-03T10:00:00+00:00", city="London").in_window


def test_norwegian_law_is_stricter_than_wide_office_hours(db: Database) -> None:
    set_office_hours(db, "07:00", "22:00", ["mon", "tue", "wed", "thu", "fri", "sat"])
    early = _when("NO", "2026-12-01T07:30:00+00:00", db=db)
    late = _when("NO", "2026-12-01T20:30:00+00:00", db=db)
    saturday = _when("NO", "2026-12-05T11:00:00+00:00", db=db)
    assert not early.in_window and "Norwegian telemarketing rules" in early.reason
    assert early.window == ("09:00", "21:00")
    assert not late.in_window and "closed at 21:00" in late.reason
    assert not saturday.in_window and "Saturdays" in saturday.reason
    assert saturday.next_window_start == datetime.fromisoformat("2026-12-07T09:00:00+01:00")
    assert _when("SE", "2026-12-05T11:00:00+00:00", db=db).in_window
    assert _when("SE", "2026-12-01T06:30:00+00:00", db=db).in_window
    assert "public holidays" in _when("NO", "2026-12-25T11:00:00+00:00", db=db).reason


def test_weekend_outside_office_days() -> None:
    sunday = _when("FI", "2026-11-29T10:00:00+00:00")
    assert not sunday.in_window and sunday.reason == "Sunday: outside your office days"
    assert sunday.next_window_start == datetime.fromisoformat("2026-11-30T09:00:00+02:00")


def test_zone_from_phone_city_or_nothing() -> None:
    seattle = _when("", "2026-12-01T18:00:00+00:00", phones=("+1 206 555 0100",))
    assert seattle.timezone == "America/Los_Angeles" and seattle.local_time.hour == 10 and seattle.in_window
    chicago = _when("US", "2026-12-01T18:00:00+00:00", city="Chicago")
    assert chicago.timezone == "America/Chicago"
    unknown = _when("", "2026-12-01T10:00:00+00:00")
    assert unknown.timezone == "UTC" and unknown.reason.startswith("Time zone unknown")


def test_calling_time_for_a_stored_prospect_and_json_shape(db: Database) -> None:
    prospect_id = add_prospect(db, "Mette Sørensen", company="Vindmølle Demo A/S", country="DK",
                               phones=["20 12 34 56"], city="Aarhus")
    result = calling_time(db, prospect_id, now=datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    assert result.as_dict() == {
        "timezone": "Europe/Copenhagen", "local_time": "2026-12-01T09:00:00+01:00", "in_window": True,
        "next_window_start": "2026-12-01T09:00:00+01:00",
        "reason": "09:00 local time, inside the calling window 09:00–17:00 (office hours)",
    }
    with pytest.raises(NotFound):
        calling_time(db, 9999)


@pytest.mark.parametrize("start, end, days, message", [
    ("9", "17:00", ["mon"], "not a time of day"),
    ("17:00", "09:00", ["mon"], "start before they end"),
    ("09:00", "17:00", ["måndag"], "Office days"),
])
def test_bad_office_hours_are_refused(db: Database, start: str, end: str, days: list[str], message: str) -> None:
    with pytest.raises(UserError, match=message):
        set_office_hours(db, start, end, days)
    assert office_hours(db).start.hour == 9
