"""Do-not-call screening: extract import, matching in every written form, staleness."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.dnc import (
    check_phone,
    check_prospect,
    delete_extract,
    expires_on,
    import_extract,
    is_stale,
    list_extracts,
    screen_all,
)
from researcher.core.errors import UserError
from researcher.core.phones import PhoneError
from researcher.core.prospects import add_prospect
from researcher.core.settings import set_setting

DATA = Path(__file__).parent.parent / "data" / "dnc"
TODAY = date(2026, 11, 20)


def _import_no(db: Database, extract_date: str = "2026-11-10") -> object:
    return import_extract(db, DATA / "reservasjon_no.txt", registry="Reservasjonsregisteret", country="NO",
                          extract_date=extract_date, today=TODAY)


def test_plain_extract_import_reports_garbage_lines(db: Database) -> None:
    report = _import_no(db)
    assert report.registry == "reservasjonsregisteret"
    assert report.numbers == 4 and report.duplicates == 1
    assert report.rejected == 2
    assert report.rejected_lines == ((6, "ikke et nummer"), (7, "12"))
    assert not report.stale
    assert db["dnc_numbers"].count == 4


@pytest.mark.parametrize("written", ["+47 912 34 567", "0047 91234567", "91234567", "912 34 567"])
def test_every_form_of_a_listed_number_is_blocked(db: Database, written: str) -> None:
    _import_no(db)
    result = check_phone(db, written, country="NO", today=TODAY)
    assert result.blocked
    assert result.as_dict() == {
        "blocked": True,
        "numbers": [{"number": "+4791234567", "blocked": True, "registry": "reservasjonsregisteret",
                     "extract_date": "2026-11-10", "stale": False}],
        "objected": False,
    }


def test_unlisted_number_names_the_registry_it_was_checked_against(db: Database) -> None:
    _import_no(db)
    result = check_phone(db, "+47 400 00 000", today=TODAY)
    assert not result.blocked
    assert result.numbers[0].registry == "reservasjonsregisteret"
    other = check_phone(db, "+46 70 111 22 33", today=TODAY)
    assert other.numbers[0].registry is None and not other.numbers[0].stale


def test_unreadable_phone_is_a_clear_error(db: Database) -> None:
    with pytest.raises(PhoneError, match="not a phone number"):
        check_phone(db, "ring meg", country="NO")


def test_csv_column_is_found_by_its_header(db: Database) -> None:
    report = import_extract(db, DATA / "nix_se.csv", registry="NIX", country="SE", extract_date="2026-11-01",
                            today=TODAY)
    assert (report.numbers, report.rejected) == (3, 1)
    assert report.rejected_lines == ((4, "okänt"),)
    assert check_phone(db, "0701234567", country="SE", today=TODAY).blocked
    assert check_phone(db, "+46 8 555 123 45", today=TODAY).blocked


def test_csv_column_by_name_or_number_and_unknown_column(db: Database) -> None:
    by_number = import_extract(db, DATA / "nix_se.csv", registry="nix", country="SE", extract_date="2026-11-01",
                               column="1")
    assert by_number.numbers == 3
    with pytest.raises(UserError, match="no column called 'Mobil'"):
        import_extract(db, DATA / "nix_se.csv", registry="nix", country="SE", extract_date="2026-11-01",
                       column="Mobil")


def test_utf16_extract(db: Database) -> None:
    report = import_extract(db, DATA / "robinson_fi_utf16.csv", registry="robinson", country="FI",
                            extract_date="2026-11-15")
    assert report.numbers == 2
    assert check_phone(db, "+358 50 765 4321", today=TODAY).blocked


@pytest.mark.parametrize("name, message", [("garbage.txt", "holds no phone numbers"),
                                           ("binary.bin", "binary data"), ("missing.txt", "There is no")])
def test_bad_files_leave_the_store_untouched(db: Database, name: str, message: str) -> None:
    _import_no(db)
    before = (db["dnc_extracts"].count, db["dnc_numbers"].count)
    with pytest.raises(UserError, match=message):
        import_extract(db, DATA / name, registry="own", country="NO", extract_date="2026-11-10")
    assert (db["dnc_extracts"].count, db["dnc_numbers"].count) == before


@pytest.mark.parametrize("registry, country, when, message", [
    ("", "NO", "2026-11-01", "registry's name"),
    ("nix", "Sverige", "2026-11-01", "not a country code"),
    ("nix", "SE", "1.11.2026", "not a date"),
    ("nix", "SE", "2999-01-01", "in the future"),
])
def test_bad_arguments(db: Database, registry: str, country: str, when: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        import_extract(db, DATA / "nix_se.csv", registry=registry, country=country, extract_date=when)
    assert db["dnc_extracts"].count == 0


def test_new_extract_replaces_the_old_one_of_the_same_registry(db: Database) -> None:
    _import_no(db, "2026-10-01")
    report = _import_no(db, "2026-11-10")
    assert report.replaced == ("2026-10-01",)
    assert [e["extract_date"] for e in list_extracts(db, today=TODAY)] == ["2026-11-10"]
    assert db["dnc_numbers"].count == 4


def test_staleness_rules_per_country(db: Database) -> None:
    assert expires_on(db, "NO", "2026-01-31") == date(2026, 2, 28)
    assert not is_stale(db, "NO", "2026-10-20", today=date(2026, 11, 20))
    assert is_stale(db, "NO", "2026-10-19", today=date(2026, 11, 20))
    assert not is_stale(db, "GB", "2026-10-23", today=date(2026, 11, 20))
    assert is_stale(db, "GB", "2026-10-22", today=date(2026, 11, 20))
    assert is_stale(db, "US", "2026-10-19", today=date(2026, 11, 20))
    assert not is_stale(db, "US", "2026-10-20", today=date(2026, 11, 20))
    assert is_stale(db, "SE", "2026-10-19", today=date(2026, 11, 20))
    set_setting(db, "dnc.max_age_days", {"SE": 90})
    assert not is_stale(db, "SE", "2026-10-19", today=date(2026, 11, 20))


def test_stale_extract_marks_screening_stale(db: Database) -> None:
    _import_no(db, "2026-09-01")
    listed = check_phone(db, "91234567", country="NO", today=TODAY)
    unlisted = check_phone(db, "40000000", country="NO", today=TODAY)
    assert listed.blocked and listed.numbers[0].stale
    assert not unlisted.blocked and unlisted.numbers[0].stale
    assert list_extracts(db, today=TODAY)[0]["stale"]


def test_prospect_check_uses_the_prospect_country(db: Database) -> None:
    _import_no(db)
    blocked = add_prospect(db, "Kari Nordmann", company="Fjordkraft Demo AS", country="NO",
                           phones=["912 34 567", "+47 400 00 000"])
    free = add_prospect(db, "Åse Bø", company="Fjordkraft Demo AS", country="NO", phones=["400 11 222", "ukjent"])
    result = check_prospect(db, blocked, today=TODAY)
    assert result.blocked and not result.objected
    assert [(n.number, n.blocked) for n in result.numbers] == [("+4791234567", True), ("+4740000000", False)]
    clear = check_prospect(db, free, today=TODAY)
    assert not clear.blocked and clear.unreadable == ("ukjent",)
    assert set(screen_all(db, today=TODAY)) == {blocked}


def test_delete_extract(db: Database) -> None:
    report = _import_no(db)
    delete_extract(db, report.extract_id)
    assert db["dnc_numbers"].count == 0
    with pytest.raises(UserError, match="no registry extract"):
        delete_extract(db, report.extract_id)
