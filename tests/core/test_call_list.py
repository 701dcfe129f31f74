"""The call list: who is due, ordered by callable-now and readiness, blocked and out-of-window apart."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.call_list import build_call_list
from researcher.core.dnc import import_extract
from researcher.core.interactions import log_interaction
from researcher.core.pages import add_page, record_failure
from researcher.core.prospects import add_prospect
from researcher.core.qualification import qualify
from researcher.core.suppression import identifiers, suppress

DATA = Path(__file__).parent.parent / "data" / "dnc"
DAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 10:30 in Oslo, 09:30 in London, 11:30 in Helsinki


def _add_page(db: Database, *, prospect_id: int | None = None, company_id: int | None = None,
              state: str = "fetched") -> None:
    page = add_page(db, "https://fjord.example/om-oss", prospect_id=prospect_id, company_id=company_id)
    if state == "failed":
        record_failure(db, page, "Tidsavbrudd")
    else:
        db.execute("UPDATE pages SET state = 'fetched' WHERE id = ?", [page])


def _due(db: Database, name: str, country: str, phone: str, follow_up: str = "2026-11-30", **extra: str) -> int:
    prospect_id = add_prospect(db, name, company=extra.pop("company", "Fjord Demo AS"), country=country,
                               phones=[phone] if phone else [], **extra)
    log_interaction(db, prospect_id, "call", outcome="call_back_later", occurred_at="2026-11-20T10:00:00+00:00",
                    follow_up=follow_up)
    return prospect_id


@pytest.fixture
def day_db(db: Database) -> dict[str, int]:
    ids = {
        "ola": _due(db, "Ola Nordmann", "NO", "+47 400 11 222"),
        "kari": _due(db, "Kari Blokkert", "NO", "912 34 567"),
        "tuula": _due(db, "Tuula Räsänen", "FI", "040 123 4567", company="Sauna Demo Oy"),
        "amy": _due(db, "Amy Carter", "US", "+1 206 555 0100", company="Rain Demo Inc"),
        "later": _due(db, "Nils Senere", "NO", "+47 400 33 444", follow_up="2026-12-15"),
    }
    qualify(db, ids["tuula"], pays_off="yes", ready_now="yes", able="partly")
    import_extract(db, DATA / "reservasjon_no.txt", registry="reservasjonsregisteret", country="NO",
                   extract_date="2026-11-25")
    return ids


def test_callable_now_first_by_readiness(db: Database, day_db: dict[str, int]) -> None:
    result = build_call_list(db, day=DAY, now=NOW)
    assert [e.name for e in result.callable_now] == ["Tuula Räsänen", "Ola Nordmann"]
    assert result.callable_now[0].readiness_summary == "2 of 3 met, 1 partly"
    assert [e.name for e in result.out_of_window] == ["Amy Carter"]
    amy = result.out_of_window[0]
    assert amy.reason.startswith("Too early: 01:30 local time") and amy.timezone == "America/Los_Angeles"
    assert amy.next_window_start == datetime.fromisoformat("2026-12-01T09:00:00-08:00")
    assert [e.name for e in result.blocked] == ["Kari Blokkert"]
    assert "Reservasjonsregisteret" in result.blocked[0].reason
    assert "Nils Senere" not in [e.name for e in result.queue()]
    ola = result.callable_now[1]
    assert ola.screening == "screened" and ola.due == "follow-up due 2026-11-30"
    assert result.callable_now[0].screening.startswith("not screened (no registry extract for FI")


def test_called_today_drops_off_and_a_saturday_moves_everyone(db: Database, day_db: dict[str, int]) -> None:
    log_interaction(db, day_db["ola"], "call", outcome="no_answer", occurred_at="2026-12-01T08:00:00+00:00")
    names = [e.name for e in build_call_list(db, day=DAY, now=NOW).queue()]
    assert "Ola Nordmann" not in names
    saturday = build_call_list(db, day=date(2026, 12, 5), now=datetime(2026, 12, 5, 10, tzinfo=UTC))
    assert saturday.callable_now == ()
    reasons = {e.name: e.reason for e in saturday.out_of_window}
    assert "Norwegian telemarketing rules" in reasons["Ola Nordmann"]
    assert reasons["Tuula Räsänen"] == "Saturday: outside your office days"


def test_new_prospects_with_research_done(db: Database) -> None:
    researched = add_prospect(db, "Åsa Lind", company="Skog Demo AB", country="SE", phones=["070 111 22 33"])
    by_company = add_prospect(db, "Erik Berg", company="Älv Demo AB", country="SE", phones=["070 222 33 44"])
    failed = add_prospect(db, "Failed Page", company="Tom Demo AB", country="SE", phones=["070 333 44 55"])
    add_prospect(db, "No Research", company="Tom Demo AB", country="SE", phones=["070 444 55 66"])
    _add_page(db, prospect_id=researched)
    company = next(db.query("SELECT company_id FROM prospects WHERE id = ?", [by_company]))["company_id"]
    _add_page(db, company_id=company)
    _add_page(db, prospect_id=failed, state="failed")
    result = build_call_list(db, day=DAY, now=NOW)
    assert sorted(e.name for e in result.queue()) == ["Erik Berg", "Åsa Lind"]
    assert all(e.due == "new, researched" for e in result.queue())


def test_objected_and_numberless_people_are_blocked(db: Database, day_db: dict[str, int]) -> None:
    suppress(db, identifiers(name="Ola Nordmann", company="Fjord Demo AS"))
    _due(db, "Uten Nummer", "NO", "")
    blocked = {e.name: e.reason for e in build_call_list(db, day=DAY, now=NOW).blocked}
    assert blocked["Ola Nordmann"] == "Objected — never contact (GDPR Art. 21)"
    assert blocked["Uten Nummer"] == "No phone number on file"


def test_empty_store_gives_an_empty_list(db: Database) -> None:
    result = build_call_list(db, day=DAY, now=NOW)
    assert result.as_dict() == {"date": "2026-12-01", "now": "2026-12-01T09:30:00+00:00", "callable_now": [],
                                "out_of_window": [], "blocked": []}


def test_json_shape_of_an_entry(db: Database, day_db: dict[str, int]) -> None:
    entry = build_call_list(db, day=DAY, now=NOW).as_dict()["callable_now"][1]
    assert entry["name"] == "Ola Nordmann" and entry["in_window"] and entry["reason"] == ""
    assert entry["local_time"] == "2026-12-01T10:30:00+01:00"
    assert set(entry) >= {"id", "company", "phones", "due", "timezone", "next_window_start", "blocked", "readiness"}
