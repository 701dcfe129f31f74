"""The readable main text of a page: boilerplate, menus and cookie banners removed, headings kept."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from researcher.core.resources import read_toml

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "p", "li", "td", "th", "dd", "dt", "address", "blockquote", "div", "br",
               "section", "tr", "ul", "ol"}
_CHROME = etree.XPath("|".join(
    f"//{tag}[not(ancestor::article or ancestor::main or .//article or .//main or .//h1)]"
    for tag in ("nav", "header", "footer")))



def visible_text(tree: lxml_html.HtmlElement) -> str:
    """All text a reader could see, blocks on their own lines (scripts and styles left out)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):
            if element.tail:
                parts.append(element.tail)
            return
        tag = element.tag.lower()
        if tag not in _SKIP_TAGS:
            if element.text:
                parts.append(element.text)
            for child in element:
                walk(child)
            if tag in _BLOCK_TAGS:
                parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    walk(tree)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """Block text of the body for pages too small or odd for the main-text extractor."""
    lines: list[str] = []
    for element in tree.xpath("//body//*[self::h1 or self::h2 or self::h3 or self::p or self::li"
                              " or self::address or self::dd or self::td]"):
        if any(a.tag in ("nav", "footer", "header", "script", "style") for a in element.iterancestors()):
            continue
        if element.tag != "td" and element.xpath("./p|./li|./h1|./h2|./h3"):
            continue
        text = " ".join(element.text_content().split())
        if text and not is_banner(text):
            lines.append(("# " if element.tag in ("h1", "h2", "h3") else "") + text)
    return "\n\n".join(dict.fromkeys(lines))


def _headings(tree: lxml_html.HtmlElement) -> dict[str, str]:
    marks: dict[str, str] = {}
    for element in tree.xpath("//h1|//h2|//h3|//h4"):
        text = " ".join(element.text_content().split())
        if text and len(text) < 300:
            marks.setdefault(text, "#" * min(3, int(element.tag[1])) + " ")
    return marks


def prune_chrome(tree: lxml_html.HtmlElement) -> None:
    """Remove site navigation, headers and footers in place, so short pages do not come out as menus.

    A <header> inside an article (or one holding the page's h1) stays: it carries the title.
    """
    for element in _CHROME(tree):
        if element.getparent() is not None and len(element.text_content()) < 1500:
            element.drop_tree()


@cache
def _banner_rules() -> tuple[int, re.Pattern[str]]:
    data = read_toml("research/boilerplate.toml")
    return int(data["max_chars"]), re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE)


def is_banner(paragraph: str) -> bool:
    """True for a short cookie or consent notice (see resources/research/boilerplate.toml)."""
    max_chars, pattern = _banner_rules()
    return len(paragraph) < max_chars and bool(pattern.search(paragraph))


@cache
def _quiet_trafilatura() -> None:
    # trafilatura logs every page it finds too small or malformed; for a rep that is noise on stderr.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def main_text(tree: lxml_html.HtmlElement, url: str | None) -> str:
    """The readable main text (boilerplate removed), paragraphs split by blank lines and
    headings marked with Markdown '#'. Headings come from the page's h1–h4 elements because
    trafilatura's Markdown output adds escapes and inline markup that damage the plain text."""
    import trafilatura

    _quiet_trafilatura()
    headings = _headings(tree)
    prune_chrome(tree)
    text = trafilatura.extract(tree, url=url, output_format="txt", include_comments=False,
                               include_tables=True, include_images=False, include_links=False,
                               with_metadata=False, deduplicate=False)
    if not text or not text.strip():
        return _fallback_text(tree)
    if "\n" not in text.strip():
        # On small pages trafilatura can run headings, paragraphs and list items into one line,
        # which glues unrelated sentences together; when the page's own blocks hold exactly the
        # same words, they give the line breaks back.
        blocks = _fallback_text(tree)
        if blocks.replace("# ", " ").split() == text.split():
            return blocks
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if lines and line[0] in ",.;:)!?":
            lines[-1] += line  # inline markup (bold name, then ", title") split the line
            continue
        lines.append(headings.get(" ".join(line.split()), "") + line)
    return "\n\n".join(line for line in lines if not is_banner(line))
