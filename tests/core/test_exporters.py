"""Exports: formula-safe CSV that imports back, and one person's complete data as JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from researcher.core.db import memory_database
from researcher.core.errors import NotFound, UserError
from researcher.core.exporters import export_csv, export_person, neutralise
from researcher.core.importers.csv_import import import_csv
from researcher.core.importers.mail import import_mail
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.phones import normalise_phone
from researcher.core.prospects import add_prospect, list_prospects
from researcher.core.qualification import qualify

DATA = Path(__file__).parent.parent / "data"


@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://evil.example","Klikk")', '\'=HYPERLINK("http://evil.example","Klikk")'),
    ("+47 912 34 567", "'+47 912 34 567"), ("-1", "'-1"), ("@SUM(1+1)", "'@SUM(1+1)"), ("\tx", "'\tx"),
    ("Økonomisjef", "Økonomisjef"), ("", ""), (None, ""),
])
def test_neutralise(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_csv_export_is_safe_and_round_trips(db: Database, tmp_path: Path) -> None:
    import_csv(db, DATA / "import" / "nordic_semicolon.csv")
    import_csv(db, DATA / "import" / "hubspot_contacts.csv")
    out = tmp_path / "export.csv"
    assert export_csv(db, out) == 5
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    geir = next(r for r in rows if r["Name"] == "Geir Formel")
    assert geir["Title"] == '\'=HYPERLINK("http://evil.example","Klikk")'
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    again = memory_database()
    report = import_csv(again, out)
    assert report.failed == [] and report.accepted == 5
    before = {(p.name, p.company, p.title, p.email, p.phones, p.country, p.city) for p in list_prospects(db)}
    after = {(p.name, p.company, p.title, p.email, p.phones, p.country, p.city) for p in list_prospects(again)}
    assert after == before


def test_csv_export_of_chosen_prospects_and_unwritable_target(db: Database, tmp_path: Path) -> None:
    keep = add_prospect(db, "Åsa Lind", company="Skog Demo AB")
    add_prospect(db, "Bo Ek", company="Skog Demo AB")
    assert export_csv(db, tmp_path / "one.csv", prospect_ids=[keep]) == 1
    with pytest.raises(UserError, match="Could not write"):
        export_csv(db, tmp_path / "no-such-folder" / "x.csv")


def test_person_export_holds_every_related_row(db: Database, tmp_path: Path) -> None:
    ingrid = add_prospect(db, "Ingrid Løvås", company="Nordlys Energi AS", country="NO",
                          email="ingrid.lovas@nordlys-energi.example", phones=["+47 912 34 567"])
    other = add_prospect(db, "Ola Annen", company="Nordlys Energi AS")
    add_note(db, "Ingrid leder innkjøp av målere", prospect_id=ingrid, source="https://nordlys.example/om-oss")
    add_note(db, "Om Ola", prospect_id=other)
    log_interaction(db, ingrid, "call", outcome="connected", summary="Vil ha tilbud før jul")
    import_mail(db, DATA / "mail" / "followup.eml")
    qualify(db, ingrid, pays_off="yes", status_quo_cost_note="Manuell avlesning koster 2 årsverk")
    db.execute("CREATE TABLE later_area (id INTEGER PRIMARY KEY, prospect_id INTEGER REFERENCES prospects(id) "
               "ON DELETE CASCADE, payload BLOB)")
    db.execute("CREATE TABLE later_child (id INTEGER PRIMARY KEY, area_id INTEGER REFERENCES later_area(id), "
               "text TEXT)")
    db.execute("INSERT INTO later_area (id, prospect_id, payload) VALUES (7, ?, x'c3a5')", [ingrid])
    db.execute("INSERT INTO later_child (area_id, text) VALUES (7, 'funnet via fremmednøkler')")
    db.conn.commit()
    out = tmp_path / "ingrid.json"
    data = export_person(db, ingrid, out)
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert data["prospect"]["name"] == "Ingrid Løvås" and data["prospect"]["phones"] == ["+47 912 34 567"]
    assert data["company"]["name"] == "Nordlys Energi AS"
    related = data["related"]
    assert [n["body"] for n in related["notes"]] == ["Ingrid leder innkjøp av målere"]
    assert len(related["interactions"]) == 2 and len(related["interaction_sources"]) == 1
    assert {q["criterion"] for q in related["qualifications"]} == {"pays_off", "status_quo_cost"}
    assert related["later_area"] == [{"id": 7, "prospect_id": ingrid, "payload": {"base64": "w6U="}}]
    assert related["later_child"][0]["text"] == "funnet via fremmednøkler"
    assert "Om Ola" not in out.read_text(encoding="utf-8")


def test_person_export_of_unknown_prospect(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        export_person(db, 99, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_demo_export_imports_back_with_the_same_people_and_stages(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "prospects.csv"
    export_csv(demo_db, target)
    fresh = memory_database()
    assert import_csv(fresh, target).failed == []

    def people(db: Database) -> list[tuple[object, ...]]:
        return sorted((p.name, p.company, p.title, p.email, p.country, p.city, p.language, p.stage,
                       tuple(normalise_phone(phone, p.country) for phone in p.phones)) for p in list_prospects(db))

    assert people(fresh) == people(demo_db)
