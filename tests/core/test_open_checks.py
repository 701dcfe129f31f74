"""Opening without the full page check, and the separate check that the app runs in the background."""

from __future__ import annotations

from pathlib import Path

import pytest

from researcher.core.db import DatabaseRefused, open_database
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect
from researcher.core.store_file import quick_check_file

PAGE = 4096


def damage_the_last_pages(db_path: Path, pages: int = 8) -> bytes:
    """Overwrite the tail of the file (where the most recent notes live) with garbage."""
    raw = bytearray(db_path.read_bytes())
    for offset in range(len(raw) - PAGE * pages, len(raw)):
        raw[offset] = 0x5A
    db_path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.fixture
def tail_damaged(db, db_path: Path) -> bytes:
    person = add_prospect(db, "Liisa Hämäläinen", company="Saimaan Puu Oy")
    with db.atomic():
        for number in range(300):
            add_note(db, f"Muistiinpano {number}: " + "järvi ja metsä " * 40, prospect_id=person)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return damage_the_last_pages(db_path)


def test_a_sound_file_passes_the_check(db, db_path) -> None:
    add_prospect(db, "Åke Nyström", company="Norrland Data AB")
    assert quick_check_file(db_path) is None


def test_damage_deep_in_the_file_is_found_by_the_check_not_by_the_quick_open(tail_damaged, db_path) -> None:
    db = open_database(db_path, verify=False)
    assert db.execute("SELECT name FROM prospects").fetchone()[0] == "Liisa Hämäläinen"
    db.close()
    message = quick_check_file(db_path)
    assert message is not None and "is damaged" in message and "left untouched" in message
    with pytest.raises(DatabaseRefused, match="damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == tail_damaged


def test_a_damaged_schema_is_refused_even_by_the_quick_open(db, db_path) -> None:
    db.close()
    raw = bytearray(db_path.read_bytes())
    raw[100:PAGE] = b"\xa5" * (PAGE - 100)  # the schema page, after the file header
    db_path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseRefused, match="damaged"):
        open_database(db_path, verify=False)
    assert db_path.read_bytes() == bytes(raw)
