"""Triggers for a prospect: detected in stored documents, confirmed, dismissed or added by hand."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from researcher.core.clock import utcnow
from researcher.core.documents import Document, collect_documents
from researcher.core.errors import NotFound, UserError
from researcher.core.lexicon import TRIGGER_TYPES, normalise_language, type_rules
from researcher.core.prospects import get_prospect
from researcher.core.trigger_detect import detect

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

STATUSES = ("suggested", "confirmed", "dismissed", "manual")
_BASE_CONFIDENCE = {"page": 0.85, "note": 0.8, "interaction": 0.75}


@dataclass(frozen=True)
class Trigger:
    """A trigger event with its evidence: the sentence (quote), where it was read (url) and its date."""

    type: str
    quote: str
    url: str | None
    date: str | None
    confidence: float
    status: str = "suggested"
    fingerprint: str = ""
    source_kind: str = "page"
    source_id: int | None = None
    source_title: str = ""
    count: int | None = None
    detail: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The type's human label, e.g. 'New leader'."""
        rule = type_rules().get(self.type)
        return rule.label if rule else self.type

    def to_json(self) -> dict[str, object]:
        """The CLI/JSON shape: type, quote, url, date, confidence, plus status and count."""
        return {"type": self.type, "quote": self.quote, "url": self.url, "date": self.date,
                "confidence": self.confidence, "status": self.status, "count": self.count,
                "source": self.source_title}


def fingerprint(kind: str, url: str | None, quote: str) -> str:
    """A stable id for a detected trigger, so a rep's verdict survives re-detection."""
    return hashlib.sha1(f"{kind}\x1f{url or ''}\x1f{quote}".encode()).hexdigest()[:20]


def _document_languages(document: Document, prospect_language: str) -> list[str]:
    page_language = normalise_language(document.language, default="")
    if page_language:
        return [page_language]
    first = normalise_language(prospect_language)
    return [first] if first == "en" else [first, "en"]


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def detect_in_documents(documents: list[Document], prospect_language: str, *, today: date) -> list[Trigger]:
    """Run detection over documents; one trigger per type per source, the count being the largest seen."""
    merged: dict[tuple[str, str, int], Trigger] = {}
    for document in documents:
        doc_date = _parse_date(document.date)
        for language in _document_languages(document, prospect_language):
            for item in detect(document.text, language, today=today, document_date=doc_date):
                confidence = _BASE_CONFIDENCE[document.kind] - (0.0 if document.dated or document.kind != "page" else 0.15)
                trigger = Trigger(
                    item.type, item.quote, document.url, document.date, round(confidence, 2),
                    fingerprint=fingerprint(item.type, document.url or f"{document.kind}:{document.ref_id}", item.quote),
                    source_kind=document.kind, source_id=document.ref_id,
                    source_title=document.title, count=item.count, detail=item.detail,
                )
                key = (item.type, document.kind, document.ref_id)
                earlier = merged.get(key)
                if earlier is None:
                    merged[key] = trigger
                    continue
                best = trigger if len(trigger.quote.split()) > len(earlier.quote.split()) else earlier
                merged[key] = replace(best, count=max(trigger.count or 0, earlier.count or 0) or None)
    return list(merged.values())


def _with_job_postings(db: Reader, detected: list[Trigger], documents: list[Document], today: date) -> list[Trigger]:
    """Count the job postings a page publishes as structured data (JobPosting) into its hiring trigger."""
    pages = {d.ref_id: d for d in documents if d.kind == "page"}
    if not pages or "facts" not in db.table_names():
        return detected
    window = type_rules()["hiring"].window_days
    marks = ",".join("?" * len(pages))
    rows = db.query(f"""SELECT l.page_id, count(*) AS n, group_concat(f.value, '; ') AS titles
                        FROM facts f JOIN latest_snapshots l ON l.snapshot_id = f.snapshot_id
                        WHERE f.kind = 'job' AND l.page_id IN ({marks}) GROUP BY l.page_id""", list(pages))
    result = list(detected)
    for row in rows:
        document = pages[row["page_id"]]
        when = _parse_date(document.date)
        if when is not None and (today - when).days > window:
            continue
        index = next((i for i, t in enumerate(result) if t.type == "hiring" and t.source_kind == "page"
                      and t.source_id == document.ref_id), None)
        if index is not None:
            result[index] = replace(result[index], count=max(result[index].count or 0, int(row["n"])))
            continue
        titles = row["titles"] if len(row["titles"]) <= 300 else row["titles"][:299] + "…"
        result.append(Trigger("hiring", titles, document.url, document.date, 0.8 if document.dated else 0.7,
                              fingerprint=fingerprint("hiring", document.url, titles), source_kind="page",
                              source_id=document.ref_id, source_title=f"Job postings on {document.title}",
                              count=int(row["n"])))
    return result


def prospect_triggers(db: Reader, prospect_id: int, *, today: date | None = None,
                      include_dismissed: bool = True, documents: list[Document] | None = None) -> list[Trigger]:
    """Return the prospect's triggers, best first: detected ones with the rep's verdicts, then manual ones.

    Raises NotFound when the prospect does not exist.
    """
    today = today or date.today()
    prospect = get_prospect(db, prospect_id)
    if documents is None:
        documents = collect_documents(db, prospect_id)
    detected = _with_job_postings(db, detect_in_documents(documents, prospect.language, today=today),
                                  documents, today)
    verdicts = {row["fingerprint"]: row for row in db.query(
        "SELECT * FROM triggers WHERE prospect_id = ?", [prospect_id])}
    result: list[Trigger] = []
    for trigger in detected:
        verdict = verdicts.get(trigger.fingerprint)
        if verdict is not None and verdict["status"] in ("confirmed", "dismissed"):
            trigger = replace(trigger, status=verdict["status"])
        result.append(trigger)
    for row in verdicts.values():
        if row["status"] == "manual":
            result.append(Trigger(row["type"], row["quote"], row["url"] or None, row["date"], 1.0, "manual",
                                  row["fingerprint"], "manual", row["id"], "Added by hand"))
    if not include_dismissed:
        result = [t for t in result if t.status != "dismissed"]
    return sorted(result, key=lambda t: _rank(t, today), reverse=True)


def _rank(trigger: Trigger, today: date) -> tuple[int, float]:
    order = {"manual": 3, "confirmed": 3, "suggested": 2, "dismissed": 0}[trigger.status]
    when = _parse_date(trigger.date)
    age = (today - when).days if when else 400
    freshness = max(0.0, 1.0 - age / 730)
    return order, type_rules()[trigger.type].weight * trigger.confidence * (0.5 + freshness)


def set_trigger_status(db: Database, prospect_id: int, trigger: Trigger, status: str) -> None:
    """Record the rep's verdict ('confirmed', 'dismissed' or back to 'suggested') on a detected trigger."""
    if status not in ("confirmed", "dismissed", "suggested"):
        raise UserError(f"A trigger can be confirmed or dismissed, not {status!r}.")
    get_prospect(db, prospect_id)
    with db.atomic():
        db.execute("DELETE FROM triggers WHERE prospect_id = ? AND fingerprint = ? AND status != 'manual'",
                   [prospect_id, trigger.fingerprint])
        if status != "suggested":
            now = utcnow()
            db["triggers"].insert({
                "prospect_id": prospect_id, "fingerprint": trigger.fingerprint, "type": trigger.type,
                "quote": trigger.quote, "url": trigger.url or "", "date": trigger.date, "status": status,
                "created_at": now, "updated_at": now,
            })


def add_manual_trigger(db: Database, prospect_id: int, kind: str, quote: str, *, url: str = "",
                       when: str | None = None) -> Trigger:
    """Add a trigger by hand. Raises UserError for an unknown type, an empty quote or a bad date."""
    if kind not in TRIGGER_TYPES:
        raise UserError(f"Unknown trigger type {kind!r}; use one of: {', '.join(TRIGGER_TYPES)}.")
    quote = quote.strip()
    if not quote:
        raise UserError("Write the sentence or fact the trigger rests on.")
    if when and _parse_date(when) is None:
        raise UserError(f"{when!r} is not a date; write it as YYYY-MM-DD.")
    get_prospect(db, prospect_id)
    now = utcnow()
    print_key = fingerprint(kind, url or "manual", quote + now)
    row_id = db["triggers"].insert({
        "prospect_id": prospect_id, "fingerprint": "manual:" + print_key, "type": kind, "quote": quote,
        "url": url.strip(), "date": when or now[:10], "status": "manual", "created_at": now, "updated_at": now,
    }).last_pk
    return Trigger(kind, quote, url.strip() or None, when or now[:10], 1.0, "manual", "manual:" + print_key,
                   "manual", int(row_id), "Added by hand")


def delete_manual_trigger(db: Database, prospect_id: int, trigger_id: int) -> None:
    """Remove a trigger the rep added by hand. Raises NotFound."""
    rows = list(db.query("SELECT id FROM triggers WHERE id = ? AND prospect_id = ? AND status = 'manual'",
                         [trigger_id, prospect_id]))
    if not rows:
        raise NotFound(f"There is no hand-added trigger {trigger_id} for this prospect.")
    db.execute("DELETE FROM triggers WHERE id = ?", [trigger_id])
