"""The shared prospect import: clean each record, find duplicates, skip objected people, write once."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from researcher.core.errors import UserError
from researcher.core.importers.writer import RecordWriter
from researcher.core.models import LANGUAGES, STAGES
from researcher.core.phones import fast_normalise, phone_region, region_code
from researcher.core.resources import read_toml
from researcher.core.suppression import Identifier, Suppressor, identifiers

if TYPE_CHECKING:
    from sqlite_utils import Database

DUPLICATE_POLICIES = ("merge", "skip")
# A leading apostrophe is how exported cells are kept from running as formulas; undo it on the way in.
_NEUTRALISED = ("'=", "'+", "'-", "'@")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
ROW_ERROR = "_error"  # a reader puts a row it could not split under this key


@dataclass(frozen=True)
class Record:
    """A prospect read from a file and cleaned, ready to be written."""

    row: int
    name: str
    company: str = ""
    title: str = ""
    email: str = ""
    phones: tuple[str, ...] = ()
    linkedin: str = ""
    country: str = ""
    city: str = ""
    language: str = ""
    website: str = ""
    industry: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    stage: str = ""

    def identifiers(self) -> list[Identifier]:
        return identifiers(name=self.name, company=self.company, email=self.email, phones=self.phones,
                           linkedin=self.linkedin, country=self.country, phones_normalised=True)


@dataclass(frozen=True)
class RowIssue:
    """A row that was skipped or failed, and why."""

    row: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    file: str
    kind: str
    dry_run: bool
    encoding: str = ""
    delimiter: str = ""
    source: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    total: int = 0
    accepted: int = 0
    merged: int = 0
    skipped: list[RowIssue] = field(default_factory=list)
    failed: list[RowIssue] = field(default_factory=list)
    preview: list[Record] = field(default_factory=list)
    prospect_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "kind": self.kind, "dry_run": self.dry_run, "encoding": self.encoding,
            "delimiter": self.delimiter, "source": self.source, "mapping": self.mapping, "total": self.total,
            "accepted": self.accepted, "merged": self.merged, "skipped": len(self.skipped),
            "failed": len(self.failed), "skipped_rows": [r.as_dict() for r in self.skipped],
            "failed_rows": [r.as_dict() for r in self.failed],
        }


@cache
def country_names() -> dict[str, str]:
    """Return a map from folded country names and codes to ISO codes."""
    data = read_toml("import/countries.toml")
    names = {code.lower(): code for code in data["names"]}
    for code, spellings in data["names"].items():
        names.update({spelling.casefold(): code for spelling in spellings})
    return names


def country_code(value: str) -> str | None:
    """Return the ISO code for a country name or code ('Norge' → 'NO'), or None."""
    text = " ".join(value.split()).casefold()
    if not text:
        return ""
    if text in country_names():
        return country_names()[text]
    return text.upper() if len(text) == 2 and region_code(text) else None


def cell(value: str) -> str:
    """Return a cell's text trimmed, with an export's formula guard removed."""
    text = value.strip()
    return text[1:] if text.startswith(_NEUTRALISED) else text


def clean(row: int, raw: dict[str, list[str]]) -> Record:
    """Turn mapped raw values (field → values) into a Record. Raises UserError with the reason."""
    if ROW_ERROR in raw:
        raise UserError(raw[ROW_ERROR][0])

    def one(key: str) -> str:
        return " ".join(v for v in (cell(x) for x in raw.get(key, [])) if v)

    name = one("name") or " ".join(p for p in (one("first_name"), one("last_name")) if p)
    if not name:
        raise UserError("no name")
    city, country_text = one("city"), one("country")
    if location := one("location"):
        parts = [p.strip() for p in location.split(",") if p.strip()]
        if not country_text and parts and country_code(parts[-1]):
            country_text = parts[-1]
        if not city and parts and (len(parts) > 1 or not country_code(parts[0])):
            city = parts[0]
    country = country_code(country_text)
    if country is None:
        raise UserError(f"country {country_text!r} is not a country name or two-letter code")
    email = one("email").replace("mailto:", "")
    if email and not _EMAIL.fullmatch(email):
        raise UserError(f"email {email!r} is not an email address")
    phones: list[str] = []
    for value in (cell(x) for x in raw.get("phone", [])):
        for part in (p for p in value.replace(" / ", ";").split(";") if p.strip()):
            number = fast_normalise(part, country or None)
            if number is None:
                hint = "" if country else " (no country given: write it with the country code)"
                raise UserError(f"phone {part.strip()!r} cannot be read as a phone number{hint}")
            if number not in phones:
                phones.append(number)
    if not country and phones:
        country = phone_region(phones[0]) or ""
    language = one("language").lower()
    language = {"no": "nb", "nn": "nb", "se": "sv"}.get(language, language)
    if language and language not in LANGUAGES:
        language = ""
    tags = tuple(t.strip() for t in one("tags").replace(";", ",").split(",") if t.strip())
    stage = one("stage").lower().replace(" ", "_")
    return Record(row, name, one("company"), one("title"), email, tuple(phones), one("linkedin"), country,
                  city, language, one("website"), one("industry"), tags, one("note"),
                  stage=stage if stage in STAGES else "")  # a CRM's own stage names are left out


class DuplicateIndex:
    """Finds an earlier person with the same email, phone, LinkedIn URL or name + company.

    The identifiers live in a temporary SQLite table as short digests, so memory stays flat
    however large the store and the file are.
    """

    def __init__(self, db: Database) -> None:
        self._conn = db.conn
        self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_keys "
                           "(key BLOB PRIMARY KEY, owner INTEGER NOT NULL, kind TEXT NOT NULL) WITHOUT ROWID")
        self._conn.execute("DELETE FROM temp.import_keys")

    @staticmethod
    def _key(identifier: Identifier) -> bytes:
        return hashlib.blake2b(f"{identifier[0]}\x1f{identifier[1]}".encode(), digest_size=12).digest()

    @classmethod
    def from_store(cls, db: Database) -> DuplicateIndex:
        index = cls(db)
        rows = db.conn.execute(
            "SELECT p.id, p.name, coalesce(c.name, ''), p.email, p.phones, p.linkedin, "
            "CASE WHEN p.country != '' THEN p.country ELSE coalesce(c.country, '') END "
            "FROM prospects p LEFT JOIN companies c ON c.id = p.company_id")
        for pid, name, company, email, phones, linkedin, country in rows:
            index.add(pid, identifiers(name=name, company=company, email=email, phones=json.loads(phones),
                                       linkedin=linkedin, country=country))
        return index

    def find(self, found: list[Identifier]) -> tuple[int, str] | None:
        if not found:
            return None
        keys = [self._key(identifier) for identifier in found]
        hits = {key: (owner, kind) for key, owner, kind in self._conn.execute(
            f"SELECT key, owner, kind FROM temp.import_keys WHERE key IN ({','.join('?' * len(keys))})", keys)}
        return next((hits[key] for key in keys if key in hits), None)

    def add(self, owner: int, found: Iterable[Identifier]) -> None:
        self._conn.executemany("INSERT OR IGNORE INTO temp.import_keys (key, owner, kind) VALUES (?, ?, ?)",
                               [(self._key(identifier), owner, identifier[0]) for identifier in found])

    def close(self) -> None:
        self._conn.execute("DROP TABLE IF EXISTS temp.import_keys")


_KIND_TEXT = {"email": "email", "phone": "phone number", "linkedin": "LinkedIn URL", "name_company": "name and company"}


def run_import(
    db: Database, records: Iterator[tuple[int, dict[str, list[str]]]], report: ImportReport, *,
    duplicates: str = "merge", preview_rows: int = 20, progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Clean, de-duplicate and (unless ``report.dry_run``) write the records in one transaction.

    Rows that fail or are skipped are listed with the reason; valid rows are written together
    or not at all. Raises UserError for a problem with the file as a whole.
    """
    if duplicates not in DUPLICATE_POLICIES:
        raise UserError(f"Duplicates can be merged or skipped, not {duplicates!r}.")
    suppressor = Suppressor(db)
    writer = RecordWriter(db) if not report.dry_run else None
    pending = -1  # dry runs stand in for new ids with negative numbers
    with db.atomic():
        index = DuplicateIndex.from_store(db)
        for row, raw in records:
            report.total += 1
            if progress is not None and report.total % 1000 == 0:
                progress(report.total)
            try:
                record = clean(row, raw)
            except UserError as error:
                report.failed.append(RowIssue(row, str(error)))
                continue
            found = record.identifiers()
            if suppressor and suppressor.matches(found):
                report.skipped.append(RowIssue(row, "objected — never contact (kept out on purpose)"))
                continue
            if len(report.preview) < preview_rows:
                report.preview.append(record)
            match = index.find(found)
            if match is not None:
                owner, kind = match
                if duplicates == "skip":
                    report.skipped.append(RowIssue(row, f"duplicate: same {_KIND_TEXT[kind]} as an earlier person"))
                    continue
                if writer is not None:
                    writer.merge(owner, record)
                index.add(owner, found)
                report.merged += 1
                continue
            owner = writer.insert(record) if writer is not None else pending
            pending -= 1
            index.add(owner, found)
            report.accepted += 1
            if owner > 0:
                report.prospect_ids.append(owner)
        index.close()
        if report.total == 0:
            raise UserError(f"{report.file} has no rows to import.")
    return report
