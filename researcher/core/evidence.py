"""Evidence: the quoted sentence a statement rests on, where it was read, and when."""

from __future__ import annotations

from dataclasses import dataclass

# The sources of evidence taken from the rep's own records rather than quoted from a page or note.
PROSPECT_RECORD = "prospect record"
COMPANY_RECORD = "company record"
RECORD_SOURCES = (PROSPECT_RECORD, COMPANY_RECORD)


@dataclass(frozen=True)
class Evidence:
    """What a statement rests on: the quoted sentence, where it was read, and when."""

    quote: str
    url: str | None
    date: str | None
    source: str = ""

    def to_json(self) -> dict[str, str | None]:
        """The JSON shape: quote, url, date, source."""
        return {"quote": self.quote, "url": self.url, "date": self.date, "source": self.source}
