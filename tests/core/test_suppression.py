"""Objected — never contact: hashes only, everything else erased, the person never comes back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.dnc import check_phone, check_prospect
from researcher.core.errors import NotFound
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect
from researcher.core.suppression import (
    Suppressor,
    identifiers,
    is_suppressed,
    normalise_email,
    normalise_linkedin,
    object_prospect,
    suppression_count,
)


def _person(db: Database) -> int:
    prospect_id = add_prospect(
        db, "Sigrid Ødegård", company="Havbruk Demo AS", country="NO", email="Sigrid.Odegard@havbruk.example",
        phones=["912 34 567"], linkedin="https://www.linkedin.com/in/sigrid-odegard/?trk=x", title="Driftssjef",
    )
    add_note(db, "Sigrid nevnte anbudet på fôrsystemer", prospect_id=prospect_id, source="telefon")
    log_interaction(db, prospect_id, "call", outcome="not_interested", summary="Ønsker ikke å bli kontaktet igjen")
    return prospect_id


def test_normalisers() -> None:
    assert normalise_email("  Sigrid.Odegard@HAVBRUK.example ") == "sigrid.odegard@havbruk.example"
    assert normalise_email("not-an-address") is None
    assert normalise_linkedin("linkedin.com/in/Sigrid-Odegard") == "linkedin.com/in/sigrid-odegard"
    assert normalise_linkedin("https://no.linkedin.com/in/sigrid-odegard/?originalSubdomain=no") == \
        "linkedin.com/in/sigrid-odegard"
    assert normalise_linkedin("https://example.com/in/sigrid") is None
    assert ("name_company", "sigrid ødegård\x1fhavbruk demo as") in identifiers(
        name="Sigrid  ØDEGÅRD", company="Havbruk Demo AS")


def test_object_erases_everything_but_hashes(db: Database, db_path: Path) -> None:
    prospect_id = _person(db)
    stored = object_prospect(db, prospect_id)
    assert stored == 4
    assert suppression_count(db) == 1
    with pytest.raises(NotFound):
        check_prospect(db, prospect_id)
    for table in ("prospects", "notes", "interactions", "notes_fts", "interactions_fts"):
        assert db[table].count == 0, table
    db.conn.commit()
    raw = sqlite3.connect(db_path)
    dump = "\n".join(raw.iterdump())
    raw.close()
    for trace in ("Sigrid", "Ødegård", "sigrid", "havbruk.example", "4791234567", "fôrsystemer"):
        assert trace not in dump, trace
    kinds = sorted(row["kind"] for row in db.query("SELECT kind FROM suppressions"))
    assert kinds == ["email", "linkedin", "name_company", "phone"]


def test_objected_identifiers_match_again(db: Database) -> None:
    object_prospect(db, _person(db))
    assert is_suppressed(db, identifiers(email="SIGRID.ODEGARD@havbruk.example"))
    assert is_suppressed(db, identifiers(phones=["+47 912 34 567"]))
    assert is_suppressed(db, identifiers(name="Sigrid Ødegård", company="havbruk demo as"))
    assert not is_suppressed(db, identifiers(name="Sigrid Ødegård", company="Annet Firma AS"))
    suppressor = Suppressor(db)
    assert suppressor and suppressor.matches(identifiers(linkedin="linkedin.com/in/sigrid-odegard"))
    assert not suppressor.matches(identifiers(email="kari@havbruk.example"))
    phone = check_phone(db, "0047 91234567")
    assert phone.objected and phone.blocked


def test_a_person_added_again_by_hand_shows_as_objected(db: Database) -> None:
    object_prospect(db, _person(db))
    again = add_prospect(db, "Sigrid Ødegård", company="Havbruk Demo AS", country="NO")
    result = check_prospect(db, again)
    assert result.objected and result.blocked


def test_nothing_suppressed_on_a_fresh_store(db: Database) -> None:
    assert not is_suppressed(db, identifiers(email="a@b.example"))
    assert not Suppressor(db)
    assert suppression_count(db) == 0
