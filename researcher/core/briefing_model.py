"""The records a briefing is made of: what a rep needs in front of them for one call."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from researcher.core.models import Company, Interaction, Prospect

QUALIFICATION_KEYS = ("pays_off", "ready_now", "able", "status_quo_cost")


def site_of(url: str | None) -> str:
    """Return the host of ``url`` without a leading ``www.`` (``""`` for no or odd URLs)."""
    if not url:
        return ""
    host = urlsplit(url if "://" in url else "https://" + url).hostname or ""
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Evidence:
    """A quoted sentence, the page it came from and its date."""

    quote: str
    url: str = ""
    date: str | None = None
    source: str = ""

    @property
    def site(self) -> str:
        """The site the quote is from, or the named source (a note, a call) when it has no URL."""
        return site_of(self.url) or self.source


@dataclass(frozen=True)
class FactItem:
    """One researched fact (founded, employees, a leader...) with its source."""

    kind: str
    value: str
    url: str = ""
    date: str | None = None

    @property
    def site(self) -> str:
        return site_of(self.url)


@dataclass(frozen=True)
class TriggerItem:
    """A trigger event and the sentence it was found in."""

    type: str
    quote: str
    url: str = ""
    date: str | None = None
    status: str = "suggested"
    confidence: float = 0.0
    source: str = ""  # the note's source or the page's title
    source_kind: str = "page"  # "page", "note", "interaction" or "manual"

    @property
    def site(self) -> str:
        """The site the sentence is from, or the named source of the note it was found in."""
        return site_of(self.url) or (self.source if self.source_kind in ("page", "note") else "")


@dataclass(frozen=True)
class PainItem:
    """A pain hypothesis, why it is likely, and the evidence behind it.

    ``key`` names the library entry and ``reasons`` the grounds ``why`` was written from, so the
    sheet can give both in its own language where the rep has not reworded them.
    """

    title: str
    why: str = ""
    evidence: tuple[Evidence, ...] = ()
    status: str = "suggested"
    score: float = 0.0
    key: str = ""
    reasons: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OpenerItem:
    """The opener to use: the saved one or, failing that, the best draft."""

    text: str
    language: str
    style: str = ""
    seconds: float = 0.0
    saved: bool = False
    saved_at: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class PhoneLine:
    """One of the prospect's numbers and what do-not-call screening says about it.

    ``blocked`` is None when no registry extract covers the number's screening.
    """

    number: str
    blocked: bool | None = None
    registry: str = ""
    extract_date: str | None = None
    stale: bool = False
    unreadable: bool = False


@dataclass(frozen=True)
class CallingInfo:
    """The prospect's local time and whether it is a good time to call."""

    timezone: str
    local_time: str
    in_window: bool
    next_window_start: str | None = None
    reason: str = ""
    window: tuple[str, str] | None = None


@dataclass(frozen=True)
class QualificationItem:
    """One readiness criterion: its state (unknown/no/partly/yes) and the rep's note."""

    key: str
    state: str = "unknown"
    note: str = ""


@dataclass(frozen=True)
class NoteItem:
    """A note on the prospect or the company."""

    body: str
    at: str
    source: str = ""


@dataclass(frozen=True)
class SourceItem:
    """Where some of the information came from (GDPR Art. 14): a site or the rep's own records."""

    kind: str  # "page", "note" or "interaction"
    site: str
    url: str = ""
    date: str | None = None
    title: str = ""
    count: int = 1


@dataclass(frozen=True)
class Briefing:
    """Everything known and prepared for one call, ready to print or show in call mode."""

    prospect: Prospect
    company: Company | None
    prepared_at: str
    phones: tuple[PhoneLine, ...] = ()
    screened: bool = False
    blocked: bool = False
    objected: bool = False
    calling: CallingInfo | None = None
    opener: OpenerItem | None = None
    opener_notice: str | None = None
    facts: tuple[FactItem, ...] = ()
    triggers: tuple[TriggerItem, ...] = ()
    pains: tuple[PainItem, ...] = ()
    questions: tuple[str, ...] = ()
    objections: tuple[tuple[str, str], ...] = ()
    interactions: tuple[Interaction, ...] = ()
    next_step: str = ""
    next_step_at: str | None = None
    follow_up: str | None = None
    qualification: tuple[QualificationItem, ...] = ()
    notes: tuple[NoteItem, ...] = ()
    sources: tuple[SourceItem, ...] = ()
    rep_name: str = ""
    rep_company: str = ""
    unavailable: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        """The prospect's language (the opener's language when no preference is stored)."""
        if self.prospect.language:
            return self.prospect.language
        return self.opener.language if self.opener else ""
