"""The modal dialogs through their real ask() entry points: shown, filled, answered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox

from researcher.core.interactions import get_interaction, list_interactions
from researcher.core.notes import get_note
from researcher.core.prospects import get_prospect, resolve_prospect
from researcher.ui.confirm import Confirm
from researcher.ui.interaction_dialog import InteractionDialog
from researcher.ui.new_prospect_dialog import NewProspectDialog
from researcher.ui.note_dialog import NoteDialog


def answer_when_shown(act: Callable[[QDialog], None]) -> None:
    """Act on the modal dialog as soon as the event loop of its exec() runs."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(0, run)
            return
        act(dialog)

    QTimer.singleShot(0, run)


@pytest.fixture
def minna(demo_db):
    return resolve_prospect(demo_db, "Minna Väisänen")


def test_new_prospect_dialog_ask_returns_the_new_id(qtbot, demo_db) -> None:
    def fill(dialog: NewProspectDialog) -> None:
        dialog.name.setText("Ville Häkkinen")
        dialog.company.setText("Routakivi Oy")
        dialog.accept()

    answer_when_shown(fill)
    new_id = NewProspectDialog.ask(None, demo_db)
    assert get_prospect(demo_db, new_id).company == "Routakivi Oy"


def test_cancelled_dialogs_return_none_and_store_nothing(qtbot, demo_db, minna) -> None:
    before = demo_db["notes"].count, demo_db["interactions"].count, demo_db["prospects"].count
    for ask in (lambda: NewProspectDialog.ask(None, demo_db), lambda: NoteDialog.ask(None, demo_db, minna),
                lambda: InteractionDialog.ask(None, demo_db, minna)):
        answer_when_shown(lambda dialog: dialog.reject())
        assert ask() is None
    assert (demo_db["notes"].count, demo_db["interactions"].count, demo_db["prospects"].count) == before


def test_interaction_dialog_ask_logs_with_a_quick_follow_up(qtbot, demo_db, minna) -> None:
    def fill(dialog: InteractionDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
        dialog.summary.setPlainText("Lähetin referenssin Kokkolasta.")
        dialog.set_follow_up_in(7)
        dialog.accept()

    answer_when_shown(fill)
    interaction_id = InteractionDialog.ask(None, demo_db, minna)
    logged = list_interactions(demo_db, minna.id)[0]
    assert logged.id == interaction_id and logged.kind == "email" and logged.follow_up is not None


def test_interaction_dialog_ask_edit_opens_prefilled_and_saves_the_correction(qtbot, demo_db, minna) -> None:
    logged = list_interactions(demo_db, minna.id)[0]
    prefilled: list[tuple] = []

    def correct(dialog: InteractionDialog) -> None:
        buttons = dialog.findChild(QDialogButtonBox)
        prefilled.append((dialog.windowTitle(), [b.text() for b in buttons.buttons()], dialog.kind.currentData(),
                          dialog.direction.currentData(), dialog.outcome.currentData(), dialog.summary.toPlainText(),
                          dialog.next_step.text(), dialog.follow_up_on.isChecked(),
                          dialog.follow_up.date().toString("yyyy-MM-dd")))
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("replied"))
        dialog.summary.setPlainText("Minna vastasi: hän on Jyväskylässä ensi viikolla, soitto sopii.")
        dialog.follow_up_on.setChecked(False)
        next(b for b in buttons.buttons() if b.text() == "Save").click()

    answer_when_shown(correct)
    assert InteractionDialog.ask_edit(None, demo_db, minna, logged.id) is True
    assert prefilled == [("Edit interaction with Minna Väisänen", ["Save", "Cancel"], "linkedin", "outbound", "sent",
                          "Yhteyspyyntö lähetetty, ei vielä vastausta.", "Soita tiistaina", True, "2026-12-01")]
    saved = get_interaction(demo_db, logged.id)
    assert (saved.outcome, saved.summary, saved.follow_up) == (
        "replied", "Minna vastasi: hän on Jyväskylässä ensi viikolla, soitto sopii.", None)
    assert (saved.kind, saved.next_step, saved.occurred_at) == (logged.kind, logged.next_step, logged.occurred_at)
    assert get_prospect(demo_db, minna.id).next_follow_up is None
    assert len(list_interactions(demo_db, minna.id)) == 1


def test_interaction_dialog_ask_edit_cancelled_changes_nothing(qtbot, demo_db, minna) -> None:
    logged = list_interactions(demo_db, minna.id)[0]

    def type_then_cancel(dialog: InteractionDialog) -> None:
        dialog.summary.setPlainText("Väärä henkilö")
        dialog.reject()

    answer_when_shown(type_then_cancel)
    assert InteractionDialog.ask_edit(None, demo_db, minna, logged.id) is False
    assert get_interaction(demo_db, logged.id) == logged


def test_editing_a_call_shows_the_same_calling_warning_as_logging_one(qtbot, demo_db) -> None:
    elin = resolve_prospect(demo_db, "Elin Sjöström")
    call = list_interactions(demo_db, elin.id)[0]
    new = InteractionDialog(demo_db, elin)
    edit = InteractionDialog(demo_db, elin, interaction_id=call.id)
    for dialog in (new, edit):
        qtbot.addWidget(dialog)
    new.kind.setCurrentIndex(new.kind.findData("call"))
    warning = {dialog: dialog.findChild(QLabel, "callWarning") for dialog in (new, edit)}
    assert edit.kind.currentData() == "call"
    assert warning[edit].text() == warning[new].text()
    assert warning[edit].isVisibleTo(edit) == warning[new].isVisibleTo(new) == bool(warning[new].text())
    edit.kind.setCurrentIndex(edit.kind.findData("email"))
    assert not warning[edit].isVisibleTo(edit)


def test_note_dialog_refuses_an_empty_note_and_keeps_the_dialog_open(qtbot, demo_db, minna) -> None:
    def fill(dialog: NoteDialog) -> None:
        dialog.accept()  # empty: refused, still open
        assert dialog.isVisible() and "needs some text" in dialog.error_label.text()
        dialog.text.setPlainText("Budjetti päätetään tammikuussa.")
        dialog.source.setText("puhelu")
        dialog.accept()

    answer_when_shown(fill)
    note_id = NoteDialog.ask(None, demo_db, minna)
    assert get_note(demo_db, note_id).source == "puhelu"


@pytest.mark.parametrize(("button", "expected"), [("Erase", True), ("Cancel", False)])
def test_confirm_is_answered_by_its_buttons(qtbot, button, expected) -> None:
    def click(box: QMessageBox) -> None:
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        target = next(b for b in box.buttons() if b.text() == button)
        target.click()

    answer_when_shown(click)
    assert Confirm.ask(None, "Erase", "Erase Minna Väisänen completely?", "It cannot be undone.", "Erase") is expected
