"""The Qualification tab and the do-not-call dialog, driven like a rep would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from sqlite_utils import Database

from researcher.core.dnc import check_phone, list_extracts
from researcher.core.interactions import log_interaction
from researcher.core.prospects import add_prospect
from researcher.core.qualification import get_qualification
from researcher.ui.dnc_dialog import DncDialog
from researcher.ui.panel_context import PanelContext
from researcher.ui.qualify_panel import QualifyPanel

DATA = Path(__file__).parent.parent / "data" / "dnc"


def test_states_notes_and_evidence_are_saved(qtbot, db: Database, inline_runner) -> None:
    pid = add_prospect(db, "Jukka Häkkinen", company="Metsä Demo Oy", country="FI")
    log_interaction(db, pid, "call", outcome="connected", summary="Budjetti ensi vuodelle on hyväksytty")
    panel = QualifyPanel(PanelContext(db, inline_runner))
    qtbot.addWidget(panel)
    panel.show_prospect(pid)
    assert "Not qualified yet" in panel.summary.text()
    with qtbot.waitSignal(panel.prospect_changed):
        panel.boxes["pays_off"].state.setCurrentText("yes")
    box = panel.boxes["able"]
    box.note.setFocus()
    box.note.setText("Päättää itse alle 50 k€")  # QTest types ASCII only
    with qtbot.waitSignal(panel.prospect_changed):
        qtbot.keyClick(box.note, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.prospect_changed):
        qtbot.mouseClick(box.link, Qt.MouseButton.LeftButton)
    result = get_qualification(db, pid)
    assert result.pays_off.state == "yes"
    assert result.able.note == "Päättää itse alle 50 k€"
    assert result.able.evidence[0].quote == "Budjetti ensi vuodelle on hyväksytty"
    assert box.evidence.count() == 1 and "1 of 3 met" in panel.summary.text()
    box.evidence.setCurrentRow(0)
    with qtbot.waitSignal(panel.prospect_changed):
        box.remove.click()
    assert get_qualification(db, pid).able.evidence == ()


def test_dnc_dialog_imports_and_lists_an_extract(qtbot, db: Database) -> None:
    dialog = DncDialog(db)
    qtbot.addWidget(dialog)
    dialog.registry.setCurrentIndex(dialog.registry.findData("reservasjonsregisteret"))
    assert dialog.country.text() == "NO"
    dialog.file.setText(str(DATA / "reservasjon_no.txt"))
    dialog.extract_date.setDate(QDate.currentDate())
    with qtbot.waitSignal(dialog.extracts_changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Imported 4 numbers" in dialog.message.text()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 5).text() == "current"
    assert check_phone(db, "912 34 567", country="NO").blocked
    dialog.file.setText(str(DATA / "garbage.txt"))
    with qtbot.assertNotEmitted(dialog.extracts_changed):
        dialog.import_button.click()
    assert "Not imported" in dialog.message.text() and len(list_extracts(db)) == 1
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.extracts_changed):
        dialog.delete_button.click()
    assert list_extracts(db) == []
