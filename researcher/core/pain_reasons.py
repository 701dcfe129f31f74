"""Why a pain hypothesis fits, put into words in any interface language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from researcher.core.prep_sheet_text import sheet_labels

# One ground a hypothesis rests on: ("trigger", type), ("seen", source), ("seen_in_log", ""),
# ("role", key), ("industry", key) or ("offering", "").
Reason = tuple[str, str]


def describe(reasons: Iterable[Reason], language: str = "en") -> str:
    """Return the reasons as one sentence ("Trigger: new leader; role: CFO."), or "" for none."""
    labels = sheet_labels(language)
    text = "; ".join(_part(kind, value, labels) for kind, value in reasons)
    return text[:1].upper() + text[1:] + "." if text else ""


def _part(kind: str, value: str, labels: dict[str, Any]) -> str:
    words = labels["pain_reasons"]
    if kind == "trigger":
        return words["trigger"].format(what=labels["triggers_types"].get(value, value.replace("_", " ")).lower())
    if kind == "seen":
        return words["seen"].format(source=value) if value else words["seen_in_notes"]
    if kind == "seen_in_log":
        return words["seen_in_log"]
    if kind == "role":
        return words["role"].format(role=labels["roles"].get(value, value))
    if kind == "industry":
        return words["industry"].format(industry=labels["industries"].get(value, value.replace("_", " ")))
    return words["offering"]
