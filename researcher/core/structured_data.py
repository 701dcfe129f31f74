"""Read schema.org data (JSON-LD, microdata) and OpenGraph tags into plain dictionaries."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

Entity = dict[str, Any]

_ORG_HINTS = ("organization", "corporation", "business", "company", "ngo", "store", "service",
              "agency", "office", "restaurant", "hotel", "school", "university", "bank")
_NEWS_TYPES = {"newsarticle", "article", "blogposting", "pressrelease", "report", "reportagenewsarticle",
               "analysisnewsarticle", "techarticle", "socialmediaposting"}
_COMMENTS = re.compile(r"^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(-->|//\s*\]\]>|\]\]>)\s*$")


def _types(entity: Entity) -> list[str]:
    raw = entity.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).rsplit("/", 1)[-1].lower() for v in values if v]


def kind_of(entity: Entity) -> str | None:
    """Classify an entity as 'organization', 'person', 'job', 'news' or None."""
    types = _types(entity)
    if "person" in types:
        return "person"
    if "jobposting" in types:
        return "job"
    if any(t in _NEWS_TYPES for t in types):
        return "news"
    if any(h in t for t in types for h in _ORG_HINTS):
        return "organization"
    return None


def _walk(node: Any, depth: int = 0) -> Iterator[Entity]:
    if depth > 12:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            yield node
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)


def json_ld(tree: lxml_html.HtmlElement) -> list[Entity]:
    """Every typed entity in the page's JSON-LD blocks (nested ones too); broken blocks are skipped."""
    found: list[Entity] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        text = _COMMENTS.sub("", (script.text or "").strip())
        if not text:
            continue
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_walk(data))
    return found


def _nearest_scope(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    parent = element.getparent()
    while parent is not None:
        if parent.get("itemscope") is not None:
            return parent
        parent = parent.getparent()
    return None


def _microdata_value(element: lxml_html.HtmlElement, depth: int) -> Any:
    if element.get("itemscope") is not None:
        return _microdata_item(element, depth + 1)
    tag = element.tag if isinstance(element.tag, str) else ""
    for attribute in ("content", "datetime"):
        if element.get(attribute) is not None:
            return element.get(attribute, "").strip()
    if tag in ("a", "link", "area") and element.get("href"):
        return element.get("href", "").strip()
    if tag in ("img", "source", "audio", "video") and element.get("src"):
        return element.get("src", "").strip()
    return " ".join(element.text_content().split())


def _microdata_item(scope: lxml_html.HtmlElement, depth: int = 0) -> Entity:
    item: Entity = {"@type": (scope.get("itemtype") or "").split()[0:1] or ""}
    if isinstance(item["@type"], list):
        item["@type"] = item["@type"][0] if item["@type"] else ""
    if depth > 8:
        return item
    for element in scope.iterdescendants():
        if not isinstance(element.tag, str) or element.get("itemprop") is None:
            continue
        if _nearest_scope(element) is not scope:
            continue
        value = _microdata_value(element, depth)
        for name in element.get("itemprop", "").split():
            if name in item:
                existing = item[name]
                item[name] = (existing if isinstance(existing, list) else [existing]) + [value]
            else:
                item[name] = value
    return item


def microdata(tree: lxml_html.HtmlElement) -> list[Entity]:
    """Every top-level microdata item, with nested items as values (and also listed)."""
    scopes = tree.xpath("//*[@itemscope][@itemtype]")
    top = [s for s in scopes if s.get("itemprop") is None or _nearest_scope(s) is None]
    found: list[Entity] = []
    for scope in top:
        found.extend(_walk(_microdata_item(scope)))
    return found


def open_graph(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """OpenGraph and article: meta properties, first value of each."""
    tags: dict[str, str] = {}
    for meta in tree.xpath("//meta[@property or @name][@content]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key.startswith(("og:", "article:")) and key not in tags:
            tags[key] = meta.get("content", "").strip()
    return tags


def text_of(value: Any) -> str:
    """Flatten a schema.org value (string, number, list, named object) into display text."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return " ".join(str(value).split())
    if isinstance(value, list):
        return text_of(value[0]) if value else ""
    if isinstance(value, dict):
        if "name" in value:
            return text_of(value["name"])
        if "@value" in value:
            return text_of(value["@value"])
        if "value" in value:
            return text_of(value["value"])
    return ""


def address_text(value: Any) -> str:
    """A PostalAddress (or plain text) as one line: street, postcode town, country."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and "address" in value and not value.get("streetAddress"):
        return address_text(value["address"])
    if not isinstance(value, dict):
        return text_of(value)
    town = " ".join(p for p in (text_of(value.get("postalCode")), text_of(value.get("addressLocality"))) if p)
    parts = [text_of(value.get("streetAddress")), town, text_of(value.get("addressCountry"))]
    return ", ".join(p for p in parts if p)


def employees_text(value: Any) -> str:
    """numberOfEmployees as text: '120' or '50–99'."""
    if isinstance(value, dict) and ("minValue" in value or "maxValue" in value) and "value" not in value:
        low, high = text_of(value.get("minValue")), text_of(value.get("maxValue"))
        return f"{low}–{high}" if low and high else low or high
    return text_of(value)


def _list_of_text(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [t for t in (text_of(v) if not isinstance(v, str) else v.strip() for v in values) if t]


def organization(entity: Entity) -> dict[str, Any]:
    """The fields the app uses from an Organization / LocalBusiness entity."""
    org = {
        "name": text_of(entity.get("name")),
        "legal_name": text_of(entity.get("legalName")),
        "url": text_of(entity.get("url")),
        "address": address_text(entity.get("address") or entity.get("location")),
        "phone": text_of(entity.get("telephone")),
        "email": text_of(entity.get("email")).removeprefix("mailto:"),
        "founding_date": text_of(entity.get("foundingDate")),
        "employees": employees_text(entity.get("numberOfEmployees")),
        "same_as": _list_of_text(entity.get("sameAs")),
    }
    return org


def person(entity: Entity) -> dict[str, str]:
    """Name and job title of a Person entity."""
    return {"name": text_of(entity.get("name")), "job_title": text_of(entity.get("jobTitle"))}


def job(entity: Entity) -> dict[str, str]:
    """Title, location and posting date of a JobPosting entity."""
    location = entity.get("jobLocation")
    place = address_text(location)
    if isinstance(location, dict) and isinstance(location.get("address"), dict):
        address = location["address"]
        place = text_of(address.get("addressLocality")) or place
    return {"title": text_of(entity.get("title")), "location": place,
            "date": text_of(entity.get("datePosted"))[:10]}


def news(entity: Entity) -> dict[str, str]:
    """Headline and publication date of a NewsArticle (or Article, BlogPosting) entity."""
    return {"headline": text_of(entity.get("headline") or entity.get("name")),
            "date": text_of(entity.get("datePublished") or entity.get("dateCreated"))[:10]}
