"""Facts a page states in its own words (founding year, number of employees), with the sentence."""

from __future__ import annotations

import re
from functools import cache

from researcher.core.resources import read_toml

MAX_TEXT = 40_000


@cache
def _patterns() -> dict[str, dict[str, tuple[re.Pattern[str], ...]]]:
    """{kind: {language: compiled patterns}} from resources/research/fact_patterns.toml."""
    data = read_toml("research/fact_patterns.toml")
    return {kind: {lang: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for lang, patterns in by_lang.items()}
            for kind, by_lang in data.items()}


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end]."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left + 1:right].split())


def text_facts(text: str, language: str | None) -> list[dict[str, str]]:
    """[{kind, value, quote}] found in ``text``: the first match per kind, in the page's language
    (all languages when it is unknown). Headings are skipped; the quote is the whole sentence."""
    patterns = _patterns()
    languages = [language] if language in ("en", "fi", "sv", "nb", "da") else ["en", "fi", "sv", "nb", "da"]
    text = text[:MAX_TEXT]
    found: list[dict[str, str]] = []
    for kind, by_language in patterns.items():
        best = None
        for lang in languages:
            for pattern in by_language.get(lang, ()):
                for match in pattern.finditer(text):
                    line_start = text.rfind("\n", 0, match.start()) + 1
                    if text.startswith("#", line_start):
                        continue
                    if best is None or match.start() < best.start():
                        best = match
                    break
        if best is not None:
            found.append({"kind": kind, "value": re.sub(r"[ ,.]", "", best.group(1)),
                          "quote": _sentence_around(text, best.start(), best.end())})
    return found
