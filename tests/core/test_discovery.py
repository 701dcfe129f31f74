"""Discovery questions and objection answers, tailored by the top pain, in the prospect's language."""

from __future__ import annotations

import pytest
from evidence_samples import TODAY, add_snapshot, person

from researcher.core.discovery import OBJECTIONS
from researcher.core.lexicon import LANGUAGES
from researcher.core.offering import seed_demo_offering
from researcher.core.opener import draft
from researcher.core.pain_library import pain
from researcher.core.prospects import list_prospects


@pytest.mark.parametrize("language", LANGUAGES)
def test_questions_and_answers_in_every_language(demo_db, language: str) -> None:
    prospect = next(p for p in list_prospects(demo_db) if p.name == "Jari Kärkkäinen")
    result = draft(demo_db, prospect.id, language=language, today=TODAY)
    top = pain(result.pains[0].key)
    assert top is not None
    assert result.questions[0] == top.question[language] and len(result.questions) >= 3
    assert all(q.endswith("?") for q in result.questions)
    assert [o.key for o in result.objections] == list(OBJECTIONS)
    supplier = result.objections[0].answer
    assert top.question[language][1:] in supplier
    budget = result.objections[3].answer
    value = next(p.value[language] for p in demo_offering_pains(demo_db) if p.key == top.key)
    assert value[1:] in budget


def demo_offering_pains(db):
    from researcher.core.offering import get_offering

    offering = get_offering(db)
    assert offering is not None
    return offering.pains


def test_number_source_is_told_when_known(db) -> None:
    seed_demo_offering(db)
    prospect_id, company_id = person(db, "Ingrid Sæther", "Granlien Bygg AS", title="Daglig leder", language="nb",
                                     industry="construction")
    db.execute("UPDATE prospects SET phones = ? WHERE id = ?", ['["+47 912 34 567"]', prospect_id])
    answer = lambda: draft(db, prospect_id, today=TODAY).objections[-1].answer  # noqa: E731
    assert "sjekker nøyaktig" in answer()
    add_snapshot(db, "https://www.granlienbygg.no/kontakt", "Kontakt oss: Ingrid Sæther, daglig leder, tlf. 912 34 567.",
                 company_id=company_id, language="nb", site_name="Granlien Bygg")
    assert "jeg fant det på Granlien Bygg" in answer()


def test_without_offering_the_budget_answer_needs_no_value(db) -> None:
    prospect_id, _ = person(db, "Elin Sjöström", "Lönnberg & Ek Bygg AB", title="VD", language="sv",
                            industry="construction")
    budget = draft(db, prospect_id, today=TODAY).objections[3].answer
    assert budget == "Det är rimligt, få har budgeterat för det här. Vore det vettigt att titta på det före nästa budgetrunda?"
