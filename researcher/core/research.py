"""Research workflow shared by the CLI and the GUI: add URLs, fetch in workers, store on one thread."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from researcher.core import pages
from researcher.core.errors import UserError
from researcher.core.prospects import get_company, get_prospect

if TYPE_CHECKING:
    import requests
    from sqlite_utils import Database

    from researcher.core.capture import Capture
    from researcher.core.politeness import Politeness

_URLISH = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![@\w.-])(?:[\w-]+\.)+(?:fi|se|no|dk|is|ax|uk|eu|de|com|net|org|io|co)(?:/[^\s<>\"']*)?(?![\w.-])",
    re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    """The result of fetching one page in a worker: a capture, or the failure's message and code."""

    page_id: int
    url: str
    capture: Capture | None = None
    error: str | None = None
    code: str | None = None

    @property
    def ok(self) -> bool:
        """True when the page was captured."""
        return self.capture is not None


def parse_urls(text: str) -> list[str]:
    """Web addresses in pasted text (one or many, any separators); bare 'www.x.fi' gets https://."""
    found = []
    for match in _URLISH.findall(text):
        url = match.rstrip(".,;)]")
        if not url.lower().startswith(("http://", "https://")):
            url = "https://" + url
        found.append(url)
    return list(dict.fromkeys(found))


def add_urls(db: Database, urls: list[str], *, prospect_id: int | None = None,
             company_id: int | None = None) -> list[int]:
    """Register pages (pending) for the URLs; raises UserError naming the first unusable address."""
    from researcher.core.fetch import check_url

    checked = [check_url(url) for url in urls]
    with db.atomic():
        return [pages.add_page(db, url, prospect_id=prospect_id, company_id=company_id) for url in checked]


def company_website(db: Database, prospect_id: int) -> tuple[int, str]:
    """(company id, website URL) of the prospect's company. Raises UserError when there is none."""
    prospect = get_prospect(db, prospect_id)
    if prospect.company_id is None:
        raise UserError(f"{prospect.name} has no company, so there is no company site to research.")
    company = get_company(db, prospect.company_id)
    website = company.website.strip()
    if not website:
        raise UserError(f"{company.name} has no website yet; add it to the company first.")
    if not website.lower().startswith(("http://", "https://")):
        website = "https://" + website
    return company.id, website


def fetch_outcome(page_id: int, url: str, *, politeness: Politeness | None = None,
                  cancel: threading.Event | None = None, session: requests.Session | None = None,
                  validators: dict[str, str] | None = None) -> Outcome:
    """Fetch and extract one page (worker side); failures become an Outcome, never an exception.

    ``validators`` come from ``pages.validators`` (read on the database thread beforehand).
    """
    from researcher.core.capture import capture_url
    from researcher.core.fetch import FetchError

    try:
        capture = capture_url(url, politeness=politeness, cancel=cancel, session=session, validators=validators)
        return Outcome(page_id, url, capture=capture)
    except FetchError as error:
        return Outcome(page_id, url, error=str(error), code=error.code)


def save_outcome(db: Database, outcome: Outcome) -> int | None:
    """Store a worker's outcome (database thread). Returns the new snapshot id, or None on failure."""
    if outcome.capture is not None:
        return pages.store_capture(db, outcome.page_id, outcome.capture)
    if outcome.code == "cancelled":
        return None
    pages.record_failure(db, outcome.page_id, outcome.error or "The page could not be fetched.",
                         outcome.code or "failed")
    return None


def save_site_result(db: Database, company_id: int, url: str, capture: Capture | None,
                     error: str | None, code: str | None) -> tuple[int, int | None]:
    """Store one page of a site research for the company; returns (page id, snapshot id or None)."""
    page_id = pages.add_page(db, capture.url if capture else url, company_id=company_id)
    return page_id, save_outcome(db, Outcome(page_id, url, capture, error, code))


@dataclass(frozen=True)
class Suggestion:
    """A page worth adding for a prospect; ``fetchable`` is False for sites that need a login."""

    url: str
    label: str
    fetchable: bool = True


_LOGIN_SITES = ("linkedin.com", "facebook.com", "instagram.com")


def suggestions(db: Database, prospect_id: int) -> list[Suggestion]:
    """Addresses known for the prospect (company website, profiles, social links) not kept yet."""
    from urllib.parse import urlsplit

    from researcher.core.facts import prospect_facts

    prospect = get_prospect(db, prospect_id)
    kept = {p.url.rstrip("/") for p in pages.list_pages(db, prospect_id=prospect.id, company_id=prospect.company_id)}
    found: list[Suggestion] = []
    if prospect.company_id is not None:
        website = get_company(db, prospect.company_id).website.strip()
        if website:
            url = website if website.lower().startswith(("http://", "https://")) else "https://" + website
            found.append(Suggestion(url, f"Company website: {url}"))
    if prospect.linkedin:
        found.append(Suggestion(prospect.linkedin, f"{prospect.name} on LinkedIn", False))
    for fact in prospect_facts(db, prospect.id):
        if fact.kind == "social":
            found.append(Suggestion(fact.value, f"Company profile: {fact.value}"))
    result: dict[str, Suggestion] = {}
    for item in found:
        host = (urlsplit(item.url).hostname or "").lower()
        if any(host == site or host.endswith("." + site) for site in _LOGIN_SITES):
            item = Suggestion(item.url, item.label + " (needs a login: save it from your browser)", False)
        if item.url.rstrip("/") not in kept:
            result.setdefault(item.url.rstrip("/"), item)
    return list(result.values())
