"""Draft 20-second openers in the prospect's language, coach them, and keep saved versions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from researcher.core import opener_compose as compose
from researcher.core.clock import utcnow
from researcher.core.coach import Coaching, Warning, coach
from researcher.core.discovery import ObjectionAnswer, discovery_questions, objection_answers, phone_source
from researcher.core.documents import collect_documents
from researcher.core.errors import UserError
from researcher.core.interactions import list_interactions
from researcher.core.lexicon import LANGUAGES, normalise_language
from researcher.core.offering import get_offering
from researcher.core.opener_templates import COUNTRY_LANGUAGES, next_week_number
from researcher.core.evidence import Evidence
from researcher.core.pains import PainHypothesis, rank_pains
from researcher.core.prospects import get_company, get_prospect
from researcher.core.settings import get_setting
from researcher.core.triggers import Trigger, prospect_triggers

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

# Drafts aim a little under the budget so the estimate's error (≈0.5 s against espeak-ng) cannot
# push a spoken draft past it; the coach still warns only past the budget itself.
DRAFT_MARGIN = 0.5
STYLES = ("trigger", "insight", "follow_up", "permission", "no_evidence")
STYLE_LABELS = {"trigger": "Trigger-led", "insight": "Insight-led", "follow_up": "Follow-up",
                "permission": "Permission-based", "no_evidence": "Without researched fact"}


@dataclass(frozen=True)
class Variant:
    """One drafted opener in one style, already coached."""

    style: str
    text: str
    seconds: float
    words: int
    warnings: list[Warning]
    sentences: list[compose.DraftSentence]
    coaching: Coaching

    @property
    def evidence(self) -> list[tuple[str, Evidence]]:
        """(sentence, evidence) for each sentence that rests on evidence."""
        return [(s.text, s.evidence) for s in self.sentences if s.evidence is not None]

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape of a variant."""
        return {"style": self.style, "text": self.text, "seconds": self.seconds, "words": self.words,
                "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
                "evidence": [{"sentence": s, "quote": e.quote, "url": e.url, "date": e.date, "source": e.source}
                             for s, e in self.evidence]}


@dataclass(frozen=True)
class Draft:
    """All variants for a prospect, with discovery questions, objection answers and a notice."""

    prospect_id: int
    prospect: str
    language: str
    variants: list[Variant]
    questions: list[str]
    objections: list[ObjectionAnswer]
    notice: str | None
    triggers: list[Trigger] = field(default_factory=list)
    pains: list[PainHypothesis] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape of the draft."""
        return {"prospect": self.prospect, "prospect_id": self.prospect_id, "language": self.language,
                "variants": [v.to_json() for v in self.variants], "questions": self.questions,
                "objections": [o.to_json() for o in self.objections], "notice": self.notice}


@dataclass(frozen=True)
class SavedOpener:
    """A saved opener version."""

    prospect_id: int
    version: int
    text: str
    language: str
    style: str
    seconds: float
    words: int
    saved_at: str
    evidence: list[dict[str, object]] = field(default_factory=list)


def prospect_language(db: Reader, prospect_id: int) -> str:
    """The prospect's language: their own, else their company's country, else English."""
    prospect = get_prospect(db, prospect_id)
    if prospect.language:
        return normalise_language(prospect.language)
    country = prospect.country or (get_company(db, prospect.company_id).country if prospect.company_id else "")
    return COUNTRY_LANGUAGES.get(country.upper(), "en")


def _assemble(style: str, language: str, parts: list[compose.DraftSentence | None], *, budget: float,
              pace: float, short_greeting: compose.DraftSentence | None = None,
              droppable: tuple[str, ...] = ("proof",)) -> Variant:
    """Coach the sentences; while over budget, shorten the greeting, then drop optional slots in order."""
    sentences = [p for p in parts if p is not None]
    steps: list[tuple[str, compose.DraftSentence | None]] = []
    if short_greeting is not None:
        steps.append(("greeting", short_greeting))
    steps += [(slot, None) for slot in droppable]
    while True:
        text = " ".join(s.text for s in sentences)
        evidence = [(s.text, s.evidence) for s in sentences if s.evidence is not None]
        result = coach(text, language, evidence=evidence, budget=budget, pace=pace)
        if result.seconds <= budget - DRAFT_MARGIN or not steps:
            return Variant(style, text, result.seconds, result.words, result.warnings, sentences, result)
        slot, replacement = steps.pop(0)
        if replacement is None:
            sentences = [s for s in sentences if s.slot != slot]
        else:
            sentences = [replacement if s.slot == slot else s for s in sentences]


def draft(db: Reader, prospect_id: int, *, language: str | None = None, today: date | None = None) -> Draft:
    """Draft every opener style that the evidence supports, in ``language`` (default: the prospect's).

    Without any researched fact, one honest variant is drafted and ``notice`` says which research
    would help. Raises NotFound for an unknown prospect and UserError for an unsupported language.
    """
    today = today or date.today()
    prospect = get_prospect(db, prospect_id)
    if language is not None and language not in LANGUAGES:
        raise UserError(f"Openers can be drafted in {', '.join(LANGUAGES)}, not {language!r}.")
    language = language or prospect_language(db, prospect_id)
    budget = float(get_setting(db, "opener.budget_seconds", 20.0))
    pace = float(get_setting(db, "opener.pace", 1.0))
    documents = collect_documents(db, prospect_id)
    triggers = prospect_triggers(db, prospect_id, today=today, include_dismissed=False, documents=documents)
    offering = get_offering(db)
    pains = [p for p in rank_pains(db, prospect_id, today=today, documents=documents, triggers=triggers,
                                   offering=offering) if p.status != "rejected"]
    week = next_week_number(today)
    variants: list[Variant] = []
    hello = compose.greeting(language, prospect, offering)
    brief = compose.greeting(language, prospect, offering, short=True) if offering else None
    fit = {"budget": budget, "pace": pace, "short_greeting": brief}

    lead_pain, lead_trigger = _lead(pains, triggers)
    if lead_trigger is not None:
        reason = compose.trigger_reason(language, lead_trigger, prospect)
        pain_key = lead_pain.key if lead_pain else None
        variants.append(_assemble("trigger", language, [
            hello, reason, compose.insight(language, pain_key, lead_pain, lead_trigger.type) if pain_key else None,
            compose.proof(language, pain_key, offering) if pain_key else None,
            compose.question(language, "trigger", week=week)], **fit))
    talk = compose.conversation(list_interactions(db, prospect_id))
    talk_reason, talk_pain = (compose.conversation_reason(language, talk, pains, today) if talk else (None, None))
    anchor = reason if lead_trigger is not None else talk_reason
    anchor_pain = (lead_pain.key if lead_pain else None) if lead_trigger is not None else talk_pain
    if anchor is not None and anchor_pain:
        taught = compose.taught_insight(language, anchor_pain, offering)
        insight_anchor = anchor
        if taught is None:
            # Teach on another evidenced pain the offering has an insight for, anchored in its own trigger.
            for hypothesis in pains:
                other = compose.taught_insight(language, hypothesis.key, offering)
                trigger = next((t for t in triggers if t.type in hypothesis.trigger_types), None)
                if other is not None and trigger is not None:
                    taught, insight_anchor = other, compose.trigger_reason(language, trigger, prospect)
                    break
        if taught is not None:
            variants.append(_assemble("insight", language, [hello, insight_anchor, taught,
                                      compose.question(language, "insight", week=week)], **fit))
    if talk_reason is not None:
        follow_pain = talk_pain or anchor_pain
        hypothesis = next((p for p in pains if p.key == follow_pain), None)
        variants.append(_assemble("follow_up", language, [
            compose.greeting(language, prospect, offering, again=True), talk_reason,
            compose.insight(language, follow_pain, hypothesis, lead_trigger.type if lead_trigger else None)
            if follow_pain else None,
            compose.question(language, "follow_up", week=week)], **fit, droppable=("proof", "insight")))
    if anchor is not None:
        variants.append(_assemble("permission", language, [hello, compose.permission_intro(language), anchor,
                                  compose.question(language, "permission", week=week)], **fit))
    notice = _notice(prospect.first_name, bool(triggers), talk_reason is not None, offering is not None)
    if anchor is None:
        top = pains[0].key if pains else None
        variants.append(_assemble("no_evidence", language, [
            hello, compose.no_evidence_reason(language), compose.insight(language, top, None) if top else None,
            compose.question(language, "no_evidence", week=week)], **fit))
    return Draft(prospect_id, prospect.name, language, variants, discovery_questions(pains, language),
                 objection_answers(pains, offering, language, number_source=phone_source(prospect, documents)),
                 notice, triggers, pains)


def _lead(pains: list[PainHypothesis], triggers: list[Trigger]) -> tuple[PainHypothesis | None, Trigger | None]:
    """The best pain that a live trigger supports, with that trigger; awards only as a last resort."""
    for hypothesis in pains:
        for trigger in triggers:
            if trigger.type in hypothesis.trigger_types and trigger.type != "award":
                return hypothesis, trigger
    candidates = [t for t in triggers if t.type != "award"] or triggers
    return (pains[0] if pains else None), (candidates[0] if candidates else None)


def _notice(first_name: str, has_trigger: bool, has_talk: bool, has_offering: bool) -> str | None:
    parts = []
    if not has_trigger and not has_talk:
        parts.append(f"No researched fact was found for {first_name}, so the draft names none. Research that would "
                     "help: the company site's news and careers pages (Research site), a recent press release "
                     "or job ad, or their LinkedIn profile saved as a page.")
    elif not has_trigger:
        parts.append("No trigger was found in stored pages or notes; the drafts rest on your earlier conversation. "
                     "Researching the company site's news and careers pages would help.")
    if not has_offering:
        parts.append("Describe your offering (My offering) so the opener can say who you are and use your proof.")
    return " ".join(parts) or None


def save_opener(db: Database, prospect_id: int, text: str, *, language: str, style: str,
                evidence: list[tuple[str, Evidence]] | None = None) -> SavedOpener:
    """Save a new version of the prospect's opener. Raises UserError for empty text or a bad language."""
    if not text.strip():
        raise UserError("The opener is empty; write or pick a variant before saving.")
    if language not in LANGUAGES:
        raise UserError(f"Unsupported opener language {language!r}.")
    get_prospect(db, prospect_id)
    result = coach(text, language, pace=float(get_setting(db, "opener.pace", 1.0)))
    items = [{"sentence": s, **e.to_json()} for s, e in (evidence or [])]
    with db.atomic():
        rows = list(db.query("SELECT coalesce(max(version), 0) AS v FROM saved_openers WHERE prospect_id = ?", [prospect_id]))
        version = int(rows[0]["v"]) + 1
        now = utcnow()
        db["saved_openers"].insert({
            "prospect_id": prospect_id, "version": version, "language": language, "style": style,
            "text": text.strip(), "seconds": result.seconds, "words": result.words,
            "evidence": json.dumps(items, ensure_ascii=False), "saved_at": now,
        })
    return SavedOpener(prospect_id, version, text.strip(), language, style, result.seconds, result.words, now, items)


def opener_versions(db: Reader, prospect_id: int) -> list[SavedOpener]:
    """Every saved version of the prospect's opener, newest first."""
    return [SavedOpener(row["prospect_id"], row["version"], row["text"], row["language"], row["style"], row["seconds"],
                        row["words"], row["saved_at"], json.loads(row["evidence"]))
            for row in db.query("SELECT * FROM saved_openers WHERE prospect_id = ? ORDER BY version DESC", [prospect_id])]


def saved_opener(db: Reader, prospect_id: int) -> SavedOpener | None:
    """The latest saved opener of the prospect, or None."""
    versions = opener_versions(db, prospect_id)
    return versions[0] if versions else None
