"""Speaking time by syllables per language, at a configurable pace."""

from __future__ import annotations

import pytest

from researcher.core.speech_time import estimate, word_syllables

EXAMPLES = {  # openers.md, measured with espeak-ng at 150 wpm
    "en": ("Hi Claire, it's Owen Pryce from Tallyforge. I'm calling because I read you're opening a second warehouse "
           "in Daventry. When hauliers add a site, the two often drift into different ways of working. Pennant "
           "Freight closed that gap in eight weeks. How will you keep both sites on one process?", 19.3),
    "fi": ("Hei Minna, Jussi Rantanen Kaarnatiedosta. Soitan, koska aloitit talousjohtajana. Uusi talousjohtaja käy "
           "yleensä ensin läpi kulut, ja hidas raportointi nousee esiin. Pohjaslinja lyhensi sen kymmenestä "
           "päivästä neljään. Onko tämä teillä nyt pöydällä?", 19.2),
    "sv": ("Hej Johan, Sara Lind från Skyddsvall. Jag såg att ni söker en säkerhetschef för NIS2, därför ringer jag. "
           "Hos energibolag tar leverantörskedjan oftast mest tid, inte tekniken. Kvarnsjö El klarade det på sex "
           "veckor. Hur långt har ni kommit?", 19.8),
    "nb": ("Hei Kjetil, Marius Holm fra Vedlik. Grunnen til at jeg ringer, er den nye fabrikken deres på Averøy. Ved "
           "oppstart er det ofte vedlikeholdet som henger etter. Havbris Foods halverte de uplanlagte stansene på et "
           "halvt år. Er dette noe dere har planlagt for?", 19.7),
    "da": ("Hej Rasmus, Line Holm fra Tidsro. Grunden til, at jeg ringer, er jeres to nye klinikker i Aarhus. Når "
           "patienterne fordeles på flere adresser, stiger udeblivelserne tit. Hos Fjordtand faldt de med en "
           "tredjedel på et halvt år. Er det noget, I kigger på lige nu?", 17.4),
}


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_reference_openers_within_one_and_a_half_seconds(language: str) -> None:
    text, measured = EXAMPLES[language]
    assert abs(estimate(text, language).seconds - measured) <= 1.5


def test_finnish_long_vowels_and_diphthongs_are_one_nucleus() -> None:
    assert word_syllables("talousjohtaja", "fi") == 5  # ta-lous-joh-ta-ja
    assert word_syllables("pöydällä", "fi") == 3
    assert word_syllables("Kaarnatiedosta", "fi") == 5  # kaar-na-tie-dos-ta


def test_scandinavian_vowels_count() -> None:
    assert word_syllables("økonomisjef", "nb") == 5  # ø-ko-no-mi-sjef
    assert word_syllables("säkerhetschef", "sv") == 4
    assert word_syllables("udeblivelserne", "da") == 6


def test_numbers_and_acronyms_take_time() -> None:
    assert estimate("NIS2", "sv").syllables > 2
    assert estimate("We have 14 roles.", "en").seconds > estimate("We have roles.", "en").seconds


def test_pace_scales_and_empty_text_is_zero() -> None:
    text, _ = EXAMPLES["en"]
    normal = estimate(text, "en").seconds
    assert estimate(text, "en", pace=1.25).seconds == pytest.approx(normal / 1.25, abs=0.02)
    assert estimate("", "en").seconds == 0.0
