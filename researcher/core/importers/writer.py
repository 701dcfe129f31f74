"""Write imported records straight to the prospect tables, inside the import's transaction."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from researcher.core.clock import utcnow

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.importers.pipeline import Record

MERGE_FIELDS = ("title", "email", "linkedin", "country", "city", "language")


class RecordWriter:
    """Writes records straight to the prospect tables inside the import's transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._companies = {name.casefold(): cid for cid, name in db.conn.execute("SELECT id, name FROM companies")}
        self._now = utcnow()

    def _company(self, record: Record) -> int | None:
        if not record.company:
            return None
        key = record.company.casefold()
        if key not in self._companies:
            website = record.website if not record.website or "://" in record.website else "https://" + record.website
            cursor = self._db.conn.execute(
                "INSERT INTO companies (name, website, industry, country, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", [record.company, website, record.industry, record.country, self._now, self._now])
            self._companies[key] = int(cursor.lastrowid or 0)
        return self._companies[key]

    def insert(self, record: Record) -> int:
        cursor = self._db.conn.execute(
            "INSERT INTO prospects (company_id, name, title, email, phones, linkedin, country, city, language, "
            "stage, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self._company(record), record.name, record.title, record.email,
             json.dumps(list(record.phones), ensure_ascii=False), record.linkedin, record.country, record.city,
             record.language, record.stage or "new", json.dumps(list(record.tags), ensure_ascii=False),
             self._now, self._now])
        prospect_id = int(cursor.lastrowid or 0)
        self._note(prospect_id, record)
        return prospect_id

    def merge(self, prospect_id: int, record: Record) -> None:
        row = self._db.conn.execute(
            f"SELECT phones, tags, company_id, {', '.join(MERGE_FIELDS)} FROM prospects WHERE id = ?",
            [prospect_id]).fetchone()
        phones = list(dict.fromkeys([*json.loads(row[0]), *record.phones]))
        tags = list(dict.fromkeys([*json.loads(row[1]), *record.tags]))
        values = {key: row[3 + i] or getattr(record, key) for i, key in enumerate(MERGE_FIELDS)}
        company_id = row[2] if row[2] is not None else self._company(record)
        self._db.conn.execute(
            f"UPDATE prospects SET phones = ?, tags = ?, company_id = ?, "
            f"{', '.join(f'{key} = ?' for key in MERGE_FIELDS)}, updated_at = ? WHERE id = ?",
            [json.dumps(phones, ensure_ascii=False), json.dumps(tags, ensure_ascii=False), company_id,
             *values.values(), self._now, prospect_id])
        self._note(prospect_id, record)

    def _note(self, prospect_id: int, record: Record) -> None:
        if record.note:
            self._db.conn.execute(
                "INSERT INTO notes (prospect_id, body, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                [prospect_id, record.note, "import", self._now, self._now])
