"""Turn one HTML page (or pasted text) into its readable text, metadata and contact facts."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from researcher.core import contacts, structured_data
from researcher.core.main_text import main_text, visible_text
from researcher.core.resources import read_toml
from researcher.core.text_facts import text_facts

_LANG_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "fin": "fi", "swe": "sv", "dan": "da", "eng": "en"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_WORD = re.compile(r"[^\W\d_]+")
_MAX_TREE_CHARS = 3_000_000
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Link:
    """A link on a page: where it goes and its text."""

    url: str
    text: str


@dataclass(frozen=True)
class Extraction:
    """Everything the app takes from one page. ``text`` is the main text, headings as '# '."""

    url: str | None
    canonical: str | None = None
    title: str = ""
    description: str = ""
    site_name: str = ""
    language: str | None = None
    published: str | None = None
    text: str = ""
    organization: dict[str, Any] | None = None
    people: list[dict[str, str]] = field(default_factory=list)
    jobs: list[dict[str, str]] = field(default_factory=list)
    news: list[dict[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    social: dict[str, str] = field(default_factory=dict)
    stated: list[dict[str, str]] = field(default_factory=list)  # text facts: kind, value, quote
    links: list[Link] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (without the link list)."""
        data = asdict(self)
        data.pop("links")
        return data


@cache
def _language_words() -> dict[str, frozenset[str]]:
    words = read_toml("research/languages.toml")["words"]
    return {lang: frozenset(values) for lang, values in words.items()}


def normalise_language(tag: str | None) -> str | None:
    """'fi-FI' → 'fi', 'no'/'nn' → 'nb'; None for empty or unparsable tags."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    if not primary.isalpha() or not 2 <= len(primary) <= 3:
        return None
    return _LANG_ALIASES.get(primary, primary)


def guess_language(text: str) -> str | None:
    """Guess en/fi/sv/nb/da from frequent words; None when the text is too short to tell."""
    tokens = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(tokens) < 8:
        return None
    lexicon = _language_words()
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in lexicon.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < max(2, len(tokens) // 50):
        return None
    if best in ("nb", "da") and scores["nb"] == scores["da"]:
        return "nb" if sum(t in ("av", "våre", "ikke") for t in tokens) >= sum(
            t in ("af", "vores", "os") for t in tokens) else "da"
    return best


def iso_date(value: str | None) -> str | None:
    """The first real calendar date in ``value`` as YYYY-MM-DD (ISO or Nordic d.m.yyyy), else None."""
    if not value:
        return None
    for match in (_DATE.search(value), _DMY.search(value)):
        if not match:
            continue
        a, b, c = (int(g) for g in match.groups())
        year, month, day = (a, b, c) if match.re is _DATE else (c, b, a)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    """Parse HTML leniently with trafilatura's parser settings; None when there is nothing to parse."""
    from trafilatura.utils import load_html

    if not text.strip():
        return None
    # lxml keeps control characters it parses but refuses them in any text set later (pruning
    # the tree joins texts), so they go now; no page shows them.
    text = _NOT_IN_XML.sub(" ", text[:_MAX_TREE_CHARS])
    try:
        tree = load_html(text)
    except (etree.ParserError, ValueError, TypeError):
        tree = None
    if not isinstance(tree, lxml_html.HtmlElement):
        # trafilatura refuses fragments such as a bare "<p>…</p>"; lxml wraps them in a document.
        try:
            tree = lxml_html.document_fromstring(text.encode("utf-8", "replace"),
                                                 parser=lxml_html.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


def _meta(tree: lxml_html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        if key and key not in found:
            found[key] = " ".join(meta.get("content", "").split())
    return found


def _first_text(tree: lxml_html.HtmlElement, xpath: str) -> str:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return ""


def _join(base: str | None, href: str) -> str | None:
    try:
        return urljoin(base or "", href)
    except ValueError:
        return None


def _links(tree: lxml_html.HtmlElement, base: str | None) -> list[Link]:
    links: list[Link] = []
    for anchor in tree.xpath("//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith("#"):
            continue
        absolute = href if href.startswith(("https://", "http://")) or not base else _join(base, href)
        if absolute is None:
            continue
        label = " ".join((anchor.text_content() or anchor.get("title") or anchor.get("aria-label") or "").split())
        links.append(Link(absolute, label))
    return links


def _published(meta: dict[str, str], og: dict[str, str], entities: list[dict[str, Any]],
               tree: lxml_html.HtmlElement) -> str | None:
    candidates: list[str | None] = [
        og.get("article:published_time"),
        *(structured_data.text_of(e.get("datePublished")) for e in entities
          if structured_data.kind_of(e) == "news"),
        meta.get("article:published_time"), meta.get("date"), meta.get("pubdate"),
        meta.get("publishdate"), meta.get("dc.date"), meta.get("dc.date.issued"),
        meta.get("dcterms.created"), og.get("article:modified_time"),
        *(structured_data.text_of(e.get("dateModified")) for e in entities
          if structured_data.kind_of(e) == "news"),
    ]
    candidates.extend(t.get("datetime") for t in tree.xpath("//article//time[@datetime]|//time[@pubdate]")[:1])
    for candidate in candidates:
        found = iso_date(candidate)
        if found:
            return found
    return None


def _title_suffix(title: str) -> str:
    """'Om oss | Norrsken Logistik' → 'Norrsken Logistik' (a short last part after a separator)."""
    for separator in (" | ", " – ", " — ", " - ", " :: "):
        if separator in title:
            tail = title.rsplit(separator, 1)[1].strip()
            return tail if 0 < len(tail) <= 40 else ""
    return ""


def _filled(org: dict[str, Any]) -> int:
    return sum(1 for value in org.values() if value)


def _best_organization(entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    orgs = [structured_data.organization(e) for e in entities if structured_data.kind_of(e) == "organization"]
    orgs = [o for o in orgs if o["name"] or o["legal_name"]]
    if not orgs:
        return None
    best: dict[str, Any] = max(orgs, key=_filled)
    merged = dict(best)
    for other in orgs:
        if other["name"] == merged["name"]:
            for key, value in other.items():
                merged[key] = merged[key] or value
    return merged


def extract_html(html: str, url: str | None = None) -> Extraction:
    """Extract a page given as decoded HTML. Never raises on malformed input."""
    tree = parse_html(html)
    if tree is None:
        return Extraction(url=url)
    meta = _meta(tree)
    og = structured_data.open_graph(tree)
    entities = structured_data.json_ld(tree)
    if tree.xpath("boolean(//*[@itemscope])"):
        entities += structured_data.microdata(tree)
    base = url
    base_href = tree.xpath("string(//base/@href)").strip()
    if base_href and url:
        base = _join(url, base_href) or url
    canonical = tree.xpath("string(//link[contains(concat(' ', normalize-space(translate(@rel, "
                           "'CANONICAL', 'canonical')), ' '), ' canonical ')]/@href)").strip()
    canonical = (_join(base, canonical) if canonical else None) or og.get("og:url") or None
    organization = _best_organization(entities)
    title = (_first_text(tree, "//head/title|//title") or og.get("og:title", "")
             or _first_text(tree, "//h1"))
    site_name = og.get("og:site_name") or meta.get("application-name") or (
        organization["name"] if organization else "") or _title_suffix(title)
    links = _links(tree, base)
    visible = visible_text(tree)
    declared = (normalise_language(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
                or normalise_language(meta.get("content-language")) or normalise_language(og.get("og:locale")))
    language = declared or guess_language(visible)
    region = contacts.region_for(url, language)
    hrefs = [link.url for link in links]
    raw_hrefs = [a.get("href", "") for a in tree.xpath("//a[@href]")]
    emails = contacts.find_emails(visible, [h for h in raw_hrefs if h.lower().startswith("mailto:")])
    phones = contacts.find_phones(visible, region, [h for h in raw_hrefs if h.lower().startswith("tel:")])
    if organization:
        if organization["email"]:
            emails = contacts.find_emails("", ["mailto:" + organization["email"]]) + [
                e for e in emails if e != organization["email"].lower()]
        if organization["phone"]:
            phones = list(dict.fromkeys(contacts.find_phones("", region, ["tel:" + organization["phone"]]) + phones))
    social = contacts.find_social(hrefs + (organization["same_as"] if organization else []))
    published = _published(meta, og, entities, tree)
    text = main_text(tree, url)  # last: the main-text extractor may prune the tree it is given
    return Extraction(
        url=url, canonical=canonical, title=title[:500],
        description=meta.get("description") or og.get("og:description", ""),
        site_name=site_name, language=language,
        published=published, text=text,
        organization=organization,
        people=_distinct([structured_data.person(e) for e in entities
                          if structured_data.kind_of(e) == "person"], "name"),
        jobs=_distinct([structured_data.job(e) for e in entities if structured_data.kind_of(e) == "job"], "title"),
        news=_distinct([structured_data.news(e) for e in entities if structured_data.kind_of(e) == "news"], "headline"),
        emails=emails, phones=phones, social=social, stated=text_facts(text, language), links=links,
    )


def extract_text(text: str, url: str | None = None, *, title: str = "") -> Extraction:
    """Extract pasted or plain text: the text itself, plus contacts, links and language."""
    text = text.replace("\r\n", "\n").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    language = guess_language(text)
    urls = re.findall(r"https?://[^\s<>\"')]+", text)
    return Extraction(
        url=url, title=title or (lines[0][:200] if lines else ""), language=language, text=text,
        emails=contacts.find_emails(text), phones=contacts.find_phones(text, contacts.region_for(url, language)),
        social=contacts.find_social(urls), stated=text_facts(text, language), links=[Link(u, "") for u in urls],
    )


def _distinct(items: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for item in items:
        name = item.get(key, "")
        if name and name not in seen:
            seen[name] = item
    return list(seen.values())


def extract_document(text: str, url: str | None = None, *, is_html: bool = True) -> Extraction:
    """Extract HTML or plain text, choosing by ``is_html``."""
    return extract_html(text, url) if is_html else extract_text(text, url)
