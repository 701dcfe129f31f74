"""GDPR erasure: the person and everything about them leave no trace, not even in the file's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from researcher.core.errors import NotFound
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect, erase_prospect, get_prospect, list_prospects

SECRET_NAME = "Ragnhild Quistgaard"
SECRET_NOTE = "Zorbulaksi hemmeligheten fra Ålesund"
SECRET_CALL = "Vrobnikk snakket om sykdommen"
SECRET_EMAIL = "ragnhild.quistgaard@fjellvik.no"


@pytest.fixture
def erased(db, db_path: Path):
    keep = add_prospect(db, "Ola Nordmann", company="Fjellvik Sjømat AS")
    pid = add_prospect(db, SECRET_NAME, company="Fjellvik Sjømat AS", email=SECRET_EMAIL,
                       phones=["+47 915 55 123"], title="Økonomisjef")
    company = get_prospect(db, pid).company_id
    for round_ in range(30):  # enough text that index pages are really written and rewritten
        add_note(db, f"{SECRET_NOTE} {round_}", prospect_id=pid, source="Sunnmørsposten")
        log_interaction(db, pid, "call", summary=f"{SECRET_CALL} {round_}", next_step="Ring igjen")
    add_note(db, "Fjellvik åpner nytt anlegg", company_id=company)
    log_interaction(db, keep, "email", summary="Sendte tilbud")
    return db, pid, keep


def file_bytes(db_path: Path) -> bytes:
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def fts_terms(db, table: str) -> set[str]:
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{table}_terms] USING fts5vocab(main, [{table}], 'row')")
    return {row[0] for row in db.execute(f"SELECT term FROM temp.[{table}_terms]")}


def test_the_secret_text_is_in_the_file_and_index_before_erasure(erased, db_path) -> None:
    db, _pid, _keep = erased
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = file_bytes(db_path)
    assert SECRET_NOTE.encode() in raw and SECRET_EMAIL.encode() in raw
    assert "zorbulaksi" in fts_terms(db, "notes_fts")
    assert "vrobnikk" in fts_terms(db, "interactions_fts")


def test_erasure_removes_rows_index_terms_and_bytes(erased, db_path) -> None:
    db, pid, keep = erased
    erase_prospect(db, pid)
    with pytest.raises(NotFound):
        get_prospect(db, pid)
    assert [p.id for p in list_prospects(db)] == [keep]
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}])")]
        if "prospect_id" in columns:
            left = db.execute(f"SELECT count(*) FROM [{table}] WHERE prospect_id = ?", [pid]).fetchone()[0]
            assert left == 0, f"{table} still refers to the erased person"
    assert "zorbulaksi" not in fts_terms(db, "notes_fts")
    assert "vrobnikk" not in fts_terms(db, "interactions_fts")
    assert "fjellvik" in fts_terms(db, "notes_fts")  # the company's own note stays
    assert list(db["notes"].search("zorbulaksi")) == []
    raw = file_bytes(db_path)
    for secret in (SECRET_NAME, SECRET_NOTE, SECRET_CALL, SECRET_EMAIL, "Zorbulaksi", "Vrobnikk", "zorbulaksi",
                   "vrobnikk", "Quistgaard"):
        assert secret.encode() not in raw, f"{secret!r} is still in the database file"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_erasing_an_unknown_prospect_is_refused(db) -> None:
    with pytest.raises(NotFound):
        erase_prospect(db, 404)
