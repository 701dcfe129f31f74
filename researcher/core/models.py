"""Plain records that the store hands out: companies, prospects, notes, interactions."""

from __future__ import annotations

from dataclasses import dataclass, field

STAGES = ("new", "researching", "contacted", "interested", "meeting", "customer", "lost")
INTERACTION_KINDS = ("call", "email", "meeting", "linkedin", "other")
DIRECTIONS = ("outbound", "inbound")
OUTCOMES = (
    "no_answer",
    "gatekeeper",
    "voicemail",
    "connected",
    "not_interested",
    "call_back_later",
    "meeting_booked",
    "sent",
    "replied",
    "held",
    "other",
)
LANGUAGES = ("en", "fi", "sv", "nb", "da")


@dataclass(frozen=True)
class Company:
    """A company, as stored."""

    id: int
    name: str
    website: str = ""
    industry: str = ""
    size: str = ""
    country: str = ""
    org_number: str = ""


@dataclass(frozen=True)
class Prospect:
    """A person at a company, as stored."""

    id: int
    name: str
    company_id: int | None
    company: str = ""
    title: str = ""
    email: str = ""
    phones: tuple[str, ...] = ()
    linkedin: str = ""
    country: str = ""
    city: str = ""
    language: str = ""
    stage: str = "new"
    tags: tuple[str, ...] = ()
    last_interaction_at: str | None = None
    next_follow_up: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True)
class Note:
    """A note on a prospect or a company."""

    id: int
    body: str
    created_at: str
    prospect_id: int | None = None
    company_id: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Interaction:
    """A logged call, email, meeting, message or other contact."""

    id: int
    prospect_id: int
    kind: str
    occurred_at: str
    direction: str = "outbound"
    outcome: str = ""
    summary: str = ""
    next_step: str = ""
    follow_up: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One row of a prospect's timeline: a note or an interaction, newest first."""

    kind: str  # "note" or an interaction kind
    id: int
    at: str
    title: str
    body: str
    details: dict[str, str] = field(default_factory=dict)
