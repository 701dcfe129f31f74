"""Build the sentences of an opener: greeting, a reason anchored in evidence, insight, proof, question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from researcher.core.models import Interaction, Prospect
from researcher.core.offering import Offering
from researcher.core.opener_templates import capitalised, fill, role_forms, templates, when_phrase
from researcher.core.pain_library import pain
from researcher.core.evidence import Evidence
from researcher.core.pains import PainHypothesis
from researcher.core.roles import recognise_role
from researcher.core.triggers import Trigger

CONVERSATIONS = ("connected", "held", "replied", "meeting_booked", "call_back_later")


@dataclass(frozen=True)
class DraftSentence:
    """One sentence of a drafted opener: its slot, its text, and the evidence it rests on."""

    slot: str
    text: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Anchor:
    """A researched fact the reason for the call can rest on."""

    kind: str  # 'trigger' or 'conversation'
    sentence: DraftSentence
    trigger_type: str | None = None


def greeting(language: str, prospect: Prospect, offering: Offering | None, *, again: bool = False,
             short: bool = False) -> DraftSentence:
    """'Hi Minna, it's Anni Koskela from Kaarnatieto.' — Finnish uses the rep-confirmed elative or a head noun."""
    data = templates(language)["greeting"]
    if offering is None:
        return DraftSentence("greeting", f"{data['cold'].split(',')[0].format(first_name=prospect.first_name)}.")
    key = "short" if short else "again" if again else "cold"
    elative = offering.company_from.get(language, "")
    if language == "fi" and not elative:
        key += "_plain"
    text = fill(data[key], first_name=prospect.first_name, rep_name=offering.rep_name,
                company=offering.company, company_from=elative)
    return DraftSentence("greeting", text)


def _about_prospect(trigger: Trigger, prospect: Prospect) -> bool:
    parts = [p for p in prospect.name.split() if len(p) > 2]
    quote = trigger.quote.lower()
    if any(p.lower() in quote for p in parts):
        return True
    role = trigger.detail.get("role")
    return bool(role) and role == recognise_role(prospect.title)


def trigger_reason(language: str, trigger: Trigger, prospect: Prospect) -> DraftSentence:
    """The reason for the call, naming the trigger, with the trigger's quote as evidence."""
    reasons = templates(language)["reason"]
    fields: dict[str, object] = {}
    key = trigger.type
    if trigger.type == "hiring" and trigger.count:
        key = "hiring_count" if trigger.count > 1 else "hiring_count_one"
        fields["count"] = trigger.count
    elif trigger.type == "new_leader" and trigger.detail.get("role"):
        forms = role_forms(language, trigger.detail["role"])
        if forms["name"]:
            key = "new_leader_you" if _about_prospect(trigger, prospect) else "new_leader_role"
            fields.update(role=forms["name"], role_as=forms["as"])
    elif trigger.type == "regulation":
        fields["regulation"] = trigger.detail.get("regulation", "NIS2")
    evidence = Evidence(trigger.quote, trigger.url, trigger.date, trigger.source_title)
    return DraftSentence("reason", fill(reasons[key], **fields), evidence)


def conversation(interactions: list[Interaction]) -> Interaction | None:
    """The latest interaction in which the buyer actually spoke or wrote back."""
    for item in interactions:
        if item.outcome in CONVERSATIONS or item.direction == "inbound":
            return item
    return None


def conversation_reason(language: str, item: Interaction, pains: list[PainHypothesis], today: date) -> tuple[DraftSentence, str | None]:
    """'When we spoke in May, you mentioned that …' (with the pain it names), or 'We last spoke in May.'"""
    data = templates(language)["follow_up"]
    when = when_phrase(language, date.fromisoformat(item.occurred_at[:10]), today)
    evidence = Evidence(" ".join(item.summary.split())[:320] or item.kind, None, item.occurred_at[:10],
                        f"{item.kind.capitalize()} {item.occurred_at[:10]}")
    said = f"{item.summary} {item.next_step}"
    for hypothesis in pains:
        entry = pain(hypothesis.key)
        if hypothesis.status == "rejected" or entry is None or entry.keywords is None:
            continue
        if entry.keywords.search(said):
            key = "met" if item.kind == "meeting" else "wrote" if item.kind in ("email", "linkedin") else "spoke"
            text = fill(data[key], when=when, When=capitalised(when), mention=entry.mention[language])
            return DraftSentence("reason", text, evidence), hypothesis.key
    return DraftSentence("reason", fill(data["last_spoke"], when=when), evidence), None


def insight(language: str, pain_key: str, hypothesis: PainHypothesis | None,
            trigger_type: str | None = None) -> DraftSentence | None:
    """The pain library's hedged hypothesis for this pain, in the buyer's terms (worded for the trigger)."""
    entry = pain(pain_key)
    text = entry.insight_text(language, trigger_type) if entry else ""
    if not text:
        return None
    backing = next((e for e in hypothesis.evidence if e.url or e.date), None) if hypothesis else None
    return DraftSentence("insight", text, backing)


def taught_insight(language: str, pain_key: str, offering: Offering | None) -> DraftSentence | None:
    """An insight from the rep's offering worth teaching a buyer with this pain."""
    found = offering.insight_for(pain_key, language) if offering else None
    return DraftSentence("insight", found.text[language]) if found else None


def proof(language: str, pain_key: str, offering: Offering | None) -> DraftSentence | None:
    """One similar customer and one number, from the rep's offering."""
    found = offering.proof_for(pain_key, language) if offering else None
    if found is None:
        return None
    return DraftSentence("proof", found.text[language], Evidence(found.text[language], None, None,
                                                                 f"My offering: {found.customer}"))


def question(language: str, style: str, *, week: int) -> DraftSentence:
    """The one closing question that hands control to the buyer."""
    return DraftSentence("question", fill(templates(language)["question"][style], week=week))


def permission_intro(language: str) -> DraftSentence:
    """'I'll be honest: this is a cold call.'"""
    return DraftSentence("permission", templates(language)["permission"]["intro"])


def no_evidence_reason(language: str) -> DraftSentence:
    """A reason that claims nothing about the prospect (used only when no fact was found)."""
    return DraftSentence("reason", templates(language)["reason"]["no_evidence"])
