"""Prospects from CSV exports (HubSpot, Salesforce, Pipedrive, Sales Navigator, by hand) with column mapping."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from researcher.core.errors import UserError
from researcher.core.importers.pipeline import ROW_ERROR, ImportReport, run_import
from researcher.core.importers.textfile import FileRefused, encoding_label, open_text
from researcher.core.resources import read_toml

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 150 * 1000 * 1000
FIELDS = ("name", "first_name", "last_name", "company", "title", "email", "phone", "linkedin", "country", "city",
          "location", "language", "website", "industry", "tags", "note", "stage")
IGNORE = "ignore"
_PUNCTUATION = re.compile(r"[\s_.:/\\()\[\]#*-]+")


@dataclass(frozen=True)
class Mapping:
    """Which prospect field each column of a file feeds ('ignore' for none)."""

    columns: tuple[str, ...]
    fields: tuple[str, ...]
    source: str = "column names"

    def as_dict(self) -> dict[str, str]:
        return dict(zip(self.columns, self.fields, strict=True))

    def to_toml(self) -> str:
        """Return the mapping as an editable TOML file (for ``researcher import --mapping``)."""
        lines = ["# Column → field. Fields: " + ", ".join(FIELDS) + ", or ignore.", "[columns]"]
        lines += [f'"{column.replace(chr(34), "")}" = "{target}"' for column, target in self.as_dict().items()]
        return "\n".join(lines) + "\n"

    def with_field(self, index: int, target: str) -> Mapping:
        """Return a copy with column ``index`` mapped to ``target``. Raises UserError."""
        if target not in (*FIELDS, IGNORE):
            raise UserError(f"{target!r} is not a prospect field; use one of {', '.join(FIELDS)} or ignore.")
        fields = list(self.fields)
        fields[index] = target
        return Mapping(self.columns, tuple(fields), "edited")


def _key(header: str) -> str:
    return _PUNCTUATION.sub(" ", header.replace("\ufeff", "").casefold()).strip()


@cache
def _aliases() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    data = read_toml("import/columns.toml")
    aliases = {_key(alias): target for target, names in data["fields"].items() for alias in names}
    sources = {name: frozenset(_key(h) for h in headers) for name, headers in data["sources"].items()}
    return aliases, sources


def auto_mapping(columns: list[str]) -> Mapping:
    """Map columns to fields by their names (English and Nordic) and name the export it looks like."""
    aliases, sources = _aliases()
    keys = [_key(column) for column in columns]
    fields = []
    for key in keys:
        target = aliases.get(key)
        if target is None:
            target = next((aliases[k] for k in aliases if len(k) > 3 and (key.startswith(k + " ") or key.endswith(" " + k))),
                          IGNORE)
        fields.append(target)
    if "name" in fields and ("first_name" in fields or "last_name" in fields):
        fields = [IGNORE if f == "name" and keys[i] not in aliases else f for i, f in enumerate(fields)]
    best = max(sources, key=lambda name: len(sources[name] & set(keys)))
    source = f"{best} export" if len(sources[best] & set(keys)) >= 3 else "column names"
    return Mapping(tuple(columns), tuple(fields), source)


def load_mapping(path: Path | str, columns: list[str]) -> Mapping:
    """Read a TOML mapping file ([columns] "Header" = "field"); unnamed columns keep their automatic field."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"The mapping file {path.name} cannot be read: {error}") from error
    given = {_key(k): str(v) for k, v in (data.get("columns") or {}).items()}
    if not given:
        raise UserError(f"The mapping file {path.name} has no [columns] table.")
    mapping = auto_mapping(columns)
    known = {_key(c) for c in columns}
    missing = [k for k in given if k not in known]
    if missing:
        raise UserError(f"The mapping file names column(s) the CSV does not have: {', '.join(missing)}.")
    for i, column in enumerate(columns):
        if _key(column) in given:
            mapping = mapping.with_field(i, given[_key(column)])
    return Mapping(mapping.columns, mapping.fields, f"mapping file {path.name}")


def sniff_delimiter(header_line: str) -> str:
    """Pick the separator of a CSV from its header line: ';', ',' or tab, outside quotes."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class CsvHeader:
    """What the top of a CSV file says: encoding, separator, columns."""

    encoding: str
    delimiter: str
    columns: list[str]


def _reader(stream: TextIO) -> tuple[str, csv.Reader]:
    first = stream.readline()
    delimiter = sniff_delimiter(first)
    stream.seek(0)
    return delimiter, csv.reader(stream, delimiter=delimiter, strict=False)


def read_header(path: Path | str) -> CsvHeader:
    """Return the encoding, separator and column names of a CSV. Raises FileRefused or UserError."""
    with open_text(path, max_bytes=MAX_BYTES, what="CSV") as (stream, encoding):
        delimiter, reader = _reader(stream)
        columns = [c.strip() for c in next(reader, [])]
    if not any(columns):
        raise UserError(f"{Path(path).name} has no header row.")
    return CsvHeader(encoding, delimiter, columns)


def _records(stream: TextIO, mapping: Mapping, name: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    _, reader = _reader(stream)
    next(reader)
    width = len(mapping.columns)
    row = 1
    try:
        for cells in reader:
            row += 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != width:
                yield row, {ROW_ERROR: [f"has {len(cells)} cells but the header has {width} "
                                       "(a stray separator, quote or line break?)"]}
                continue
            values: dict[str, list[str]] = {}
            for target, value in zip(mapping.fields, cells, strict=True):
                if target != IGNORE and value.strip():
                    values.setdefault(target, []).append(value)
            yield row, values
    except csv.Error as error:
        raise UserError(f"{name} cannot be read past row {row + 1}: {error}. An unclosed quote is the usual "
                        "cause; nothing was imported.") from error


def import_csv(
    db: Database, path: Path | str, *, mapping: Mapping | Path | str | None = None, duplicates: str = "merge",
    dry_run: bool = False, progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import prospects from a CSV export; return the report (a dry run writes nothing).

    Raises UserError (FileRefused) when the file as a whole cannot be used; nothing is written then.
    """
    path = Path(path)
    header = read_header(path)
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(mapping, header.columns)
    mapping = mapping or auto_mapping(header.columns)
    if len(mapping.columns) != len(header.columns):
        raise UserError("The mapping was made for a file with other columns; map this file again.")
    if not {"name", "first_name", "last_name"} & set(mapping.fields):
        raise UserError(f"No column of {path.name} was recognised as the person's name (columns: "
                        f"{', '.join(header.columns)}). Map the columns with a mapping file.")
    report = ImportReport(str(path.name), "csv", dry_run, encoding_label(header.encoding),
                          {";": "semicolon", ",": "comma", "\t": "tab"}[header.delimiter], mapping.source,
                          mapping.as_dict())
    with open_text(path, max_bytes=MAX_BYTES, what="CSV") as (stream, _):
        return run_import(db, _records(stream, mapping, path.name), report, duplicates=duplicates,
                          progress=progress)


__all__ = ["FIELDS", "IGNORE", "CsvHeader", "FileRefused", "Mapping", "auto_mapping", "import_csv", "load_mapping",
           "read_header", "sniff_delimiter"]
