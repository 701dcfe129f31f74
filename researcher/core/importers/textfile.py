"""Open a text file of unknown origin: detect its encoding, refuse binary and oversized files."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from researcher.core.errors import UserError

SAMPLE_BYTES = 1 << 20
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of files reps often pick by mistake instead of a CSV export.
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an Excel .xlsx or Numbers file?)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls or Word document",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"SQLite format 3": "an SQLite database",
}


class FileRefused(UserError):
    """The file cannot be read as text; nothing was imported."""


def detect_encoding(sample: bytes, name: str = "the file") -> str:
    """Return the encoding of a text file from its first bytes. Raises FileRefused for binary data."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    for signature, what in _BINARY_SIGNATURES.items():
        if sample.startswith(signature):
            raise FileRefused(f"{name} is {what}, not a text file. Export it as CSV (UTF-8) and import that.")
    if b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
        raise FileRefused(f"{name} contains binary data, not text. Choose the exported CSV or text file.")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


@contextmanager
def open_text(path: Path | str, *, max_bytes: int | None = None, what: str = "file") -> Iterator[tuple[TextIO, str]]:
    """Open ``path`` for streaming as text; yield (stream, encoding name).

    Raises FileRefused when the file is missing, empty, too large, binary or undecodable.
    """
    path = Path(path)
    if not path.is_file():
        raise FileRefused(f"There is no {what} at {path}.")
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(f"{path.name} is empty.")
    if max_bytes is not None and size > max_bytes:
        raise FileRefused(
            f"{path.name} is {size / 1e6:.0f} MB; a {what} import takes at most {max_bytes / 1e6:.0f} MB. "
            "Split it into smaller files and import them one after the other."
        )
    with path.open("rb") as raw:
        encoding = detect_encoding(raw.read(SAMPLE_BYTES), path.name)
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            yield stream, encoding
        except UnicodeDecodeError as error:
            raise FileRefused(
                f"{path.name} is not consistently {encoding_label(encoding)} (bad byte near position "
                f"{error.start}). Save it again as UTF-8 and retry; nothing was imported."
            ) from error


def encoding_label(encoding: str) -> str:
    """Return a reader-friendly name for an encoding."""
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
            "utf-16-be": "UTF-16", "cp1252": "Windows-1252"}.get(encoding, encoding)
