"""Reading a current store through plain sqlite3 gives what the store opened for writing gives, and cannot write."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from researcher.core.briefing import build_briefing
from researcher.core.call_list import build_call_list
from researcher.core.prospects import resolve_prospect
from researcher.core.store_reader import StoreReader

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def reader(demo_db):
    demo_db.conn.commit()
    store_reader = StoreReader(demo_db_path(demo_db))
    yield store_reader
    store_reader.close()


def demo_db_path(db) -> Path:
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


def test_it_answers_queries_like_the_database(demo_db, reader) -> None:
    sql = "SELECT id, name, phones FROM prospects WHERE name LIKE ? ORDER BY id"
    assert list(reader.query(sql, ["%ø%"])) == list(demo_db.query(sql, ["%ø%"]))
    count = "SELECT count(*) AS n FROM notes"
    assert list(reader.query(count)) == list(demo_db.query(count))
    assert reader.execute("SELECT name FROM prospects WHERE id = :id", {"id": 1}).fetchone()[0] == "Minna Väisänen"
    assert sorted(reader.table_names()) == sorted(demo_db.table_names())
    assert sorted(reader.view_names()) == sorted(demo_db.view_names())
    assert resolve_prospect(reader, "ingrid sæther").name == "Ingrid Sæther"


def test_every_demo_briefing_reads_the_same_through_it(demo_db, reader) -> None:
    ids = [row["id"] for row in demo_db.query("SELECT id FROM prospects ORDER BY id")]
    for prospect_id in ids:
        through_reader = build_briefing(reader, prospect_id, now=NOW)
        assert through_reader.unavailable == (), through_reader.unavailable  # no area tried to write
        assert through_reader == build_briefing(demo_db, prospect_id, now=NOW)
    day = NOW.date()
    assert build_call_list(reader, day=day, now=NOW).queue() == build_call_list(demo_db, day=day, now=NOW).queue()


def test_it_cannot_change_the_file(demo_db, reader) -> None:
    path = demo_db_path(demo_db)
    demo_db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM prospects")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("UPDATE prospects SET name = 'Åsa Öberg'")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
