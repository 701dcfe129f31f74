"""The pain library in resources/pains.toml: pains by industry, role and trigger, in five languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from researcher.core.lazy_pattern import CaselessPattern
from researcher.core.resources import read_toml

Texts = dict[str, str]


@dataclass(frozen=True)
class Pain:
    """One library entry (see the header of resources/pains.toml for the fields)."""

    key: str
    roles: tuple[str, ...]
    industries: tuple[str, ...]
    triggers: tuple[str, ...]
    keywords: CaselessPattern | None
    title: Texts
    insight: Texts
    mention: Texts
    question: Texts
    insight_for: dict[str, Texts]
    regulations: tuple[str, ...] = ()

    def insight_text(self, language: str, trigger_type: str | None = None) -> str:
        """The insight in ``language``, in the wording for ``trigger_type`` when there is one."""
        special = self.insight_for.get(trigger_type or "", {})
        return special.get(language) or self.insight.get(language, "")


@cache
def _library() -> tuple[tuple[Pain, ...], dict[str, tuple[str, ...]]]:
    data = read_toml("pains.toml")
    pains = tuple(
        Pain(
            entry["key"], tuple(entry.get("roles", [])), tuple(entry.get("industries", [])),
            tuple(entry.get("triggers", [])),
            CaselessPattern("|".join(f"(?:{k})" for k in entry["keywords"])) if entry.get("keywords") else None,
            entry["title"], entry["insight"], entry["mention"], entry["question"], entry.get("insight_for", {}),
            tuple(entry.get("regulations", [])),
        )
        for entry in data["pain"]
    )
    industries = {key: tuple(words) for key, words in data["industries"].items()}
    return pains, industries


def pains() -> tuple[Pain, ...]:
    """Every pain in the library, in file order."""
    return _library()[0]


def pain(key: str) -> Pain | None:
    """The library entry with this key, or None."""
    return next((p for p in pains() if p.key == key), None)


def recognise_industry(text: str) -> str | None:
    """Map a free-text industry ('Kuljetus ja logistiikka', 'SaaS') to a library industry key."""
    lowered = f" {text.lower()} "
    if not text.strip():
        return None
    for key, words in _library()[1].items():
        if key.replace("_", " ") in lowered or any(word in lowered for word in words):
            return key
    return None
