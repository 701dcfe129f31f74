"""Notes on a prospect or a company, with the date and where the information came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from researcher.core.clock import parse_datetime, utcnow
from researcher.core.errors import NotFound, UserError
from researcher.core.models import Note

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader


def add_note(
    db: Database, body: str, *, prospect_id: int | None = None, company_id: int | None = None,
    source: str = "", created_at: str | None = None,
) -> int:
    """Store a note on a prospect or a company and return its id. Raises UserError."""
    if not body.strip():
        raise UserError("A note needs some text.")
    if prospect_id is None and company_id is None:
        raise UserError("A note belongs to a prospect or a company.")
    when = _iso(created_at) if created_at else utcnow()
    return int(
        db["notes"].insert(
            {"prospect_id": prospect_id, "company_id": company_id, "body": body.strip(),
             "source": source.strip(), "created_at": when, "updated_at": utcnow()}
        ).last_pk
    )


def update_note(db: Database, note_id: int, *, body: str | None = None, source: str | None = None) -> None:
    """Change a note's text or source. Raises NotFound or UserError."""
    get_note(db, note_id)
    values: dict[str, str] = {"updated_at": utcnow()}
    if body is not None:
        if not body.strip():
            raise UserError("A note needs some text.")
        values["body"] = body.strip()
    if source is not None:
        values["source"] = source.strip()
    db["notes"].update(note_id, values)


def delete_note(db: Database, note_id: int) -> None:
    """Delete one note. Raises NotFound."""
    get_note(db, note_id)
    db.execute("DELETE FROM notes WHERE id = ?", [note_id])
    db.conn.commit()


def get_note(db: Database, note_id: int) -> Note:
    """Return one note. Raises NotFound."""
    rows = list(db.query("SELECT * FROM notes WHERE id = ?", [note_id]))
    if not rows:
        raise NotFound(f"There is no note with id {note_id}.")
    return _note(rows[0])


def list_notes(db: Reader, *, prospect_id: int | None = None, company_id: int | None = None) -> list[Note]:
    """Return the notes of a prospect and/or a company, newest first."""
    rows = db.query(
        "SELECT * FROM notes WHERE prospect_id = ? OR company_id = ? ORDER BY created_at DESC, id DESC",
        [prospect_id, company_id],
    )
    return [_note(row) for row in rows]


def _note(row: dict) -> Note:
    return Note(id=row["id"], body=row["body"], created_at=row["created_at"],
                prospect_id=row["prospect_id"], company_id=row["company_id"], source=row["source"])


def _iso(text: str) -> str:
    try:
        return parse_datetime(text).replace(microsecond=0).isoformat()
    except ValueError as error:
        raise UserError(f"{text!r} is not a date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM).") from error
