"""Coach a spoken opener: speaking time against the budget, anti-pattern warnings, evidence per sentence."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from researcher.core.lexicon import Lexicon, load_lexicon, normalise_language, normalise_text
from researcher.core.evidence import Evidence
from researcher.core.resources import read_toml
from researcher.core.sentences import split_sentences
from researcher.core.speech_time import estimate

DEFAULT_BUDGET = 20.0
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_PATTERN_CODES = ("heard_of_us", "boilerplate", "ceo_in_town", "bad_time", "how_are_you", "just_checking_in")


@dataclass(frozen=True)
class Warning:
    """One coach warning: a code, the reason, a better alternative, and where it applies."""

    code: str
    message: str
    reason: str
    alternative: str
    sentence: int | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape: code and message (plus reason, alternative, sentence)."""
        return {"code": self.code, "message": self.message, "reason": self.reason,
                "alternative": self.alternative, "sentence": self.sentence}


@dataclass(frozen=True)
class CoachSentence:
    """A sentence of the opener with its offsets, the evidence it rests on, and whether it states a fact."""

    text: str
    start: int
    end: int
    evidence: Evidence | None = None
    states_fact: bool = False
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coaching:
    """The coach's verdict on one text."""

    language: str
    seconds: float
    words: int
    budget: float
    warnings: list[Warning]
    sentences: list[CoachSentence]
    we_count: int = 0
    you_count: int = 0
    codes: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape: seconds, words, warnings (plus budget and sentence evidence)."""
        return {"language": self.language, "seconds": self.seconds, "words": self.words, "budget": self.budget,
                "warnings": [w.to_json() for w in self.warnings],
                "sentences": [{"text": s.text, "states_fact": s.states_fact,
                               "evidence": s.evidence.to_json() if s.evidence else None} for s in self.sentences]}


@cache
def _reasons() -> dict[str, str]:
    data = read_toml("openers/coach.toml")
    return {code: entry["reason"] for code, entry in data.items()}


def _warning(lexicon: Lexicon, code: str, budget: float, sentence: int | None = None,
             start: int | None = None, end: int | None = None) -> Warning:
    reason = _reasons()[code].format(budget=budget)
    rule = lexicon.coach.get(code)
    alternative = rule.alternative if rule else ""
    message = f"{reason} Try: {alternative}" if alternative else reason
    return Warning(code, message, reason, alternative, sentence, start, end)


def _pronoun_counts(lexicon: Lexicon, text: str) -> tuple[int, int]:
    we = you = 0
    for sentence in split_sentences(text, lexicon.language):
        tokens = _TOKEN.findall(sentence.text)
        for index, token in enumerate(tokens):
            lowered = token.lower()
            if token in lexicon.you_words_exact_case:
                following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
                if not (index == 0 and following in lexicon.preposition_followers):
                    you += 1
                continue
            if lowered in lexicon.we_words:
                we += 1
            elif lowered in lexicon.you_words:
                you += 1
            elif any(lowered.endswith(s) and len(lowered) >= len(s) + 3 for s in lexicon.we_suffixes):
                we += 1
            elif any(lowered.endswith(s) and len(lowered) >= len(s) + 4 for s in lexicon.you_suffixes):
                you += 1
    return we, you


def _normalised(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def _match_evidence(sentence: str, evidence: Sequence[tuple[str, Evidence]]) -> Evidence | None:
    wanted = _normalised(sentence)
    if not wanted:
        return None
    best: tuple[float, Evidence | None] = (0.0, None)
    for known, item in evidence:
        candidate = _normalised(known)
        if candidate == wanted:
            return item
        matcher = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False)
        if matcher.real_quick_ratio() < 0.7 or matcher.quick_ratio() < 0.7:
            continue
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, item)
    return best[1] if best[0] >= 0.75 else None


def coach(text: str, language: str, *, evidence: Sequence[tuple[str, Evidence]] | None = None,
          budget: float = DEFAULT_BUDGET, pace: float = 1.0) -> Coaching:
    """Coach ``text`` spoken in ``language``.

    ``evidence`` pairs sentences (as drafted) with the evidence they rest on; when given, each
    sentence is mapped to its evidence, and a sentence stating a prospect fact without any is marked
    ('unevidenced'). Without it, 'no_fact' fires when no sentence names a researched fact.
    """
    language = normalise_language(language)
    lexicon = load_lexicon(language)
    clean = normalise_text(text)
    spoken = estimate(clean, language, pace=pace)
    if not clean.strip():
        return Coaching(language, 0.0, 0, budget, [], [])
    warnings: list[Warning] = []
    sentences: list[CoachSentence] = []
    reason_at: int | None = None
    for index, sentence in enumerate(split_sentences(clean, language)):
        body = sentence.text
        codes = []
        for code in _PATTERN_CODES:
            rule = lexicon.coach[code]
            found = rule.pattern.search(body) if rule.pattern is not None else None
            if found:
                codes.append(code)
                if code != "bad_time":
                    warnings.append(_warning(lexicon, code, budget, index, sentence.start + found.start(),
                                             sentence.start + found.end()))
        is_question = body.rstrip("\"'”’) ").endswith("?")
        cue = lexicon.fact_cues is not None and bool(lexicon.fact_cues.search(body))
        mapped = _match_evidence(body, evidence) if evidence is not None else None
        states_fact = cue and not is_question
        researched = mapped is not None and bool(mapped.url or mapped.date)
        is_reason = states_fact or researched or (lexicon.reason_cues is not None and bool(lexicon.reason_cues.search(body)))
        if is_reason and reason_at is None:
            reason_at = index
        if "bad_time" in codes and reason_at is None:
            found = lexicon.coach["bad_time"].pattern.search(body)  # type: ignore[union-attr]
            warnings.append(_warning(lexicon, "bad_time", budget, index,
                                     sentence.start + found.start() if found else None,
                                     sentence.start + found.end() if found else None))
        elif "bad_time" in codes:
            codes.remove("bad_time")
        if evidence is not None and states_fact and mapped is None:
            codes.append("unevidenced")
            warnings.append(_warning(lexicon, "unevidenced", budget, index, sentence.start, sentence.end))
        sentences.append(CoachSentence(body, sentence.start, sentence.end, mapped, states_fact, tuple(codes)))
    if evidence is not None:
        has_fact = any(s.evidence is not None and (s.evidence.url or s.evidence.date) for s in sentences)
    else:
        has_fact = any(s.states_fact for s in sentences)
    if not has_fact:
        warnings.append(_warning(lexicon, "no_fact", budget))
    if not sentences[-1].text.rstrip("\"'”’) ").endswith("?"):
        warnings.append(_warning(lexicon, "no_question", budget, len(sentences) - 1))
    we, you = _pronoun_counts(lexicon, clean)
    if we >= 2 and we > 2 * you:
        warnings.append(_warning(lexicon, "we_centric", budget))
    if spoken.seconds > budget:
        warnings.append(_warning(lexicon, "over_time", budget))
    return Coaching(language, spoken.seconds, spoken.words, budget, warnings, sentences, we, you,
                    tuple(dict.fromkeys(w.code for w in warnings)))
