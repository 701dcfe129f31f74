"""A dry run of an import on a read-only connection of its own, so it can run off the GUI thread."""

from __future__ import annotations

import csv
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.importers.csv_import import Mapping, auto_mapping, import_csv, read_header, sniff_delimiter
from researcher.core.importers.pipeline import ImportReport
from researcher.core.importers.textfile import open_text
from researcher.core.importers.vcard import import_vcard
from researcher.core.store_file import read_only_connection

SAMPLE_ROWS = 3


@dataclass(frozen=True)
class ImportPreview:
    """What the import dialog shows before anything is written."""

    path: str
    kind: str  # "csv" or "vcard"
    report: ImportReport | None  # None when the mapping does not allow an import yet
    mapping: Mapping | None
    samples: tuple[tuple[str, ...], ...]  # per column: the first few values
    problem: str = ""


def database_file(db: Database) -> str:
    """Return the file behind ``db`` ('' for an in-memory store)."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(file or "")
    return ""


def is_vcard(path: Path | str) -> bool:
    """True for .vcf/.vcard files."""
    return Path(path).suffix.lower() in (".vcf", ".vcard")


def _samples(path: Path, columns: int) -> tuple[tuple[str, ...], ...]:
    with open_text(path, what="CSV") as (stream, _):
        delimiter = sniff_delimiter(stream.readline())
        rows = list(itertools.islice(csv.reader(stream, delimiter=delimiter), SAMPLE_ROWS))
    return tuple(tuple(row[i] for row in rows if i < len(row)) for i in range(columns))


def preview_import(
    path: Path | str, *, db: Database | None = None, db_file: str = "", mapping: Mapping | None = None,
    duplicates: str = "merge", cancel: threading.Event | None = None,
) -> ImportPreview:
    """Dry-run an import against the store (``db`` or, on another thread, the file ``db_file``).

    Raises UserError when the file as a whole cannot be imported.
    """
    path = Path(path)
    own = None
    if db is None:
        if not db_file:
            raise UserError("The import preview needs the database file.")
        own = Database(read_only_connection(db_file, check_same_thread=False))
        db = own
    try:
        if is_vcard(path):
            report = import_vcard(db, path, duplicates=duplicates, dry_run=True)
            return ImportPreview(str(path), "vcard", report, None, ())
        header = read_header(path)
        mapping = mapping if mapping is not None and len(mapping.columns) == len(header.columns) else \
            auto_mapping(header.columns)
        samples = _samples(path, len(header.columns))
        if not {"name", "first_name", "last_name"} & set(mapping.fields):
            return ImportPreview(str(path), "csv", None, mapping, samples,
                                 "No column is mapped to the person's name yet: choose one below.")
        report = import_csv(db, path, mapping=mapping, duplicates=duplicates, dry_run=True)
        if cancel is not None and cancel.is_set():
            raise UserError("The preview was cancelled.")
        return ImportPreview(str(path), "csv", report, mapping, samples)
    finally:
        if own is not None:
            own.close()
