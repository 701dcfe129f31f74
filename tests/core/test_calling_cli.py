"""The calling commands end to end: import, dnc, when, qualify, calllist, object, export, export-data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from researcher.cli import main

DATA = Path(__file__).parent.parent / "data"


def run(capsys: pytest.CaptureFixture[str], db_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_dnc_when_and_calllist(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, db_path, "import", str(DATA / "import" / "nordic_semicolon.csv"), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["dry_run"] and json.loads(out)["accepted"] == 2
    code, out, _ = run(capsys, db_path, "import", str(DATA / "import" / "hubspot_contacts.csv"))
    assert code == 0 and out.startswith("Imported 3 new, merged 0, skipped 0, failed 0 of 3 rows")
    code, out, _ = run(capsys, db_path, "dnc", "import", str(DATA / "dnc" / "reservasjon_no.txt"),
                       "--registry", "reservasjonsregisteret", "--country", "NO", "--extract-date", "2026-11-25")
    assert code == 0 and "Imported 4 numbers" in out and "line 6: 'ikke et nummer'" in out
    code, out, _ = run(capsys, db_path, "dnc", "check", "0047 91234567", "--json")
    check = json.loads(out)
    assert check["blocked"] and set(check) == {"blocked", "numbers", "objected"}
    assert set(check["numbers"][0]) == {"number", "blocked", "registry", "extract_date", "stale"}
    code, out, _ = run(capsys, db_path, "dnc", "check", "Ingrid Løvås")
    assert "BLOCKED — do not call" in out
    code, out, _ = run(capsys, db_path, "dnc", "list", "--json")
    assert json.loads(out)[0]["numbers"] == 4
    code, out, _ = run(capsys, db_path, "when", "Mikko Järvinen", "--json")
    when = json.loads(out)
    assert set(when) == {"timezone", "local_time", "in_window", "next_window_start", "reason"}
    assert when["timezone"] == "Europe/Helsinki"
    code, out, _ = run(capsys, db_path, "qualify", "Mikko Järvinen", "--pays-off", "yes",
                       "--status-quo-cost", "Käsin tehty reititys", "--note", "able=Budjetti auki", "--json")
    assert json.loads(out)["able"]["note"] == "Budjetti auki"
    run(capsys, db_path, "log", "Mikko Järvinen", "--kind", "call", "--follow-up", "2026-11-30",
        "--at", "2026-11-20T10:00")
    code, out, _ = run(capsys, db_path, "calllist", "--date", "2026-12-01", "--json")
    listed = json.loads(out)
    names = [e["name"] for part in ("callable_now", "out_of_window") for e in listed[part]]
    assert names == ["Mikko Järvinen"]
    export = tmp_path / "out.csv"
    code, out, _ = run(capsys, db_path, "export", str(export))
    assert code == 0 and out.startswith("Exported 3 prospects")
    code, out, _ = run(capsys, db_path, "export-data", "Mikko Järvinen", str(tmp_path / "mikko.json"))
    assert json.loads((tmp_path / "mikko.json").read_text(encoding="utf-8"))["prospect"]["name"] == "Mikko Järvinen"


def test_object_needs_yes_and_then_suppresses(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    run(capsys, db_path, "import", str(DATA / "import" / "hubspot_contacts.csv"))
    code, _, err = run(capsys, db_path, "object", "Søren Østergaard")
    assert code == 1 and "--yes" in err
    code, out, _ = run(capsys, db_path, "object", "Søren Østergaard", "--yes")
    assert code == 0 and "objected" in out
    code, out, _ = run(capsys, db_path, "import", str(DATA / "import" / "hubspot_contacts.csv"), "--json")
    report = json.loads(out)
    assert report["skipped_rows"] == [{"row": 4, "reason": "objected — never contact (kept out on purpose)"}]


@pytest.mark.parametrize("args, message", [
    (("import", "nowhere.csv"), "There is no CSV"),
    (("dnc", "import", "x.txt", "--registry", "nix", "--country", "SE", "--extract-date", "igår"), "not a date"),
    (("dnc", "check", "+47 12"), "not a phone number"),
    (("calllist", "--date", "31.12.2026"), "not a date"),
    (("import-mail", "nowhere.eml"), "There is no mail file"),
    (("import-calendar", "nowhere.ics"), "There is no calendar file"),
    (("qualify", "1", "--note", "budget=ja"), "CRITERION=TEXT"),
])
def test_errors_are_readable(capsys: pytest.CaptureFixture[str], db_path: Path, args: tuple[str, ...], message: str) -> None:
    run(capsys, db_path, "add", "Åse Bø", "--company", "Bø Demo AS")
    code, out, err = run(capsys, db_path, *args)
    assert code == 1 and message in err and err.startswith("researcher: ")


def test_hours_and_max_age_settings(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, _ = run(capsys, db_path, "hours", "--json")
    assert json.loads(out) == {"start": "09:00", "end": "17:00", "days": ["mon", "tue", "wed", "thu", "fri"]}
    code, out, _ = run(capsys, db_path, "hours", "--start", "08:30", "--days", "mon,tue,wed,thu")
    assert code == 0 and out.startswith("Calling hours: 08:30–17:00 on mon, tue, wed, thu")
    code, _, err = run(capsys, db_path, "hours", "--end", "07:00")
    assert code == 1 and "start before they end" in err
    code, out, _ = run(capsys, db_path, "dnc", "max-age", "se", "60")
    assert code == 0 and "SE now stay fresh for 60 days" in out
    code, _, err = run(capsys, db_path, "dnc", "max-age", "SE", "0")
    assert code == 1 and "between 1 and 3650" in err
    code, out, _ = run(capsys, db_path, "dnc", "max-age", "SE")
    assert "the country's rule" in out
