"""Lexicon and role patterns are compiled on first use, not when their rule files are loaded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from researcher.core import roles, trigger_detect
from researcher.core.lazy_pattern import LazyPattern
from researcher.core.lexicon import LANGUAGES, Lexicon, load_lexicon

TODAY = date(2026, 12, 1)


def _patterns(lex: Lexicon) -> Iterator[LazyPattern]:
    yield lex.combined
    yield lex.combined_lower
    for rule in lex.triggers.values():
        yield from ([rule.exclude] if rule.exclude else [])
        yield from rule.count
    for pattern in (*lex.stops.values(), lex.not_only, lex.fact_cues, lex.reason_cues, lex.closing,
                    *(rule.pattern for rule in lex.coach.values())):
        if pattern is not None:
            yield pattern


@pytest.fixture
def fresh_lexicons() -> Iterator[None]:
    load_lexicon.cache_clear()
    trigger_detect._REMEMBERED.clear()
    yield
    load_lexicon.cache_clear()
    trigger_detect._REMEMBERED.clear()


def test_loading_a_lexicon_compiles_none_of_its_patterns(fresh_lexicons) -> None:
    for language in LANGUAGES:
        assert not any(pattern._compiled for pattern in _patterns(load_lexicon(language)))


def test_detecting_compiles_the_scan_on_first_use(fresh_lexicons) -> None:
    assert trigger_detect.detect("We are hiring 6 drivers for the Leeds depot.", "en", today=TODAY)
    assert load_lexicon("en").combined_lower._compiled is not None


def test_a_title_compiles_the_role_patterns_only_up_to_its_role() -> None:
    roles._rules.cache_clear()
    try:
        assert roles.recognise_role("Talousjohtaja") == "cfo"
        rules, _deputy = roles._rules()
        assert rules[0].pattern._compiled is not None
        assert all(rule.pattern._compiled is None for rule in rules[1:])
    finally:
        roles._rules.cache_clear()


CASE_SAMPLES = [
    "Uusien työntekijöiden PEREHDYTYS vie meillä kuukausia.",
    "Vi har problem med introduktionen av nyanställda på lagret i Växjö.",
    "Opplæring av nye sjåfører i Ålesund tar for lang tid, sier Øyvind Høgås.",
    "OPLÆRING AF NYE MEDARBEJDERE I ÆRØSKØBING ER DYR.",
    "İstanbul office: ONBOARDING of new hires is slow.",  # "İ" lower-cases into two letters
    "Nothing about any of it here.",
]


def test_caseless_keywords_find_what_ignoring_case_finds() -> None:
    from researcher.core.lazy_pattern import CaselessPattern
    from researcher.core.pain_library import pains

    for entry in pains():
        if entry.keywords is None:
            continue
        source = entry.keywords._ignoring_case.source
        for text in CASE_SAMPLES:
            reference = re.search(source, text, re.IGNORECASE)
            found = CaselessPattern(source).search(text)
            assert (found and found.span()) == (reference and reference.span()), (entry.key, text)
