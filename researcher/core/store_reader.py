"""The store read through plain sqlite3, for work that only reads: no sqlite-utils to load, no writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from researcher.core.store_file import read_only_connection

Parameters = Sequence[Any] | dict[str, Any] | None


class Reader(Protocol):
    """What reading the store asks of it; the store opened for writing (sqlite-utils' Database) has it too."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def query(self, sql: str, params: Parameters = None) -> Iterator[dict[str, Any]]: ...

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor: ...

    def table_names(self) -> list[str]: ...

    def view_names(self) -> list[str]: ...


class StoreReader:
    """A read-only connection to a current store file, answering like the Database that writes it.

    It skips the full page check that opening for writing runs (it reads the whole file); a
    damaged page it reads raises sqlite3.DatabaseError, which the caller reports as damage.
    """

    def __init__(self, path: Path) -> None:
        self.conn = read_only_connection(path)

    def query(self, sql: str, params: Parameters = None) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, [] if parameters is None else parameters)  # type: ignore[arg-type]

    def table_names(self) -> list[str]:
        return self._names("table")

    def view_names(self) -> list[str]:
        return self._names("view")

    def close(self) -> None:
        self.conn.close()

    def _names(self, kind: str) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = ?", [kind])]
