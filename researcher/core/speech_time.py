"""Estimate how long a text takes to say aloud, from syllables per language and a calibrated pace."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from researcher.core.resources import read_toml

LANGUAGES = ("en", "fi", "sv", "nb", "da")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[,;:–—]|[.!?…]+", re.UNICODE)
_VOWELS = {
    "en": "aeiouy",
    "fi": "aeiouyäö",
    "sv": "aeiouyåäö",
    "nb": "aeiouyæøå",
    "da": "aeiouyæøå",
}
_FI_NUCLEI = frozenset(
    "aa ee ii oo uu yy ää öö ai ei oi ui yi äi öi au eu iu ou ey äy öy ie uo yö".split()
)
_EN_SILENT_E = re.compile(r"(?<=[^aeiouy])e$|(?<=[^aeiouyl])es$|(?<=[^aeiouytd])ed$")


@dataclass(frozen=True)
class SpeechModel:
    """Per-language constants (see resources/speech.toml)."""

    syllables_per_second: float
    seconds_per_word: float
    seconds_per_comma: float
    seconds_per_stop: float
    digit_syllables: float
    letter_syllables: float
    seconds_base: float = 0.0


@dataclass(frozen=True)
class SpeechEstimate:
    """Estimated seconds at the given pace, with the counts it was computed from."""

    seconds: float
    words: int
    syllables: float
    commas: int
    stops: int


@cache
def speech_model(language: str) -> SpeechModel:
    """Return the calibrated model for ``language`` (falls back to English)."""
    data = read_toml("speech.toml")
    section = data.get(language) or data["en"]
    return SpeechModel(**{key: float(section[key]) for key in SpeechModel.__dataclass_fields__ if key in section})


def word_syllables(word: str, language: str, model: SpeechModel | None = None) -> float:
    """Count the syllables of one word by vowel nuclei (Finnish: long vowels and diphthongs count once)."""
    model = model or speech_model(language)
    if word.isdigit():
        return model.digit_syllables * len(word)
    letters = sum(ch.isalpha() for ch in word)
    if any(ch.isdigit() for ch in word) or (word.isupper() and 1 < letters <= 5):
        digits = sum(ch.isdigit() for ch in word)
        return model.letter_syllables * letters + model.digit_syllables * digits
    lowered = word.lower()
    if language == "en":
        lowered = _EN_SILENT_E.sub("", lowered) or lowered
    vowels = _VOWELS.get(language, _VOWELS["en"])
    count = 0
    run = ""
    for ch in lowered + " ":
        if ch in vowels:
            run += ch
            continue
        if run:
            count += _finnish_nuclei(run) if language == "fi" else 1
            run = ""
    return float(max(count, 1))


def _finnish_nuclei(run: str) -> int:
    nuclei = 0
    index = 0
    while index < len(run):
        if run[index:index + 2] in _FI_NUCLEI:
            index += 2
        else:
            index += 1
        nuclei += 1
    return nuclei


def estimate(text: str, language: str, *, pace: float = 1.0, model: SpeechModel | None = None) -> SpeechEstimate:
    """Estimate speaking time of ``text``; ``pace`` > 1 speaks faster (1.0 = the calibrated natural pace)."""
    model = model or speech_model(language)
    words = 0
    syllables = 0.0
    commas = 0
    stops = 0
    for token in _TOKEN.findall(text):
        first = token[0]
        if first in ",;:–—":
            commas += 1
        elif first in ".!?…":
            stops += 1
        else:
            words += 1
            syllables += word_syllables(token, language, model)
    if words and not re.search(r"[.!?…]\W*$", text):
        stops += 1
    seconds = (
        (model.seconds_base if words else 0.0)
        + syllables / model.syllables_per_second
        + words * model.seconds_per_word
        + commas * model.seconds_per_comma
        + max(stops - 1, 0) * model.seconds_per_stop
    ) / max(pace, 0.1)
    return SpeechEstimate(round(seconds, 2), words, syllables, commas, stops)


def count_features(text: str, language: str) -> tuple[float, int, int, int]:
    """Return (syllables, words, commas, inner sentence stops) — the inputs the calibration fits."""
    result = estimate(text, language)
    return result.syllables, result.words, result.commas, max(result.stops - 1, 0)
