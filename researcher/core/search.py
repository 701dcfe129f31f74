"""Search everything: page snapshots, notes and interactions, ranked, with [marked] snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


_TOKEN = re.compile(r"\w+", re.UNICODE)
_VOWELS = "aeiouyäöåæøéü"
MIN_STEM = 5
MAX_TERMS = 12
SNIPPET_WORDS = 18


@dataclass(frozen=True)
class SearchHit:
    """One result. ``snippet`` marks matched words as [word]; lower ``rank`` is better (bm25)."""

    kind: str  # 'page' | 'note' | 'interaction'
    ref_id: int
    prospect_id: int | None
    title: str
    snippet: str
    rank: float
    company_id: int | None = None
    url: str | None = None
    date: str | None = None


def fts_query(text: str) -> str | None:
    """Turn what the rep typed into a safe FTS5 query: every word must match, as a prefix.

    Prefixes let Nordic word forms match ("rekry" finds "rekrytoimme", "Jönköping" finds
    "Jönköpingissä"), and long words lose their final vowels first (see ``_stem``); quoting each
    word means no input can break the query syntax.
    """
    terms = [_stem(t) for t in _TOKEN.findall(text) if t.strip("_")][:MAX_TERMS]
    if not terms:
        return None
    # A one-letter prefix would expand to every word starting with that letter.
    return " ".join(f'"{t}"*' if len(t) > 1 else f'"{t}"' for t in terms)


def _stem(term: str) -> str:
    """Drop the final vowels of a long word, so a prefix also meets its inflected forms
    (Finnish "levyseppä" → "levysepp", matching "levyseppiä"; Swedish "kontoret" keeps its form)."""
    if len(term) <= MIN_STEM + 1:
        return term
    stem = term.rstrip(_VOWELS + _VOWELS.upper())
    return stem if len(stem) >= MIN_STEM else term


def clean_snippet(snippet: str | None) -> str:
    """One line of text: heading marks and line breaks of the stored text removed."""
    text = re.sub(r"(^|\s)#{1,6}\s", " ", snippet or "")
    return " ".join(text.split())


def _scope(prospect_id: int | None, db: Database) -> tuple[int, int] | None:
    if prospect_id is None:
        return None
    rows = list(db.query("SELECT company_id FROM prospects WHERE id = ?", [prospect_id]))
    company_id = rows[0]["company_id"] if rows and rows[0]["company_id"] is not None else -1
    return prospect_id, company_id


def _page_hits(db: Database, match: str, scope: tuple[int, int] | None, limit: int) -> list[SearchHit]:
    where = ""
    params: list[object] = [match]
    if scope is not None:
        where = (" AND rowid IN (SELECT s.id FROM snapshots s JOIN pages p ON p.id = s.page_id"
                 " WHERE p.prospect_id = ? OR p.company_id = ?)")
        params += list(scope)
    rows = list(db.query(
        f"""SELECT rowid, rank, highlight(snapshots_fts, 0, '[', ']') AS title,
                   snippet(snapshots_fts, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet
            FROM snapshots_fts WHERE snapshots_fts MATCH ? AND rank MATCH 'bm25(5.0, 1.0)'{where}
            ORDER BY rank LIMIT {int(limit)}""", params))
    if not rows:
        return []
    ids = [row["rowid"] for row in rows]
    marks = ",".join("?" * len(ids))
    meta = {r["id"]: r for r in db.query(
        f"""SELECT s.id, s.page_id, s.title, s.published, s.captured_at, p.prospect_id, p.company_id,
                   coalesce(nullif(s.final_url, ''), p.url) AS url
            FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE s.id IN ({marks})""", ids)}
    hits = []
    for row in rows:
        info = meta.get(row["rowid"])
        if info is None:
            continue
        hits.append(SearchHit("page", info["page_id"], info["prospect_id"], info["title"] or info["url"],
                              clean_snippet(row["snippet"] or row["title"]), row["rank"], info["company_id"], info["url"],
                              info["published"] or info["captured_at"][:10]))
    return hits


def _note_hits(db: Database, match: str, scope: tuple[int, int] | None, limit: int) -> list[SearchHit]:
    where = ""
    params: list[object] = [match]
    if scope is not None:
        where = " AND rowid IN (SELECT id FROM notes WHERE prospect_id = ? OR company_id = ?)"
        params += list(scope)
    rows = list(db.query(
        f"""SELECT rowid, rank, snippet(notes_fts, 0, '[', ']', '…', {SNIPPET_WORDS}) AS snippet
            FROM notes_fts WHERE notes_fts MATCH ?{where} ORDER BY rank LIMIT {int(limit)}""", params))
    if not rows:
        return []
    ids = [row["rowid"] for row in rows]
    meta = {r["id"]: r for r in db.query(
        f"SELECT id, prospect_id, company_id, source, created_at FROM notes WHERE id IN ({','.join('?' * len(ids))})",
        ids)}
    hits = []
    for row in rows:
        info = meta.get(row["rowid"])
        if info is not None:
            title = f"Note {info['created_at'][:10]}" + (f" · {info['source']}" if info["source"] else "")
            hits.append(SearchHit("note", info["id"], info["prospect_id"], title, clean_snippet(row["snippet"]), row["rank"],
                                  info["company_id"], None, info["created_at"][:10]))
    return hits


def _interaction_hits(db: Database, match: str, scope: tuple[int, int] | None, limit: int) -> list[SearchHit]:
    where = ""
    params: list[object] = [match]
    if scope is not None:
        where = " AND rowid IN (SELECT id FROM interactions WHERE prospect_id = ?)"
        params.append(scope[0])
    rows = list(db.query(
        f"""SELECT rowid, rank, snippet(interactions_fts, -1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet
            FROM interactions_fts WHERE interactions_fts MATCH ?{where} ORDER BY rank LIMIT {int(limit)}""", params))
    if not rows:
        return []
    ids = [row["rowid"] for row in rows]
    meta = {r["id"]: r for r in db.query(
        "SELECT i.id, i.prospect_id, i.kind, i.outcome, i.occurred_at, p.company_id FROM interactions i "
        f"JOIN prospects p ON p.id = i.prospect_id WHERE i.id IN ({','.join('?' * len(ids))})", ids)}
    hits = []
    for row in rows:
        info = meta.get(row["rowid"])
        if info is not None:
            title = f"{info['kind'].capitalize()} {info['occurred_at'][:10]}" + (
                f" · {info['outcome'].replace('_', ' ')}" if info["outcome"] else "")
            hits.append(SearchHit("interaction", info["id"], info["prospect_id"], title, clean_snippet(row["snippet"]),
                                  row["rank"], info["company_id"], None, info["occurred_at"][:10]))
    return hits


def search_all(db: Database, query: str, *, prospect_id: int | None = None, limit: int = 50) -> list[SearchHit]:
    """Ranked hits over page text, notes and interactions (optionally of one prospect and their company)."""
    match = fts_query(query)
    if match is None or limit <= 0:
        return []
    scope = _scope(prospect_id, db)
    hits = (_page_hits(db, match, scope, limit) + _note_hits(db, match, scope, limit)
            + _interaction_hits(db, match, scope, limit))
    hits.sort(key=lambda hit: hit.rank)
    return hits[:limit]


def marked_terms(snippet: str) -> list[str]:
    """The words a snippet marks as matches, e.g. to find the match again in the full text."""
    return re.findall(r"\[([^\[\]]+)\]", snippet)
