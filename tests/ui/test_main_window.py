"""Every action of the prospect workspace, driven through the main window and its shortcuts."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from researcher.core.notes import list_notes
from researcher.core.interactions import list_interactions
from researcher.core.prospects import get_prospect, list_prospects, resolve_prospect
from researcher.ui.autosave import AutosaveForm
from researcher.ui.confirm import Confirm
from researcher.ui.interaction_dialog import InteractionDialog
from researcher.ui.main_window import MainWindow
from researcher.ui.new_prospect_dialog import NewProspectDialog
from researcher.ui.note_dialog import NoteDialog
from researcher.ui.workers import Job, JobRunner


@pytest.fixture
def window(make_window, demo_db):
    return make_window(demo_db, is_demo=True)


@pytest.fixture
def confirm(monkeypatch):
    """Answer confirmations without a modal box; records what was asked."""
    asked: list[tuple[str, str]] = []
    answer = {"value": True}

    def ask(parent, title, text, details, action):
        asked.append((text, details))
        return answer["value"]

    monkeypatch.setattr(Confirm, "ask", staticmethod(ask))
    return asked, answer


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def shown_name(window: MainWindow) -> str:
    return window.panel.header.name.text()


def test_window_opens_on_the_first_prospect_with_title_and_count(window) -> None:
    assert window.windowTitle() == "Researcher — demo database"
    assert window.model.rowCount() == 10
    assert shown_name(window) == "Claire Donovan"
    assert window.prospect_list.count_label.text() == "10 prospects"
    assert "Demo database" in window.db_label.text()


def test_ctrl_f_focuses_the_filter_and_typing_filters(qtbot, window) -> None:
    window.prospect_list.view.setFocus()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.prospect_list.filter
    qtbot.keyClicks(window.prospect_list.filter, "kjæ")
    assert window.model.rowCount() == 1
    assert window.prospect_list.count_label.text() == "Showing 1 of 10 prospects"
    press(qtbot, window, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.prospect_list.view
    assert shown_name(window) == "Mette Kjærgaard"


def test_next_and_previous_prospect_shortcuts(qtbot, window) -> None:
    window.prospect_list.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert shown_name(window) == "Elin Sjöström"
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert shown_name(window) == "Ingrid Sæther"
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert shown_name(window) == "Claire Donovan"
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert shown_name(window) == "Claire Donovan"


def test_ctrl_n_adds_a_prospect_and_shows_them(qtbot, window, demo_db, monkeypatch) -> None:
    def fill(parent, db):
        dialog = NewProspectDialog(db, parent)
        dialog.name.setText("Ville Häkkinen")
        dialog.company.setText("Routakivi Oy")
        dialog.title.setText("Tuotantopäällikkö")
        dialog.phone.setText("+358 40 555 0101")
        dialog.country.setText("fi")
        dialog.accept()
        return dialog.prospect_id

    monkeypatch.setattr(NewProspectDialog, "ask", classmethod(lambda cls, parent, db: fill(parent, db)))
    window.prospect_list.filter.setText("sjöström")
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    added = resolve_prospect(demo_db, "ville häkkinen")
    assert (added.company, added.country, added.phones) == ("Routakivi Oy", "FI", ("+358 40 555 0101",))
    assert window.model.filter_text == ""
    assert shown_name(window) == "Ville Häkkinen"
    assert window.prospect_list.current_id() == added.id
    assert window.model.total == 11


def test_new_prospect_dialog_keeps_what_was_typed_when_refused(qtbot, demo_db) -> None:
    dialog = NewProspectDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.name.setText("Ilse Ørsted")
    dialog.email.setText("ilse at example")
    dialog.accept()
    assert dialog.prospect_id is None and dialog.result() == 0
    assert "does not look like an email address" in dialog.error_label.text()
    assert dialog.name.text() == "Ilse Ørsted"
    assert len(list_prospects(demo_db)) == 10


def test_ctrl_l_logs_an_interaction_onto_the_timeline(qtbot, window, demo_db, monkeypatch) -> None:
    def fill(parent, db, prospect):
        dialog = InteractionDialog(db, prospect, parent)
        dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
        dialog.when.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(15, 45)))
        dialog.direction.setCurrentIndex(dialog.direction.findData("inbound"))
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("call_back_later"))
        dialog.summary.setPlainText("Claire soitti takaisin: budjetti päätetään tammikuussa.")
        dialog.next_step.setText("Send the Daventry case")
        dialog.follow_up_on.setChecked(True)
        dialog.follow_up.setDate(QDate(2027, 1, 12))
        dialog.accept()
        return dialog.interaction_id

    monkeypatch.setattr(InteractionDialog, "ask", classmethod(lambda cls, parent, db, p: fill(parent, db, p)))
    window.panel.tabs.setCurrentWidget(window.panel.timeline)
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    claire = resolve_prospect(demo_db, "Claire Donovan")
    logged = list_interactions(demo_db, claire.id)[0]
    assert (logged.kind, logged.direction, logged.outcome, logged.follow_up) == (
        "call", "inbound", "call_back_later", "2027-01-12")
    first = window.panel.timeline.model.index(0).data()
    assert first == "Claire soitti takaisin: budjetti päätetään tammikuussa."
    assert window.model.index(window.model.row_of(claire.id), 6).data() == "2027-01-12"
    assert "Next follow-up 2027-01-12" in window.panel.header.dates.text()


def test_an_interaction_is_corrected_from_the_timeline(qtbot, window, demo_db, monkeypatch) -> None:
    claire = resolve_prospect(demo_db, "Claire Donovan")
    logged = list_interactions(demo_db, claire.id)[0]
    count = len(list_interactions(demo_db, claire.id))
    seen: list[tuple] = []

    def edit(parent, db, prospect, interaction_id):
        dialog = InteractionDialog(db, prospect, parent, interaction_id=interaction_id)
        seen.append((dialog.windowTitle(), dialog.summary.toPlainText(), dialog.outcome.currentData(),
                     dialog.follow_up_on.isChecked(), dialog.follow_up.date().toString("yyyy-MM-dd")))
        dialog.summary.setPlainText("Claire sa ja till ett möte på torsdag; Søren från inköp är med.")
        dialog.follow_up.setDate(QDate(2027, 2, 3))
        dialog.accept()
        return dialog.result() == InteractionDialog.DialogCode.Accepted

    monkeypatch.setattr(InteractionDialog, "ask_edit", classmethod(lambda cls, *args: edit(*args)))
    window.panel.tabs.setCurrentWidget(window.panel.timeline)
    timeline = window.panel.timeline
    row = next(row for row, entry in enumerate(timeline.model.entries) if entry.id == logged.id and entry.kind != "note")
    timeline.view.setFocus()
    timeline.view.setCurrentIndex(timeline.model.index(row))
    press(qtbot, window, Qt.Key.Key_Return)
    assert seen == [("Edit interaction with Claire Donovan", logged.summary, logged.outcome, True, logged.follow_up)]
    assert len(list_interactions(demo_db, claire.id)) == count
    assert timeline.model.index(row).data() == "Claire sa ja till ett möte på torsdag; Søren från inköp är med."
    assert window.model.index(window.model.row_of(claire.id), 6).data() == "2027-02-03"
    assert "Next follow-up 2027-02-03" in window.panel.header.dates.text()
    assert window.statusBar().currentMessage() == "Interaction saved"


def test_ctrl_shift_n_writes_a_note_with_date_and_source(qtbot, window, demo_db, monkeypatch) -> None:
    def fill(parent, db, prospect, note_id=None):
        dialog = NoteDialog(db, prospect, note_id, parent)
        dialog.text.setPlainText("Uusi **varasto** Daventryssä.")
        dialog.text.selectAll()
        dialog.wrap_selection("*")
        dialog.source.setText("Logistics Manager -lehti")
        dialog.date.setDate(QDate(2026, 11, 15))
        dialog.tabs.setCurrentWidget(dialog.preview)
        assert dialog.preview.toPlainText() == "Uusi varasto Daventryssä."
        dialog.accept()
        return dialog.note_id

    monkeypatch.setattr(NoteDialog, "ask", classmethod(lambda cls, parent, db, p, note_id=None: fill(parent, db, p)))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    claire = resolve_prospect(demo_db, "Claire Donovan")
    note = list_notes(demo_db, prospect_id=claire.id)[0]
    assert note.body == "*Uusi **varasto** Daventryssä.*"
    assert (note.source, note.created_at[:10]) == ("Logistics Manager -lehti", "2026-11-15")
    window.panel.tabs.setCurrentWidget(window.panel.timeline)
    kinds = [window.panel.timeline.model.entries[row].kind for row in range(window.panel.timeline.model.rowCount())]
    assert "note" in kinds


def test_a_note_can_be_put_on_the_company_and_edited_later(qtbot, window, demo_db, monkeypatch) -> None:
    claire = resolve_prospect(demo_db, "Claire Donovan")
    dialog = NoteDialog(demo_db, claire)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Pennine avaa uuden terminaalin.")
    dialog.about_company.setChecked(True)
    dialog.accept()
    note = list_notes(demo_db, company_id=claire.company_id)[0]
    assert note.company_id == claire.company_id and note.prospect_id is None

    def edit(parent, db, prospect, note_id=None):
        editor = NoteDialog(db, prospect, note_id, parent)
        assert editor.text.toPlainText() == "Pennine avaa uuden terminaalin."
        editor.text.setPlainText("Pennine avaa uuden terminaalin Leedsiin.")
        editor.accept()
        return editor.note_id

    monkeypatch.setattr(NoteDialog, "ask", classmethod(lambda cls, *args: edit(*args)))
    window.actions.on_edit_note(note.id)
    assert list_notes(demo_db, company_id=claire.company_id)[0].body == "Pennine avaa uuden terminaalin Leedsiin."


def test_delete_in_the_list_erases_after_confirmation(qtbot, window, demo_db, confirm) -> None:
    asked, answer = confirm
    window.prospect_list.view.setFocus()
    answer["value"] = False
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(list_prospects(demo_db)) == 10
    answer["value"] = True
    press(qtbot, window, Qt.Key.Key_Delete)
    assert [p.name for p in list_prospects(demo_db)][0] == "Elin Sjöström"
    assert "Claire Donovan" in asked[-1][0] and "GDPR" in asked[-1][1]
    assert window.model.total == 9
    assert shown_name(window) == "Elin Sjöström"


def test_delete_in_a_text_field_deletes_text_not_the_prospect(qtbot, window, demo_db, confirm) -> None:
    asked, _answer = confirm
    field = window.prospect_list.filter
    field.setFocus()
    field.setText("abc")
    field.setCursorPosition(0)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert field.text() == "bc" and asked == []
    name = window.panel.details.person.editor("name")
    name.setFocus()
    name.setCursorPosition(0)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert asked == [] and len(list_prospects(demo_db)) == 10


def test_erasing_several_selected_prospects_at_once(qtbot, window, demo_db, confirm) -> None:
    asked, _answer = confirm
    view = window.prospect_list.view
    window.prospect_list.select_row(1)
    view.selectionModel().select(window.model.index(2, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    window.actions.erase.trigger()
    remaining = {p.name for p in list_prospects(demo_db)}
    assert "Elin Sjöström" not in remaining and "Ingrid Sæther" not in remaining and len(remaining) == 8
    assert asked[-1][0].startswith("Erase Elin Sjöström, Ingrid Sæther")


def test_delete_company_says_who_goes_with_it(qtbot, window, demo_db, confirm) -> None:
    asked, _answer = confirm
    window.prospect_list.select_id(resolve_prospect(demo_db, "Minna Väisänen").id)
    company_id = get_prospect(demo_db, window.current_prospect_id).company_id
    window.panel.details.delete_company_button.click()
    assert "Routakivi Oy" in asked[-1][0] and "1 person goes with it: Minna Väisänen" in asked[-1][1]
    assert demo_db.execute("SELECT count(*) FROM companies WHERE id = ?", [company_id]).fetchone()[0] == 0
    assert window.model.total == 9
    assert window.current_prospect_id is not None


def test_deleting_a_timeline_entry_after_confirmation(qtbot, window, demo_db, confirm) -> None:
    claire = resolve_prospect(demo_db, "Claire Donovan")
    before = len(list_interactions(demo_db, claire.id))
    window.panel.tabs.setCurrentWidget(window.panel.timeline)
    timeline = window.panel.timeline
    entry = timeline.model.entries[0]
    timeline.view.setFocus()
    timeline.view.setCurrentIndex(timeline.model.index(0))
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(list_interactions(demo_db, claire.id)) == before - (entry.kind != "note")
    assert timeline.model.rowCount() == len(timeline.model.entries)


def test_edits_in_details_show_in_the_list_and_header_and_undo_from_the_menu(qtbot, window, demo_db, monkeypatch) -> None:
    monkeypatch.setattr(AutosaveForm, "AUTOSAVE_MS", 20)
    form = window.panel.details.person
    form._timer.setInterval(20)
    title = form.editor("title")
    title.setFocus()
    title.selectAll()
    with qtbot.waitSignal(form.saved):
        qtbot.keyClicks(title, "Head of Operations")
    claire = resolve_prospect(demo_db, "Claire Donovan")
    assert window.model.index(window.model.row_of(claire.id), 2).data() == "Head of Operations"
    assert "Head of Operations" in window.panel.header.role.text()
    window.prospect_list.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_prospect(demo_db, claire.id).title == "Operations Director"
    assert window.model.index(window.model.row_of(claire.id), 2).data() == "Operations Director"


def test_geometry_and_columns_are_remembered(qtbot, make_window, demo_db, settings) -> None:
    first = make_window(demo_db)
    first.resize(777, 599)
    size = first.size()
    assert size.width() == 777
    first.prospect_list.view.setColumnWidth(1, 222)
    first.close()
    second = make_window(demo_db)
    assert second.size() == size
    assert second.prospect_list.view.columnWidth(1) == 222


def test_columns_fit_the_list_with_their_titles_in_full(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.resize(1360, 840)
    view = window.prospect_list.view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: 0 < header.length() <= view.viewport().width())
    titles = header.fontMetrics()
    for column in range(window.model.columnCount()):
        title = window.model.headerData(column, Qt.Orientation.Horizontal)
        if title in ("Country", "Last interaction", "Next follow-up", "Readiness"):
            assert view.columnWidth(column) >= titles.horizontalAdvance(title), title


def test_widths_saved_for_other_columns_are_not_restored(qtbot, make_window, demo_db, settings) -> None:
    first = make_window(demo_db)
    first.prospect_list.view.setColumnWidth(1, 222)
    first.close()
    settings.setValue("list/columns", "Name,Company,Title,Country,Stage,Last interaction,Next follow-up")
    second = make_window(demo_db)  # as after an upgrade that added the Readiness column
    view = second.prospect_list.view
    assert not second.prospect_list.columns_restored and view.columnWidth(1) != 222
    second.resize(1360, 840)
    qtbot.waitUntil(lambda: 0 < view.horizontalHeader().length() <= view.viewport().width())  # all in sight


def _wait_for_cancel(started: threading.Event, *, cancel: threading.Event) -> str:
    started.set()
    cancel.wait(30)
    return "stopped"


def test_closing_cancels_background_jobs_and_waits(qtbot, make_window, demo_db, thread_pool) -> None:
    runner = JobRunner(thread_pool)
    window = make_window(demo_db, runner=runner)
    started = threading.Event()
    job = Job(partial(_wait_for_cancel, started))
    with qtbot.waitSignal(runner.running_changed):
        runner.start(job)
    assert started.wait(5)
    assert window.jobs_label.isVisibleTo(window) and "1 background job" in window.jobs_label.text()
    with qtbot.waitSignal(job.signals.cancelled):
        window.close()
    assert job.cancel.is_set() and thread_pool.activeThreadCount() == 0


def test_check_database_reports_a_healthy_store(qtbot, window, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: said.append(text)))
    window.actions.check.trigger()
    assert said == ["The database is healthy."]


def test_extension_points_add_actions_for_the_current_prospect(window) -> None:
    from PySide6.QtGui import QAction

    action = window.add_prospect_action(QAction("Tutki sivusto", window), toolbar=True)
    assert action in window.prospect_menu.actions() and action in window.toolbar.actions()
    assert action.isEnabled()
    tool = window.add_tool_action(QAction("Tuo CSV", window))
    assert tool in window.tools_menu.actions()


def test_clicking_a_column_header_sorts_the_list(qtbot, window) -> None:
    header = window.prospect_list.view.horizontalHeader()
    company_x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(company_x, header.height() // 2))
    companies = [window.model.index(row, 1).data() for row in range(window.model.rowCount())]
    assert companies == sorted(companies, key=str.casefold)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(company_x, header.height() // 2))
    companies = [window.model.index(row, 1).data() for row in range(window.model.rowCount())]
    assert companies == sorted(companies, key=str.casefold, reverse=True)
    assert shown_name(window) == "Claire Donovan"  # the prospect on show stays on show


def test_an_empty_store_shows_the_hint_and_disables_prospect_actions(qtbot, make_window, db, confirm) -> None:
    from researcher.core.prospects import add_prospect

    window = make_window(db)
    assert window.panel.currentWidget() is window.panel.empty
    assert not window.actions.log_interaction.isEnabled() and not window.actions.erase.isEnabled()
    assert window.prospect_list.count_label.text() == "0 prospects"
    only = add_prospect(db, "Eila Kääriäinen", company="Kaamos Oy")
    window.model.refresh_prospect(only)
    window.prospect_list.select_id(only)
    assert window.actions.erase.isEnabled()
    window.actions.erase.trigger()
    assert window.model.rowCount() == 0 and window.current_prospect_id is None
    assert window.panel.currentWidget() is window.panel.empty
    assert not window.actions.new_note.isEnabled()
