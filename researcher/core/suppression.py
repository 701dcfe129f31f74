"""Objected — never contact (GDPR Art. 21): keep salted hashes of identifiers, erase the rest."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from researcher.core.models import Prospect
from researcher.core.phones import fast_normalise
from researcher.core.prospects import erase_prospect, get_company, get_prospect
from researcher.core.settings import get_setting, set_setting

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

SALT_SETTING = "suppression.salt"
Identifier = tuple[str, str]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def normalise_email(email: str) -> str | None:
    """Return an email address in the form it is compared in, or None."""
    value = _fold(email or "").replace(" ", "")
    return value if "@" in value and not value.startswith("@") and not value.endswith("@") else None


def normalise_linkedin(url: str) -> str | None:
    """Return a LinkedIn profile URL reduced to ``linkedin.com/in/<slug>``, or None."""
    text = (url or "").strip()
    if not text:
        return None
    parts = urlsplit(text if "://" in text else "https://" + text)
    host = (parts.hostname or "").lower()
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0].lower() in ("in", "pub", "sales"):
        if segments[0].lower() == "sales" and len(segments) >= 3:
            segments = segments[1:]
        return f"linkedin.com/{segments[0].lower()}/{_fold(segments[1])}"
    return None


def identifiers(
    *, name: str = "", company: str = "", email: str = "", phones: Iterable[str] = (),
    linkedin: str = "", country: str | None = None, phones_normalised: bool = False,
) -> list[Identifier]:
    """Return the normalised identifiers of a person, as (kind, value) pairs.

    ``phones_normalised`` says the numbers are E.164 already (as the importer makes them).
    """
    found: list[Identifier] = []
    if (mail := normalise_email(email)) is not None:
        found.append(("email", mail))
    for raw in phones:
        number = raw if phones_normalised else fast_normalise(raw, country or None)
        if number is not None:
            found.append(("phone", number))
    if (profile := normalise_linkedin(linkedin)) is not None:
        found.append(("linkedin", profile))
    if _fold(name) and _fold(company):
        found.append(("name_company", f"{_fold(name)}\x1f{_fold(company)}"))
    return found


def prospect_identifiers(prospect: Prospect, *, company: str = "", country: str | None = None) -> list[Identifier]:
    """Return a stored prospect's identifiers."""
    return identifiers(name=prospect.name, company=company or prospect.company, email=prospect.email,
                       phones=prospect.phones, linkedin=prospect.linkedin, country=country or prospect.country)


def _hash(salt: str, identifier: Identifier) -> str:
    kind, value = identifier
    return hashlib.sha256(f"{salt}\x1f{kind}\x1f{value}".encode()).hexdigest()


class Suppressor:
    """Answers "has this person objected?" quickly for many people (one query up front)."""

    def __init__(self, db: Reader) -> None:
        self._salt: str | None = get_setting(db, SALT_SETTING)
        self._hashes = {row[0] for row in db.conn.execute("SELECT hash FROM suppressions")} if self._salt else set()

    def __bool__(self) -> bool:
        return bool(self._hashes)

    def matches(self, found: Iterable[Identifier]) -> bool:
        """True when any of the identifiers belongs to someone who objected."""
        if not self._hashes or self._salt is None:
            return False
        return any(_hash(self._salt, identifier) in self._hashes for identifier in found)


def is_suppressed(db: Reader, found: Iterable[Identifier]) -> bool:
    """True when any of the identifiers belongs to someone who objected."""
    salt = get_setting(db, SALT_SETTING)
    hashes = [_hash(salt, identifier) for identifier in found] if salt else []
    if not hashes:
        return False
    marks = ",".join("?" * len(hashes))
    return db.conn.execute(f"SELECT 1 FROM suppressions WHERE hash IN ({marks}) LIMIT 1", hashes).fetchone() is not None


def suppress(db: Database, found: Iterable[Identifier], *, today: date | None = None) -> int:
    """Store suppression hashes for one person; return how many identifiers were stored."""
    salt = get_setting(db, SALT_SETTING)
    found = list(found)
    with db.atomic():
        if salt is None:
            import secrets  # only the first objection ever needs it

            salt = secrets.token_hex(16)
            set_setting(db, SALT_SETTING, salt)
        entry = int(db.conn.execute("SELECT coalesce(max(entry), 0) + 1 FROM suppressions").fetchone()[0])
        day = (today or date.today()).isoformat()
        db.conn.executemany(
            "INSERT OR IGNORE INTO suppressions (hash, kind, entry, created_on) VALUES (?, ?, ?, ?)",
            [(_hash(salt, identifier), identifier[0], entry, day) for identifier in found])
    return len(found)


def object_prospect(db: Database, prospect_id: int, *, today: date | None = None) -> int:
    """Record that the prospect objected and erase everything else about them.

    The suppression entry is committed first: should the erasure then fail, the person is
    still blocked everywhere and erasing again finishes the job. Returns the number of
    identifiers kept as hashes. Raises NotFound.
    """
    prospect = get_prospect(db, prospect_id)
    country = prospect.country or (get_company(db, prospect.company_id).country if prospect.company_id else "")
    stored = suppress(db, prospect_identifiers(prospect, country=country), today=today)
    erase_prospect(db, prospect_id)
    return stored


def suppression_count(db: Database) -> int:
    """Return how many people are on the never-contact list."""
    return int(db.conn.execute("SELECT count(DISTINCT entry) FROM suppressions").fetchone()[0])
