"""Open the one SQLite store safely: pragmas, integrity guards, backups and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from researcher.core.errors import UserError
from researcher.core.migrations import MIGRATION_NAMES, MIGRATION_SET, STEPS
from researcher.core.store_file import (BUSY_TIMEOUT_MS, DatabaseRefused, NewerDatabase, check_integrity,
                                        damaged_message, refuse_foreign_file)

migrations = Migrations(MIGRATION_SET)
for _name, _step in STEPS:
    migrations(name=_name)(_step)


class Store(Database):
    """A Database whose write transactions take the write lock at BEGIN.

    With a deferred BEGIN, FTS5 reads its config table first; the later upgrade to a write
    lock then fails at once with "database is locked" while another process writes, because
    SQLite cannot wait on a busy lock for a transaction that already reads.
    """

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def open_database(path: Path | str, *, backup_before_migrating: bool = True, verify: bool = True) -> Database:
    """Open (creating if needed) the store at ``path`` with migrations applied.

    Raises DatabaseRefused when the file is not a SQLite database or is damaged, and
    NewerDatabase when a newer version wrote it; in both cases the file is not touched.
    ``verify=False`` skips the full page check (which reads the whole file) and only reads
    the schema; the caller must then run quick_check_file() itself, e.g. in the background.
    """
    path = Path(path)
    refuse_foreign_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level="IMMEDIATE")
    try:
        if verify:
            check_integrity(conn, path)
        else:
            _check_schema(conn, path)
        db = Store(conn, execute_plugins=False)
        _refuse_newer(db, path)
        _configure(db)
        if backup_before_migrating and migrations.pending(db) and migrations.applied(db):
            backup_database(db, backup_path(path, "before-upgrade"))
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        conn.close()
        if type(error) is not sqlite3.DatabaseError:  # e.g. "locked" is an OperationalError, not damage
            raise
        raise DatabaseRefused(damaged_message(path, str(error))) from error
    except BaseException:
        conn.close()
        raise
    return db


def memory_database() -> Database:
    """Return an in-memory store with every migration applied (for tests and scratch work)."""
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseRefused(damaged_message(path, str(error))) from error


def _refuse_newer(db: Database, path: Path) -> None:
    unknown = [m.name for m in migrations.applied(db) if m.name not in MIGRATION_NAMES]
    if unknown:
        raise NewerDatabase(
            f"The database {path} was created by a newer version of Researcher "
            f"(it has the upgrade {unknown[-1]!r}, which this version does not know). "
            "Install the newer Researcher to open it; the file has been left untouched."
        )


def _configure(db: Database) -> None:
    # WAL keeps readers and the one writer apart; FULL makes every acknowledged commit
    # survive a power cut, and the app's writes are human-paced, so the cost is negligible.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Erased personal data must not linger in free pages of the file.
    db.execute("PRAGMA secure_delete=ON")


def backup_path(path: Path, reason: str) -> Path:
    """Return a timestamped backup file name beside ``path``."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.backup-{stamp}-{reason}.sqlite")


def backup_database(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` with SQLite's backup API and verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserError(f"The backup {target} could not be verified.")
    finally:
        copy.close()
    return target


__all__ = [
    "MIGRATION_SET",
    "DatabaseRefused",
    "NewerDatabase",
    "Store",
    "backup_database",
    "backup_path",
    "memory_database",
    "open_database",
]
