"""Opener templates per language (resources/openers/LL.toml) and the small helpers that fill them."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from researcher.core.lexicon import LANGUAGES
from researcher.core.resources import read_toml

COUNTRY_LANGUAGES = {"FI": "fi", "SE": "sv", "NO": "nb", "DK": "da", "GB": "en", "UK": "en", "IE": "en", "AX": "sv"}


@cache
def templates(language: str) -> dict[str, Any]:
    """The parsed template file for ``language``. Raises ValueError for an unsupported language."""
    if language not in LANGUAGES:
        raise ValueError(f"No opener templates for {language!r}; use one of {', '.join(LANGUAGES)}.")
    return read_toml(f"openers/{language}.toml")


def fill(template: str, **fields: object) -> str:
    """Fill ``{field}`` slots; every field the template names must be given (a KeyError otherwise)."""
    return " ".join(template.format(**fields).split())


def when_phrase(language: str, when: date, today: date) -> str:
    """'in May' / 'toukokuussa' / 'i maj', or 'earlier this month' for the current month."""
    data = templates(language)
    if (when.year, when.month) == (today.year, today.month):
        return str(data["this_month"])
    return str(data["month_phrase"]).format(month=data["months"][when.month - 1])


def capitalised(text: str) -> str:
    """The text with its first letter upper-case (for a phrase that opens a sentence)."""
    return text[:1].upper() + text[1:]


def next_week_number(today: date) -> int:
    """ISO week number of next week (Nordic meeting asks use week numbers)."""
    return date.fromordinal(today.toordinal() + 7).isocalendar().week


def role_forms(language: str, role: str) -> dict[str, str]:
    """Spoken forms of a role in a language: 'name', and in Finnish 'as' (essive)."""
    forms = templates(language).get("roles", {}).get(role, {})
    return {"name": forms.get("name", ""), "as": forms.get("as", forms.get("name", ""))}
