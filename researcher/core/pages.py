"""Store pages and their snapshots; re-fetches keep old snapshots; what changed between two."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from researcher.core.clock import utcnow
from researcher.core.errors import NotFound, UserError
from researcher.core.facts import facts_from_extraction
from researcher.core.sentences import split_sentences

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.capture import Capture

# Failures worth retrying by themselves once the network is back.
RETRY_CODES = ("no_network", "dns", "timeout")


@dataclass(frozen=True)
class PageInfo:
    """A page with a summary of its latest snapshot (title and capture time, if any)."""

    id: int
    url: str
    state: str
    source: str
    prospect_id: int | None
    company_id: int | None
    error: str | None
    error_code: str | None
    created_at: str
    title: str
    captured_at: str | None
    published: str | None
    snapshot_id: int | None
    snapshots: int


@dataclass(frozen=True)
class Snapshot:
    """One capture of a page, as stored."""

    id: int
    page_id: int
    url: str
    final_url: str
    captured_at: str
    title: str
    description: str
    site_name: str
    canonical: str | None
    language: str | None
    published: str | None
    text: str
    charset: str | None
    content_type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Changes:
    """Sentences added and removed between two snapshots of a page."""

    added: list[str]
    removed: list[str]

    @property
    def changed(self) -> bool:
        """True when any sentence was added or removed."""
        return bool(self.added or self.removed)


_PAGE_SELECT = """
    SELECT p.*, s.title, s.captured_at, s.published, s.id AS snapshot_id,
           (SELECT count(*) FROM snapshots c WHERE c.page_id = p.id) AS snapshot_count
    FROM pages p LEFT JOIN snapshots s ON s.id = (SELECT max(id) FROM snapshots WHERE page_id = p.id)
"""


def _page(row: dict[str, Any]) -> PageInfo:
    return PageInfo(
        id=row["id"], url=row["url"], state=row["state"], source=row["source"],
        prospect_id=row["prospect_id"], company_id=row["company_id"], error=row["error"],
        error_code=row["error_code"], created_at=row["created_at"], title=row["title"] or "",
        captured_at=row["captured_at"], published=row["published"], snapshot_id=row["snapshot_id"],
        snapshots=row["snapshot_count"],
    )


def add_page(db: Database, url: str, *, prospect_id: int | None = None, company_id: int | None = None,
             source: str = "fetched") -> int:
    """Register a page (state 'pending') for a prospect or company; an existing one is reused."""
    if prospect_id is None and company_id is None:
        raise UserError("A page must belong to a prospect or a company.")
    url = url.strip()
    if not url:
        raise UserError("The page has no address.")
    existing = list(db.query(
        "SELECT id FROM pages WHERE coalesce(prospect_id, 0) = ? AND coalesce(company_id, 0) = ? AND url = ?",
        [prospect_id or 0, company_id or 0, url]))
    if existing:
        return int(existing[0]["id"])
    now = utcnow()
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO pages (prospect_id, company_id, url, state, source, created_at, updated_at) "
            "VALUES (?, ?, ?, 'pending', ?, ?, ?)", [prospect_id, company_id, url, source, now, now])
    return int(cursor.lastrowid or 0)


def store_capture(db: Database, page_id: int, capture: Capture) -> int:
    """Save a new snapshot (and its facts) of a page; earlier snapshots stay. Returns its id.

    A capture byte-for-byte equal to the latest snapshot, or a 304 Not Modified answer, adds
    nothing: the page is marked fetched (checked at ``updated_at``) and the latest snapshot's id
    is returned.
    """
    page = get_page(db, page_id)
    if page.snapshot_id is not None:
        row = db.execute("SELECT sha256 FROM snapshots WHERE id = ?", [page.snapshot_id]).fetchone()
        if capture.not_modified or (row is not None and row[0] == capture.sha256):
            with db.atomic():
                db.execute("UPDATE pages SET state = 'fetched', error = NULL, error_code = NULL, updated_at = ? "
                           "WHERE id = ?", [utcnow(), page_id])
            return page.snapshot_id
    if capture.not_modified:
        raise UserError("The site says the page is unchanged, but no earlier snapshot is kept; fetch it again.")
    ex = capture.extraction
    data = ex.to_json()
    for key in ("url", "canonical", "title", "description", "site_name", "language", "published", "text"):
        data.pop(key, None)
    with db.atomic():
        cursor = db.execute(
            """INSERT INTO snapshots (page_id, captured_at, final_url, status, content_type, title, description,
                   site_name, canonical, language, published, text, raw, charset, sha256, etag, last_modified, data)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [page_id, capture.captured_at, capture.final_url or capture.url, capture.status, capture.content_type,
             ex.title, ex.description, ex.site_name, ex.canonical, ex.language, ex.published, ex.text,
             capture.raw, capture.charset, capture.sha256, _header(capture, "etag"),
             _header(capture, "last-modified"), json.dumps(data, ensure_ascii=False)])
        snapshot_id = int(cursor.lastrowid or 0)
        db.table("facts").insert_all(
            ({"snapshot_id": snapshot_id, "page_id": page_id, "kind": kind, "value": value, "quote": quote}
             for kind, value, quote in facts_from_extraction(ex)))
        db.execute("UPDATE pages SET state = 'fetched', error = NULL, error_code = NULL, source = ?, "
                   "updated_at = ? WHERE id = ?", [capture.source, utcnow(), page_id])
    return snapshot_id


def _header(capture: Capture, name: str) -> str | None:
    for key, value in capture.headers.items():
        if key.lower() == name:
            return value
    return None


def record_failure(db: Database, page_id: int, message: str, code: str = "failed") -> None:
    """Note a failed fetch. Snapshots are untouched; network failures leave the page pending."""
    state = "pending" if code in RETRY_CODES else "failed"
    with db.atomic():
        db.execute("UPDATE pages SET state = CASE WHEN ? = 'pending' AND state = 'fetched' THEN 'fetched' "
                   "ELSE ? END, error = ?, error_code = ?, updated_at = ? WHERE id = ?",
                   [state, state, message, code, utcnow(), page_id])


def validators(db: Database, page_id: int) -> dict[str, str]:
    """Conditional-request headers from the page's latest snapshot (ETag, Last-Modified), if any."""
    row = db.execute("SELECT etag, last_modified FROM snapshots WHERE id = (SELECT max(id) FROM snapshots "
                     "WHERE page_id = ?)", [page_id]).fetchone()
    if row is None:
        return {}
    found = {"If-None-Match": row[0], "If-Modified-Since": row[1]}
    return {key: value for key, value in found.items() if value}


def get_page(db: Database, page_id: int) -> PageInfo:
    """The page with this id. Raises NotFound."""
    rows = list(db.query(_PAGE_SELECT + " WHERE p.id = ?", [page_id]))
    if not rows:
        raise NotFound(f"There is no page with id {page_id}.")
    return _page(rows[0])


def list_pages(db: Database, *, prospect_id: int | None = None, company_id: int | None = None) -> list[PageInfo]:
    """Pages of a prospect and/or a company, newest first."""
    rows = db.query(_PAGE_SELECT + " WHERE p.prospect_id = ? OR p.company_id = ? ORDER BY p.id DESC",
                    [prospect_id if prospect_id is not None else -1, company_id if company_id is not None else -1])
    return [_page(row) for row in rows]


def pending_pages(db: Database, *, prospect_id: int | None = None, company_id: int | None = None) -> list[PageInfo]:
    """Pages waiting to be fetched (all of them, or only one prospect's and company's)."""
    if prospect_id is None and company_id is None:
        rows = db.query(_PAGE_SELECT + " WHERE p.state = 'pending' ORDER BY p.id")
        return [_page(row) for row in rows]
    return [p for p in reversed(list_pages(db, prospect_id=prospect_id, company_id=company_id)) if p.state == "pending"]


def delete_page(db: Database, page_id: int) -> None:
    """Remove a page with all its snapshots and facts."""
    get_page(db, page_id)
    with db.atomic():
        db.execute("DELETE FROM pages WHERE id = ?", [page_id])


def snapshot_list(db: Database, page_id: int) -> list[tuple[int, str]]:
    """(snapshot id, captured_at) of every snapshot of a page, oldest first."""
    return [(r["id"], r["captured_at"]) for r in
            db.query("SELECT id, captured_at FROM snapshots WHERE page_id = ? ORDER BY id", [page_id])]


def get_snapshot(db: Database, snapshot_id: int) -> Snapshot:
    """One stored snapshot. Raises NotFound."""
    rows = list(db.query("SELECT s.*, p.url FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE s.id = ?",
                         [snapshot_id]))
    if not rows:
        raise NotFound(f"There is no snapshot with id {snapshot_id}.")
    row = rows[0]
    return Snapshot(
        id=row["id"], page_id=row["page_id"], url=row["url"], final_url=row["final_url"],
        captured_at=row["captured_at"], title=row["title"], description=row["description"],
        site_name=row["site_name"], canonical=row["canonical"], language=row["language"],
        published=row["published"], text=row["text"], charset=row["charset"],
        content_type=row["content_type"], data=json.loads(row["data"] or "{}"),
    )


def latest_snapshot(db: Database, page_id: int) -> Snapshot | None:
    """The newest snapshot of a page, or None if it was never captured."""
    page = get_page(db, page_id)
    return get_snapshot(db, page.snapshot_id) if page.snapshot_id else None


def diff_texts(old: str, new: str, language: str = "en") -> Changes:
    """Sentences that appear only in ``new`` (added) or only in ``old`` (removed), in order."""
    def sentences(text: str) -> list[str]:
        return [" ".join(s.text.lstrip("#").split()) for s in split_sentences(text, language) if s.text.strip("# ")]

    before, after = sentences(old), sentences(new)
    before_set, after_set = set(before), set(after)
    return Changes(added=list(dict.fromkeys(s for s in after if s not in before_set)),
                   removed=list(dict.fromkeys(s for s in before if s not in after_set)))


def changes_since_previous(db: Database, page_id: int) -> Changes | None:
    """What changed between the last two snapshots of a page; None if it has fewer than two."""
    ids = [sid for sid, _ in snapshot_list(db, page_id)]
    if len(ids) < 2:
        return None
    old, new = get_snapshot(db, ids[-2]), get_snapshot(db, ids[-1])
    return diff_texts(old.text, new.text, new.language or "en")
