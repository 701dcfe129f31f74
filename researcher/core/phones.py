"""Phone numbers normalised to E.164 with phonenumbers, with a fast path for bulk registry lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from researcher.core.errors import UserError

# Country fields hold ISO codes; "UK" is what reps type, phonenumbers knows it as "GB".
_REGION_ALIASES = {"UK": "GB", "EL": "GR"}
_SEPARATORS = str.maketrans("", "", " \t\r\n-./()\u00a0\u2009\u202f")


class PhoneError(UserError):
    """A phone number that cannot be understood."""


def region_code(country: str | None) -> str | None:
    """Return the phonenumbers region for a country code such as 'NO' or 'UK', or None."""
    if not country:
        return None
    code = country.strip().upper()
    code = _REGION_ALIASES.get(code, code)
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


@lru_cache(maxsize=65_536)
def normalise_phone(raw: str, country: str | None = None) -> str | None:
    """Return ``raw`` as E.164 (``+4791234567``) or None when it is not a possible number.

    ``country`` is the default region for numbers written without a country code.
    """
    text = (raw or "").strip()
    if not text or not any(ch.isdigit() for ch in text):
        return None
    region = region_code(country)
    if region is None and text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def parse_phone(raw: str, country: str | None = None) -> str:
    """Return ``raw`` as E.164. Raises PhoneError with a message for the rep."""
    result = normalise_phone(raw, country)
    if result is None:
        hint = "" if region_code(country) else " Write it with the country code, e.g. +47 912 34 567."
        raise PhoneError(f"{raw!r} is not a phone number that can be called.{hint}")
    return result


@lru_cache(maxsize=512)
def _region_rules(region: str) -> tuple[str, str, re.Pattern[str], frozenset[int]]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    intl = re.compile(meta.international_prefix or "00")
    lengths = frozenset(meta.general_desc.possible_length or ())
    if meta.national_prefix_for_parsing not in (None, meta.national_prefix):
        lengths = frozenset()  # carrier codes and rewrite rules: leave those to the full parser
    return (str(meta.country_code), meta.national_prefix or "", intl, lengths)


def fast_normalise(raw: str, country: str | None = None) -> str | None:
    """Normalise like :func:`normalise_phone`, but cheaply for plain digit strings.

    Registry extracts hold millions of lines in a handful of plain shapes; a full parse of
    each would take minutes. Anything that does not fit the plain shapes takes the full path.
    """
    return bulk_normaliser(country)(raw)


@lru_cache(maxsize=512)
def bulk_normaliser(country: str | None) -> Callable[[str], str | None]:
    """Return a fast normalising function for numbers of one default country (see fast_normalise)."""
    region = region_code(country)
    code, national_prefix, intl, lengths = _region_rules(region) if region else ("", "", None, frozenset())

    def normalise(raw: str) -> str | None:
        text = raw if raw.isdigit() else raw.translate(_SEPARATORS)
        if text.startswith("+"):
            return _fast_international(text[1:]) or normalise_phone(raw, country)
        if region is None or intl is None or not text.isdigit() or intl.match(text):
            return normalise_phone(raw, country)
        national = text[len(national_prefix):] if national_prefix and text.startswith(national_prefix) else text
        # A national number that starts with the country code may really be an international
        # number without its "+"; only the full parser decides that correctly.
        if len(national) in lengths and not national.startswith(("0", code)):
            return "+" + code + national
        return normalise_phone(raw, country)

    return normalise


@lru_cache(maxsize=1024)
def _calling_code_rules(code: int) -> tuple[str, frozenset[int]] | None:
    # phonenumbers judges "possible" by the main region of a calling code (NO for +47).
    region = phonenumbers.region_code_for_country_code(code)
    if region in ("ZZ", "001"):
        return None
    _, national_prefix, _, lengths = _region_rules(region)
    return national_prefix, lengths


@lru_cache(maxsize=4096)
def _code_split(prefix: str) -> tuple[int, str, frozenset[int]] | None:
    """For the first three digits of an international number: (code length, national prefix, lengths)."""
    for size in (1, 2, 3):
        code = int(prefix[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            rules = _calling_code_rules(code)
            return None if rules is None else (size, rules[0], rules[1])
    return None


def _fast_international(digits: str) -> str | None:
    if len(digits) < 4 or not digits.isdigit() or digits.startswith("0"):
        return None
    split = _code_split(digits[:3])
    if split is None:
        return None
    size, national_prefix, lengths = split
    national = digits[size:]
    plain = not national.startswith("0") and not (national_prefix and national.startswith(national_prefix))
    return "+" + digits if plain and len(national) in lengths else None


def e164_key(e164: str) -> int:
    """Return the integer key a normalised number is stored under (its digits)."""
    return int(e164[1:])


def key_to_e164(key: int) -> str:
    """Return the E.164 text of a stored integer key."""
    return f"+{key}"


@lru_cache(maxsize=65_536)
def phone_region(e164: str) -> str | None:
    """Return the region ('NO', 'GB', ...) a normalised number belongs to, or None."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except NumberParseException:
        return None


@lru_cache(maxsize=65_536)
def phone_timezones(e164: str) -> tuple[str, ...]:
    """Return the IANA time zones phonenumbers associates with a normalised number."""
    # Imported here: its tables load slowly, and most prospects are placed by their country.
    from phonenumbers import timezone as phone_timezone

    try:
        zones = phone_timezone.time_zones_for_number(phonenumbers.parse(e164, None))
    except NumberParseException:
        return ()
    return tuple(zone for zone in zones if zone != phone_timezone.UNKNOWN_TIMEZONE)


def format_phone(e164: str) -> str:
    """Return a normalised number in readable international form (``+47 912 34 567``)."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None), PhoneNumberFormat.INTERNATIONAL)
    except NumberParseException:
        return e164
