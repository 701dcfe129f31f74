"""Find contact details on a page: e-mail addresses, phone numbers and social profile links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])")
_NOT_EMAIL_TLDS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js"}
_TLD_REGION = {"fi": "FI", "se": "SE", "no": "NO", "dk": "DK", "uk": "GB", "ax": "AX", "is": "IS"}
_LANGUAGE_REGION = {"fi": "FI", "sv": "SE", "nb": "NO", "nn": "NO", "no": "NO", "da": "DK", "en": "GB"}
_MAX_PHONE_TEXT = 60_000
_NUMBERISH = re.compile(r"\+?\(?\d[\d \t().\-/]{5,22}\d")
# Company and VAT numbers look like phone numbers to a matcher; the label before them tells.
_ID_LABEL = re.compile(r"(y-tunnus|org\.?\s?nr|org\.?\s?nummer|organisa[st]ionsnummer|cvr|moms|vat|"
                       r"business id|company (no|number)|registered in|ly-tunnus|alv)\W{0,6}$", re.IGNORECASE)

_SOCIAL = (
    ("linkedin", re.compile(r"(^|\.)linkedin\.com$"), re.compile(r"^/(company|in|school|showcase)/[^/]+")),
    ("x", re.compile(r"(^|\.)(twitter|x)\.com$"), re.compile(r"^/(?!intent|share|home|search|hashtag)[A-Za-z0-9_]{1,15}/?$")),
    ("facebook", re.compile(r"(^|\.)facebook\.com$"), re.compile(r"^/(?!sharer|share|dialog|plugins)[^/?]+")),
    ("instagram", re.compile(r"(^|\.)instagram\.com$"), re.compile(r"^/(?!p/|explore|share)[^/?]+")),
    ("youtube", re.compile(r"(^|\.)youtube\.com$"), re.compile(r"^/(channel/|c/|user/|@)[^/?]+")),
)


def region_for(url: str | None, language: str | None) -> str | None:
    """The phone-number region to assume for numbers written without a country code."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        host = ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return _TLD_REGION.get(tld) or _LANGUAGE_REGION.get((language or "")[:2])


def find_emails(text: str, mailto_links: Iterable[str] = ()) -> list[str]:
    """Distinct addresses from mailto: links and the visible text, in order of appearance."""
    found: list[str] = []
    for link in mailto_links:
        address = unquote(link.split(":", 1)[-1].split("?", 1)[0]).strip()
        if EMAIL.fullmatch(address):
            found.append(address)
    for match in EMAIL.finditer(text):
        address = match.group(0).strip(".")
        if address.rsplit(".", 1)[-1].lower() not in _NOT_EMAIL_TLDS:
            found.append(address)
    return _distinct(address.lower() for address in found)


def find_phones(text: str, region: str | None, tel_links: Iterable[str] = ()) -> list[str]:
    """Distinct valid phone numbers (E.164) from tel: links and the visible text."""
    import phonenumbers

    found: list[str] = []
    for link in tel_links:
        number = unquote(link.split(":", 1)[-1]).strip()
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            found.append(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    # Only stretches that look like numbers go to the (slow) matcher, each with the words before it.
    text = text[:_MAX_PHONE_TEXT]
    candidates = "\n".join(text[max(0, m.start() - 30):m.end()].rsplit("\n", 1)[-1]
                           for m in _NUMBERISH.finditer(text))
    if candidates:
        text = candidates
        matcher = phonenumbers.PhoneNumberMatcher(text, region,
                                                  leniency=phonenumbers.Leniency.VALID, max_tries=200)
        for match in matcher:
            if _ID_LABEL.search(text[max(0, match.start - 30):match.start]):
                continue
            if sum(ch.isdigit() for ch in match.raw_string) < 7:
                continue
            found.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return _distinct(found)


def social_network(url: str) -> str | None:
    """The network a profile URL belongs to ('linkedin', 'x', ...), or None for share links etc."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for network, host_re, path_re in _SOCIAL:
        if host_re.search(host) and path_re.search(parts.path or "/"):
            return network
    return None


def find_social(links: Iterable[str]) -> dict[str, str]:
    """The first profile link per network."""
    social: dict[str, str] = {}
    for link in links:
        network = social_network(link)
        if network and network not in social:
            social[network] = link.strip()
    return social


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
