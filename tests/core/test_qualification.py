"""Qualification: the three readiness criteria plus the status quo, with notes and evidence."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from researcher.core.errors import NotFound, UserError
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect, erase_prospect
from researcher.core.qualification import (
    Evidence,
    add_evidence,
    evidence_from,
    get_qualification,
    qualify,
    readiness_by_prospect,
    readiness_marks,
    readiness_summary,
    set_criterion,
)


@pytest.fixture
def prospect(db: Database) -> int:
    return add_prospect(db, "Jukka Häkkinen", company="Metsä Demo Oy", country="FI", title="Talousjohtaja")


def test_everything_is_unknown_at_first(db: Database, prospect: int) -> None:
    result = get_qualification(db, prospect)
    assert [c.state for c in result.criteria()] == ["unknown"] * 4
    assert result.summary == "Not qualified yet" and result.score == 0


def test_qualify_sets_states_and_the_status_quo_cost(db: Database, prospect: int) -> None:
    result = qualify(db, prospect, pays_off="yes", ready_now="partly", status_quo_cost="yes",
                     status_quo_cost_note="Kuukausittainen täsmäytys vie 6 henkilötyöpäivää")
    assert result.pays_off.state == "yes" and result.ready_now.state == "partly"
    assert result.able.state == "unknown"
    assert result.status_quo_cost.note == "Kuukausittainen täsmäytys vie 6 henkilötyöpäivää"
    assert result.summary == "1 of 3 met, 1 partly"
    assert result.score == pytest.approx(0.5)
    again = qualify(db, prospect, able="yes", ready_now="yes")
    assert again.summary == "Ready for a closer" and again.score == 1
    assert again.status_quo_cost.note.startswith("Kuukausittainen")


def test_a_no_says_what_is_missing() -> None:
    assert readiness_summary(["yes", "yes", "no"]) == "Not ready: not able to buy"
    assert readiness_summary(["no", "unknown", "no"]) == "Not ready: no payoff, not able to buy"


def test_evidence_from_notes_and_interactions(db: Database, prospect: int) -> None:
    note = add_note(db, "Budjetti ensi vuodelle hyväksytty hallituksessa", prospect_id=prospect,
                    source="https://metsa.example/uutiset/budjetti")
    call = log_interaction(db, prospect, "call", outcome="connected", summary="Päättää itse alle 50 k€ hankinnat")
    add_evidence(db, prospect, "able", evidence_from(db, "note", note))
    criterion = add_evidence(db, prospect, "able", evidence_from(db, "interaction", call))
    assert [e.kind for e in criterion.evidence] == ["note", "interaction"]
    assert criterion.evidence[0].url == "https://metsa.example/uutiset/budjetti"
    stored = get_qualification(db, prospect).able
    assert stored.evidence[1].quote == "Päättää itse alle 50 k€ hankinnat"
    typed = set_criterion(db, prospect, "pays_off", evidence=[Evidence("Kasvu 30 %", "https://metsa.example", "2026-10-01")])
    assert typed.evidence[0].date == "2026-10-01"


@pytest.mark.parametrize("call, message", [
    (lambda db, p: set_criterion(db, p, "pays_off", state="maybe"), "not a qualification state"),
    (lambda db, p: set_criterion(db, p, "budget", state="yes"), "not a qualification criterion"),
    (lambda db, p: set_criterion(db, p, "able", evidence=[Evidence("  ")]), "needs the quote"),
    (lambda db, p: evidence_from(db, "note", 999), "no note 999"),
    (lambda db, p: evidence_from(db, "tweet", 1), "not 'tweet'"),
])
def test_bad_input_changes_nothing(db: Database, prospect: int, call, message: str) -> None:
    with pytest.raises(UserError, match=message):
        call(db, prospect)
    assert db["qualifications"].count == 0


def test_unknown_prospect(db: Database) -> None:
    with pytest.raises(NotFound):
        get_qualification(db, 404)


def test_readiness_for_the_list_and_erasure(db: Database, prospect: int) -> None:
    other = add_prospect(db, "Lena Ek", company="Metsä Demo Oy", country="SE")
    qualify(db, prospect, pays_off="yes", ready_now="yes", able="yes")
    qualify(db, other, able="no")
    assert readiness_by_prospect(db) == {prospect: (1.0, "Ready for a closer"), other: (0.0, "Not ready: not able to buy")}
    erase_prospect(db, prospect)
    assert list(db.query("SELECT prospect_id FROM qualifications")) == [{"prospect_id": other}]


def test_readiness_marks_one_per_criterion() -> None:
    assert readiness_marks(["yes", "partly", "unknown"]) == "✓ ◐ ·"
    assert readiness_marks(["no", "yes", "yes"]) == "✗ ✓ ✓"
