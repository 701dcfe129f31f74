"""The import dialog: preview on a worker, automatic and edited mapping, duplicates, row errors, the write."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlite_utils import Database

from researcher.core.prospects import add_prospect, list_prospects
from researcher.ui.import_dialog import ImportDialog
from researcher.ui.workers import JobRunner

DATA = Path(__file__).parent.parent / "data" / "import"


def _dialog(qtbot, db: Database, runner: JobRunner) -> ImportDialog:
    dialog = ImportDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_runs_on_a_worker_and_writes_nothing(qtbot, db: Database, thread_pool) -> None:
    dialog = _dialog(qtbot, db, JobRunner(thread_pool))
    with qtbot.waitSignal(dialog.preview_ready, timeout=10000) as blocker:
        dialog.set_file(DATA / "nordic_semicolon.csv")
    preview = blocker.args[0]
    assert preview.report.accepted == 2 and len(preview.report.failed) == 5
    assert db["prospects"].count == 0
    assert dialog.mapping_table.rowCount() == 8
    assert dialog.mapping_table.cellWidget(0, 1).currentText() == "name"
    assert dialog.mapping_table.item(0, 2).text().startswith("Kari Nordmann | Per Ødegaard")
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert "Row 6: country 'Narnia' is not a country name or two-letter code" in problems
    assert dialog.preview_table.item(0, 1).text() == "Kari Nordmann"
    assert dialog.import_button.text() == "Import 3 people" and dialog.import_button.isEnabled()


def test_edited_mapping_and_import(qtbot, db: Database, inline_runner: JobRunner) -> None:
    dialog = _dialog(qtbot, db, inline_runner)
    dialog.set_file(DATA / "nordic_semicolon.csv")
    with qtbot.waitSignal(dialog.preview_ready):
        dialog.set_field(7, "ignore")  # Notat → not imported
    assert dialog.mapping.as_dict()["Notat"] == "ignore"
    with qtbot.waitSignal(dialog.preview_ready):
        dialog.set_field(0, "ignore")
    assert "No column is mapped to the person's name" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_ready):
        dialog.set_field(0, "name")
    with qtbot.waitSignal(dialog.imported) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].accepted == 2
    assert sorted(p.name for p in list_prospects(db)) == ["Geir Formel", "Kari Nordmann"]
    assert db["notes"].count == 0


def test_duplicates_skip_instead_of_merge(qtbot, db: Database, inline_runner: JobRunner) -> None:
    add_prospect(db, "Ingrid Løvås", company="Nordlys Energi AS")
    dialog = _dialog(qtbot, db, inline_runner)
    dialog.set_file(DATA / "hubspot_contacts.csv")
    assert dialog.preview.report.merged == 1
    with qtbot.waitSignal(dialog.preview_ready):
        dialog.duplicates.setCurrentIndex(1)
    report = dialog.preview.report
    assert report.merged == 0 and [r.row for r in report.skipped] == [2]
    assert "Row 2 skipped: duplicate" in dialog.problems.item(0).text()


def test_broken_file_is_explained(qtbot, db: Database, inline_runner: JobRunner) -> None:
    dialog = _dialog(qtbot, db, inline_runner)
    dialog.set_file(DATA / "fake_excel.csv")
    assert "cannot be imported" in dialog.summary.text() and "ZIP archive" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_vcard_preview_and_import(qtbot, db: Database, inline_runner: JobRunner) -> None:
    dialog = _dialog(qtbot, db, inline_runner)
    dialog.set_file(DATA / "contacts_v3.vcf")
    assert not dialog.mapping_table.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert db["prospects"].count == 2
