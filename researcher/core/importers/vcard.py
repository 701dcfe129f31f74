"""Prospects from vCard files (.vcf, versions 2.1, 3.0 and 4.0), through the shared import."""

from __future__ import annotations

import quopri
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from researcher.core.errors import UserError
from researcher.core.importers.pipeline import ROW_ERROR, ImportReport, run_import
from researcher.core.importers.textfile import encoding_label, open_text

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 50 * 1000 * 1000
Property = tuple[str, dict[str, str], str]
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unfold(lines: Iterator[str]) -> Iterator[tuple[int, str]]:
    """Join folded lines (RFC 6350 §3.2) and quoted-printable soft breaks; yield (line number, line)."""
    current, start = "", 0
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if line[:1] in (" ", "\t") and current:
            current += line[1:]
            continue
        if current.endswith("=") and "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper():
            current = current[:-1] + line
            continue
        if current:
            yield start, current
        current, start = line, number
    if current:
        yield start, current


def _parse_line(line: str) -> Property | None:
    if ":" not in line:
        return None
    head, value = line.split(":", 1)
    name, *params = head.split(";")
    parameters: dict[str, str] = {}
    for param in params:
        key, _, val = param.partition("=")
        if val:
            parameters[key.upper()] = val.strip('"')
        else:
            parameters.setdefault("TYPE", "")
            parameters["TYPE"] = ",".join(p for p in (parameters["TYPE"], key) if p)
    group_free = name.split(".")[-1].upper()
    if parameters.get("ENCODING", "").upper() in ("QUOTED-PRINTABLE", "QP"):
        charset = parameters.get("CHARSET", "utf-8")
        try:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(charset, "replace")
        except LookupError:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
    return group_free, parameters, value


def _unescape(value: str) -> str:
    # One pass, left to right: in "\\n" the backslash is escaped, and the "n" is a letter, not a new line.
    return _ESCAPE.sub(lambda found: "\n" if found.group(1) in "nN" else found.group(1), value)


def _components(value: str) -> list[str]:
    parts, current, escaped = [], "", False
    for ch in value:
        if escaped:
            current += "\\" + ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append(_unescape(current))
            current = ""
        else:
            current += ch
    parts.append(_unescape(current))
    return parts


def card_values(props: list[Property]) -> dict[str, list[str]]:
    """Map one card's properties to the import's raw fields."""
    values: dict[str, list[str]] = {}

    def put(key: str, value: str) -> None:
        if value.strip():
            values.setdefault(key, []).append(value.strip())

    for name, _params, value in props:
        if name == "FN":
            put("name", _unescape(value))
        elif name == "N" and "FN" not in {p[0] for p in props}:
            parts = _components(value) + [""] * 5
            put("first_name", parts[1])
            put("last_name", parts[0])
        elif name == "ORG":
            put("company", _components(value)[0])
        elif name in ("TITLE", "ROLE") and "title" not in values:
            put("title", _unescape(value))
        elif name == "EMAIL" and "email" not in values:
            put("email", value.removeprefix("mailto:"))
        elif name == "TEL":
            put("phone", value.removeprefix("tel:"))
        elif name in ("URL", "X-SOCIALPROFILE") and "linkedin.com" in value.lower():
            put("linkedin", _unescape(value))
        elif name == "ADR" and "city" not in values:
            parts = _components(value) + [""] * 7
            put("city", parts[3])
            put("country", parts[6])
        elif name == "NOTE":
            put("note", _unescape(value))
        elif name == "LANG":
            put("language", value)
        elif name == "URL":
            put("website", _unescape(value))
        elif name == "CATEGORIES":
            put("tags", _unescape(value))
    return values


def read_cards(lines: Iterator[str], name: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    """Yield (card number, raw values) for each card; a broken card yields a row error."""
    card: list[Property] | None = None
    count = 0
    for number, line in _unfold(lines):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                yield count, {ROW_ERROR: [f"card starting near line {number} follows a card without END:VCARD"]}
            card, count = [], count + 1
        elif upper == "END:VCARD":
            if card is None:
                continue
            yield count, card_values(card)
            card = None
        elif card is not None:
            prop = _parse_line(line)
            if prop is not None:
                card.append(prop)
    if card is not None:
        yield count, {ROW_ERROR: ["the last card has no END:VCARD (the file is cut off?)"]}
    if count == 0:
        raise UserError(f"{name} is not a vCard file (no BEGIN:VCARD found).")


def import_vcard(
    db: Database, path: Path | str, *, duplicates: str = "merge", dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import prospects from a .vcf file; return the report (a dry run writes nothing). Raises UserError."""
    path = Path(path)
    with open_text(path, max_bytes=MAX_BYTES, what="vCard") as (stream, encoding):
        report = ImportReport(path.name, "vcard", dry_run, encoding_label(encoding), source="vCard")
        return run_import(db, read_cards(stream, path.name), report, duplicates=duplicates, progress=progress)
