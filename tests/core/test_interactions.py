"""The interaction log and the timeline: validation, corrections, follow-up bookkeeping, ordering."""

from __future__ import annotations

import pytest

from researcher.core.errors import NotFound, UserError
from researcher.core.interactions import (delete_interaction, get_interaction, list_interactions, log_interaction,
                                          timeline, update_interaction)
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect, get_prospect


@pytest.fixture
def person(db):
    return add_prospect(db, "Elin Sjöström", company="Lönnberg & Ek Bygg AB", country="SE")


def test_log_every_kind_with_all_fields(db, person) -> None:
    for kind in ("call", "email", "meeting", "linkedin", "other"):
        log_interaction(db, person, kind, occurred_at="2026-11-02T10:00")
    call = log_interaction(db, person, "call", occurred_at="2026-11-20T14:30+01:00", direction="inbound",
                           outcome="Call back later", summary="Ringde tillbaka om offerten.",
                           next_step="Skicka referens", follow_up="2026-12-01")
    stored = list_interactions(db, person)[0]
    assert stored.id == call
    assert (stored.kind, stored.direction, stored.outcome, stored.follow_up) == (
        "call", "inbound", "call_back_later", "2026-12-01")
    assert stored.occurred_at == "2026-11-20T14:30:00+01:00"
    assert len(list_interactions(db, person)) == 6


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "fax"}, "Kind 'fax'"),
    ({"kind": "call", "direction": "sideways"}, "Direction"),
    ({"kind": "call", "outcome": "maybe"}, "Outcome 'maybe'"),
    ({"kind": "call", "follow_up": "31.12.2026"}, "is not a date"),
    ({"kind": "call", "occurred_at": "igår"}, "is not a date and time"),
])
def test_bad_interactions_are_refused_and_nothing_changes(db, person, kwargs, message) -> None:
    with pytest.raises(UserError, match=message):
        log_interaction(db, person, **kwargs)
    assert db["interactions"].count == 0
    assert get_prospect(db, person).last_interaction_at is None


def test_unknown_prospect_is_refused(db) -> None:
    with pytest.raises(NotFound):
        log_interaction(db, 777, "call")


def test_last_interaction_and_follow_up_follow_the_log(db, person) -> None:
    first = log_interaction(db, person, "call", occurred_at="2026-11-01T09:00", follow_up="2026-11-15")
    log_interaction(db, person, "email", occurred_at="2026-11-10T09:00")
    prospect = get_prospect(db, person)
    assert prospect.last_interaction_at == "2026-11-10T09:00:00+00:00"
    assert prospect.next_follow_up == "2026-11-15"
    latest = log_interaction(db, person, "meeting", occurred_at="2026-11-12T09:00", follow_up="2026-12-05")
    assert get_prospect(db, person).next_follow_up == "2026-12-05"
    delete_interaction(db, latest)
    assert get_prospect(db, person).next_follow_up == "2026-11-15"
    delete_interaction(db, first)
    assert get_prospect(db, person).next_follow_up is None
    with pytest.raises(NotFound):
        delete_interaction(db, first)


def test_update_corrects_every_field_and_keeps_what_is_left_out(db, person) -> None:
    logged = log_interaction(db, person, "call", occurred_at="2026-11-20T14:30+01:00", outcome="no_answer",
                             summary="Ringde om offerten, fick inget svar.", next_step="Ring igen",
                             follow_up="2026-11-27")
    update_interaction(db, logged, summary="  Ringde om offerten; Åsa svarade i växeln.  ")
    kept = get_interaction(db, logged)
    assert kept.summary == "Ringde om offerten; Åsa svarade i växeln."
    assert (kept.kind, kept.outcome, kept.next_step, kept.follow_up, kept.occurred_at) == (
        "call", "no_answer", "Ring igen", "2026-11-27", "2026-11-20T14:30:00+01:00")
    update_interaction(db, logged, kind="meeting", occurred_at="2026-11-21T09:15", direction="inbound",
                       outcome="Meeting booked", next_step="Skicka förslag till Jönköping", follow_up="2026-12-04")
    changed = get_interaction(db, logged)
    assert (changed.kind, changed.direction, changed.outcome, changed.next_step, changed.follow_up) == (
        "meeting", "inbound", "meeting_booked", "Skicka förslag till Jönköping", "2026-12-04")
    assert changed.occurred_at == "2026-11-21T09:15:00+00:00"
    assert get_prospect(db, person).last_interaction_at == "2026-11-21T09:15:00+00:00"
    assert len(list(db["interactions"].search("jonkoping"))) == 1
    update_interaction(db, logged, outcome="")
    assert get_interaction(db, logged).outcome == ""


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "fax"}, "Kind 'fax'"),
    ({"direction": "sideways"}, "Direction"),
    ({"outcome": "kanske"}, "Outcome 'kanske'"),
    ({"follow_up": "31.12.2026", "summary": "Ändrad"}, "is not a date"),
    ({"occurred_at": "i förrgår", "summary": "Ändrad"}, "is not a date and time"),
])
def test_bad_corrections_are_refused_and_the_interaction_stays_as_it_was(db, person, kwargs, message) -> None:
    logged = log_interaction(db, person, "email", occurred_at="2026-11-10T08:00", summary="Skickade broschyren.",
                             follow_up="2026-11-17")
    before = get_interaction(db, logged), get_prospect(db, person)
    with pytest.raises(UserError, match=message):
        update_interaction(db, logged, **kwargs)
    assert (get_interaction(db, logged), get_prospect(db, person)) == before


def test_correcting_the_follow_up_moves_the_prospects_next_follow_up(db, person) -> None:
    older = log_interaction(db, person, "call", occurred_at="2026-11-01T09:00", follow_up="2026-11-15")
    latest = log_interaction(db, person, "email", occurred_at="2026-11-10T09:00", follow_up="2026-11-24")
    assert get_prospect(db, person).next_follow_up == "2026-11-24"
    update_interaction(db, latest, follow_up="2026-12-08")
    assert get_prospect(db, person).next_follow_up == "2026-12-08"
    update_interaction(db, latest, follow_up=None)
    assert get_interaction(db, latest).follow_up is None
    assert get_prospect(db, person).next_follow_up == "2026-11-15"
    update_interaction(db, older, follow_up="")
    assert get_prospect(db, person).next_follow_up is None
    update_interaction(db, older, occurred_at="2026-11-12T10:00")
    assert get_prospect(db, person).last_interaction_at == "2026-11-12T10:00:00+00:00"


def test_an_unknown_interaction_is_not_found(db, person) -> None:
    with pytest.raises(NotFound, match="no interaction with id 4242"):
        get_interaction(db, 4242)
    with pytest.raises(NotFound):
        update_interaction(db, 4242, summary="Hälsade på Örjan")
    assert db["interactions"].count == 0


def test_timeline_mixes_interactions_and_notes_newest_first(db, person) -> None:
    company = get_prospect(db, person).company_id
    add_note(db, "Nytt kontor i Uppsala", company_id=company, created_at="2026-09-01T08:00")
    log_interaction(db, person, "call", occurred_at="2026-11-01T09:00", outcome="no_answer")
    add_note(db, "Träffades på mässan", prospect_id=person, source="Nordbygg", created_at="2026-10-01T12:00")
    log_interaction(db, person, "linkedin", occurred_at="2026-11-05T18:00", summary="Kontaktförfrågan")
    entries = timeline(db, person)
    assert [(e.kind, e.title) for e in entries] == [
        ("linkedin", "LinkedIn message"), ("call", "Call · no answer"), ("note", "Note"),
        ("note", "Note on Lönnberg & Ek Bygg AB")]
    assert entries[2].details == {"source": "Nordbygg"}
    assert entries[1].details == {"direction": "outbound", "outcome": "no_answer"}


def test_interactions_are_searchable(db, person) -> None:
    log_interaction(db, person, "call", summary="Pratade om värmepumpar", next_step="Boka möte i Göteborg")
    assert len(list(db["interactions"].search("goteborg"))) == 1
    assert len(list(db["interactions"].search("värmepumpar"))) == 1
