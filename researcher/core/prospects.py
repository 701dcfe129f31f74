"""Prospects and their companies: add, edit, find, list and erase."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from researcher.core.clock import utcnow
from researcher.core.errors import NotFound, UserError
from researcher.core.models import LANGUAGES, STAGES, Company, Prospect

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

PROSPECT_FIELDS = (
    "name", "company_id", "title", "email", "phones", "linkedin", "country", "city",
    "language", "stage", "tags",
)
COMPANY_FIELDS = ("name", "website", "industry", "size", "country", "org_number")

_PROSPECT_SELECT = """
    SELECT p.*, coalesce(c.name, '') AS company
    FROM prospects p LEFT JOIN companies c ON c.id = p.company_id
"""


def add_company(db: Database, name: str, **fields: str) -> int:
    """Create a company and return its id. Raises UserError for an empty name."""
    values = _clean_company({"name": name, **fields})
    now = utcnow()
    return int(db["companies"].insert({**values, "created_at": now, "updated_at": now}).last_pk)


def company_id_for(db: Database, name: str, **fields: str) -> int:
    """Return the id of the company with this name (case-insensitive), creating it if new."""
    wanted = name.strip().casefold()
    for row in db.query("SELECT id, name FROM companies WHERE name = ? COLLATE NOCASE", [name.strip()]):
        return int(row["id"])
    for row in db.query("SELECT id, name FROM companies"):
        if row["name"].casefold() == wanted:
            return int(row["id"])
    return add_company(db, name, **fields)


def update_company(db: Database, company_id: int, **fields: str) -> None:
    """Change some fields of a company. Raises NotFound or UserError."""
    get_company(db, company_id)
    values = _clean_company(fields, partial=True)
    db["companies"].update(company_id, {**values, "updated_at": utcnow()})


def get_company(db: Reader, company_id: int) -> Company:
    """Return one company. Raises NotFound."""
    rows = list(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))
    if not rows:
        raise NotFound(f"There is no company with id {company_id}.")
    return Company(**{key: rows[0][key] for key in ("id", *COMPANY_FIELDS)})


def list_companies(db: Database) -> list[Company]:
    """Return every company, by name."""
    return [
        Company(**{key: row[key] for key in ("id", *COMPANY_FIELDS)})
        for row in db.query("SELECT * FROM companies ORDER BY name COLLATE NOCASE")
    ]


def delete_company(db: Database, company_id: int) -> int:
    """Delete a company with its people and everything about them; return how many people went."""
    get_company(db, company_id)
    with db.atomic():
        people = [row["id"] for row in db.query("SELECT id FROM prospects WHERE company_id = ?", [company_id])]
        db.execute("DELETE FROM companies WHERE id = ?", [company_id])
    purge_deleted_text(db)
    return len(people)


def add_prospect(db: Database, name: str, *, company: str = "", website: str = "", **fields: Any) -> int:
    """Create a prospect (and their company if it is new); return the prospect's id."""
    with db.atomic():
        if company.strip() and "company_id" not in fields:
            fields["company_id"] = company_id_for(
                db, company, website=website, country=str(fields.get("country", ""))
            )
        values = _clean_prospect({"name": name, **fields})
        now = utcnow()
        return int(db["prospects"].insert({**values, "created_at": now, "updated_at": now}).last_pk)


def update_prospect(db: Database, prospect_id: int, **fields: Any) -> None:
    """Change some fields of a prospect. Raises NotFound or UserError."""
    get_prospect(db, prospect_id)
    values = _clean_prospect(fields, partial=True)
    db["prospects"].update(prospect_id, {**values, "updated_at": utcnow()})


def get_prospect(db: Reader, prospect_id: int) -> Prospect:
    """Return one prospect with their company name. Raises NotFound."""
    rows = list(db.query(_PROSPECT_SELECT + " WHERE p.id = ?", [prospect_id]))
    if not rows:
        raise NotFound(f"There is no prospect with id {prospect_id}.")
    return prospect_from_row(rows[0])


def resolve_prospect(db: Reader, ref: str | int) -> Prospect:
    """Find a prospect by numeric id or by unique, case-insensitive name. Raises NotFound/UserError."""
    text = str(ref).strip()
    if text.isdigit():
        return get_prospect(db, int(text))
    wanted = " ".join(text.split()).casefold()
    matches = [
        row for row in db.query("SELECT id, name FROM prospects")
        if " ".join(row["name"].split()).casefold() == wanted
    ]
    if not matches:
        raise NotFound(f"No prospect is called {text!r}. Use `researcher list` to see them.")
    if len(matches) > 1:
        ids = ", ".join(str(row["id"]) for row in matches)
        raise UserError(f"Several prospects are called {text!r} (ids {ids}); give the id instead.")
    return get_prospect(db, int(matches[0]["id"]))


def list_prospects(db: Reader) -> list[Prospect]:
    """Return every prospect with their company name, by name."""
    return [prospect_from_row(row) for row in db.query(_PROSPECT_SELECT + " ORDER BY p.name COLLATE NOCASE")]


def prospects_of_company(db: Database, company_id: int) -> list[Prospect]:
    """Return the people working at one company."""
    return [
        prospect_from_row(row)
        for row in db.query(_PROSPECT_SELECT + " WHERE p.company_id = ? ORDER BY p.name", [company_id])
    ]


def erase_prospect(db: Database, prospect_id: int) -> None:
    """Delete a person completely (GDPR Art. 17): their row, everything referring to them, index rows."""
    get_prospect(db, prospect_id)
    with db.atomic():
        db.execute("DELETE FROM prospects WHERE id = ?", [prospect_id])
    purge_deleted_text(db)


def purge_deleted_text(db: Database) -> None:
    """Rewrite full-text indexes and the WAL so deleted text leaves no trace in the file."""
    for row in db.query("SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING FTS5%'"):
        db.execute(f"INSERT INTO [{row['name']}]([{row['name']}]) VALUES('optimize')")
    db.conn.commit()
    if not db.memory:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def prospect_from_row(row: Mapping[str, Any]) -> Prospect:
    """Build a Prospect from a row of prospects joined with the company name."""
    return Prospect(
        id=row["id"], name=row["name"], company_id=row["company_id"], company=row.get("company") or "",
        title=row["title"], email=row["email"], phones=tuple(json.loads(row["phones"] or "[]")),
        linkedin=row["linkedin"], country=row["country"], city=row["city"], language=row["language"],
        stage=row["stage"], tags=tuple(json.loads(row["tags"] or "[]")),
        last_interaction_at=row["last_interaction_at"], next_follow_up=row["next_follow_up"],
        created_at=row["created_at"], updated_at=row["updated_at"],
    )


def _clean_prospect(fields: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    unknown = set(fields) - set(PROSPECT_FIELDS)
    if unknown:
        raise UserError(f"Unknown prospect field(s): {', '.join(sorted(unknown))}.")
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("phones", "tags"):
            values[key] = json.dumps(_clean_list(value), ensure_ascii=False)
        elif key == "company_id":
            values[key] = int(value) if value not in (None, "") else None
        else:
            values[key] = str(value or "").strip()
    if (not partial or "name" in values) and not values.get("name"):
        raise UserError("A prospect needs a name.")
    if values.get("country"):
        values["country"] = values["country"].upper()
        if len(values["country"]) != 2 or not values["country"].isalpha():
            raise UserError(f"Country {values['country']!r} should be a two-letter code such as FI, SE, NO, DK or GB.")
    if values.get("language"):
        values["language"] = values["language"].lower()
        if values["language"] == "no":
            values["language"] = "nb"
        if values["language"] not in LANGUAGES:
            raise UserError(f"Language {values['language']!r} is not one of {', '.join(LANGUAGES)}.")
    if "stage" in values and values["stage"] not in STAGES:
        raise UserError(f"Stage {values['stage']!r} is not one of {', '.join(STAGES)}.")
    if values.get("email") and ("@" not in values["email"] or " " in values["email"]):
        raise UserError(f"{values['email']!r} does not look like an email address.")
    return values


def _clean_company(fields: Mapping[str, Any], *, partial: bool = False) -> dict[str, str]:
    unknown = set(fields) - set(COMPANY_FIELDS)
    if unknown:
        raise UserError(f"Unknown company field(s): {', '.join(sorted(unknown))}.")
    values = {key: str(value or "").strip() for key, value in fields.items()}
    if (not partial or "name" in values) and not values.get("name"):
        raise UserError("A company needs a name.")
    if values.get("country"):
        values["country"] = values["country"].upper()
    website = values.get("website", "")
    if website and "://" not in website:
        values["website"] = "https://" + website
    return values


def _clean_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    items: Iterable[Any] = value or []
    return [str(item).strip() for item in items if str(item).strip()]
