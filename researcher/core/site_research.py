"""Research a company site: from its home page, find and capture the pages that matter for a call."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit, urlunsplit

from researcher.core.capture import Capture
from researcher.core.errors import UserError
from researcher.core.extract import Link
from researcher.core.resources import read_toml

DEFAULT_MAX_PAGES = 12
ARTICLES_PER_LISTING = 2


@dataclass(frozen=True)
class Category:
    """A kind of page worth reading on a company site, and how much it counts."""

    key: str
    label: str
    weight: float
    words: tuple[re.Pattern[str], ...]
    url_words: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """A link worth fetching, with the category it seems to be and how sure we are."""

    url: str
    category: str
    score: float
    text: str = ""


@dataclass(frozen=True)
class SiteResult:
    """One page of the research: its capture, or the reason it could not be captured."""

    url: str
    category: str
    capture: Capture | None = None
    error: str | None = None
    error_code: str | None = None


def _word_pattern(word: str) -> re.Pattern[str]:
    tail = r"(?!\w)" if len(word) < 4 else ""
    return re.compile(r"(?<!\w)" + re.escape(word.casefold()) + tail)


@cache
def load_keywords() -> tuple[tuple[Category, ...], tuple[re.Pattern[str], ...], frozenset[str], frozenset[str]]:
    """Categories in visiting order, plus the words, URL words and file extensions to avoid."""
    data = read_toml("research/keywords.toml")
    categories = tuple(
        Category(key, spec["label"], float(spec["weight"]),
                 tuple(_word_pattern(w) for w in dict.fromkeys(spec["words"])), frozenset(spec["url_words"]))
        for key, spec in data["categories"].items()
    )
    avoid = data["avoid"]
    return (categories, tuple(_word_pattern(w) for w in avoid["words"]), frozenset(avoid["url_words"]),
            frozenset(avoid["skip_extensions"]))


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def same_site(url: str, home: str) -> bool:
    """True for http(s) URLs on the home page's host (www. or not) or one of its subdomains."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    host, base = _host(url), _host(home)
    return scheme in ("http", "https") and bool(host) and (host == base or host.endswith("." + base))


def normalise(url: str) -> str:
    """Drop the fragment and a trailing 'index.html', so one page is visited once."""
    parts = urlsplit(url)
    path = re.sub(r"/index\.html?$", "/", parts.path) or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _segments(url: str) -> tuple[list[str], list[str]]:
    path = urlsplit(url).path.lower()
    whole = [re.sub(r"\.[a-z0-9]+$", "", s) for s in path.split("/") if s]
    return whole, [t for s in whole for t in re.split(r"[-_.]", s) if t]


def classify(link: Link) -> Candidate | None:
    """The best category for a link by its text and URL, or None if it matters for no call."""
    categories, avoid_words, avoid_url, skip_ext = load_keywords()
    text = link.text.casefold()
    whole, tokens = _segments(link.url)
    extension = urlsplit(link.url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(link.url).path else ""
    if extension in skip_ext or any(p.search(text) for p in avoid_words):
        return None
    if any(s in avoid_url for s in whole):
        return None
    best: Candidate | None = None
    for category in categories:
        score = 0.0
        matches = [p.pattern for p in category.words if p.search(text)]
        if matches:
            score += 3 + min(len(max(matches, key=len)), 30) / 10
        if whole and (whole[-1] in category.url_words or any(s in category.url_words for s in whole[-2:])):
            score += 2
        elif any(t in category.url_words for t in tokens):
            score += 1
        if score:
            score += category.weight / 100 - len(whole) * 0.05
            if best is None or score > best.score:
                best = Candidate(normalise(link.url), category.key, score, link.text)
    return best


def plan_pages(links: Iterable[Link], home: str, *, exclude: Iterable[str] = (),
               limit: int = DEFAULT_MAX_PAGES) -> list[Candidate]:
    """Pick up to ``limit`` same-site pages: the best link of each category first, then the rest."""
    categories = [c.key for c in load_keywords()[0]]
    seen = {normalise(u) for u in exclude}
    best_per_url: dict[str, Candidate] = {}
    for link in links:
        if not same_site(link.url, home):
            continue
        candidate = classify(link)
        if candidate is None or candidate.url in seen:
            continue
        if candidate.url not in best_per_url or candidate.score > best_per_url[candidate.url].score:
            best_per_url[candidate.url] = candidate
    ranked = sorted(best_per_url.values(), key=lambda c: -c.score)
    chosen: list[Candidate] = []
    for key in categories:
        first = next((c for c in ranked if c.category == key), None)
        if first is not None:
            chosen.append(first)
    chosen += [c for c in ranked if c not in chosen]
    return chosen[:limit]


def listing_articles(links: Iterable[Link], listing_url: str, *, exclude: Iterable[str] = (),
                     limit: int = ARTICLES_PER_LISTING) -> list[Candidate]:
    """The first articles linked from a news or careers listing (pages below the listing's path)."""
    base_path = urlsplit(listing_url).path.rstrip("/") + "/"
    seen = {normalise(u) for u in exclude} | {normalise(listing_url)}
    found: list[Candidate] = []
    for link in links:
        url = normalise(link.url)
        if not same_site(url, listing_url) or url in seen or not urlsplit(url).path.startswith(base_path):
            continue
        if urlsplit(url).path.rstrip("/") + "/" == base_path or classify(Link(url, "")) is None and not link.text:
            continue
        seen.add(url)
        found.append(Candidate(url, "news", 0.0, link.text))
        if len(found) >= limit:
            break
    return found


def research_site(
    start_url: str,
    *,
    capture: Callable[[str], Capture],
    max_pages: int = DEFAULT_MAX_PAGES,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    on_result: Callable[[SiteResult], None] | None = None,
) -> list[SiteResult]:
    """Capture the home page and up to ``max_pages - 1`` more pages that matter, one at a time.

    ``capture(url)`` fetches and extracts one page (raising a UserError subclass on failure).
    Each result is also passed to ``on_result`` as soon as it is known. Stops early on cancel.
    """
    from researcher.core.fetch import check_url

    if max_pages < 1:
        raise UserError("Research at least one page (the maximum must be 1 or more).")
    start_url = check_url(start_url)
    results: list[SiteResult] = []
    queue: list[Candidate] = [Candidate(normalise(start_url), "home", 0.0)]
    extras: list[Candidate] = []
    visited: set[str] = set()
    home = start_url
    while (queue or extras) and len(results) < max_pages:
        if cancel is not None and cancel.is_set():
            break
        candidate = queue.pop(0) if queue else extras.pop(0)
        if candidate.url in visited:
            continue
        visited.add(candidate.url)
        if progress is not None:
            total = min(max_pages, len(results) + 1 + len(queue) + len(extras))
            progress(len(results), total, candidate.url)
        result = _capture_one(candidate, capture)
        results.append(result)
        if on_result is not None:
            on_result(result)
        if result.capture is None:
            continue
        links = result.capture.extraction.links
        if candidate.category == "home":
            home = result.capture.final_url or home
            visited.add(normalise(home))
            queue = plan_pages(links, home, exclude=visited, limit=max_pages)
        elif candidate.category in ("news", "careers") and candidate.score > 0:
            extras += listing_articles(links, result.capture.final_url or candidate.url,
                                       exclude=visited | {c.url for c in queue + extras})
        else:
            covered = {c.category for c in queue} | {r.category for r in results}
            more = [c for c in plan_pages(links, home, exclude=visited | {c.url for c in queue + extras})
                    if c.category not in covered]
            queue += more[:2]
    if progress is not None:
        progress(len(results), len(results), "")
    return results


def _capture_one(candidate: Candidate, capture: Callable[[str], Capture]) -> SiteResult:
    try:
        return SiteResult(candidate.url, candidate.category, capture=capture(candidate.url))
    except UserError as error:
        return SiteResult(candidate.url, candidate.category, error=str(error),
                          error_code=getattr(error, "code", "failed"))
