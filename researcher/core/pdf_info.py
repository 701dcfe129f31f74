"""Set a PDF's document information (title, author, subject...) by an incremental update.

QPdfWriter has no subject or keywords; the PDF format (ISO 32000, 7.5.6) lets a writer append
a new information dictionary after the file instead of rewriting it, which takes a millisecond
and needs no PDF library at run time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from researcher.core.errors import UserError

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_ROOT = re.compile(rb"/Root\s+(\d+\s+\d+\s+R)")
_INFO = re.compile(rb"/Info\s+(\d+)\s+\d+\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_ID = re.compile(rb"/ID\s*\[[^\]]*\]")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_string(text: str) -> bytes:
    """Return ``text`` as a PDF text string (UTF-16BE with byte order mark, hex-encoded)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def pdf_date(moment: datetime) -> bytes:
    """Return a PDF date string such as ``(D:20261201093000Z)``."""
    return moment.astimezone(UTC).strftime("(D:%Y%m%d%H%M%SZ)").encode("ascii")


def count_pages(data: bytes) -> int:
    """Return the number of page objects in a PDF written without object streams (as Qt writes)."""
    return len(_PAGE.findall(data))


def set_document_info(path: Path, fields: dict[str, str], *, when: datetime | None = None) -> None:
    """Replace the document information of the PDF at ``path`` with ``fields`` plus dates.

    ``fields`` uses the PDF key names without the slash (Title, Author, Subject, Keywords,
    Creator, Producer). Raises UserError when the file is not a PDF with a classic trailer.
    """
    data = path.read_bytes()
    tail = data[-4096:]
    trailer_at = tail.rfind(b"trailer")
    end = _STARTXREF.search(tail)
    if not data.startswith(b"%PDF-") or trailer_at < 0 or end is None:
        raise UserError(f"{path} is not a PDF this app can add document information to.")
    trailer = tail[trailer_at:end.start()]
    root, size = _ROOT.search(trailer), _SIZE.search(trailer)
    if root is None or size is None:
        raise UserError(f"{path} has a damaged PDF trailer.")
    info = _INFO.search(trailer)
    number = int(info.group(1)) if info else int(size.group(1))
    stamp = pdf_date(when or datetime.now(UTC))
    entries = b"".join(b"/" + key.encode("ascii") + b" " + pdf_string(value) + b"\n"
                       for key, value in fields.items() if value)
    body = (f"{number} 0 obj\n<<\n".encode("ascii") + entries
            + b"/CreationDate " + stamp + b"\n/ModDate " + stamp + b"\n>>\nendobj\n")
    start = len(data) + (0 if data.endswith(b"\n") else 1)
    xref_at = start + len(body)
    identifier = _ID.search(trailer)
    update = (
        body
        + f"xref\n{number} 1\n{start:010d} 00000 n \ntrailer\n<<\n".encode("ascii")
        + f"/Size {max(int(size.group(1)), number + 1)}\n".encode("ascii")
        + b"/Root " + root.group(1) + f"\n/Info {number} 0 R\n/Prev {int(end.group(1))}\n".encode("ascii")
        + (identifier.group(0) + b"\n" if identifier else b"")
        + f">>\nstartxref\n{xref_at}\n%%EOF\n".encode("ascii")
    )
    with path.open("ab") as handle:
        if not data.endswith(b"\n"):
            handle.write(b"\n")
        handle.write(update)
