"""Phone numbers: E.164 normalisation, the bulk fast path and time zones."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from researcher.core.phones import (
    PhoneError,
    e164_key,
    fast_normalise,
    format_phone,
    key_to_e164,
    normalise_phone,
    parse_phone,
    phone_region,
    phone_timezones,
    region_code,
)


@pytest.mark.parametrize("raw, country", [
    ("+47 912 34 567", None), ("+47 912 34 567", "SE"), ("0047 91234567", "NO"), ("0047 91234567", None),
    ("91234567", "NO"), ("912 34 567", "no"), ("+47-912-34-567", "DK"), ("(+47) 91 23 45 67", None),
])
def test_the_norwegian_forms_all_match(raw: str, country: str | None) -> None:
    assert normalise_phone(raw, country) == "+4791234567"


@pytest.mark.parametrize("raw, country, expected", [
    ("070-123 45 67", "SE", "+46701234567"),
    ("040 123 4567", "FI", "+358401234567"),
    ("20 12 34 56", "DK", "+4520123456"),
    ("07700 900123", "UK", "+447700900123"),
    ("(202) 555-0143", "US", "+12025550143"),
])
def test_national_formats_by_country(raw: str, country: str, expected: str) -> None:
    assert normalise_phone(raw, country) == expected
    assert fast_normalise(raw, country) == expected


@pytest.mark.parametrize("raw", ["", "   ", "ring meg", "12", "+47 12", "n/a", "0000000000000000000"])
def test_unparsable_numbers_are_none_and_explained(raw: str) -> None:
    assert normalise_phone(raw, "NO") is None
    assert fast_normalise(raw, "NO") is None
    with pytest.raises(PhoneError, match="not a phone number"):
        parse_phone(raw, "NO")


def test_missing_country_asks_for_the_country_code() -> None:
    with pytest.raises(PhoneError, match="country code"):
        parse_phone("91234567", None)


def test_region_codes() -> None:
    assert region_code("uk") == "GB"
    assert region_code("NO") == "NO"
    assert region_code("XX") is None
    assert region_code("") is None


def test_keys_round_trip_and_regions() -> None:
    assert e164_key("+4791234567") == 4791234567
    assert key_to_e164(4791234567) == "+4791234567"
    assert phone_region("+46701234567") == "SE"
    assert "Europe/Helsinki" in phone_timezones("+358401234567")
    assert phone_timezones("+12065550100") == ("America/Los_Angeles",)
    assert format_phone("+4791234567") == "+47 91 23 45 67"


REGIONS = ["NO", "SE", "DK", "FI", "GB", "US", "IS", "DE", "AU", "FR", "IT"]


@settings(max_examples=400, deadline=None)
@given(
    prefix=st.sampled_from(["", "+", "00", "0", "+00", "011", "99", "1"]),
    digits=st.text("0123456789", min_size=1, max_size=14),
    spacer=st.sampled_from(["", " ", "-", "."]),
    region=st.sampled_from([*REGIONS, None]),
)
def test_fast_path_agrees_with_the_full_parser(prefix: str, digits: str, spacer: str, region: str | None) -> None:
    raw = prefix + spacer.join([digits[:3], digits[3:]]) if spacer else prefix + digits
    assert fast_normalise(raw, region) == normalise_phone(raw, region)


@settings(max_examples=200, deadline=None)
@given(region=st.sampled_from(REGIONS), data=st.data())
def test_every_example_number_survives_every_written_form(region: str, data: st.DataObject) -> None:
    example = phonenumbers.example_number(region)
    assert example is not None
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    style = data.draw(st.sampled_from(["E164", "INTERNATIONAL", "NATIONAL", "RFC3966"]))
    written = phonenumbers.format_number(example, getattr(phonenumbers.PhoneNumberFormat, style))
    assert normalise_phone(written, region) == e164
    assert fast_normalise(written.removeprefix("tel:"), region) == e164
