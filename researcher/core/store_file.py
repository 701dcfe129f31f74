"""The store's file seen through plain sqlite3: is it a sound, current Researcher database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from researcher.core.errors import UserError
from researcher.core.migrations import MIGRATION_NAMES, MIGRATION_SET

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class DatabaseRefused(UserError):
    """The file cannot be used; it has been left exactly as it was."""


class NewerDatabase(DatabaseRefused):
    """The file was written by a newer Researcher than this one."""


def refuse_foreign_file(path: Path) -> None:
    """Raise DatabaseRefused when ``path`` is a folder or a file that is not SQLite (a missing file is fine)."""
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a Researcher database file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise DatabaseRefused(
            f"{path} is not a Researcher database (it is not an SQLite file). "
            "It has been left untouched; choose another file with --db."
        )


def read_only_connection(path: Path | str, **options: object) -> sqlite3.Connection:
    """Open a plain sqlite3 connection that cannot write to the file at ``path``."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, **options)  # type: ignore[arg-type]


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Read every page; raise DatabaseRefused when the file is damaged."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseRefused(damaged_message(path, str(error))) from error
    if result is None or result[0] != "ok":
        raise DatabaseRefused(damaged_message(path, result[0] if result else "no answer"))


def quick_check_file(path: Path) -> str | None:
    """Check every page of the file at ``path`` read-only; return the refusal message, or None if sound."""
    conn = read_only_connection(path)
    try:
        check_integrity(conn, path)
    except DatabaseRefused as error:
        return str(error)
    finally:
        conn.close()
    return None


def is_current(path: Path) -> bool:
    """True when ``path`` is a store with exactly this version's migrations applied, so it can be
    read before the store is opened; False for anything else (missing, foreign, older, newer, unreadable)."""
    try:
        refuse_foreign_file(path)
        if not path.is_file():
            return False
        conn = read_only_connection(path)
        try:
            names = [row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]
        finally:
            conn.close()
    except (DatabaseRefused, sqlite3.Error, OSError):
        return False
    return sorted(names) == sorted(MIGRATION_NAMES)


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"The database {path} is damaged ({detail}). It has been left untouched so nothing more "
        "is lost; restore a backup (files named *.backup-*.sqlite beside it) or open another file."
    )
