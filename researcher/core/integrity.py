"""A full health check of the store: SQLite integrity, foreign keys and full-text indexes."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def check_database(db: Database) -> list[str]:
    """Return a list of problems found (empty when the database is healthy)."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    problems += [
        f"Row {row[1]} of {row[0]} refers to a missing {row[2]} record."
        for row in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING FTS5%'"
    ).fetchall():
        try:
            db.execute(f"INSERT INTO [{name}]([{name}], rank) VALUES('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            problems.append(f"The search index {name} is out of step: {error}")
    return problems
