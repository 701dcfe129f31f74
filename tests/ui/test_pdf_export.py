"""Prep sheets rendered offscreen to real PDFs and read back with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from researcher.cli import main
from researcher.core.briefing_model import Evidence, FactItem, NoteItem, PainItem, PhoneLine, TriggerItem
from researcher.core.errors import UserError
from researcher.core.models import LANGUAGES
from researcher.core.prep_sheet import build_prep_sheet
from researcher.core.prep_sheet_fit import page_box
from researcher.core.prospects import list_prospects
from researcher.core.store_file import is_current
from researcher.ui.pdf_export import PdfSheets, SheetExport, SheetRenderer, default_paper
from tests.sheet_samples import OPENER, long_briefing, typical_briefing


def page_texts(path: Path) -> list[str]:
    """The text of each page, whitespace collapsed (PDF text comes in positioned runs)."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def embedded_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    return fonts


@pytest.fixture(scope="module")
def renderer(qapp) -> SheetRenderer:
    return SheetRenderer()


def write_samples(path: Path, renderer: SheetRenderer, briefings, language="en", paper="a4") -> PdfSheets:
    pdf = PdfSheets(path, renderer, paper, title="Prep sheets", subject="Samples", author="Researcher")
    for briefing in briefings:
        pdf.add(renderer.fit(build_prep_sheet(briefing, language=language), page_box(paper)))
    pdf.close()
    return pdf


def test_sheet_text_font_and_metadata(tmp_path, renderer):
    path = tmp_path / "sheet.pdf"
    write_samples(path, renderer, [typical_briefing()], language="sv")
    (text,) = page_texts(path)
    assert " ".join(OPENER.split()) in text
    assert "Åsa Järvinen-Øberg" in text
    assert "DATAKÄLLOR" in text and "routakivi.fi · 20 nov 2026" in text and "kauppalehti.fi" in text
    assert "Samtal · ring senare" in text
    assert "ﬁ" not in text  # no ligature glyphs: "routakivi.fi" stays searchable
    assert embedded_fonts(path) >= {"/DejaVuSansCondensed", "/DejaVuSansCondensed-Bold"}
    metadata = pypdf.PdfReader(path).metadata
    assert (metadata.title, metadata.subject, metadata.author) == ("Prep sheets", "Samples", "Researcher")
    assert metadata.creator.startswith("Researcher")


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_long_content_still_fits_one_page_per_prospect(tmp_path, renderer, paper, size):
    path = tmp_path / "long.pdf"
    write_samples(path, renderer, [long_briefing(), typical_briefing(), long_briefing()], paper=paper)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    first, second, third = page_texts(path)
    assert "more" in first and "Åsa Järvinen-Øberg" in second and "Åsa Järvinen-Øberg" in third
    assert "DATA SOURCES" in first


def test_demo_batch_is_one_page_per_prospect_in_the_given_order(tmp_path, demo_db):
    prospects = list_prospects(demo_db)
    ids = [p.id for p in reversed(prospects)]
    path = tmp_path / "all.pdf"
    result = SheetExport(demo_db, ids, path, language="fi").run()
    assert result.sheets == len(ids) and result.files == [path] and not result.cancelled
    texts = page_texts(path)
    assert len(texts) == len(ids)
    by_id = {p.id: p.name for p in prospects}
    for text, prospect_id in zip(texts, ids):
        assert by_id[prospect_id] in text
    assert any("Ingrid Sæther" in t for t in texts) and any("Johan Åberg" in t for t in texts)
    assert "TIETOLÄHTEET" in texts[0]
    metadata = pypdf.PdfReader(path).metadata
    assert metadata.title.startswith("Soiton valmistelu:")
    assert metadata.subject.startswith(f"Soiton valmistelu {len(ids)} henkilölle")
    assert metadata.author and "Researcher" not in metadata.author  # the rep from "my offering"
    assert not list(tmp_path.glob(".*.part"))


def test_folder_export_writes_one_file_per_prospect(tmp_path, demo_db):
    ids = [p.id for p in list_prospects(demo_db)][:3]
    folder = tmp_path / "sheets"
    result = SheetExport(demo_db, ids, folder, folder=True, language="en", paper="letter").run()
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 3 and [p.name for p in result.files] == names
    assert re.match(r"01 .+ \(.+\)\.pdf", names[0])
    for path in result.files:
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 1
        assert reader.metadata.title.startswith("Prep sheet:")


def test_cancel_leaves_an_existing_file_untouched(tmp_path, demo_db):
    path = tmp_path / "sheets.pdf"
    path.write_bytes(b"%PDF-1.4 earlier export")
    ids = [p.id for p in list_prospects(demo_db)]
    progress = []
    result = SheetExport(demo_db, ids, path).run(progress=lambda done, total: progress.append((done, total)),
                                                  cancelled=lambda: len(progress) >= 2)
    assert result.cancelled and result.files == []
    assert progress == [(1, len(ids)), (2, len(ids))]
    assert path.read_bytes() == b"%PDF-1.4 earlier export"
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize(("target", "message"), [
    ("missing/sheet.pdf", "does not exist"), ("sheet.txt", "should end in .pdf"), (".", "is a folder"),
])
def test_bad_targets_are_refused(tmp_path, demo_db, target, message):
    with pytest.raises(UserError, match=message):
        SheetExport(demo_db, [1], tmp_path / target)


def test_paper_follows_the_locale():
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "letter"
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(QLocale.Language.Finnish, QLocale.Country.Finland)) == "a4"
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "a4"


def test_cli_exports_named_prospects(tmp_path, demo_db, capsys):
    db_file = demo_db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "two.pdf"
    assert main(["--db", db_file, "export-pdf", "Johan Åberg", "1", "-o", str(out), "--paper", "letter",
                 "--lang", "da"]) == 0
    assert "Wrote 2 prep sheets" in capsys.readouterr().out
    first, second = page_texts(out)
    assert "Johan Åberg" in first and "Minna Väisänen" in second
    assert "SAMTALEFORBEREDELSE" in first
    assert round(float(pypdf.PdfReader(out).pages[0].mediabox.height)) == 792


def test_cli_exports_the_call_list_in_call_order(tmp_path, demo_db, capsys):
    import json

    from researcher.core.call_list import build_call_list

    db_file = demo_db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "calls.pdf"
    # A day that is never today, so the list is seen from that day's midday whenever the test runs.
    assert main(["--db", db_file, "export-pdf", "--call-list", "--date", "2030-03-05", "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = [entry.name for entry in build_call_list(demo_db, day=date(2030, 3, 5), now=_midday("2030-03-05")).queue()]
    assert report["sheets"] == len(expected) > 0
    texts = page_texts(out)
    assert all(name in text for name, text in zip(expected, texts))


def _midday(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(12, 0)).astimezone(UTC)


@pytest.mark.parametrize(("args", "message"), [
    (["export-pdf", "Nobody Nowhere", "-o", "x.pdf"], "No prospect is called"),
    (["export-pdf", "-o", "x.pdf"], "Name at least one prospect"),
    (["export-pdf", "1", "--call-list", "-o", "x.pdf"], "not both"),
    (["export-pdf", "--call-list", "--date", "1.12.2026", "-o", "x.pdf"], "is not a date"),
    (["export-pdf", "1", "--date", "2026-12-01", "-o", "x.pdf"], "only goes with --call-list"),
])
def test_cli_errors_are_clear(tmp_path, demo_db, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    db_file = demo_db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["--db", db_file, *args]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_writes_one_file_per_prospect_into_a_folder(tmp_path, demo_db, capsys):
    import json

    db_file = demo_db.conn.execute("PRAGMA database_list").fetchone()[2]
    folder = tmp_path / "ark"
    assert main(["--db", db_file, "export-pdf", "Ingrid Sæther", "Kjetil Øvrebø", "--folder", str(folder),
                 "--lang", "nb", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sheets"] == 2 and len(report["files"]) == 2
    names = sorted(path.name for path in folder.iterdir())
    assert names[0].startswith("01 Ingrid Sæther") and names[1].startswith("02 Kjetil Øvrebø")
    assert "SAMTALEFORBEREDELSE" in page_texts(folder / names[1])[0]


def test_every_demo_sheet_fits_letter_paper_in_every_language(tmp_path, demo_db, renderer):
    from datetime import UTC, datetime

    from researcher.core.briefing import build_briefing
    from researcher.core.models import LANGUAGES

    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    briefings = [build_briefing(demo_db, p.id, now=now) for p in list_prospects(demo_db)]
    page = page_box("letter")
    for language in LANGUAGES:
        for briefing in briefings:
            fitted = renderer.fit(build_prep_sheet(briefing, language=language), page)
            assert renderer.measure(fitted.main, page.width) <= fitted.main_height
            assert fitted.main_height + fitted.footer_height <= page.height


def test_cli_reads_a_current_store_without_opening_it_for_writing(tmp_path, demo_db):
    db_file = Path(demo_db.conn.execute("PRAGMA database_list").fetchone()[2])
    demo_db.close()
    before = db_file.read_bytes()
    out = tmp_path / "yksi.pdf"
    # A fresh interpreter, so nothing an earlier test loaded counts.
    script = ("import sys; from researcher.cli import main; status = main(sys.argv[1:]); "
              "print('sqlite_utils' in sys.modules); raise SystemExit(status)")
    done = subprocess.run([sys.executable, "-c", script, "--db", str(db_file), "export-pdf", "Johan Åberg",
                           "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"  # read through plain sqlite3: no migrations check, no page scan
    assert "Johan Åberg" in page_texts(out)[0]
    assert db_file.read_bytes() == before


@pytest.mark.parametrize("table", ["notes", "qualifications"])  # read by the briefing itself / by one area of it
def test_cli_reports_a_damaged_page_it_reads_and_changes_nothing(tmp_path, demo_db, capsys, table):
    db_file = Path(demo_db.conn.execute("PRAGMA database_list").fetchone()[2])
    page_size = demo_db.conn.execute("PRAGMA page_size").fetchone()[0]
    root = demo_db.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    demo_db.close()
    damaged = bytearray(db_file.read_bytes())
    damaged[(root - 1) * page_size:root * page_size] = b"\xa5" * page_size
    db_file.write_bytes(bytes(damaged))
    assert is_current(db_file)  # the schema still reads, so the page scan before writing is skipped
    out = tmp_path / "rikki.pdf"
    assert main(["--db", str(db_file), "export-pdf", "Johan Åberg", "-o", str(out)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert not out.exists()
    assert db_file.read_bytes() == bytes(damaged)


ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=400)
ONE_LONG_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöøæ/.-_", min_size=50, max_size=600)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(ANY_TEXT, ONE_LONG_WORD), note=st.one_of(ANY_TEXT, ONE_LONG_WORD),
       quote=st.one_of(ANY_TEXT, ONE_LONG_WORD), url=ONE_LONG_WORD, phones=st.integers(0, 12),
       facts=st.integers(0, 30), paper=st.sampled_from(["a4", "letter"]), language=st.sampled_from(LANGUAGES))
def test_any_content_gives_one_page(tmp_path, renderer, name, note, quote, url, phones, facts, paper, language):
    base = typical_briefing()
    page = "https://" + url
    briefing = replace(
        base, prospect=replace(base.prospect, name=name or "Åse", title=note[:80]),
        phones=tuple(PhoneLine(f"+47 9{n:02d} 12 345", blocked=n % 3 == 0, registry="Reservasjonsregisteret")
                     for n in range(phones)),
        notes=(NoteItem(note, "2026-11-01T10:00:00+00:00", url[:40]),) * 3,
        triggers=(TriggerItem("hiring", quote, page, "2026-11-20"),) * 4,
        facts=(FactItem("news", quote or "Uutinen", page, "2026-11-20"),) * facts,
        pains=(PainItem(quote or "Kipukohta", note, (Evidence(quote, page, "2026-11-01"),)),) * 3,
    )
    out = tmp_path / f"{paper}-{language}.pdf"
    pdf = PdfSheets(out, renderer, paper, title="Prep sheet", subject="Any content", author="Researcher")
    pdf.add(renderer.fit(build_prep_sheet(briefing, language=language), page_box(paper)))
    pdf.close()
    assert len(pypdf.PdfReader(out).pages) == 1
