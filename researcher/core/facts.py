"""Facts about a prospect's company and people, each tied to the page and date it came from.

Kinds: ``company_name``, ``legal_name``, ``address``, ``phone``, ``email``, ``founded``,
``employees``, ``social`` (value is the profile URL), ``person`` ("Name, job title"),
``job`` ("Title, location"), ``news`` (a headline). ``founded`` and ``employees`` also come from
the page's own sentences when it has no structured data; such facts carry that sentence as ``quote``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from researcher.core.prospects import get_prospect

if TYPE_CHECKING:
    from researcher.core.extract import Extraction
    from researcher.core.store_reader import Reader


@dataclass(frozen=True)
class Fact:
    """One fact with its evidence: the page's URL and id, its date (published, else captured), and
    the sentence it was read from when it came from the text rather than structured data."""

    kind: str
    value: str
    url: str
    page_id: int
    date: str | None
    quote: str = ""


def facts_from_extraction(extraction: Extraction) -> list[tuple[str, str, str]]:
    """The (kind, value, quote) triples worth keeping from one extraction, without duplicates."""
    pairs: list[tuple[str, str]] = []
    org: dict[str, Any] = extraction.organization or {}
    for key, kind in (("name", "company_name"), ("legal_name", "legal_name"), ("address", "address"),
                      ("founding_date", "founded"), ("employees", "employees")):
        if org.get(key):
            pairs.append((kind, str(org[key])))
    pairs += [("phone", phone) for phone in extraction.phones]
    pairs += [("email", email) for email in extraction.emails]
    pairs += [("social", url) for url in extraction.social.values()]
    for person in extraction.people:
        pairs.append(("person", ", ".join(v for v in (person["name"], person.get("job_title", "")) if v)))
    for job in extraction.jobs:
        pairs.append(("job", ", ".join(v for v in (job["title"], job.get("location", "")) if v)))
    pairs += [("news", item["headline"]) for item in extraction.news if item.get("headline")]
    triples = [(kind, value, "") for kind, value in dict.fromkeys(pairs)]
    structured = {kind for kind, _ in pairs}
    triples += [(f["kind"], f["value"], f["quote"]) for f in extraction.stated if f["kind"] not in structured]
    return triples


def prospect_facts(db: Reader, prospect_id: int) -> list[Fact]:
    """Facts from the latest snapshots of the prospect's and their company's pages, newest first.

    The same fact found on several pages is listed once, with its most recent source.
    Raises NotFound when the prospect does not exist.
    """
    prospect = get_prospect(db, prospect_id)
    company_id = prospect.company_id if prospect.company_id is not None else -1
    rows = db.query(
        """SELECT f.kind, f.value, f.quote, l.page_id, coalesce(nullif(l.final_url, ''), l.url) AS url,
                  coalesce(l.published, substr(l.captured_at, 1, 10)) AS date
           FROM latest_snapshots l JOIN facts f ON f.snapshot_id = l.snapshot_id
           WHERE l.prospect_id = ? OR l.company_id = ?
           ORDER BY date DESC, f.id""",
        [prospect_id, company_id],
    )
    seen: dict[tuple[str, str], Fact] = {}
    for row in rows:
        key = (row["kind"], row["value"].casefold())
        if key not in seen:
            seen[key] = Fact(row["kind"], row["value"], row["url"], row["page_id"], row["date"], row["quote"])
    return list(seen.values())
