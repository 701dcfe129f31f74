"""Find trigger events in one text: lexicon patterns minus negated, hedged, past and old sentences."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta

from researcher.core.lexicon import Lexicon, load_lexicon, normalise_text, type_rules
from researcher.core.roles import find_role
from researcher.core.sentences import Sentence, split_sentences

_YEAR = re.compile(r"(?<![\d.,/-])(19[5-9]\d|20\d\d)(?![\d.,/-]?\d)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
MAX_QUOTE = 320


@dataclass(frozen=True)
class Detected:
    """One trigger found in a text, with the sentence that carries it."""

    type: str
    quote: str
    start: int
    end: int
    count: int | None = None
    detail: dict[str, str] = field(default_factory=dict)


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        item = sentences[middle]
        if offset < item.start:
            high = middle - 1
        elif offset >= item.end:
            low = middle + 1
        else:
            return item
    return None


def _is_negated(lexicon: Lexicon, sentence: str, start: int, end: int) -> bool:
    """Negation word within N words before the match (or after it in sv/nb/da), unless 'not only'."""
    if lexicon.stops["negation"] is not None and lexicon.stops["negation"].search(sentence):
        return True
    spared: list[tuple[int, int]] = []
    if lexicon.not_only is not None:
        spared = [(m.start(), m.end()) for m in lexicon.not_only.finditer(sentence)]
    before = list(_WORD.finditer(sentence, 0, start))[-lexicon.negation_before:] if lexicon.negation_before else []
    after = list(_WORD.finditer(sentence, end))[:lexicon.negation_after] if lexicon.negation_after else []
    inside = list(_WORD.finditer(sentence, start, end))
    for word in (*before, *inside, *after):
        token = word.group(0).lower()
        if token in lexicon.negation_words or token.endswith("n't"):
            if not any(a <= word.start() < b for a, b in spared):
                return True
    return False


def _is_old(sentence: str, window_days: int, today: date) -> bool:
    years = [int(y) for y in _YEAR.findall(sentence) if int(y) <= today.year]
    if not years:
        return False
    return date(max(years), 12, 31) + timedelta(days=window_days) < today


_ISO = re.compile(r"\s*[:,]?\s*(?:on |den |the |är |er |\bklo\b )?(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"\s*[:,]?\s*(?:on |den |the |är |er )?(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?")
_WORDED = re.compile(r"\s*[:,]?\s*(?:on |den |the |är |er )?(\d{1,2})\.?\s+([^\W\d_]{3,})\.?\s*(\d{4})?")


def closing_date(lexicon: Lexicon, text: str, today: date) -> date | None:
    """The closing date of a job ad ('closing date 15 December', 'hakuaika päättyy 15.12.'), if stated."""
    if lexicon.closing is None:
        return None
    for found in lexicon.closing.finditer(text):
        tail = text[found.end():found.end() + 40]
        day = month = year = None
        if iso := _ISO.match(tail):
            year, month, day = (int(part) for part in iso.groups())
        elif numeric := _NUMERIC.match(tail):
            day, month = int(numeric.group(1)), int(numeric.group(2))
            year = int(numeric.group(3)) if numeric.group(3) else None
        elif worded := _WORDED.match(tail):
            prefix = worded.group(2)[:3].lower()
            if prefix in lexicon.month_prefixes:
                day, month = int(worded.group(1)), lexicon.month_prefixes.index(prefix) + 1
                year = int(worded.group(3)) if worded.group(3) else None
        if day is None or month is None:
            continue
        year = (year + 2000 if year is not None and year < 100 else year) or today.year
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def _count(lexicon: Lexicon, kind: str, sentence: str) -> int | None:
    for pattern in lexicon.triggers[kind].count:
        for found in pattern.finditer(sentence):
            raw = found.group("n").lower()
            value = int(raw) if raw.isdigit() else lexicon.numbers.get(raw, 0)
            if 0 < value < 10_000:
                return value
    return None


def _detail(kind: str, sentence: str, matched: str) -> dict[str, str]:
    if kind == "new_leader":
        role = find_role(sentence)
        return {"role": role[0]} if role else {}
    if kind == "regulation":
        return {"regulation": re.sub(r"\s+", "", matched).upper().rstrip(":")[:12]}
    return {}


def _quote(sentence: Sentence, start: int) -> str:
    text = sentence.text.lstrip("#").strip()
    if len(text) <= MAX_QUOTE:
        return text
    offset = max(0, min(start - sentence.start - MAX_QUOTE // 2 - (len(sentence.text) - len(text)), len(text) - MAX_QUOTE))
    snippet = text[offset:offset + MAX_QUOTE].strip()
    return ("…" if offset else "") + snippet + ("…" if offset + MAX_QUOTE < len(text) else "")


def _sentence_around(text: str, start: int, end: int, language: str) -> Sentence | None:
    """The sentence holding text[start:end], split from a window around it rather than the whole page."""
    low, high = max(0, start - 1200), min(len(text), end + 1200)
    window = split_sentences(text[low:high], language)
    found = _sentence_at(window, start - low)
    if found is None or (found is window[0] and low > 0) or (found is window[-1] and high < len(text)):
        return _sentence_at(split_sentences(text, language), start)
    return Sentence(found.text, found.start + low, found.end + low)


def detect(text: str, language: str, *, today: date, document_date: date | None = None) -> list[Detected]:
    """Return the triggers in ``text`` (one language), newest rules applied.

    Old news (document or named year beyond the type's window), negated, hedged and past
    sentences are left out; at most one trigger per type per sentence. Results are remembered
    per (text, language, day), since pages do not change between drafts.
    """
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), language, today, document_date)
    found = _REMEMBERED.get(key)
    if found is None:
        found = _detect(text, language, today, document_date)
        _REMEMBERED[key] = found
        if len(_REMEMBERED) > _REMEMBER_AT_MOST:
            _REMEMBERED.popitem(last=False)
    else:
        _REMEMBERED.move_to_end(key)
    return list(found)


# Keyed by a digest, not the text, so remembering many long pages costs little memory.
_REMEMBERED: OrderedDict[tuple[bytes, str, date, date | None], tuple[Detected, ...]] = OrderedDict()
_REMEMBER_AT_MOST = 2048
MIN_WORDS = 3


def _detect(text: str, language: str, today: date, document_date: date | None) -> tuple[Detected, ...]:
    lexicon = load_lexicon(language)
    rules = type_rules()
    clean = normalise_text(text)
    seen: set[tuple[str, int]] = set()
    found: list[Detected] = []
    closes: list[date | None] = []
    lowered = clean.lower()
    scan = lexicon.combined_lower.finditer(lowered) if len(lowered) == len(clean) else lexicon.combined.finditer(clean)
    for match in scan:
        kind = match.lastgroup or ""
        window = rules[kind].window_days
        open_ad = False
        if kind == "hiring":
            if not closes:
                closes.append(closing_date(lexicon, clean, today))
            if closes[0] is not None and closes[0] < today:
                continue  # the ad has closed
            open_ad = closes[0] is not None
        if not open_ad and document_date is not None and document_date + timedelta(days=window) < today:
            continue
        sentence = _sentence_around(clean, match.start(), match.end(), language)
        if sentence is None or (kind, sentence.start) in seen:
            continue
        if len(sentence.text.lstrip("#").split()) < MIN_WORDS:
            continue  # a menu item or label ("Avoimet työpaikat") says nothing about the company
        local_start, local_end = match.start() - sentence.start, match.end() - sentence.start
        body = sentence.text
        rule = lexicon.triggers[kind]
        if rule.exclude is not None and rule.exclude.search(body):
            continue
        if _is_negated(lexicon, body, local_start, local_end):
            continue
        if lexicon.stops["hedge"] is not None and lexicon.stops["hedge"].search(body):
            continue
        past = lexicon.stops["past"]
        if past is not None and past.search(body[max(0, local_start - 60):local_end]):
            continue
        if not open_ad and _is_old(body, window, today):
            continue
        seen.add((kind, sentence.start))
        found.append(Detected(
            kind, _quote(sentence, match.start()), sentence.start, sentence.end,
            _count(lexicon, kind, body) if kind == "hiring" else None,
            _detail(kind, body, clean[match.start():match.end()]),
        ))
    return tuple(found)
