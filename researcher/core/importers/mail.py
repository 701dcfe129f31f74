"""Earlier emails from .eml and .mbox files become email interactions, matched to prospects by address."""

from __future__ import annotations

import hashlib
import html
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core.errors import UserError
from researcher.core.interactions import log_interaction

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 500 * 1000 * 1000
SUMMARY_CHARS = 1500
_TAGS = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.S | re.I)


@dataclass
class InteractionImport:
    """What an email or calendar import did: items found, imported, already there, unmatched, failed."""

    file: str
    kind: str
    found: int = 0
    imported: int = 0
    duplicates: int = 0
    unmatched: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    interaction_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "kind": self.kind, "found": self.found, "imported": self.imported,
                "duplicates": self.duplicates, "unmatched": len(self.unmatched), "failed": len(self.failed),
                "unmatched_items": [{"item": n, "reason": r} for n, r in self.unmatched],
                "failed_items": [{"item": n, "reason": r} for n, r in self.failed]}


def prospects_by_email(db: Database) -> dict[str, int]:
    """Return {casefolded email: prospect id} for every prospect with an address."""
    return {email.strip().casefold(): pid
            for pid, email in db.conn.execute("SELECT id, email FROM prospects WHERE email != ''")}


def already_imported(db: Database, prospect_id: int, source: str, source_id: str) -> bool:
    """True when this message or event was imported for this prospect before."""
    return db.conn.execute(
        "SELECT 1 FROM interaction_sources WHERE prospect_id = ? AND source = ? AND source_id = ?",
        [prospect_id, source, source_id]).fetchone() is not None


def remember_source(db: Database, interaction_id: int, prospect_id: int, source: str, source_id: str) -> None:
    """Record where an imported interaction came from."""
    db.conn.execute("INSERT INTO interaction_sources (interaction_id, prospect_id, source, source_id) "
                    "VALUES (?, ?, ?, ?)", [interaction_id, prospect_id, source, source_id])


def _messages(path: Path) -> Iterator[EmailMessage]:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"From "):
        box = mailbox.mbox(str(path), factory=lambda f: BytesParser(policy=policy.default).parse(f), create=False)
        try:
            yield from box
        finally:
            box.close()
        return
    if not re.search(rb"^(From|To|Subject|Date|Message-ID|Received):", head, re.M | re.I):
        raise UserError(f"{path.name} is not an email file (.eml) or mailbox (.mbox): no mail headers found.")
    with path.open("rb") as handle:
        yield BytesParser(policy=policy.default).parse(handle)


def body_text(message: EmailMessage) -> str:
    """Return the readable text of a message: its plain part, or its HTML part without markup."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        content = part.get_payload(decode=True).decode("utf-8", "replace") if part.get_payload(decode=True) else ""
    if part.get_content_subtype() == "html":
        content = html.unescape(_TAGS.sub(" ", content))
    lines = [line.rstrip() for line in str(content).splitlines()]
    text = "\n".join(line for line in lines if not line.startswith(">"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def import_mail(db: Database, path: Path | str) -> InteractionImport:
    """Import emails as interactions with the prospects whose addresses appear in them.

    Messages from a prospect count as inbound, messages to them as outbound. Importing the
    same file again adds nothing. Raises UserError when the file is not mail.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no mail file at {path}.")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB; export a smaller mailbox.")
    report = InteractionImport(path.name, "email")
    people = prospects_by_email(db)
    with db.atomic():
        for number, message in enumerate(_messages(path), 1):
            report.found += 1
            try:
                _import_one(db, message, number, people, report)
            except (ValueError, TypeError, IndexError) as error:
                report.failed.append((number, f"message {number} is malformed ({error})"))
    if report.found == 0:
        raise UserError(f"{path.name} holds no messages.")
    return report


def _import_one(db: Database, message: EmailMessage, number: int, people: dict[str, int],
                report: InteractionImport) -> None:
    senders = [a.casefold() for _, a in getaddresses([str(message.get("From", ""))]) if a]
    recipients = [a.casefold() for _, a in getaddresses(
        [str(v) for key in ("To", "Cc") for v in message.get_all(key, [])]) if a]
    subject = str(message.get("Subject", "") or "").strip()
    if not message.get("Date"):
        report.failed.append((number, f"message {number} ({subject or 'no subject'}) has no date"))
        return
    when = parsedate_to_datetime(str(message["Date"]))
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    matched = [(a, "inbound") for a in senders if a in people] + [(a, "outbound") for a in recipients if a in people]
    if not matched:
        addresses = ", ".join(dict.fromkeys(senders + recipients)) or "no addresses"
        report.unmatched.append((number, f"{subject or 'no subject'}: no prospect has {addresses}"))
        return
    text = body_text(message)
    source_id = str(message.get("Message-ID", "")).strip() or hashlib.sha256(
        f"{when.isoformat()}|{subject}|{text}".encode()).hexdigest()
    for address, direction in dict.fromkeys(matched):
        prospect_id = people[address]
        if already_imported(db, prospect_id, "email", source_id):
            report.duplicates += 1
            continue
        summary = (subject + ("\n\n" + text if text else ""))[:SUMMARY_CHARS]
        interaction_id = log_interaction(
            db, prospect_id, "email", occurred_at=when.isoformat(), direction=direction,
            outcome="replied" if direction == "inbound" else "sent", summary=summary)
        remember_source(db, interaction_id, prospect_id, "email", source_id)
        report.imported += 1
        report.interaction_ids.append(interaction_id)
