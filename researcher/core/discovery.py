"""Discovery questions and answers to likely objections, tailored by the top pains, in the prospect's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from researcher.core.documents import Document
from researcher.core.models import Prospect
from researcher.core.offering import Offering
from researcher.core.opener_templates import fill, templates
from researcher.core.pain_library import pain
from researcher.core.pains import PainHypothesis

OBJECTIONS = ("happy_with_supplier", "not_interested", "send_email", "no_budget", "call_later", "who_gave_number")


@dataclass(frozen=True)
class ObjectionAnswer:
    """A likely reply from the buyer and a prepared answer."""

    key: str
    objection: str
    answer: str

    def to_json(self) -> dict[str, str]:
        """The CLI/JSON shape: objection and answer."""
        return {"objection": self.objection, "answer": self.answer}


def _live(pains: list[PainHypothesis]) -> list[PainHypothesis]:
    return [p for p in pains if p.status != "rejected"]


def discovery_questions(pains: list[PainHypothesis], language: str, *, limit: int = 5) -> list[str]:
    """Buyer-led questions: one per top pain, then the general ones, without repeats."""
    questions: list[str] = []
    for hypothesis in _live(pains)[:3]:
        entry = pain(hypothesis.key)
        if entry is not None and entry.question.get(language):
            questions.append(entry.question[language])
    questions += list(templates(language)["discovery"]["general"])
    return list(dict.fromkeys(questions))[:limit]


def phone_source(prospect: Prospect, documents: list[Document]) -> str | None:
    """Where the prospect's phone number appears in stored pages or notes (site or source name)."""
    for phone in prospect.phones:
        digits = re.sub(r"\D", "", phone)[-8:]
        if len(digits) < 6:
            continue
        for document in documents:
            if document.kind == "interaction":
                continue
            if digits in re.sub(r"\D", "", document.text):
                return document.site_name or document.url or document.title or None
    return None


def _inline(sentence: str) -> str:
    """A sentence continued after a colon: first letter lower-case unless it starts an acronym."""
    return sentence[:1].lower() + sentence[1:] if sentence[1:2].islower() else sentence


def objection_answers(pains: list[PainHypothesis], offering: Offering | None, language: str,
                      *, number_source: str | None = None) -> list[ObjectionAnswer]:
    """Answers to the six usual replies, using the top pain's question and the offering's value for it."""
    data = templates(language)["objections"]
    top = next(iter(_live(pains)), None)
    entry = pain(top.key) if top else None
    general = templates(language)["discovery"]["general"][0]
    question = entry.question.get(language, general) if entry else general
    value = ""
    if offering is not None and top is not None:
        value = next((p.value.get(language, "") for p in offering.pains if p.key == top.key), "")
    answers = []
    for key in OBJECTIONS:
        item = data[key]
        if key == "no_budget" and not value:
            text = item["answer_no_value"]
        elif key == "who_gave_number" and not number_source:
            text = item["answer_unknown"]
        else:
            text = fill(item["answer"], question=_inline(question), value=_inline(value), source=number_source or "")
        answers.append(ObjectionAnswer(key, item["objection"], text))
    return answers
