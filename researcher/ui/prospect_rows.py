"""Rows of the prospect list: one query, compact tuples, and the text a filter is matched against."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

# (id, name, company, title, country, stage, last_interaction_at, next_follow_up, email, phones)
Row = tuple[Any, ...]
ID, NAME, COMPANY, TITLE, COUNTRY, STAGE, LAST, FOLLOW, EMAIL, PHONES = range(10)
READINESS = -1  # a list column kept beside the rows (the qualification summary), not in them

PHONE_CHARACTERS = "0123456789+-()/. "

SELECT_ROWS = """
    SELECT p.id, p.name, coalesce(c.name, ''), p.title, p.country, p.stage,
           p.last_interaction_at, p.next_follow_up, p.email, p.phones
    FROM prospects p LEFT JOIN companies c ON c.id = p.company_id
"""


def make_row(raw: Sequence[Any]) -> Row:
    """Turn one result row of the list query into a model row (phones decoded, small strings shared)."""
    phones = tuple(json.loads(raw[PHONES] or "[]"))
    return (raw[ID], raw[NAME], raw[COMPANY], raw[TITLE], sys.intern(raw[COUNTRY]),
            sys.intern(raw[STAGE]), raw[LAST], raw[FOLLOW], raw[EMAIL], phones)


def haystack(row: Row) -> str:
    """The casefolded text a filter is matched against: name, company, title, email, phone digits."""
    digits = " ".join("".join(ch for ch in phone if ch.isdigit()) for phone in row[PHONES])
    return f"{row[NAME]}\t{row[COMPANY]}\t{row[TITLE]}\t{row[EMAIL]}\t{digits}".casefold()


def normalise_filter(text: str) -> str:
    """The needle for ``text``: casefolded, single spaces; a phone number typed any way becomes digits."""
    needle = " ".join(text.split()).casefold()
    if needle and not needle.strip(PHONE_CHARACTERS):
        return "".join(ch for ch in needle if ch.isdigit())
    return needle


def read_rows(db_path: Path, *, cancel: threading.Event | None = None,
              limit: int | None = None) -> tuple[list[Row], list[str]]:
    """Read every prospect row (or the first ``limit`` by name) and their haystacks with a read-only
    connection of its own (safe on any thread)."""
    from researcher.core.store_file import read_only_connection

    conn = read_only_connection(db_path)
    try:
        rows: list[Row] = []
        if limit is None:
            cursor = conn.execute(SELECT_ROWS)
        else:
            cursor = conn.execute(SELECT_ROWS + " ORDER BY p.name COLLATE NOCASE LIMIT ?", [limit])
        while batch := cursor.fetchmany(5000):
            if cancel is not None and cancel.is_set():
                break
            rows.extend(make_row(raw) for raw in batch)
    finally:
        conn.close()
    return rows, [haystack(row) for row in rows]


@lru_cache(maxsize=8192)
def short_datetime(iso: str) -> str:
    """Show a stored UTC time as local 'YYYY-MM-DD HH:MM'."""
    from researcher.core.clock import parse_datetime

    try:
        return parse_datetime(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
