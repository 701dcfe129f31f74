"""Everything stored about a prospect as plain documents: notes, interactions and latest page snapshots."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from researcher.core.prospects import get_prospect

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

_BARE_URL = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """One piece of stored text with where it came from.

    ``kind`` is 'page', 'note' or 'interaction'; ``ref_id`` is the page, note or interaction id;
    ``date`` is the ISO date (published date for pages when known, else capture/creation date);
    ``dated`` is True when ``date`` is a published date rather than when the rep stored it.
    """

    kind: str
    ref_id: int
    url: str | None
    title: str
    date: str | None
    text: str
    language: str = ""
    dated: bool = False
    site_name: str = ""
    about_prospect: bool = True


def has_snapshots_view(db: Reader) -> bool:
    """True when the research store (the ``latest_snapshots`` view) exists in this database."""
    return bool(list(db.query("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'latest_snapshots'")))


def collect_documents(db: Reader, prospect_id: int) -> list[Document]:
    """Return the prospect's and their company's notes, the prospect's interactions and latest snapshots.

    Raises NotFound when the prospect does not exist.
    """
    prospect = get_prospect(db, prospect_id)
    company_id = prospect.company_id if prospect.company_id is not None else -1
    documents: list[Document] = []
    for row in db.query(
        "SELECT id, prospect_id, body, source, created_at FROM notes WHERE prospect_id = ? OR company_id = ? ORDER BY created_at DESC",
        [prospect_id, company_id],
    ):
        source = row["source"] or ""
        url = source if source.startswith(("http://", "https://")) else None
        if url is None and _BARE_URL.match(source):
            url = "https://" + source
        documents.append(Document("note", row["id"], url, source or "Note", row["created_at"][:10], row["body"],
                                  about_prospect=row["prospect_id"] == prospect_id))
    for row in db.query(
        "SELECT id, kind, outcome, summary, next_step, occurred_at FROM interactions WHERE prospect_id = ? ORDER BY occurred_at DESC",
        [prospect_id],
    ):
        text = "\n\n".join(part for part in (row["summary"], row["next_step"]) if part)
        title = f"{row['kind'].capitalize()} {row['occurred_at'][:10]}"
        documents.append(Document("interaction", row["id"], None, title, row["occurred_at"][:10], text))
    if has_snapshots_view(db):
        for row in db.query(
            """SELECT page_id, prospect_id, url, title, site_name, language, published, captured_at, text
               FROM latest_snapshots WHERE prospect_id = ? OR company_id = ?
               ORDER BY coalesce(published, captured_at) DESC""",
            [prospect_id, company_id],
        ):
            published = (row["published"] or "")[:10] or None
            captured = (row["captured_at"] or "")[:10] or None
            documents.append(Document(
                "page", row["page_id"], row["url"], row["title"] or row["url"] or "",
                published or captured, row["text"] or "", (row["language"] or "").lower(),
                dated=published is not None, site_name=row["site_name"] or "",
                about_prospect=row["prospect_id"] == prospect_id,
            ))
    return documents
