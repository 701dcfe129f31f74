"""Public holidays of a country and year, remembered in the user's cache folder between runs."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from importlib.util import find_spec

from researcher.core.cache_files import read_cache, write_cache

CACHE_NAME = "holidays.json"
# The holidays package names holidays in the language these select (gettext's order).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def public_holidays(country: str, subdivision: str | None, year: int, categories: tuple[str, ...]) -> dict[date, str]:
    """Return {day: name} of the holidays package for one country and year; {} for a country it lacks.

    Loading that package takes longer than a whole prep sheet, so its answers are kept in the
    cache for as long as the same installation of the package is in place.
    """
    package = _package_stamp()
    key = json.dumps([country, subdivision, year, list(categories), [os.environ.get(v) for v in LOCALE_VARIABLES]])
    stored = _read_days(package)
    try:
        return {date.fromisoformat(day): str(name) for day, name in stored[key].items()}
    except (KeyError, AttributeError, TypeError, ValueError):
        found = _compute(country, subdivision, year, categories)
    if package is not None:
        stored[key] = {day.isoformat(): name for day, name in found.items()}
        write_cache(CACHE_NAME, json.dumps({"package": package, "days": stored}, ensure_ascii=False).encode())
    return found


def _compute(country: str, subdivision: str | None, year: int, categories: tuple[str, ...]) -> dict[date, str]:
    import holidays

    try:
        return dict(holidays.country_holidays(country, subdiv=subdivision, years=year, categories=categories).items())
    except NotImplementedError:
        return {}


def _package_stamp() -> str | None:
    """Name the holidays package by its file's place and install time; a frozen app's by the app itself."""
    spec = find_spec("holidays")
    places = (spec.origin if spec is not None else None, sys.executable if getattr(sys, "frozen", False) else None)
    for path in filter(None, places):
        try:
            status = os.stat(path)
        except OSError:
            continue
        return f"{path}:{status.st_mtime_ns}:{status.st_size}"
    return None


def _read_days(package: str | None) -> dict[str, dict[str, str]]:
    raw = read_cache(CACHE_NAME) if package is not None else None
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("package") != package or not isinstance(data.get("days"), dict):
        return {}
    return data["days"]
