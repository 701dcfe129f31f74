"""Do-not-call registries: import extracts, check numbers and prospects, judge staleness."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core.calling_window import rules
from researcher.core.clock import utcnow
from researcher.core.errors import UserError
from researcher.core.importers.registry_file import registry_cells
from researcher.core.importers.textfile import open_text
from researcher.core.phones import (
    bulk_normaliser,
    e164_key,
    fast_normalise,
    normalise_phone,
    parse_phone,
    phone_region,
    region_code,
)
from researcher.core.prospects import get_company, get_prospect
from researcher.core.settings import get_setting, set_setting
from researcher.core.suppression import is_suppressed, prospect_identifiers

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

MAX_AGE_SETTING = "dnc.max_age_days"
BATCH = 100_000
IMPORT_CACHE_KIB = -131_072  # negative: KiB, i.e. 128 MiB
REJECTS_KEPT = 20


@dataclass(frozen=True)
class ExtractReport:
    """What an extract import did: numbers stored, duplicates, lines that were not numbers."""

    extract_id: int
    registry: str
    country: str
    extract_date: str
    numbers: int
    duplicates: int
    rejected: int
    rejected_lines: tuple[tuple[int, str], ...]
    replaced: tuple[str, ...]
    stale: bool


@dataclass(frozen=True)
class NumberCheck:
    """One phone number's screening result."""

    number: str
    blocked: bool
    registry: str | None
    extract_date: str | None
    stale: bool

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "blocked": self.blocked, "registry": self.registry,
                "extract_date": self.extract_date, "stale": self.stale}


@dataclass(frozen=True)
class DncResult:
    """A prospect's (or a number's) screening result: blocked if any number is listed or they objected."""

    blocked: bool
    numbers: tuple[NumberCheck, ...] = ()
    objected: bool = False
    unreadable: tuple[str, ...] = field(default=())

    @property
    def stale(self) -> bool:
        return any(n.stale for n in self.numbers)

    def as_dict(self) -> dict[str, Any]:
        return {"blocked": self.blocked, "numbers": [n.as_dict() for n in self.numbers], "objected": self.objected}


def registry_label(registry: str) -> str:
    """Return the display name of a registry key ('nix' → 'NIX-Telefon')."""
    known = rules()["registries"].get(registry)
    return str(known["label"]) if known else registry


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def expires_on(db: Reader, country: str, extract_date: str) -> date:
    """Return the last day an extract of ``country`` dated ``extract_date`` may be used."""
    extracted = date.fromisoformat(extract_date)
    overrides = get_setting(db, MAX_AGE_SETTING, {}) or {}
    if country in overrides:
        return extracted.fromordinal(extracted.toordinal() + int(overrides[country]))
    rule = rules()["staleness"]["countries"].get(country) or {"days": rules()["staleness"]["default_days"]}
    if "months" in rule:
        return _add_months(extracted, int(rule["months"]))
    return extracted.fromordinal(extracted.toordinal() + int(rule["days"]))


def set_max_age(db: Database, country: str, days: int | None) -> None:
    """Override how many days an extract of ``country`` stays fresh (None restores the rule). Raises UserError."""
    region = region_code(country)
    if region is None:
        raise UserError(f"{country!r} is not a country code; use e.g. NO, SE, DK, FI, GB or US.")
    if days is not None and not 1 <= days <= 3650:
        raise UserError("An extract's maximum age must be between 1 and 3650 days.")
    overrides = dict(get_setting(db, MAX_AGE_SETTING, {}) or {})
    if days is None:
        overrides.pop(region, None)
    else:
        overrides[region] = int(days)
    set_setting(db, MAX_AGE_SETTING, overrides)


def is_stale(db: Reader, country: str, extract_date: str, *, today: date | None = None) -> bool:
    """True when an extract is older than its country's rule allows."""
    return (today or date.today()) > expires_on(db, country, extract_date)


def _check_args(registry: str, country: str, extract_date: str, today: date | None) -> tuple[str, str, str]:
    name = registry.strip()
    key = name.lower().replace(" ", "_").replace("-", "_")
    name = key if key in rules()["registries"] else name
    if not name:
        raise UserError("Give the registry's name, e.g. --registry reservasjonsregisteret, nix or own.")
    region = region_code(country)
    if region is None:
        raise UserError(f"{country!r} is not a country code; use e.g. NO, SE, DK, FI, GB or US.")
    try:
        when = date.fromisoformat(extract_date.strip())
    except ValueError as error:
        raise UserError(f"Extract date {extract_date!r} is not a date (use YYYY-MM-DD).") from error
    if when > (today or date.today()):
        raise UserError(f"Extract date {when} is in the future; give the day the extract was taken.")
    return name, region, when.isoformat()


def import_extract(
    db: Database, path: Path | str, *, registry: str, country: str, extract_date: str,
    column: str | None = None, today: date | None = None, progress: Callable[[int], None] | None = None,
) -> ExtractReport:
    """Store a registry extract (one number per line, or a CSV column) and return a report.

    The extract replaces an earlier one of the same registry and country. Everything is
    written in one transaction; a file without a single valid number leaves the store as it was.
    Raises UserError (bad arguments, unreadable file, no numbers).
    """
    registry, region, extract_date = _check_args(registry, country, extract_date, today)
    rejected: list[tuple[int, str]] = []
    rejected_count = 0
    stored = seen = 0
    path = Path(path)
    with open_text(path, what="registry extract") as (stream, _encoding), db.atomic():
        cursor = db.conn.execute(
            "INSERT INTO dnc_extracts (registry, country, extract_date, source_file, imported_at) "
            "VALUES (?, ?, ?, ?, ?)", [registry, region, extract_date, path.name, utcnow()])
        extract_id = int(cursor.lastrowid or 0)
        # Numbers go to an unindexed staging table first and into the index in key order,
        # which is several times faster than millions of scattered B-tree inserts.
        db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS dnc_staging (number INTEGER NOT NULL)")
        db.conn.execute("DELETE FROM temp.dnc_staging")
        cache_size = db.conn.execute("PRAGMA cache_size").fetchone()[0]
        db.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
        try:
            batch: list[tuple[int]] = []
            normalise = bulk_normaliser(region)
            for line_number, raw in registry_cells(stream, column):
                number = normalise(raw)
                if number is None:
                    rejected_count += 1
                    if len(rejected) < REJECTS_KEPT:
                        rejected.append((line_number, raw[:80]))
                    continue
                seen += 1
                batch.append((e164_key(number),))
                if len(batch) >= BATCH:
                    _stage(db, batch, progress, seen)
            _stage(db, batch, progress, seen)
            before = db.conn.total_changes
            db.conn.execute("INSERT OR IGNORE INTO dnc_numbers (number, extract_id) "
                            "SELECT number, ? FROM temp.dnc_staging ORDER BY number", [extract_id])
            stored = db.conn.total_changes - before
        finally:
            db.conn.execute("DROP TABLE IF EXISTS temp.dnc_staging")
            db.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
        if stored == 0:
            raise UserError(
                f"{path.name} holds no phone numbers ({rejected_count} line(s) could not be read as one). "
                "Nothing was imported."
            )
        old = list(db.query(
            "SELECT id, extract_date FROM dnc_extracts WHERE registry = ? AND country = ? AND id != ?",
            [registry, region, extract_id]))
        db.execute(f"DELETE FROM dnc_extracts WHERE id IN ({','.join(str(r['id']) for r in old) or 'NULL'})")
        db.execute("UPDATE dnc_extracts SET numbers = ?, rejected = ? WHERE id = ?",
                   [stored, rejected_count, extract_id])
    return ExtractReport(extract_id, registry, region, extract_date, stored, seen - stored, rejected_count,
                         tuple(rejected), tuple(r["extract_date"] for r in old),
                         is_stale(db, region, extract_date, today=today))


def _stage(db: Database, batch: list[tuple[int]], progress: Callable[[int], None] | None, seen: int) -> None:
    db.conn.executemany("INSERT INTO temp.dnc_staging (number) VALUES (?)", batch)
    batch.clear()
    if progress is not None:
        progress(seen)


def list_extracts(db: Reader, *, today: date | None = None) -> list[dict[str, Any]]:
    """Return every stored extract with its size, age and whether it is stale."""
    return [
        {**row, "label": registry_label(row["registry"]), "stale": is_stale(db, row["country"], row["extract_date"], today=today),
         "expires_on": expires_on(db, row["country"], row["extract_date"]).isoformat()}
        for row in db.query("SELECT id, registry, country, extract_date, source_file, numbers, rejected, imported_at "
                            "FROM dnc_extracts ORDER BY country, registry")
    ]


def delete_extract(db: Database, extract_id: int) -> None:
    """Remove one extract and its numbers. Raises UserError when there is no such extract."""
    with db.atomic():
        if db.execute("DELETE FROM dnc_extracts WHERE id = ?", [extract_id]).rowcount == 0:
            raise UserError(f"There is no registry extract with id {extract_id}.")


def listings(db: Reader, numbers: Iterable[str]) -> dict[str, list[int]]:
    """Return, for each listed normalised number, the ids of the extracts that list it."""
    keys = {e164_key(n): n for n in numbers}
    found: dict[str, list[int]] = {}
    items = list(keys)
    for start in range(0, len(items), 500):
        chunk = items[start:start + 500]
        sql = f"SELECT number, extract_id FROM dnc_numbers WHERE number IN ({','.join('?' * len(chunk))})"
        for number, extract_id in db.conn.execute(sql, chunk):
            found.setdefault(keys[number], []).append(extract_id)
    return found


def check_numbers(db: Reader, numbers: Iterable[str], *, today: date | None = None) -> list[NumberCheck]:
    """Screen normalised numbers against every stored extract."""
    numbers = list(dict.fromkeys(numbers))
    extracts = {row["id"]: row for row in list_extracts(db, today=today)}
    listed = listings(db, numbers)
    results = []
    for number in numbers:
        hits = [extracts[i] for i in listed.get(number, ()) if i in extracts]
        if hits:
            hit = min(hits, key=lambda row: row["extract_date"])
            results.append(NumberCheck(number, True, hit["registry"], hit["extract_date"], any(h["stale"] for h in hits)))
            continue
        region = phone_region(number)
        covering = [row for row in extracts.values() if row["country"] == region]
        if covering:
            oldest = min(covering, key=lambda row: row["extract_date"])
            results.append(NumberCheck(number, False, ", ".join(sorted(r["registry"] for r in covering)),
                                       oldest["extract_date"], any(r["stale"] for r in covering)))
        else:
            results.append(NumberCheck(number, False, None, None, False))
    return results


def check_phone(db: Reader, raw: str, *, country: str | None = None, today: date | None = None) -> DncResult:
    """Screen one phone number (any format). Raises PhoneError when it cannot be read."""
    number = parse_phone(raw, country)
    checks = tuple(check_numbers(db, [number], today=today))
    objected = is_suppressed(db, [("phone", number)])
    return DncResult(objected or any(c.blocked for c in checks), checks, objected)


def check_prospect(db: Reader, prospect_id: int, *, today: date | None = None) -> DncResult:
    """Screen a prospect's numbers and their objection status. Raises NotFound."""
    prospect = get_prospect(db, prospect_id)
    country = prospect.country or (get_company(db, prospect.company_id).country if prospect.company_id else "")
    numbers = [(raw, normalise_phone(raw, country or None)) for raw in prospect.phones]
    checks = tuple(check_numbers(db, [n for _, n in numbers if n], today=today))
    objected = is_suppressed(db, prospect_identifiers(prospect, company=prospect.company, country=country))
    return DncResult(objected or any(c.blocked for c in checks), checks, objected,
                     tuple(raw for raw, n in numbers if n is None))


def screen_all(db: Database, *, today: date | None = None) -> dict[int, DncResult]:
    """Screen every prospect; return the results of those that are blocked, by prospect id."""
    rows = db.conn.execute(
        "SELECT p.id, p.phones, CASE WHEN p.country != '' THEN p.country ELSE coalesce(c.country, '') END "
        "FROM prospects p LEFT JOIN companies c ON c.id = p.company_id WHERE p.phones != '[]'").fetchall()
    by_prospect = {pid: [n for n in (fast_normalise(raw, cc or None) for raw in json.loads(phones)) if n]
                   for pid, phones, cc in rows}
    listed = listings(db, {n for numbers in by_prospect.values() for n in numbers})
    blocked_ids = [pid for pid, numbers in by_prospect.items() if any(n in listed for n in numbers)]
    return {pid: DncResult(True, tuple(check_numbers(db, by_prospect[pid], today=today))) for pid in blocked_ids}
