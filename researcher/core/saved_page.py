"""Bring in what cannot be fetched: a browser's "Save page as…" HTML file, or pasted text."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from researcher.core.capture import Capture
from researcher.core.charset import UndecodableError, decode_html
from researcher.core.errors import UserError
from researcher.core.extract import extract_html, extract_text

MAX_FILE_BYTES = 20 * 1024 * 1024
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|title|meta|div|p)\b", re.IGNORECASE)


def saved_from_url(raw: bytes) -> str | None:
    """The original address recorded by the browser's ``<!-- saved from url=(NNNN)... -->`` mark."""
    match = _SAVED_FROM.search(raw[:4096])
    if not match:
        return None
    url = match.group(1).decode("ascii", errors="ignore")
    return url if url.startswith(("http://", "https://")) else None


def looks_like_html(raw: bytes) -> bool:
    """True when the bytes start like an HTML document rather than plain text."""
    return bool(_HTML_HINT.search(raw[:2048]))


def pasted_url(text: str) -> str:
    """A stable stand-in address for pasted text with no URL of its own."""
    return "pasted:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def capture_file(path: Path, *, url: str | None = None) -> Capture:
    """Read a saved HTML or text file and extract it. Raises UserError for unreadable files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                            "save only the page itself (HTML), not a whole archive.")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"The file {path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{path} is a folder; choose the saved .html file inside or beside it.") from exc
    except OSError as exc:
        raise UserError(f"The file {path} could not be read: {exc.strerror or exc}.") from exc
    return capture_bytes(raw, name=path.name, url=url)


def is_mhtml(raw: bytes) -> bool:
    """True for a browser's single-file archive (.mhtml / .mht: MIME multipart/related)."""
    head = raw[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(raw: bytes) -> tuple[bytes, str | None, str | None]:
    """The HTML part of an MHTML archive, its original URL and declared charset.

    Raises UserError when the archive holds no HTML page.
    """
    from email import message_from_bytes, policy

    message = message_from_bytes(raw, policy=policy.compat32)
    url = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            body = part.get_payload(decode=True)
            if isinstance(body, bytes):
                location = url or part.get("Content-Location")
                if location and not location.startswith(("http://", "https://")):
                    location = None
                return body, location, part.get_content_charset()
    raise UserError("The saved archive holds no web page.")


def capture_bytes(raw: bytes, *, name: str, url: str | None = None) -> Capture:
    """Extract saved bytes (HTML, MHTML or text). The URL comes from ``url``, the saved-from mark,
    the archive's Content-Location, or the page's canonical link."""
    if is_mhtml(raw):
        html, location, charset = mhtml_page(raw)
        try:
            decoded = decode_html(html, header_charset=charset)
        except UndecodableError as exc:
            raise UserError(f"{name} is not a web page or text file that can be read.") from exc
        original = url or location
        extraction = extract_html(decoded.text, original)
        original = original or extraction.canonical
        return Capture(url=original or "saved:" + hashlib.sha256(raw).hexdigest()[:16] + "/" + name,
                       extraction=extraction, source="saved", final_url=original or "", raw=html,
                       charset=decoded.encoding, content_type="text/html")
    is_html = looks_like_html(raw) or name.lower().endswith((".html", ".htm", ".xhtml"))
    try:
        decoded = decode_html(raw, is_html=is_html)
    except UndecodableError as exc:
        raise UserError(f"{name} is not a web page or text file that can be read.") from exc
    if is_html:
        original = url or saved_from_url(raw)
        extraction = extract_html(decoded.text, original)
        original = original or extraction.canonical
        if original and not extraction.url:
            extraction = extract_html(decoded.text, original)
        page_url = original or "saved:" + hashlib.sha256(raw).hexdigest()[:16] + "/" + name
        return Capture(url=page_url, extraction=extraction, source="saved", final_url=original or "",
                       raw=raw, charset=decoded.encoding, content_type="text/html")
    return capture_text(decoded.text, url=url, source="saved", raw=raw, charset=decoded.encoding)


def capture_text(text: str, *, url: str | None = None, title: str = "", source: str = "pasted",
                 raw: bytes | None = None, charset: str = "utf-8") -> Capture:
    """Extract pasted text (e.g. a LinkedIn profile copied from the browser)."""
    if not text.strip():
        raise UserError("There is no text to add: paste the page's text first.")
    extraction = extract_text(text, url, title=title)
    return Capture(url=url or pasted_url(text), extraction=extraction, source=source, final_url=url or "",
                   raw=raw if raw is not None else text.encode("utf-8"), charset=charset,
                   content_type="text/plain")
