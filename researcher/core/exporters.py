"""Data out: prospects to CSV (formula-safe), and one person's complete data to JSON (GDPR Art. 15/20)."""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core.errors import UserError
from researcher.core.prospects import get_prospect

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

CSV_COLUMNS = ("Name", "Company", "Title", "Email", "Phone", "LinkedIn", "Country", "City", "Language", "Stage",
               "Tags", "Website", "Industry", "Last interaction", "Next follow-up")
# Spreadsheets run a cell as a formula when it starts with one of these (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: object) -> str:
    """Return a cell value that a spreadsheet shows as text and never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(db: Reader, path: Path | str, *, prospect_ids: Iterable[int] | None = None) -> int:
    """Write prospects (all, or the given ids) to a UTF-8 CSV that the importer reads back; return the count."""
    path = Path(path)
    sql = (
        "SELECT p.*, coalesce(c.name, '') AS company, coalesce(c.website, '') AS website, "
        "coalesce(c.industry, '') AS industry FROM prospects p LEFT JOIN companies c ON c.id = p.company_id"
    )
    params: list[int] = []
    if prospect_ids is not None:
        params = [int(i) for i in prospect_ids]
        sql += f" WHERE p.id IN ({','.join('?' * len(params)) or 'NULL'})"
    sql += " ORDER BY p.name COLLATE NOCASE"
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for row in db.query(sql, params):
                writer.writerow([neutralise(v) for v in (
                    row["name"], row["company"], row["title"], row["email"], "; ".join(json.loads(row["phones"])),
                    row["linkedin"], row["country"], row["city"], row["language"], row["stage"],
                    ", ".join(json.loads(row["tags"])), row["website"], row["industry"],
                    row["last_interaction_at"] or "", row["next_follow_up"] or "")])
                count += 1
    except OSError as error:
        raise UserError(f"Could not write {path}: {error.strerror or error}.") from error
    return count


def _references(db: Reader) -> dict[str, list[tuple[str, str, str]]]:
    """Return {parent table: [(child table, child column, parent column)]} from the schema's foreign keys."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for table in db.table_names():
        for key in db.conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            # (id, seq, parent table, child column, parent column, ...)
            found.setdefault(key[2], []).append((table, key[3], key[4] or "id"))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def person_data(db: Reader, prospect_id: int) -> dict[str, Any]:
    """Return everything stored about one person: their row, their company, and every row that
    refers to them, directly or through other rows (found by following foreign keys). Raises NotFound."""
    get_prospect(db, prospect_id)
    references = _references(db)
    tables: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    frontier: list[tuple[str, str, list[Any]]] = [("prospects", "id", [prospect_id])]
    while frontier:
        parent, parent_column, values = frontier.pop()
        for child, column, wanted_column in references.get(parent, []):
            if wanted_column != parent_column or child == "companies":
                continue
            marks = ",".join("?" * len(values))
            rows = [dict(r) for r in db.query(f"SELECT * FROM [{child}] WHERE [{column}] IN ({marks})", values)]
            fresh = [r for r in rows if (child, json.dumps(r, default=repr)) not in seen]
            if not fresh:
                continue
            seen.update((child, json.dumps(r, default=repr)) for r in fresh)
            tables.setdefault(child, []).extend({k: _plain(v) for k, v in r.items()} for r in fresh)
            if "id" in fresh[0]:
                frontier.append((child, "id", [r["id"] for r in fresh]))
    person = dict(next(db.query("SELECT * FROM prospects WHERE id = ?", [prospect_id])))
    person["phones"], person["tags"] = json.loads(person["phones"]), json.loads(person["tags"])
    company = None
    if person["company_id"] is not None:
        company = dict(next(db.query("SELECT * FROM companies WHERE id = ?", [person["company_id"]])))
    return {
        "format": "researcher-person-export",
        "version": 1,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "prospect": person,
        "company": company,
        "related": {name: tables[name] for name in sorted(tables)},
    }


def export_person(db: Reader, prospect_id: int, path: Path | str) -> dict[str, Any]:
    """Write one person's complete data to a JSON file (GDPR access and portability); return it."""
    data = person_data(db, prospect_id)
    path = Path(path)
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    except OSError as error:
        raise UserError(f"Could not write {path}: {error.strerror or error}.") from error
    return data
