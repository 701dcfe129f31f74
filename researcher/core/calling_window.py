"""The prospect's local time and calling window: office hours, weekends, public holidays, the law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from researcher.core.errors import UserError
from researcher.core.phones import normalise_phone, phone_region, phone_timezones, region_code
from researcher.core.prospects import get_company, get_prospect
from researcher.core.public_holidays import public_holidays
from researcher.core.resources import read_toml
from researcher.core.settings import get_setting, set_setting

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

OFFICE_HOURS_SETTING = "calling.office_hours"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEARCH_DAYS = 400


@dataclass(frozen=True)
class OfficeHours:
    """The rep's own calling hours, applied in the prospect's local time."""

    start: time
    end: time
    days: frozenset[int]


@dataclass(frozen=True)
class Place:
    """Where a prospect is, as far as calling rules care: zone, country, holiday region."""

    zone: str
    country: str
    subdivision: str | None
    source: str  # "city", "phone", "country" or "unknown"


@dataclass(frozen=True)
class CallingTime:
    """The prospect's local time now and whether it is a good time to call."""

    timezone: str
    local_time: datetime
    in_window: bool
    next_window_start: datetime | None
    reason: str
    country: str = ""
    window: tuple[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``researcher when --json``."""
        return {
            "timezone": self.timezone,
            "local_time": self.local_time.isoformat(),
            "in_window": self.in_window,
            "next_window_start": self.next_window_start.isoformat() if self.next_window_start else None,
            "reason": self.reason,
        }


@cache
def rules() -> dict[str, Any]:
    """Return the calling rules from resources/calling/rules.toml."""
    return read_toml("calling/rules.toml")


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(str(text).strip())
    except ValueError as error:
        raise UserError(f"{text!r} is not a time of day (use HH:MM, e.g. 09:00).") from error


def _days(names: list[str]) -> frozenset[int]:
    try:
        return frozenset(WEEKDAYS.index(str(name).strip().lower()[:3]) for name in names)
    except ValueError as error:
        raise UserError(f"Office days must be among {', '.join(WEEKDAYS)}; got {names!r}.") from error


def office_hours(db: Reader | None = None) -> OfficeHours:
    """Return office hours from the settings, falling back to resources/calling/rules.toml."""
    base = dict(rules()["office_hours"])
    if db is not None:
        base.update(get_setting(db, OFFICE_HOURS_SETTING, {}) or {})
    hours = OfficeHours(_clock(base["start"]), _clock(base["end"]), _days(base["days"]))
    if hours.start >= hours.end:
        raise UserError("Office hours must start before they end.")
    return hours


def set_office_hours(db: Database, start: str, end: str, days: list[str]) -> OfficeHours:
    """Store new office hours after checking them; return them. Raises UserError."""
    value = {"start": start, "end": end, "days": days}
    hours = OfficeHours(_clock(start), _clock(end), _days(days))
    if hours.start >= hours.end:
        raise UserError("Office hours must start before they end.")
    set_setting(db, OFFICE_HOURS_SETTING, value)
    return hours


@lru_cache(maxsize=4096)
def locate(phones: tuple[str, ...], country: str, city: str) -> Place:
    """Work out a prospect's time zone from city, phone numbers and country, in that order."""
    table = rules()
    region = region_code(country) or ""
    known_city = table["cities"].get(" ".join(city.split()).casefold()) if city else None
    if known_city and (not region or known_city["country"] == region):
        return Place(known_city["zone"], known_city["country"], known_city.get("subdivision"), "city")
    if region in table["timezones"] and region not in table["multi_zone_countries"]:
        return Place(table["timezones"][region], region, None, "country")
    numbers = [n for n in (normalise_phone(p, region or None) for p in phones) if n]
    for number in numbers:
        zones = [z for z in phone_timezones(number) if not z.startswith("Arctic/")] or list(phone_timezones(number))
        number_region = phone_region(number) or region
        if len(zones) == 1 and (not region or number_region == region):
            return Place(zones[0], number_region, None, "phone")
    if region and region in table["timezones"]:
        return Place(table["timezones"][region], region, None, "country")
    for number in numbers:
        if phone_timezones(number):
            return Place(phone_timezones(number)[0], phone_region(number) or region, None, "phone")
    return Place("UTC", region, None, "unknown")


@lru_cache(maxsize=512)
def _holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    if not country:
        return {}
    categories = tuple(rules().get("holiday_categories", {}).get(country, ["public"]))
    days = public_holidays(country, subdivision, year, categories)
    for month_day in rules().get("closed_days", {}).get(country, []):
        day = date.fromisoformat(f"{year}-{month_day}")
        days.setdefault(day, "offices closed")
    return days


def day_window(day: date, place: Place, hours: OfficeHours) -> tuple[time, time, str] | str:
    """Return (start, end, what limits it) for calls on ``day``, or the reason there is none."""
    legal = rules().get("legal", {}).get(place.country)
    holiday = _holidays(place.country, place.subdivision, day.year).get(day)
    if legal and day.weekday() not in _days(legal["days"]):
        return f"{DAY_NAMES[day.weekday()]}: {legal['label']} allow no calls on {DAY_NAMES[day.weekday()]}s"
    if legal and holiday and not legal.get("public_holidays", True):
        return f"Public holiday ({holiday}): {legal['label']} allow no calls on public holidays"
    if holiday:
        return f"Public holiday in {country_name(place.country)}: {holiday}"
    if day.weekday() not in hours.days:
        return f"{DAY_NAMES[day.weekday()]}: outside your office days"
    start, end, limit = hours.start, hours.end, "office hours"
    if legal:
        legal_start, legal_end = _clock(legal["start"]), _clock(legal["end"])
        if legal_start > start:
            start, limit = legal_start, legal["label"]
        if legal_end < end:
            end, limit = legal_end, legal["label"]
    if start >= end:
        return f"{DAY_NAMES[day.weekday()]}: office hours fall outside the {legal['label'] if legal else 'window'}"
    return start, end, limit


def window_at(now: datetime, place: Place, hours: OfficeHours) -> CallingTime:
    """Return the calling time for ``place`` at the instant ``now`` (aware datetime)."""
    try:
        zone = ZoneInfo(place.zone)
    except ZoneInfoNotFoundError:
        zone, place = ZoneInfo("UTC"), Place("UTC", place.country, place.subdivision, "unknown")
    local = now.astimezone(zone).replace(microsecond=0)
    today = day_window(local.date(), place, hours)
    prefix = "" if place.source != "unknown" else "Time zone unknown (no city, phone number or country); using UTC. "
    if isinstance(today, tuple):
        start, end, limit = today
        window = (start.strftime("%H:%M"), end.strftime("%H:%M"))
        if start <= local.time() < end:
            reason = f"{prefix}{local:%H:%M} local time, inside the calling window {window[0]}–{window[1]} ({limit})"
            return CallingTime(place.zone, local, True, local, reason, place.country, window)
        if local.time() < start:
            reason = f"{prefix}Too early: {local:%H:%M} local time; the window opens at {window[0]} ({limit})"
        else:
            reason = f"{prefix}Too late: {local:%H:%M} local time; the window closed at {window[1]} ({limit})"
    else:
        window, reason = None, prefix + today
    return CallingTime(place.zone, local, False, next_window_start(local, place, hours), reason,
                       place.country, window)


def next_window_start(local: datetime, place: Place, hours: OfficeHours) -> datetime | None:
    """Return the first moment at or after ``local`` inside a calling window, or None within a year."""
    zone = local.tzinfo
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        window = day_window(day, place, hours)
        if not isinstance(window, tuple):
            continue
        start = datetime.combine(day, window[0], tzinfo=zone)
        end = datetime.combine(day, window[1], tzinfo=zone)
        if local < end:
            # A round trip through UTC settles wall times that fall in a DST gap.
            return max(start, local).astimezone(UTC).astimezone(zone)
    return None


def prospect_place(db: Reader, prospect_id: int) -> Place:
    """Return where a stored prospect is. Raises NotFound."""
    prospect = get_prospect(db, prospect_id)
    country = prospect.country
    if not country and prospect.company_id is not None:
        country = get_company(db, prospect.company_id).country
    return locate(tuple(prospect.phones), country or "", prospect.city or "")


def calling_time(db: Reader, prospect_id: int, *, now: datetime | None = None) -> CallingTime:
    """Return the prospect's local time, whether it is in their calling window, and why.

    Raises NotFound when there is no such prospect.
    """
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return window_at(moment, prospect_place(db, prospect_id), office_hours(db))


def country_name(code: str) -> str:
    """Return a country's name for messages ('Norway'), or the code when it is not listed."""
    return str(rules().get("country_names", {}).get(code, code or "an unknown country"))
