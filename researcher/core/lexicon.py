"""Load the per-language lexicons (triggers, stop patterns, coach patterns) from resources/lexicons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from researcher.core.lazy_pattern import LazyPattern, lowercase_literals
from researcher.core.resources import read_toml

LANGUAGES = ("en", "fi", "sv", "nb", "da")
TRIGGER_TYPES = (
    "hiring", "funding", "expansion", "new_leader", "product_launch", "partnership",
    "acquisition", "restructuring", "regulation", "award", "results",
)
COACH_CODES = (
    "heard_of_us", "boilerplate", "ceo_in_town", "bad_time", "how_are_you", "just_checking_in",
    "no_fact", "no_question", "we_centric", "over_time",
)
_FLAGS = re.IGNORECASE | re.UNICODE
_LANGUAGE_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "nno": "nb", "dk": "da", "se": "sv", "gb": "en", "uk": "en"}


@dataclass(frozen=True)
class TriggerRule:
    """Patterns of one trigger type in one language."""

    type: str
    exclude: LazyPattern | None
    count: tuple[LazyPattern, ...]


@dataclass(frozen=True)
class CoachRule:
    """Patterns of one coach warning in one language and the better alternative to suggest."""

    code: str
    pattern: LazyPattern | None
    alternative: str


@dataclass(frozen=True)
class Lexicon:
    """Everything the trigger detector and the coach need for one language."""

    language: str
    triggers: dict[str, TriggerRule]
    combined: LazyPattern  # for text whose lower-casing changes its length (rare)
    combined_lower: LazyPattern
    negation_words: frozenset[str]
    negation_before: int
    negation_after: int
    not_only: LazyPattern | None
    stops: dict[str, LazyPattern | None]
    coach: dict[str, CoachRule]
    fact_cues: LazyPattern | None
    reason_cues: LazyPattern | None
    we_words: frozenset[str]
    you_words: frozenset[str]
    you_words_exact_case: frozenset[str]
    we_suffixes: tuple[str, ...]
    you_suffixes: tuple[str, ...]
    numbers: dict[str, int]
    preposition_followers: frozenset[str]
    closing: LazyPattern | None
    month_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class TypeRule:
    """Language-independent rule of a trigger type: label, recency window and weight."""

    type: str
    label: str
    window_days: int
    weight: float


def normalise_language(code: str | None, default: str = "en") -> str:
    """Map 'no', 'nn', 'sv-FI', 'en_GB' and similar to one of the five supported codes."""
    if not code:
        return default
    base = re.split(r"[-_]", code.strip().lower())[0]
    base = _LANGUAGE_ALIASES.get(base, base)
    return base if base in LANGUAGES else default


def normalise_text(text: str) -> str:
    """Return text with typographic apostrophes read as ' (same length, so offsets stay valid)."""
    return text.replace("’", "'").replace("‘", "'")


def _union(patterns: list[str]) -> LazyPattern | None:
    if not patterns:
        return None
    return LazyPattern("|".join(f"(?:{p})" for p in patterns), _FLAGS)


@cache
def type_rules() -> dict[str, TypeRule]:
    """Return the shared per-type rules from resources/lexicons/common.toml."""
    data = read_toml("lexicons/common.toml")
    return {
        key: TypeRule(key, value["label"], int(value["window_days"]), float(value["weight"]))
        for key, value in data["types"].items()
    }


@cache
def load_lexicon(language: str) -> Lexicon:
    """Return the lexicon for ``language`` (one of LANGUAGES), its patterns compiled on first use.

    Raises ValueError for an unknown language.
    """
    if language not in LANGUAGES:
        raise ValueError(f"No lexicon for language {language!r}; use one of {', '.join(LANGUAGES)}.")
    data: dict[str, Any] = read_toml(f"lexicons/{language}.toml")
    triggers: dict[str, TriggerRule] = {}
    groups: list[str] = []
    for kind, spec in data["triggers"].items():
        triggers[kind] = TriggerRule(
            kind,
            _union(spec.get("exclude", [])),
            tuple(LazyPattern(p, _FLAGS) for p in spec.get("count", [])),
        )
        if not all(p.startswith("\\b") for p in spec["patterns"]):
            raise ValueError(f"Every {language} {kind} trigger pattern must start at a word boundary (\\b).")
        # One word-boundary test per position instead of one per pattern keeps the scan fast.
        groups.append(f"(?P<{kind}>" + "|".join(f"(?:{p[2:]})" for p in spec["patterns"]) + ")")
    scan = "\\b(?:" + "|".join(groups) + ")"
    lowered = lowercase_literals(scan)
    stops = data.get("stops", {})
    coach_data = data.get("coach", {})
    coach = {
        code: CoachRule(code, _union(coach_data.get(code, {}).get("patterns", [])),
                        coach_data.get(code, {}).get("alternative", ""))
        for code in COACH_CODES
    }
    return Lexicon(
        language=language,
        triggers=triggers,
        combined=LazyPattern(scan, _FLAGS),
        combined_lower=LazyPattern(lowered, re.UNICODE),
        negation_words=frozenset(w.lower() for w in data.get("negation_words", [])),
        negation_before=int(data.get("negation_before", 3)),
        negation_after=int(data.get("negation_after", 0)),
        not_only=_union(data.get("not_only", [])),
        stops={name: _union(stops.get(name, [])) for name in ("negation", "hedge", "past")},
        coach=coach,
        fact_cues=_union(coach_data.get("fact_cues", [])),
        reason_cues=_union(coach_data.get("reason_cues", [])),
        we_words=frozenset(coach_data.get("we_words", [])),
        you_words=frozenset(coach_data.get("you_words", [])),
        you_words_exact_case=frozenset(coach_data.get("you_words_exact_case", [])),
        we_suffixes=tuple(coach_data.get("we_suffixes", [])),
        you_suffixes=tuple(coach_data.get("you_suffixes", [])),
        numbers={str(k).lower(): int(v) for k, v in data.get("numbers", {}).items()},
        preposition_followers=frozenset(coach_data.get("preposition_followers", [])),
        closing=_union(data.get("closing", {}).get("patterns", [])),
        month_prefixes=tuple(data.get("closing", {}).get("month_prefixes", [])),
    )
