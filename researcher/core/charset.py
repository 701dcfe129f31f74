"""Turn the raw bytes of a web page into text, choosing the encoding the way browsers do."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG Encoding Standard: these labels mean windows-1252 on the web.
_WEB_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-15": "iso8859-15"}
_PLAUSIBLE_PUNCTUATION = set("“”‘’–—…€•´°§½¼¾«»·©®™¡¿¢£¥¤¦¨ª¬¯±²³µ¶¸¹º")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text plus the encoding that produced it and how it was chosen."""

    text: str
    encoding: str
    method: str  # 'bom' | 'header' | 'meta' | 'utf-8' | 'western' | 'detected' | 'replace'


def canonical_encoding(label: str | None) -> str | None:
    """Return Python's codec name for an encoding label, mapped like a browser, or None."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the `charset=` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_western(text: str) -> bool:
    """True when non-ASCII characters are the sparse accented letters of Nordic/Western text."""
    letters = [ch for ch in text if ch.isalpha()]
    foreign = [ch for ch in text if ord(ch) > 127]
    if not letters or not foreign:
        return bool(letters)
    plausible = sum(
        1 for ch in foreign
        if ch in _PLAUSIBLE_PUNCTUATION or ("\u00c0" <= ch <= "\u00ff" and ch not in "×÷")
        or ch in "ŠšŽžŒœŸ"
    )
    non_ascii_letters = sum(1 for ch in letters if ord(ch) > 127)
    return plausible >= 0.9 * len(foreign) and non_ascii_letters <= 0.3 * len(letters)


def _is_multibyte_utf8(raw: bytes) -> bool:
    if raw.isascii():
        return False
    return _try(raw, "utf-8") is not None


def _check_readable(text: str) -> None:
    if not text:
        return
    bad = len(_CONTROL.findall(text)) + text.count("\ufffd")
    if bad > max(8, len(text) // 20):
        raise UndecodableError("the page's text could not be decoded")


def declared_meta_encoding(raw: bytes) -> str | None:
    """Return the encoding named by `<meta charset>` / `http-equiv` / XML declaration."""
    from bs4.dammit import EncodingDetector

    return EncodingDetector.find_declared_encoding(raw[:4096], is_html=True, search_entire_document=False)


def decode_html(raw: bytes, *, header_charset: str | None = None, is_html: bool = True) -> Decoded:
    """Decode a page: BOM, HTTP header, `<meta>`, strict UTF-8, Western heuristics, detection.

    Raises UndecodableError when the result would be mostly control or replacement characters.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom):].decode(name, errors="replace")
            _check_readable(text)
            return Decoded(text, name, "bom")
    steps: list[tuple[str | None, str]] = [(canonical_encoding(header_charset), "header")]
    if is_html:
        steps.append((canonical_encoding(declared_meta_encoding(raw)), "meta"))
    for encoding, method in steps:
        if encoding and not encoding.startswith("utf-16") and not encoding.startswith("utf-32"):
            if encoding != "utf-8" and _is_multibyte_utf8(raw):
                # A mislabelled UTF-8 page: valid multi-byte UTF-8 is almost never an accident.
                encoding, method = "utf-8", "utf-8"
            declared = _try(raw, encoding)
            if declared is not None:
                _check_readable(declared)
                return Decoded(declared, encoding, method)
    strict = _try(raw, "utf-8")
    if strict is not None:
        _check_readable(strict)
        return Decoded(strict, "utf-8", "utf-8")
    western = _try(raw, "cp1252")
    if western is not None and _looks_western(western):
        return Decoded(western, "cp1252", "western")
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        text = str(best)
        _check_readable(text)
        return Decoded(text, canonical_encoding(best.encoding) or best.encoding, "detected")
    text = raw.decode("utf-8", errors="replace")
    _check_readable(text)
    return Decoded(unicodedata.normalize("NFC", text), "utf-8", "replace")
