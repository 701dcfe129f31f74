"""Looking at a store file before opening it: only a sound store of this very version counts as current."""

from __future__ import annotations

import sqlite3

from researcher.core.db import open_database
from researcher.core.migrations import MIGRATION_NAMES
from researcher.core.prospects import add_prospect
from researcher.core.store_file import is_current, read_only_connection


def test_a_store_written_by_this_version_is_current(db, db_path) -> None:
    add_prospect(db, "Sæbjørn Østergaard", company="Bøgely Revision A/S")
    db.close()
    assert not db_path.with_name(db_path.name + "-wal").exists()  # a cleanly closed WAL store
    assert is_current(db_path)
    conn = read_only_connection(db_path)
    try:
        assert conn.execute("SELECT name FROM prospects").fetchone()[0] == "Sæbjørn Østergaard"
    finally:
        conn.close()


def test_missing_foreign_and_folder_paths_are_not_current(tmp_path) -> None:
    assert not is_current(tmp_path / "ei-ole.sqlite")
    assert not is_current(tmp_path)
    text = tmp_path / "muistio.sqlite"
    text.write_text("Hyvää päivää, tämä ei ole tietokanta.\n", encoding="utf-8")
    assert not is_current(text)


def test_older_and_newer_stores_are_not_current(db_path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [MIGRATION_NAMES[-1]])
    assert not is_current(db_path)  # an older store is upgraded (with a backup) before any window
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                     ["researcher", MIGRATION_NAMES[-1], "2026-12-01T09:00:00"])
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                     ["researcher", "9999_future", "2030-01-01T00:00:00"])
    conn.close()
    assert not is_current(db_path)  # a newer store is refused with its reason before any window


def test_a_file_with_a_damaged_schema_is_not_current_and_is_left_untouched(db_path) -> None:
    open_database(db_path).close()
    raw = bytearray(db_path.read_bytes())
    raw[100:4096] = b"\x5a" * (4096 - 100)  # the first page holds the schema
    db_path.write_bytes(bytes(raw))
    assert not is_current(db_path)
    assert db_path.read_bytes() == bytes(raw)


def test_looking_writes_nothing(db_path) -> None:
    open_database(db_path).close()
    before = db_path.read_bytes()
    assert is_current(db_path)
    assert db_path.read_bytes() == before
