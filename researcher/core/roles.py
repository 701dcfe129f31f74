"""Recognise a prospect's role from a job title in English, Finnish, Swedish, Norwegian or Danish."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from researcher.core.lazy_pattern import LazyPattern
from researcher.core.resources import read_toml

_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class RoleRule:
    """One role: its key and its title patterns (its label per language is in the i18n files)."""

    key: str
    pattern: LazyPattern


@cache
def _rules() -> tuple[tuple[RoleRule, ...], LazyPattern]:
    data = read_toml("lexicons/roles.toml")
    rules = tuple(
        RoleRule(key, LazyPattern("|".join(f"(?:{p})" for p in spec["patterns"]), _FLAGS))
        for key, spec in data["roles"].items()
    )
    deputy = LazyPattern("|".join(f"(?:{p})" for p in data["deputy"]), _FLAGS)
    return rules, deputy


def role_keys() -> list[str]:
    """Return every role key in matching order."""
    return [rule.key for rule in _rules()[0]]


def find_role(text: str) -> tuple[str, int, int] | None:
    """Return (role key, start, end) of the first title found in ``text``, ignoring deputies."""
    rules, deputy = _rules()
    for rule in rules:
        for match in rule.pattern.finditer(text):
            word_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
            previous_words = text[:word_start].split()[-2:]
            context = " ".join(previous_words) + " " + text[word_start:match.end()]
            if deputy.search(context):
                continue
            return rule.key, match.start(), match.end()
    return None


def recognise_role(title: str) -> str | None:
    """Return the role key a job title stands for ('Talousjohtaja' → 'cfo'), or None.

    A deputy or vice ('varatoimitusjohtaja', 'vice vd', 'Deputy CFO') does not hold the role.
    """
    found = find_role(title or "")
    return found[0] if found else None
