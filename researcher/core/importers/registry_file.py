"""Read a do-not-call registry file: one number per line, or one column of a CSV."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator

from researcher.core.errors import UserError

_PHONE_HEADERS = ("phone", "number", "telefon", "nummer", "puhelin", "tel", "msisdn", "mobile", "mobil")


def registry_cells(lines: Iterable[str], column: str | None) -> Iterator[tuple[int, str]]:
    """Yield (line number, raw number) from plain lines or from one column of a CSV."""
    first_lines = list(itertools.islice(lines, 1))
    if not first_lines:
        return
    first = first_lines[0]
    rest = itertools.chain(first_lines, lines)
    delimiter = next((d for d in (";", ",", "\t") if d in first), None)
    if delimiter is None and column is None:
        for number, line in enumerate(rest, 1):
            text = line.strip()
            if text and text[0] != "#":
                yield number, text
        return
    reader = csv.reader(rest, delimiter=delimiter or ",")
    header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
    index = _column_index(header, column)
    if any(ch.isdigit() for ch in header[index]):
        yield 1, header[index]  # no header row: the first line is already a number
    for number, row in enumerate(reader, 2):
        if row and any(cell.strip() for cell in row):
            yield number, row[index].strip() if len(row) > index else ""


def _column_index(header: list[str], column: str | None) -> int:
    if column is None:
        for i, cell in enumerate(header):
            if any(word in cell.lower() for word in _PHONE_HEADERS):
                return i
        return 0
    if column.isdigit():
        index = int(column) - 1
        if not 0 <= index < len(header):
            raise UserError(f"The file has {len(header)} column(s); there is no column {column}.")
        return index
    for i, cell in enumerate(header):
        if cell.casefold() == column.strip().casefold():
            return i
    raise UserError(f"There is no column called {column!r}; the columns are: {', '.join(header)}.")
