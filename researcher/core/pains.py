"""Rank pain hypotheses for a prospect from role, industry, triggers and what they said; keep the rep's verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from researcher.core.clock import utcnow
from researcher.core.documents import Document, collect_documents
from researcher.core.errors import UserError
from researcher.core.evidence import COMPANY_RECORD, PROSPECT_RECORD, Evidence
from researcher.core.offering import Offering, get_offering
from researcher.core.pain_library import Pain, pain, pains, recognise_industry
from researcher.core.pain_reasons import Reason, describe
from researcher.core.prospects import get_company, get_prospect
from researcher.core.roles import recognise_role
from researcher.core.sentences import split_sentences
from researcher.core.triggers import Trigger, prospect_triggers

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

STATUSES = ("suggested", "accepted", "rejected")


@dataclass(frozen=True)
class PainHypothesis:
    """A ranked pain hypothesis: why it fits, what it rests on, and the rep's verdict."""

    key: str
    title: str
    why: str
    evidence: list[Evidence]
    status: str
    score: float
    solved_by_offering: bool = False
    trigger_types: tuple[str, ...] = ()
    edited: bool = False
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape."""
        return {"key": self.key, "title": self.title, "why": self.why, "status": self.status,
                "score": round(self.score, 2), "solved_by_offering": self.solved_by_offering,
                "evidence": [e.to_json() for e in self.evidence]}


def _keyword_evidence(entry: Pain, documents: list[Document]) -> tuple[Evidence, str] | None:
    """What the prospect said or wrote, and the kind of document it is in: notes, interactions and pages
    kept for the person (not company pages)."""
    if entry.keywords is None:
        return None
    for document in documents:
        if document.kind == "page" and not document.about_prospect:
            continue
        found = entry.keywords.search(document.text)
        if found:
            for sentence in split_sentences(document.text):
                if sentence.start <= found.start() < sentence.end:
                    return Evidence(sentence.text[:320], document.url, document.date, document.title), document.kind
    return None


def _score(entry: Pain, *, role: str | None, industry: str | None, triggers: list[Trigger],
           documents: list[Document], offering: Offering | None, title: str, website: str,
           updated: str) -> tuple[float, list[Reason], list[Evidence], tuple[str, ...]]:
    score = 0.0
    reasons: list[Reason] = []
    evidence: list[Evidence] = []
    matched_types: list[str] = []
    for trigger in triggers:
        if trigger.type == "regulation" and entry.regulations and not any(
                trigger.detail.get("regulation", "").startswith(name) for name in entry.regulations):
            continue
        if trigger.type in entry.triggers and trigger.type not in matched_types:
            strength = 1.3 if trigger.status in ("confirmed", "manual") else 1.0
            score += 3.0 * trigger.confidence * strength + (0.5 if entry.triggers[0] == trigger.type else 0.0)
            matched_types.append(trigger.type)
            reasons.append(("trigger", trigger.type))
            evidence.append(Evidence(trigger.quote, trigger.url, trigger.date, trigger.source_title))
    found = _keyword_evidence(entry, documents)
    if found is not None:
        said, kind = found
        score += 2.5
        # An interaction's title ("Email 2026-11-17") is not a source to name in another language.
        reasons.append(("seen_in_log", "") if kind == "interaction" else ("seen", said.source or ""))
        evidence.append(said)
    if role and role in entry.roles:
        score += 2.0 if entry.roles[0] == role else 1.5
        reasons.append(("role", role))
        evidence.append(Evidence(f"Title: {title}", None, updated[:10] or None, PROSPECT_RECORD))
    if industry and industry in entry.industries:
        score += 1.5
        reasons.append(("industry", industry))
        evidence.append(Evidence(f"Industry: {industry.replace('_', ' ')}", website or None, None, COMPANY_RECORD))
    if score and offering is not None and offering.solves(entry.key):
        score += 2.0
        reasons.append(("offering", ""))
    if industry and entry.industries and industry not in entry.industries and found is None:
        score *= 0.5  # an industry-specific pain seldom fits another industry
    return score, reasons, evidence, tuple(matched_types)


def rank_pains(db: Reader, prospect_id: int, *, today: date | None = None,
               documents: list[Document] | None = None, triggers: list[Trigger] | None = None,
               offering: Offering | None = None) -> list[PainHypothesis]:
    """Return pain hypotheses, best first; accepted ones lead, rejected ones come last.

    Only pains with at least one reason (trigger, role, industry or something the prospect said)
    are returned. Raises NotFound when the prospect does not exist.
    """
    prospect = get_prospect(db, prospect_id)
    company = get_company(db, prospect.company_id) if prospect.company_id is not None else None
    documents = documents if documents is not None else collect_documents(db, prospect_id)
    if triggers is None:
        triggers = prospect_triggers(db, prospect_id, today=today, include_dismissed=False, documents=documents)
    live = [t for t in triggers if t.status != "dismissed"]
    offering = offering if offering is not None else get_offering(db)
    role = recognise_role(prospect.title)
    industry = recognise_industry(company.industry) if company else None
    decisions = {row["pain_key"]: row for row in db.query(
        "SELECT * FROM pain_decisions WHERE prospect_id = ?", [prospect_id])}
    result: list[PainHypothesis] = []
    for entry in pains():
        score, reasons, evidence, types = _score(
            entry, role=role, industry=industry, triggers=live, documents=documents, offering=offering,
            title=prospect.title, website=company.website if company else "", updated=prospect.updated_at)
        decision = decisions.get(entry.key)
        if not reasons and decision is None:
            continue
        status = decision["status"] if decision else "suggested"
        title = (decision["title"] if decision and decision["title"] else None) or entry.title["en"]
        why = (decision["why"] if decision and decision["why"] else None) or describe(reasons)
        edited = bool(decision and (decision["title"] or decision["why"]))
        rank = score + (100.0 if status == "accepted" else -100.0 if status == "rejected" else 0.0)
        result.append(PainHypothesis(entry.key, title, why, evidence, status, rank,
                                     bool(offering and offering.solves(entry.key)), types, edited, tuple(reasons)))
    return sorted(result, key=lambda h: h.score, reverse=True)


def set_pain_decision(db: Database, prospect_id: int, pain_key: str, status: str, *,
                      title: str | None = None, why: str | None = None) -> None:
    """Record accept/reject (or back to suggested) and optional edited wording. Raises UserError."""
    if status not in STATUSES:
        raise UserError(f"A pain hypothesis can be {', '.join(STATUSES)}, not {status!r}.")
    if pain(pain_key) is None:
        raise UserError(f"There is no pain {pain_key!r} in the library.")
    get_prospect(db, prospect_id)
    previous = list(db.query("SELECT title, why FROM pain_decisions WHERE prospect_id = ? AND pain_key = ?",
                             [prospect_id, pain_key]))
    keep = previous[0] if previous else {"title": None, "why": None}
    clean_title = title.strip() if title is not None else keep["title"]
    clean_why = why.strip() if why is not None else keep["why"]
    db["pain_decisions"].upsert({
        "prospect_id": prospect_id, "pain_key": pain_key, "status": status,
        "title": clean_title or None, "why": clean_why or None, "updated_at": utcnow(),
    }, pk=("prospect_id", "pain_key"))
