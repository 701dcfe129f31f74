"""The store: migrations, pragmas, refusals of foreign, damaged and newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from researcher.core.db import DatabaseRefused, NewerDatabase, open_database
from researcher.core.migrations import MIGRATION_SET


def test_open_creates_schema_with_safe_pragmas(db) -> None:
    assert {"companies", "prospects", "notes", "interactions", "settings"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reopen_applies_nothing_twice(db_path: Path) -> None:
    open_database(db_path).close()
    db = open_database(db_path)
    names = [row["name"] for row in db["_sqlite_migrations"].rows]
    assert len(names) == len(set(names))
    db.close()


def test_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    content = "Tämä ei ole tietokanta – det här är ingen databas.\n".encode() * 50
    path.write_bytes(content)
    with pytest.raises(DatabaseRefused, match="not a Researcher database"):
        open_database(path)
    assert path.read_bytes() == content
    assert not Path(str(path) + "-wal").exists()


def test_damaged_database_is_refused_and_untouched(db_path: Path) -> None:
    db = open_database(db_path)
    with db.atomic():
        company = db["companies"].insert({"name": "Ærø Fisk", "created_at": "", "updated_at": ""}).last_pk
        for index in range(400):
            db["notes"].insert({"company_id": company, "body": f"Notat {index} " + "æøå " * 200,
                                "source": "", "created_at": "", "updated_at": ""})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    raw = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(raw), page * 40)):
        raw[offset] = 0xA5
    db_path.write_bytes(bytes(raw))
    damaged = db_path.read_bytes()
    with pytest.raises(DatabaseRefused, match="damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == damaged


def test_database_from_newer_version_is_refused_and_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="folder"):
        open_database(tmp_path)
