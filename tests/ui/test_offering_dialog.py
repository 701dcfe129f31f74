"""The "My offering" dialog: forms for the offering, tables with add/remove, import/export, inline errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog

from researcher.core.offering import get_offering, parse_offering_file
from researcher.core.settings import get_setting
from researcher.ui.offering_dialog import OfferingDialog
from researcher.ui.offering_tables import OfferingTable

NORDIC_TOML = """\
rep_name = "Åsa Øvergård"
company = "Fjællbø Drift"

[what]
sv = "Drift för kommuner och regioner: ärenden, tid och kostnader på ett ställe."
da = "Drift til kommuner og regioner: sager, tid og omkostninger ét sted."

[[pains]]
key = "cost_visibility"
value = { sv = "Kostnader per förvaltning varje morgon.", nb = "Kostnader per etat hver morgen." }

[[proofs]]
customer = "Kävlinge kommun"
pain = "cost_visibility"
text.sv = "Kävlinge kommun såg sina kostnader tre veckor tidigare."
text.da = "Kävlinge kommun så omkostningerne tre uger før."

[[insights]]
pain = "cost_visibility"
text = { nb = "De fleste etater ser kostnaden først når måneden er lukket; de raskeste ser den neste morgen." }
"""


def open_dialog(qtbot, db) -> OfferingDialog:
    dialog = OfferingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, table: OfferingTable, row: int, column: int, text: str) -> None:
    """Type into a cell the way the rep does: open its editor, type, press Enter."""
    view = table.table
    view.setCurrentCell(row, column)
    view.editItem(view.item(row, column))
    editor = view.indexWidget(view.model().index(row, column))
    assert editor is not None
    editor.selectAll()
    for character in text:  # QTest's key clicks accept ASCII only; the rep types å, ä, ö, ø and æ too
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: view.item(row, column).text() == text and not view.indexWidget(view.currentIndex()))


def choose_pain(table: OfferingTable, row: int, column: int, key: str) -> None:
    combo = table.pain_combo(row, column)
    combo.setCurrentIndex(combo.findData(key))


def choose_language(dialog: OfferingDialog, code: str) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData(code))


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(dialog: OfferingDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_demo_offering_fills_the_forms(qtbot, demo_db) -> None:
    dialog = open_dialog(qtbot, demo_db)
    assert (dialog.rep_name.text(), dialog.company.text(), dialog.company_from.text()) == (
        "Anni Koskela", "Kaarnatieto", "Kaarnatiedosta")
    assert dialog.what.toPlainText().startswith("One operations platform")
    tabs = [dialog.sections.tabText(i) for i in range(3)]
    assert tabs == ["Pains you solve (9)", "Proof stories (8)", "Insights (8)"]
    pains = dialog.pains
    assert pains.pain_combo(0, 0).key() == "sites_drift"
    assert pains.pain_combo(0, 0).currentText() == "Sites drift into different ways of working"
    assert pains.table.item(0, 1).text().startswith("One process across sites")
    assert dialog.proofs.table.item(0, 0).text() == "Pennant Freight"
    choose_language(dialog, "nb")
    assert dialog.what.toPlainText().startswith("Én driftsplattform")
    assert dialog.proofs.table.item(0, 2).text() == "Pennant Freight lukket det gapet på åtte uker."
    assert dialog.proofs.table.horizontalHeaderItem(2).text() == "Story with a number (Norsk)"
    assert "English: Pennant Freight closed that gap" in dialog.proofs.table.item(0, 2).toolTip()


def test_add_pain_proof_and_insight_then_save_and_reopen(qtbot, demo_db) -> None:
    dialog = open_dialog(qtbot, demo_db)
    click(qtbot, dialog.pains.add_button)
    assert dialog.sections.tabText(0) == "Pains you solve (10)"
    new_pain = dialog.pains.pain_combo(9, 0).key()
    assert new_pain not in {row["key"] for row in dialog.pains.rows()[:9]}
    choose_pain(dialog.pains, 9, 0, "nis2_workload")
    type_into(qtbot, dialog.pains, 9, 1, "NIS2 evidence ready for the audit in six weeks.")
    choose_language(dialog, "fi")
    type_into(qtbot, dialog.pains, 9, 1, "NIS2-näyttö valmiina auditointiin kuudessa viikossa.")
    dialog.sections.setCurrentWidget(dialog.proofs)
    click(qtbot, dialog.proofs.add_button)
    assert dialog.proofs.pain_combo(8, 1).key() == "utilisation"  # the first offered pain without a story
    choose_pain(dialog.proofs, 8, 1, "nis2_workload")
    type_into(qtbot, dialog.proofs, 8, 0, "Kärkölän Sähkö")
    type_into(qtbot, dialog.proofs, 8, 2, "Kärkölän Sähkö oli valmis NIS2-auditointiin viidessä viikossa.")
    click(qtbot, dialog.insights.add_button)
    assert dialog.insights.pain_combo(8, 0).key() == "slow_close"
    choose_pain(dialog.insights, 8, 0, "nis2_workload")
    type_into(qtbot, dialog.insights, 8, 1,
              "Useimmat sähköyhtiöt kuluttavat NIS2-työhön eniten aikaa todisteiden keräämiseen.")
    dialog.pace.setValue(1.15)
    dialog.budget.setValue(25)
    click(qtbot, save_button(dialog))
    assert dialog.result() == QDialog.DialogCode.Accepted

    stored = get_offering(demo_db)
    assert stored.pains[-1].key == "nis2_workload"
    assert stored.pains[-1].value == {"en": "NIS2 evidence ready for the audit in six weeks.",
                                      "fi": "NIS2-näyttö valmiina auditointiin kuudessa viikossa."}
    assert stored.proofs[-1].customer == "Kärkölän Sähkö" and stored.proofs[-1].pain == "nis2_workload"
    assert stored.proof_for("nis2_workload", "fi").text["fi"].endswith("viidessä viikossa.")
    assert stored.insight_for("nis2_workload", "fi") is not None
    assert len(stored.proofs) == 9 and stored.proofs[0].text["da"] == "Pennant Freight lukkede det hul på otte uger."
    assert (get_setting(demo_db, "opener.pace"), get_setting(demo_db, "opener.budget_seconds")) == (1.15, 25.0)

    again = open_dialog(qtbot, demo_db)
    assert again.pace.value() == pytest.approx(1.15) and again.budget.value() == 25
    assert again.pains.pain_combo(9, 0).currentText() == "NIS2 workload and supplier security"
    assert again.proofs.table.item(8, 0).text() == "Kärkölän Sähkö"
    choose_language(again, "fi")
    assert again.insights.table.item(8, 1).text().startswith("Useimmat sähköyhtiöt")


def test_remove_a_row_and_cancel_keeps_the_stored_offering(qtbot, demo_db) -> None:
    dialog = open_dialog(qtbot, demo_db)
    assert not dialog.insights.remove_button.isEnabled()
    dialog.insights.select_row(0)
    assert dialog.insights.remove_button.isEnabled()
    click(qtbot, dialog.insights.remove_button)
    assert dialog.sections.tabText(2) == "Insights (7)"
    dialog.reject()
    assert len(get_offering(demo_db).insights) == 8
    again = open_dialog(qtbot, demo_db)
    again.insights.select_row(0)
    click(qtbot, again.insights.remove_button)
    click(qtbot, save_button(again))
    stored = get_offering(demo_db)
    assert len(stored.insights) == 7 and stored.insights[0].pain == "project_profitability"


def test_validation_error_is_shown_inline_and_keeps_what_was_typed(qtbot, demo_db) -> None:
    before = get_offering(demo_db)
    dialog = open_dialog(qtbot, demo_db)
    dialog.rep_name.setText("Sanna Ek")
    dialog.company.clear()
    click(qtbot, save_button(dialog))
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    assert "needs your name" in dialog.error.text()
    assert "border" in dialog.company.styleSheet() and not dialog.rep_name.styleSheet()
    assert dialog.rep_name.text() == "Sanna Ek" and get_offering(demo_db) == before

    dialog.company.setText("Kaarnatieto Øy")
    dialog.sections.setCurrentWidget(dialog.pains)
    click(qtbot, dialog.proofs.add_button)
    type_into(qtbot, dialog.proofs, 8, 2, "Halverade felen på ett år.")
    click(qtbot, save_button(dialog))
    assert dialog.error.text() == "Proof stories, row 9 needs the customer's name."
    assert dialog.sections.currentWidget() is dialog.proofs
    assert [i.row() for i in dialog.proofs.table.selectionModel().selectedRows()] == [8]
    assert dialog.proofs.table.item(8, 2).text() == "Halverade felen på ett år."
    assert not dialog.company.styleSheet() and get_offering(demo_db) == before

    type_into(qtbot, dialog.proofs, 8, 0, "Lövånger Trä")
    click(qtbot, save_button(dialog))
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = get_offering(demo_db)
    assert stored.company == "Kaarnatieto Øy" and stored.proofs[-1].customer == "Lövånger Trä"


def test_import_nordic_toml_then_save(qtbot, db, tmp_path: Path, monkeypatch) -> None:
    dialog = open_dialog(qtbot, db)
    assert dialog.rep_name.text() == "" and dialog.pains.rows() == []
    bad = tmp_path / "trasig.toml"
    bad.write_text('rep_name = "Åsa', encoding="utf-8")
    good = tmp_path / "fjällbö.toml"
    good.write_text(NORDIC_TOML, encoding="utf-8")
    dialog.rep_name.setText("Jørgen Æbelø")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    click(qtbot, dialog.import_button)
    assert "not valid TOML" in dialog.error.text() and dialog.rep_name.text() == "Jørgen Æbelø"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(good), ""))
    click(qtbot, dialog.import_button)
    assert not dialog.error.isVisibleTo(dialog) and "fjällbö.toml" in dialog.notice.text()
    assert (dialog.rep_name.text(), dialog.company.text()) == ("Åsa Øvergård", "Fjællbø Drift")
    assert get_offering(db) is None  # nothing stored before Save
    choose_language(dialog, "sv")
    assert dialog.what.toPlainText().startswith("Drift för kommuner")
    assert dialog.proofs.table.item(0, 0).text() == "Kävlinge kommun"
    assert dialog.pains.pain_combo(0, 0).currentText() == "Weak cost visibility"
    click(qtbot, save_button(dialog))
    stored = get_offering(db)
    assert stored.rep_name == "Åsa Øvergård" and stored.what["da"].endswith("ét sted.")
    assert stored.insights[0].text == {"nb": "De fleste etater ser kostnaden først når måneden er lukket; "
                                             "de raskeste ser den neste morgen."}


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_export_writes_a_file_that_imports_back(qtbot, demo_db, tmp_path: Path, monkeypatch, suffix: str) -> None:
    dialog = open_dialog(qtbot, demo_db)
    dialog.rep_name.setText("Åke Sjöström")
    target = tmp_path / f"tiimi{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    click(qtbot, dialog.export_button)
    assert str(target) in dialog.notice.text()
    exported = parse_offering_file(target)
    assert exported == dialog.offering() and exported.rep_name == "Åke Sjöström"
    if suffix == ".json":
        assert json.loads(target.read_text(encoding="utf-8"))["company"] == "Kaarnatieto"
    assert get_offering(demo_db).rep_name == "Anni Koskela"  # exporting is no save


def test_export_refuses_an_invalid_offering_and_an_unwritable_place(qtbot, demo_db, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, demo_db)
    dialog.rep_name.clear()
    target = tmp_path / "offering.toml"
    assert not dialog.export_file(target)
    assert "needs your name" in dialog.error.text() and not target.exists()
    dialog.rep_name.setText("Anni Koskela")
    assert not dialog.export_file(tmp_path / "missing folder" / "offering.toml")
    assert "Could not write" in dialog.error.text()
