"""CSV import: CRM exports, Nordic column names, encodings, separators, duplicates, bad files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from researcher.core.db import memory_database
from researcher.core.errors import UserError
from researcher.core.importers.csv_import import auto_mapping, import_csv, load_mapping, read_header
from researcher.core.prospects import add_prospect, list_prospects
from researcher.core.suppression import object_prospect

DATA = Path(__file__).parent.parent / "data" / "import"


def _people(db: Database) -> dict[str, dict]:
    return {row["name"]: row for row in db.query(
        "SELECT p.*, coalesce(c.name, '') AS company FROM prospects p LEFT JOIN companies c ON c.id = p.company_id")}


@pytest.mark.parametrize("name, encoding, delimiter, source, count", [
    ("hubspot_contacts.csv", "UTF-8 (with BOM)", "comma", "HubSpot export", 3),
    ("salesforce_contacts_cp1252.csv", "Windows-1252", "comma", "Salesforce export", 2),
    ("pipedrive_people.csv", "UTF-8", "comma", "Pipedrive export", 2),
    ("sales_navigator_utf16.csv", "UTF-16", "tab", "LinkedIn Sales Navigator export", 2),
    ("swedish_excel_cp1252.csv", "Windows-1252", "semicolon", "column names", 2),
])
def test_crm_exports_are_recognised(db: Database, name: str, encoding: str, delimiter: str, source: str,
                                    count: int) -> None:
    report = import_csv(db, DATA / name)
    assert (report.encoding, report.delimiter, report.source) == (encoding, delimiter, source)
    assert (report.accepted, report.failed, report.skipped) == (count, [], [])
    assert db["prospects"].count == count


def test_fields_land_where_they_belong(db: Database) -> None:
    for name in ("hubspot_contacts.csv", "salesforce_contacts_cp1252.csv", "pipedrive_people.csv",
                 "sales_navigator_utf16.csv"):
        import_csv(db, DATA / name)
    people = _people(db)
    ingrid = people["Ingrid Løvås"]
    assert (ingrid["company"], ingrid["title"], ingrid["country"], ingrid["city"]) == \
        ("Nordlys Energi AS", "Innkjøpssjef", "NO", "Tromsø")
    assert json.loads(ingrid["phones"]) == ["+4722334455", "+4791234567"]
    asa = people["Åsa Öberg"]
    assert json.loads(asa["phones"]) == ["+46311234567", "+46707654321"] and asa["country"] == "SE"
    assert people["Søren Østergaard"]["country"] == "DK"
    assert people["Kaisa Mäkelä"]["country"] == "FI"  # from the +358 number: the export had no country
    assert json.loads(people["Ólafur Jónsson"]["tags"]) == ["Warm", "Iceland"]
    eilidh = people["Eilidh MacLeod"]
    assert (eilidh["city"], eilidh["country"]) == ("Edinburgh", "GB")
    assert eilidh["linkedin"] == "https://www.linkedin.com/in/eilidh-macleod-demo"
    assert people["Håkon Bjørnstad"]["country"] == "NO"


def test_row_errors_and_in_file_duplicates(db: Database) -> None:
    dry = import_csv(db, DATA / "nordic_semicolon.csv", dry_run=True)
    assert db["prospects"].count == 0
    assert [(r.row, r.reason) for r in dry.failed] == [
        (3, "email 'per@fjellbekk' is not an email address"),
        (4, "no name"),
        (5, "phone '12' cannot be read as a phone number"),
        (6, "country 'Narnia' is not a country name or two-letter code"),
        (8, "has 10 cells but the header has 8 (a stray separator, quote or line break?)"),
    ]
    assert (dry.accepted, dry.merged) == (2, 1)
    report = import_csv(db, DATA / "nordic_semicolon.csv")
    assert report.as_dict() | {"skipped_rows": [], "failed_rows": []} == dry.as_dict() | {
        "dry_run": False, "skipped_rows": [], "failed_rows": []}
    kari = _people(db)["Kari Nordmann"]
    assert json.loads(kari["phones"]) == ["+4791345678", "+4793000111"]
    notes = [row["body"] for row in db.query("SELECT body FROM notes ORDER BY id")]
    assert notes == ["Møtte henne på Arendalsuka", "Andre gang i fila", "@SUM(1+1)"]
    assert _people(db)["Geir Formel"]["title"] == '=HYPERLINK("http://evil.example","Klikk")'


def test_duplicates_in_the_store_merge_or_skip(db: Database) -> None:
    existing = add_prospect(db, "Ingrid Løvås", company="Nordlys Energi AS", country="NO", title="")
    skip = import_csv(db, DATA / "hubspot_contacts.csv", duplicates="skip")
    assert [r.as_dict() for r in skip.skipped] == [{"row": 2, "reason": "duplicate: same name and company as an earlier person"}]
    assert skip.accepted == 2
    merged = import_csv(db, DATA / "hubspot_contacts.csv", duplicates="merge")
    assert (merged.accepted, merged.merged) == (0, 3)
    ingrid = _people(db)["Ingrid Løvås"]
    assert ingrid["id"] == existing and ingrid["title"] == "Innkjøpssjef"
    assert json.loads(ingrid["phones"]) == ["+4722334455", "+4791234567"]
    assert db["prospects"].count == 3
    with pytest.raises(UserError, match="merged or skipped"):
        import_csv(db, DATA / "hubspot_contacts.csv", duplicates="overwrite")


def test_objected_people_are_not_brought_back(db: Database) -> None:
    import_csv(db, DATA / "hubspot_contacts.csv")
    mikko = _people(db)["Mikko Järvinen"]["id"]
    object_prospect(db, mikko)
    again = import_csv(db, DATA / "hubspot_contacts.csv", duplicates="skip")
    assert [r.as_dict() for r in again.skipped if "objected" in r.reason] == [
        {"row": 3, "reason": "objected — never contact (kept out on purpose)"}]
    assert "Mikko Järvinen" not in _people(db)


@pytest.mark.parametrize("name, message", [
    ("unclosed_quote.csv", "cannot be read past row 2"),
    ("fake_excel.csv", "ZIP archive"),
    ("empty.csv", "is empty"),
    ("header_only.csv", "no rows to import"),
    ("no_name_column.csv", "recognised as the person's name"),
    ("missing.csv", "There is no CSV"),
])
def test_broken_files_are_refused_and_nothing_is_written(db: Database, name: str, message: str) -> None:
    import_csv(db, DATA / "pipedrive_people.csv")
    with pytest.raises(UserError, match=message):
        import_csv(db, DATA / name)
    assert db["prospects"].count == 2 and db["companies"].count == 2


def test_a_huge_file_is_refused_before_reading(db: Database, tmp_path: Path) -> None:
    big = tmp_path / "export.csv"
    with big.open("wb") as handle:
        handle.write(b"Name,Company\nAnna,Big AB\n")
        handle.truncate(200 * 1000 * 1000)
    with pytest.raises(UserError, match="200 MB; a CSV import takes at most 150 MB"):
        import_csv(db, big)


def test_bad_bytes_deep_in_a_utf8_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"Name,Company\n" + "Åse Ås,Å AS\n".encode() * 80000 + b"Bad \xff\xfe,X\n")
    with pytest.raises(UserError, match="not consistently UTF-8"):
        import_csv(db, path)
    assert db["prospects"].count == 0


def test_mapping_file_overrides_and_round_trips(db: Database, tmp_path: Path) -> None:
    header = read_header(DATA / "nordic_semicolon.csv")
    auto = auto_mapping(header.columns)
    assert auto.as_dict()["Notat"] == "note"
    path = tmp_path / "mapping.toml"
    path.write_text(auto.to_toml().replace('"Notat" = "note"', '"Notat" = "ignore"'), encoding="utf-8")
    mapping = load_mapping(path, header.columns)
    assert mapping.as_dict()["Notat"] == "ignore" and mapping.source == "mapping file mapping.toml"
    import_csv(db, DATA / "nordic_semicolon.csv", mapping=path)
    assert db["notes"].count == 0
    path.write_text('[columns]\n"Telefaks" = "phone"\n', encoding="utf-8")
    with pytest.raises(UserError, match="does not have: telefaks"):
        load_mapping(path, header.columns)
    path.write_text('[columns]\n"Notat" = "hobby"\n', encoding="utf-8")
    with pytest.raises(UserError, match="'hobby' is not a prospect field"):
        load_mapping(path, header.columns)
    path.write_text("not toml = = =", encoding="utf-8")
    with pytest.raises(UserError, match="cannot be read"):
        load_mapping(path, header.columns)


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöøæéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖØÆ '-", min_size=1, max_size=20)


@st.composite
def people(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for i in range(count):
        first = draw(NAME).strip(" '-") or "Åse"
        # An apostrophe before - = + @ is how a cell is kept from running as a formula
        # (exporters.neutralise), so a name cannot start with one.
        company = draw(NAME).strip().lstrip("'") or "Fjord"
        rows.append({"First name": first, "Last name": f"Nr{i}", "Company": f"{company} {i} AS",
                     "E-post": f"person{i}@firma{i}.example", "Mobil": f"+47 4{i:02d} 12 345",
                     "Stilling": draw(st.sampled_from(["Daglig leder", "=SUM(A1)", "Økonomisjef; regnskap", 'Sjef "A"']))})
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=people(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_written_csv_imports_back_the_same(tmp_path: Path, rows: list[dict[str, str]], encoding: str,
                                                delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / f"prop-{encoding}.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    db = memory_database()
    report = import_csv(db, path)
    assert report.failed == [] and report.accepted == len(rows)
    stored = {p.email: p for p in list_prospects(db)}
    for row in rows:
        person = stored[row["E-post"]]
        assert person.name == " ".join(p for p in (row["First name"].strip(), row["Last name"]) if p)
        assert person.title == row["Stilling"]
        assert person.company == row["Company"].strip()
        assert person.country == "NO"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=400))
def test_arbitrary_bytes_never_crash_or_half_import(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(b"Name,Company,Phone\n" + data)
    db = memory_database()
    try:
        report = import_csv(db, path)
    except UserError:
        assert db["prospects"].count == 0
    else:
        assert db["prospects"].count == report.accepted
        assert report.total == report.accepted + report.merged + len(report.failed) + len(report.skipped)
