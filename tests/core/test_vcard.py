"""vCard import: 2.1 quoted-printable, 3.0 folding, 4.0 URIs, broken cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from researcher.core.db import memory_database
from researcher.core.errors import UserError
from researcher.core.importers.vcard import import_vcard

DATA = Path(__file__).parent.parent / "data" / "import"


def _people(db: Database) -> dict[str, dict]:
    return {row["name"]: row for row in db.query(
        "SELECT p.*, coalesce(c.name, '') AS company FROM prospects p LEFT JOIN companies c ON c.id = p.company_id")}


def test_v3_and_v4_cards(db: Database) -> None:
    report = import_vcard(db, DATA / "contacts_v3.vcf")
    assert (report.accepted, report.failed) == (2, [])
    people = _people(db)
    sigrun = people["Sigrún Ásgeirsdóttir"]
    assert (sigrun["company"], sigrun["title"], sigrun["city"], sigrun["country"]) == \
        ("Norðurljós Orka hf", "Innkaupastjóri", "Reykjavík", "IS")
    assert sigrun["linkedin"] == "https://www.linkedin.com/in/sigrun-asgeirsdottir-demo"
    assert [row["body"] for row in db.query("SELECT body FROM notes")] == [
        "Hitti hana á ráðstefnu, vill heyra um orkusparnað."]
    aino = people["Aino Virtanen"]
    assert json.loads(aino["phones"]) == ["+358407654321"] and aino["country"] == "FI"
    assert json.loads(aino["tags"]) == ["messu", "lämmin"]


def test_v21_quoted_printable(db: Database) -> None:
    import_vcard(db, DATA / "outlook_v21_qp.vcf")
    bjorn = _people(db)["Bjørn Jørgensen"]
    assert bjorn["company"] == "Ærø Færgefart ApS" and json.loads(bjorn["phones"]) == ["+4520987654"]


def test_broken_cards_are_reported_and_good_ones_kept(db: Database) -> None:
    report = import_vcard(db, DATA / "broken.vcf")
    assert report.accepted == 1
    assert [r.as_dict() for r in report.failed] == [
        {"row": 2, "reason": "no name"},
        {"row": 3, "reason": "the last card has no END:VCARD (the file is cut off?)"},
    ]
    assert list(_people(db)) == ["Liv Hansen"]


def test_not_a_vcard(db: Database) -> None:
    with pytest.raises(UserError, match="not a vCard file"):
        import_vcard(db, DATA / "not_a_vcard.vcf")
    assert db["prospects"].count == 0


def test_reimport_merges(db: Database) -> None:
    import_vcard(db, DATA / "contacts_v3.vcf")
    again = import_vcard(db, DATA / "contacts_v3.vcf")
    assert (again.accepted, again.merged) == (0, 2) and db["prospects"].count == 2


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT.filter(lambda s: s.strip()), company=TEXT, note=TEXT)
def test_any_escaped_card_round_trips(tmp_path: Path, name: str, company: str, note: str) -> None:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")

    line = f"NOTE:{escape(note)}"
    folded = "\r\n ".join(line[i:i + 60] for i in range(0, len(line), 60))
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{escape(name)}\r\nORG:{escape(company)}\r\n{folded}\r\nEND:VCARD\r\n"
    path = tmp_path / "one.vcf"
    path.write_text(card, encoding="utf-8", newline="")
    db = memory_database()
    report = import_vcard(db, path)
    if report.failed:
        assert not " ".join(name.split())
        return
    row = next(db.query("SELECT p.name, coalesce(c.name, '') AS company FROM prospects p "
                        "LEFT JOIN companies c ON c.id = p.company_id"))
    assert row["name"] == name.strip()
    assert row["company"] == company.strip()
    notes = [r["body"] for r in db.query("SELECT body FROM notes")]
    assert notes == ([note.strip()] if note.strip() else [])


def test_an_escaped_backslash_before_n_is_not_a_new_line(tmp_path: Path) -> None:
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Søren Bækgaard\r\n"
            "NOTE:Kontrakter i C:\\\\Nyt\\\\noter\\, se mappen\\nRing efter nytår\r\nEND:VCARD\r\n")
    path = tmp_path / "søren.vcf"
    path.write_text(card, encoding="utf-8", newline="")
    db = memory_database()
    assert import_vcard(db, path).accepted == 1
    assert [r["body"] for r in db.query("SELECT body FROM notes")] == [
        "Kontrakter i C:\\Nyt\\noter, se mappen\nRing efter nytår"]
