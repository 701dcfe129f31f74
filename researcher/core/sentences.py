"""Split text into sentences with their offsets, aware of abbreviations in en, fi, sv, nb and da."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Abbreviations that end with a dot but do not end a sentence, by language.
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": frozenset("mr mrs ms dr prof st inc ltd co corp e.g i.e etc vs approx no jan feb mar apr jun jul aug sep sept oct nov dec".split()),
    "fi": frozenset("esim ns mm tms jne yms ks eli n noin klo puh oy oyj ry tri prof milj mrd".split()),
    "sv": frozenset("t.ex bl.a d.v.s dvs f.d tf t.f ca s.k resp osv m.m kl tel nr fr.o.m t.o.m mnkr milj mdr".split()),
    "nb": frozenset("f.eks bl.a dvs ca tlf nr kl mill mrd adm dir konst osv mv pr jf evt ev".split()),
    "da": frozenset("f.eks bl.a dvs ca tlf nr kl mio mia adm dir fhv pct kr osv mv jf evt ca pga".split()),
}
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)|\n\s*\n|\n(?=\s*[-•*#]\s)|(?m:^#{1,6} [^\n]*\n)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (stripped) and its [start, end) offsets in the source text."""

    text: str
    start: int
    end: int


@cache
def _abbreviations(language: str) -> frozenset[str]:
    merged: set[str] = set(_ABBREVIATIONS["en"]) if language != "en" else set()
    merged |= _ABBREVIATIONS.get(language, frozenset())
    return frozenset(merged)


def _is_false_end(text: str, end_index: int, mark: str, language: str) -> bool:
    """True when the dot at text[end_index-1] belongs to an abbreviation, initial or ordinal."""
    if not mark.startswith(".") or len(mark.rstrip("\"'”’)]")) > 1:
        return False
    head = text[max(0, end_index - 24):end_index]
    found = _WORD_BEFORE.search(head)
    if not found:
        return False
    word = found.group(1).lower()
    if word in _abbreviations(language):
        return True
    if len(word) == 1 and word.isalpha() and text[end_index - 2].isupper():
        return True  # an initial, as in "J. Smith"
    following = text[end_index:end_index + 12].lstrip()
    if word.isdigit() and language in ("fi", "nb", "da", "sv") and following[:1].islower():
        return True  # an ordinal date such as "3. mars"
    return bool(following[:1].islower())


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Return the sentences of ``text`` in order; blank lines and list bullets also end one."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        mark = match.group(0)
        end = match.end()
        if mark.strip() and _is_false_end(text, end, mark, language):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    sentences.append(Sentence(stripped, start + lead, start + lead + len(stripped)))
