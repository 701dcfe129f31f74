"""The log of earlier interactions and the prospect's timeline (interactions and notes, newest first)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Final

from researcher.core.clock import parse_datetime, utcnow
from researcher.core.errors import NotFound, UserError
from researcher.core.models import DIRECTIONS, INTERACTION_KINDS, OUTCOMES, Interaction, TimelineEntry
from researcher.core.notes import list_notes
from researcher.core.prospects import get_prospect

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# None already means "clear the follow-up date", so keeping it needs a value of its own.
UNCHANGED: Final = _Unchanged.UNCHANGED


def log_interaction(
    db: Database, prospect_id: int, kind: str, *, occurred_at: str | None = None,
    direction: str = "outbound", outcome: str = "", summary: str = "", next_step: str = "",
    follow_up: str | None = None,
) -> int:
    """Record a call, email, meeting, LinkedIn message or other contact; return its id.

    The prospect's last-interaction and next-follow-up columns change in the same transaction.
    Raises NotFound or UserError.
    """
    get_prospect(db, prospect_id)
    values = _clean(kind, direction, outcome, follow_up)
    when = _iso_datetime(occurred_at) if occurred_at else utcnow()
    with db.atomic():
        new_id = int(
            db["interactions"].insert(
                {"prospect_id": prospect_id, **values, "summary": summary.strip(),
                 "next_step": next_step.strip(), "occurred_at": when, "created_at": utcnow()}
            ).last_pk
        )
        refresh_prospect_dates(db, prospect_id)
    return new_id


def get_interaction(db: Database, interaction_id: int) -> Interaction:
    """Return one interaction. Raises NotFound."""
    rows = list(db.query("SELECT * FROM interactions WHERE id = ?", [interaction_id]))
    if not rows:
        raise NotFound(f"There is no interaction with id {interaction_id}.")
    return _interaction(rows[0])


def update_interaction(
    db: Database, interaction_id: int, *, kind: str | None = None, occurred_at: str | None = None,
    direction: str | None = None, outcome: str | None = None, summary: str | None = None,
    next_step: str | None = None, follow_up: str | None | _Unchanged = UNCHANGED,
) -> None:
    """Correct a logged interaction; arguments left out keep their stored values.

    ``follow_up=None`` (or an empty text) clears the follow-up date; ``outcome=""`` clears the outcome.
    Everything is checked as in log_interaction before anything is written, and the prospect's
    last-interaction and next-follow-up columns change in the same transaction.
    Raises NotFound or UserError.
    """
    stored = get_interaction(db, interaction_id)
    values = _clean(
        stored.kind if kind is None else kind,
        stored.direction if direction is None else direction,
        stored.outcome if outcome is None else outcome,
        stored.follow_up if follow_up is UNCHANGED else follow_up,
    )
    if occurred_at is not None:
        values["occurred_at"] = _iso_datetime(occurred_at)
    if summary is not None:
        values["summary"] = summary.strip()
    if next_step is not None:
        values["next_step"] = next_step.strip()
    with db.atomic():
        db["interactions"].update(interaction_id, values)
        refresh_prospect_dates(db, stored.prospect_id)


def delete_interaction(db: Database, interaction_id: int) -> None:
    """Delete one interaction. Raises NotFound."""
    stored = get_interaction(db, interaction_id)
    with db.atomic():
        db.execute("DELETE FROM interactions WHERE id = ?", [interaction_id])
        refresh_prospect_dates(db, stored.prospect_id)


def refresh_prospect_dates(db: Database, prospect_id: int) -> None:
    """Recompute the prospect's last interaction and next follow-up (from the latest one that set it)."""
    row = next(db.query(
        "SELECT max(occurred_at) AS last, (SELECT follow_up FROM interactions WHERE prospect_id = :p "
        "AND follow_up IS NOT NULL ORDER BY occurred_at DESC, id DESC LIMIT 1) AS follow "
        "FROM interactions WHERE prospect_id = :p", {"p": prospect_id}))
    db.execute("UPDATE prospects SET last_interaction_at = ?, next_follow_up = ? WHERE id = ?",
               [row["last"], row["follow"], prospect_id])


def list_interactions(db: Reader, prospect_id: int, *, limit: int | None = None) -> list[Interaction]:
    """Return a prospect's interactions, newest first."""
    sql = "SELECT * FROM interactions WHERE prospect_id = ? ORDER BY occurred_at DESC, id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_interaction(row) for row in db.query(sql, [prospect_id])]


def timeline(db: Reader, prospect_id: int) -> list[TimelineEntry]:
    """Return the prospect's interactions and notes (theirs and their company's), newest first."""
    prospect = get_prospect(db, prospect_id)
    entries = [
        TimelineEntry(
            kind=item.kind, id=item.id, at=item.occurred_at,
            title=_interaction_title(item), body=item.summary,
            details={k: v for k, v in (("direction", item.direction), ("outcome", item.outcome),
                                       ("next_step", item.next_step), ("follow_up", item.follow_up or ""))
                     if v},
        )
        for item in list_interactions(db, prospect_id)
    ]
    entries += [
        TimelineEntry(kind="note", id=note.id, at=note.created_at,
                      title="Note" if note.prospect_id else f"Note on {prospect.company}",
                      body=note.body, details={"source": note.source} if note.source else {})
        for note in list_notes(db, prospect_id=prospect_id, company_id=prospect.company_id)
    ]
    return sorted(entries, key=lambda entry: (entry.at, entry.kind != "note", entry.id), reverse=True)


def _interaction(row: dict) -> Interaction:
    return Interaction(id=row["id"], prospect_id=row["prospect_id"], kind=row["kind"],
                       occurred_at=row["occurred_at"], direction=row["direction"], outcome=row["outcome"],
                       summary=row["summary"], next_step=row["next_step"], follow_up=row["follow_up"])


def _interaction_title(item: Interaction) -> str:
    label = {"call": "Call", "email": "Email", "meeting": "Meeting", "linkedin": "LinkedIn message"}
    title = label.get(item.kind, "Other")
    if item.outcome:
        title += " · " + item.outcome.replace("_", " ")
    return title


def _clean(kind: str, direction: str, outcome: str, follow_up: str | None) -> dict[str, str | None]:
    if kind not in INTERACTION_KINDS:
        raise UserError(f"Kind {kind!r} is not one of {', '.join(INTERACTION_KINDS)}.")
    if direction not in DIRECTIONS:
        raise UserError(f"Direction {direction!r} is not one of {', '.join(DIRECTIONS)}.")
    outcome = outcome.strip().lower().replace(" ", "_").replace("-", "_")
    if outcome and outcome not in OUTCOMES:
        raise UserError(f"Outcome {outcome!r} is not one of {', '.join(OUTCOMES)}.")
    if follow_up:
        try:
            follow_up = date.fromisoformat(follow_up.strip()).isoformat()
        except ValueError as error:
            raise UserError(f"Follow-up {follow_up!r} is not a date (use YYYY-MM-DD).") from error
    return {"kind": kind, "direction": direction, "outcome": outcome, "follow_up": follow_up or None}


def _iso_datetime(text: str) -> str:
    try:
        return parse_datetime(text).replace(microsecond=0).isoformat()
    except ValueError as error:
        raise UserError(f"{text!r} is not a date and time (use YYYY-MM-DDTHH:MM).") from error
