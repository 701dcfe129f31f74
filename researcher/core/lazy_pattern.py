"""Regular expressions compiled on first use (a run needs few of the patterns in the rule files), and caseless ones."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class LazyPattern:
    """A pattern compiled the first time it searches, so loading a rule file compiles nothing."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int) -> None:
        self.source, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


class CaselessPattern:
    """A case-insensitive pattern that searches the lower-cased text instead of using IGNORECASE.

    For alternations of many short words (the pain library's keywords) this is about ten times
    as fast. The match is on the lower-cased text: use its positions, not its text.
    """

    __slots__ = ("_ignoring_case", "_lowered")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._lowered = LazyPattern(lowercase_literals(source), flags & ~re.IGNORECASE)
        self._ignoring_case = LazyPattern(source, flags | re.IGNORECASE)

    def search(self, text: str) -> re.Match[str] | None:
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter lower-cased into two ("İ"): positions would shift
            return self._ignoring_case.search(text)
        return self._lowered.search(lowered)


def lowercase_literals(pattern: str) -> str:
    """Lower-case the literal letters of a pattern (not escapes such as \\W or the P of (?P<name>)).

    Matching a lower-cased text without IGNORECASE is about twice as fast on long pages.
    """
    out = []
    for index, char in enumerate(pattern):
        escaped = index > 0 and pattern[index - 1] == "\\" and (index < 2 or pattern[index - 2] != "\\")
        named = char == "P" and pattern[index - 2:index] == "(?"
        out.append(char if escaped or named else char.lower())
    return "".join(out)
