"""Email import: .eml and .mbox messages become email interactions with the right prospects."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.importers.mail import import_mail
from researcher.core.interactions import list_interactions
from researcher.core.prospects import add_prospect, erase_prospect

DATA = Path(__file__).parent.parent / "data" / "mail"


@pytest.fixture
def ingrid(db: Database) -> int:
    add_prospect(db, "Mikko Järvinen", company="Kuusi Logistiikka Oy", email="mikko.jarvinen@kuusi-logistiikka.example")
    return add_prospect(db, "Ingrid Løvås", company="Nordlys Energi AS", email="Ingrid.Lovas@nordlys-energi.example")


def test_eml_becomes_an_outbound_email(db: Database, ingrid: int) -> None:
    report = import_mail(db, DATA / "followup.eml")
    assert (report.found, report.imported, report.unmatched) == (1, 1, [])
    [mail] = list_interactions(db, ingrid)
    assert (mail.kind, mail.direction, mail.outcome) == ("email", "outbound", "sent")
    assert mail.occurred_at == "2026-11-10T13:05:00+00:00"
    assert mail.summary.startswith("Oppfølging: energirapportering for Nordlys\n\nHei Ingrid,")


def test_mbox_matches_by_address_and_reports_the_rest(db: Database, ingrid: int) -> None:
    report = import_mail(db, DATA / "inbox.mbox")
    assert (report.found, report.imported) == (4, 2)
    assert report.unmatched == [(3, "Ukens nyheter: no prospect has nyhetsbrev@annet.example, "
                                    "anna.selger@researcher-demo.example")]
    assert report.failed == [(4, "message 4 (Ilman päivämäärää) has no date")]
    reply, first = list_interactions(db, ingrid)
    assert (reply.direction, reply.outcome) == ("inbound", "replied")
    assert "Send gjerne et forslag til møte i uke 48." in reply.summary
    assert "<p>" not in reply.summary and "</body>" not in reply.summary
    assert first.direction == "outbound"
    row = next(db.query("SELECT last_interaction_at FROM prospects WHERE id = ?", [ingrid]))
    assert row["last_interaction_at"] == "2026-11-11T07:30:00+00:00"


def test_importing_twice_adds_nothing(db: Database, ingrid: int) -> None:
    import_mail(db, DATA / "inbox.mbox")
    again = import_mail(db, DATA / "inbox.mbox")
    assert (again.imported, again.duplicates) == (0, 2)
    assert len(list_interactions(db, ingrid)) == 2


def test_erasing_the_prospect_removes_the_source_records(db: Database, ingrid: int) -> None:
    import_mail(db, DATA / "inbox.mbox")
    erase_prospect(db, ingrid)
    assert db["interaction_sources"].count == 0


@pytest.mark.parametrize("name, message", [("not_mail.eml", "not an email file"), ("nothing.eml", "There is no mail file")])
def test_bad_files(db: Database, ingrid: int, name: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        import_mail(db, DATA / name)
    assert db["interactions"].count == 0
