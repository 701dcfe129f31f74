"""Labels of the prep sheet per interface language, and dates and times written the way each reads them."""

from __future__ import annotations

import os
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from researcher.core.clock import parse_datetime
from researcher.core.models import LANGUAGES
from researcher.core.resources import read_toml
from researcher.core.settings import get_setting

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

INTERFACE_LANGUAGE_SETTING = "interface_language"


@cache
def sheet_labels(language: str) -> dict[str, Any]:
    """Return the sheet's labels for ``language`` (en, fi, sv, nb, da), English filling any gap."""
    english = _read_labels("en")
    if language == "en" or language not in LANGUAGES:
        return english
    return _merge(english, _read_labels(language))


def _read_labels(language: str) -> dict[str, Any]:
    data = read_toml(f"i18n/{language}.toml")
    return dict(data["sheet"])


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def interface_language(db: Reader | None = None) -> str:
    """Return the rep's interface language: the stored setting, else the system locale, else en."""
    stored = get_setting(db, INTERFACE_LANGUAGE_SETTING) if db is not None else None
    if isinstance(stored, str) and stored in LANGUAGES:
        return stored
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        code = os.environ.get(variable, "").split(":")[0].split("_")[0].split(".")[0].lower()
        code = {"no": "nb", "nn": "nb"}.get(code, code)
        if code in LANGUAGES:
            return code
    return "en"


def format_date(value: str | None, labels: dict[str, Any]) -> str:
    """Return an ISO date or datetime as the interface language writes a date (``""`` for none)."""
    if not value:
        return ""
    try:
        moment = parse_datetime(value) if "T" in value else datetime.fromisoformat(value[:10])
    except ValueError:
        return value
    dates = labels["dates"]
    return dates["format"].format(day=moment.day, month=moment.month, month2=f"{moment.month:02d}",
                                  day2=f"{moment.day:02d}", year=moment.year,
                                  month_name=dates["months"][moment.month - 1])


def format_time(value: str, labels: dict[str, Any]) -> str:
    """Return the weekday and clock time of an ISO datetime, keeping its own offset."""
    moment = datetime.fromisoformat(value)
    dates = labels["dates"]
    clock = dates["time"].format(hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")
    return f"{dates['weekdays'][moment.weekday()]} {clock}"


def source_meta(site: str, when: str | None, labels: dict[str, Any]) -> str:
    """Return "site · date" for an item's source line."""
    return " · ".join(part for part in (site, format_date(when, labels)) if part)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return cut + "…"
