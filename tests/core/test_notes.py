"""Notes on a prospect or a company: text, date, source; searchable; edited and deleted safely."""

from __future__ import annotations

import pytest

from researcher.core.errors import NotFound, UserError
from researcher.core.notes import add_note, delete_note, get_note, list_notes, update_note
from researcher.core.prospects import add_prospect, get_prospect


@pytest.fixture
def person(db):
    return add_prospect(db, "Minna Väisänen", company="Routakivi Oy", country="FI")


def test_note_on_a_prospect_keeps_text_source_and_date(db, person) -> None:
    note_id = add_note(db, "  Talousjohtaja aloitti **lokakuussa**.  ", prospect_id=person,
                       source="Kauppalehti", created_at="2026-10-14")
    note = get_note(db, note_id)
    assert (note.body, note.source, note.prospect_id) == ("Talousjohtaja aloitti **lokakuussa**.", "Kauppalehti", person)
    assert note.created_at == "2026-10-14T00:00:00+00:00"


def test_notes_of_prospect_and_company_newest_first(db, person) -> None:
    company = get_prospect(db, person).company_id
    old = add_note(db, "Vanha", prospect_id=person, created_at="2026-01-01T10:00")
    new = add_note(db, "Uusi", company_id=company, created_at="2026-06-01T10:00")
    assert [n.id for n in list_notes(db, prospect_id=person, company_id=company)] == [new, old]
    assert [n.id for n in list_notes(db, prospect_id=person)] == [old]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"body": "   ", "prospect_id": 1}, "needs some text"),
    ({"body": "Teksti"}, "belongs to a prospect or a company"),
    ({"body": "Teksti", "prospect_id": 1, "created_at": "eilen"}, "is not a date"),
])
def test_bad_notes_are_refused(db, person, kwargs, message) -> None:
    with pytest.raises(UserError, match=message):
        add_note(db, **kwargs)
    assert db["notes"].count == 0


def test_notes_are_found_by_full_text_search_without_diacritics_or_stemming(db, person) -> None:
    add_note(db, "Tehdas laajenee Kokkolaan ja Hämeenlinnaan", prospect_id=person)
    assert len(list(db["notes"].search("hameenlinnaan"))) == 1
    assert len(list(db["notes"].search("Hämeenlinnaan"))) == 1
    assert list(db["notes"].search("laajen")) == []  # no stemmer: whole words only


def test_update_and_delete_note_keep_the_index_in_step(db, person) -> None:
    note_id = add_note(db, "Kilpailija on Paroc", prospect_id=person)
    update_note(db, note_id, body="Kilpailija on Isover", source="puhelu")
    assert get_note(db, note_id).source == "puhelu"
    assert list(db["notes"].search("paroc")) == []
    assert len(list(db["notes"].search("isover"))) == 1
    with pytest.raises(UserError):
        update_note(db, note_id, body=" ")
    assert get_note(db, note_id).body == "Kilpailija on Isover"
    delete_note(db, note_id)
    assert list(db["notes"].search("isover")) == []
    with pytest.raises(NotFound):
        get_note(db, note_id)
    with pytest.raises(NotFound):
        delete_note(db, note_id)
