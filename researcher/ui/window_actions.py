"""The main window's menus, toolbar and keyboard shortcuts, and what each of its actions does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolBar

from researcher.core.errors import UserError
from researcher.ui.confirm import Confirm
from researcher.ui.icons import icon

if TYPE_CHECKING:
    from researcher.core.models import Prospect
    from researcher.ui.main_window import MainWindow
    from researcher.ui.prospect_panel import ProspectPanel


@contextmanager
def busy_cursor() -> Iterator[None]:
    """Show the wait cursor while the GUI thread does a longer write."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class WindowActions:
    """Creates every action of the window and the menus and toolbar that hold them."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.new_prospect = self._action("&New prospect…", "new-prospect", [QKeySequence.StandardKey.New],
                                         self.on_new_prospect, "Add a person and their company")
        self.find = self._action("&Find prospect", "find", [QKeySequence.StandardKey.Find], self.on_find,
                                 "Filter the list by name, company, title, email or phone")
        self.log_interaction = self._action("&Log interaction…", "log-interaction", ["Ctrl+L"],
                                            self.on_log_interaction, "Log a call, email, meeting or message")
        self.new_note = self._action("New &note…", "new-note", ["Ctrl+Shift+N"], self.on_new_note,
                                     "Write a note on the prospect or their company")
        self.next = self._action("Ne&xt prospect", "next", ["Alt+Down", "Ctrl+PgDown"],
                                 lambda: window.prospect_list.step(1))
        self.previous = self._action("Pre&vious prospect", "previous", ["Alt+Up", "Ctrl+PgUp"],
                                     lambda: window.prospect_list.step(-1))
        self.erase = self._action("&Erase prospect…", "erase", [QKeySequence.StandardKey.Delete], self.on_erase,
                                  "Delete the selected people and everything about them (GDPR)")
        for action in (self.next, self.previous):
            action.setPriority(QAction.Priority.LowPriority)
        # Delete must only erase while the list has the focus; in text fields it deletes text.
        self.erase.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.removeAction(self.erase)
        window.prospect_list.view.addAction(self.erase)
        self.delete_company = self._action("Delete &company…", "company", [], self.on_delete_company_of_current)
        self.undo = self._action("&Undo last edit", "", [QKeySequence.StandardKey.Undo], self.on_undo)
        self.check = self._action("&Check database", "", [], self.on_check_database,
                                  "Run a full integrity check of the database")
        self.backup = self._action("&Back up database…", "", [], self.on_backup,
                                   "Write a verified copy of the database")
        self.quit = self._action("&Quit", "", [QKeySequence.StandardKey.Quit], window.close)
        self.shortcuts = self._action("&Keyboard shortcuts", "", [QKeySequence.StandardKey.HelpContents],
                                      self.on_show_shortcuts)
        self.about = self._action(f"&About {window.windowTitle().split(' — ')[0]}", "", [], window.about)
        self._build_menus()
        self._build_toolbar()

    def connect_panel(self, panel: ProspectPanel) -> None:
        """Act on the requests of the prospect panel (added once the store is open)."""
        panel.log_requested.connect(self.on_log_interaction)
        panel.note_requested.connect(self.on_new_note)
        panel.edit_note_requested.connect(self.on_edit_note)
        panel.edit_interaction_requested.connect(self.on_edit_interaction)
        panel.delete_entry_requested.connect(self.on_delete_entry)
        panel.delete_company_requested.connect(self.on_delete_company)

    def _action(self, text: str, icon_name: str, keys: list, slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self.w)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
        shortcut = ", ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({shortcut})" if shortcut else ""))
        action.setStatusTip(tip)
        # The store opens right after the first frame; an action triggered before that is ignored.
        action.triggered.connect(lambda _checked=False: self.w.db is not None and slot())
        self.w.addAction(action)
        return action

    def _build_menus(self) -> None:
        w, bar = self.w, self.w.menuBar()
        w.file_menu = bar.addMenu("&File")
        w.file_menu.addAction(self.new_prospect)
        w.file_menu.addSeparator()
        w.file_menu.addAction(self.quit)
        w.edit_menu = bar.addMenu("&Edit")
        w.edit_menu.addAction(self.undo)
        w.edit_menu.addSeparator()
        w.edit_menu.addAction(self.find)
        w.prospect_menu = bar.addMenu("&Prospect")
        for action in (self.log_interaction, self.new_note):
            w.prospect_menu.addAction(action)
        w.prospect_menu.addSeparator()
        w.prospect_menu.addAction(self.next)
        w.prospect_menu.addAction(self.previous)
        self.danger_separator = w.prospect_menu.addSeparator()
        w.prospect_menu.addAction(self.erase)
        w.prospect_menu.addAction(self.delete_company)
        w.tools_menu = bar.addMenu("&Tools")
        w.tools_menu.addAction(self.check)
        w.tools_menu.addAction(self.backup)
        w.help_menu = bar.addMenu("&Help")
        w.help_menu.addAction(self.shortcuts)
        w.help_menu.addAction(self.about)
        w._prospect_actions.extend([self.log_interaction, self.new_note, self.erase, self.delete_company])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", objectName="mainToolbar", movable=False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_prospect, self.log_interaction, self.new_note):
            toolbar.addAction(action)
        self.toolbar_end = toolbar.addSeparator()
        toolbar.addAction(self.previous)
        toolbar.addAction(self.next)
        toolbar.addSeparator()
        toolbar.addAction(self.erase)
        self.w.addToolBar(toolbar)
        self.w.toolbar = toolbar

    # --- what the actions do -------------------------------------------------------------
    def _current(self) -> Prospect | None:
        from researcher.core.prospects import get_prospect

        pid = self.w.current_prospect_id
        return get_prospect(self.w.db, pid) if pid is not None else None

    def on_new_prospect(self) -> None:
        from researcher.core.prospects import get_prospect
        from researcher.ui.new_prospect_dialog import NewProspectDialog

        self.w.panel.flush()
        new_id = NewProspectDialog.ask(self.w, self.w.db)
        if new_id is None:
            return
        self.w.model.refresh_prospect(new_id)
        self.w.prospect_list.select_id(new_id)
        self.w.show_message(f"Added {get_prospect(self.w.db, new_id).name}")

    def on_find(self) -> None:
        self.w.prospect_list.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.w.prospect_list.filter.selectAll()

    def on_log_interaction(self) -> None:
        from researcher.ui.interaction_dialog import InteractionDialog

        prospect = self._current()
        if prospect is None:
            return
        self.w.panel.flush()
        if InteractionDialog.ask(self.w, self.w.db, prospect) is not None:
            self._after_timeline_change(prospect.id, "Interaction logged")

    def on_new_note(self) -> None:
        from researcher.ui.note_dialog import NoteDialog

        prospect = self._current()
        if prospect is None:
            return
        self.w.panel.flush()
        if NoteDialog.ask(self.w, self.w.db, prospect) is not None:
            self._after_timeline_change(prospect.id, "Note saved")

    def on_edit_note(self, note_id: int) -> None:
        from researcher.ui.note_dialog import NoteDialog

        prospect = self._current()
        if prospect is not None and NoteDialog.ask(self.w, self.w.db, prospect, note_id) is not None:
            self._after_timeline_change(prospect.id, "Note saved")

    def on_edit_interaction(self, interaction_id: int) -> None:
        from researcher.ui.interaction_dialog import InteractionDialog

        prospect = self._current()
        if prospect is None:
            return
        self.w.panel.flush()
        if InteractionDialog.ask_edit(self.w, self.w.db, prospect, interaction_id):
            self._after_timeline_change(prospect.id, "Interaction saved")

    def on_delete_entry(self, kind: str, entry_id: int) -> None:
        from researcher.core.interactions import delete_interaction
        from researcher.core.notes import delete_note

        prospect = self._current()
        noun = "note" if kind == "note" else "interaction"
        if prospect is None or not Confirm.ask(self.w, f"Delete {noun}", f"Delete this {noun}?",
                                               "It cannot be undone.", f"Delete {noun}"):
            return
        (delete_note if kind == "note" else delete_interaction)(self.w.db, entry_id)
        self._after_timeline_change(prospect.id, f"The {noun} was deleted")

    def _after_timeline_change(self, prospect_id: int, message: str) -> None:
        self.w.model.refresh_prospect(prospect_id)
        self.w.panel.refresh()
        self.w.show_message(message)

    def on_erase(self) -> None:
        from researcher.core.prospects import erase_prospect, get_prospect

        ids = self.w.prospect_list.selected_ids()
        if not ids:
            return
        people = [get_prospect(self.w.db, pid) for pid in ids]
        names = ", ".join(p.name for p in people[:5]) + (f" and {len(people) - 5} more" if len(people) > 5 else "")
        counts = self.w.db.execute(
            f"SELECT (SELECT count(*) FROM notes WHERE prospect_id IN ({','.join('?' * len(ids))})),"
            f" (SELECT count(*) FROM interactions WHERE prospect_id IN ({','.join('?' * len(ids))}))",
            ids + ids).fetchone()
        title = f"Erase {people[0].name}" if len(people) == 1 else f"Erase {len(people)} prospects"
        if not Confirm.ask(self.w, title, f"Erase {names} completely?",
                           f"This deletes the person, {counts[0]} notes, {counts[1]} interactions and everything "
                           "else about them, including search index entries (GDPR erasure). It cannot be undone.",
                           "Erase"):
            return
        row = self.w.prospect_list.view.currentIndex().row()
        self.w.panel.flush()
        self.w.panel.show_prospect(None)
        with busy_cursor():  # erasure rewrites the search indexes: a moment on a big store
            for pid in ids:
                erase_prospect(self.w.db, pid)
        self.w.model.forget(ids)
        self.w.show_list_current(fallback_row=row)
        self.w.show_message(f"Erased {names}")

    def on_delete_company_of_current(self) -> None:
        prospect = self._current()
        if prospect is not None and prospect.company_id is not None:
            self.on_delete_company(prospect.company_id)

    def on_delete_company(self, company_id: int) -> None:
        from researcher.core.prospects import delete_company, get_company, prospects_of_company

        company = get_company(self.w.db, company_id)
        people = prospects_of_company(self.w.db, company_id)
        who = ", ".join(p.name for p in people[:5]) + (f" and {len(people) - 5} more" if len(people) > 5 else "")
        details = (f"{len(people)} {'person goes' if len(people) == 1 else 'people go'} with it: {who}. "
                   if people else "Nobody in your list works there. ")
        if not Confirm.ask(self.w, "Delete company", f"Delete {company.name}?",
                           details + "Their notes and interactions are deleted too. It cannot be undone.",
                           f"Delete company and {len(people)} {'person' if len(people) == 1 else 'people'}"):
            return
        row = self.w.prospect_list.view.currentIndex().row()
        self.w.panel.flush()
        self.w.panel.show_prospect(None)
        with busy_cursor():
            delete_company(self.w.db, company_id)
        self.w.model.forget([p.id for p in people])
        self.w.show_list_current(fallback_row=row)
        self.w.show_message(f"Deleted {company.name} and {len(people)} people")

    def on_undo(self) -> None:
        if self.w.panel.undo():
            self.w.show_message("Undone")
        else:
            self.w.show_message("Nothing to undo in this form")

    def on_check_database(self) -> None:
        from researcher.core.integrity import check_database

        problems = check_database(self.w.db)
        if problems:
            QMessageBox.warning(self.w, "Database check", "Problems found:\n\n" + "\n".join(problems))
        else:
            QMessageBox.information(self.w, "Database check", "The database is healthy.")

    def on_backup(self) -> None:
        from researcher.core.db import backup_database, backup_path

        suggested = str(backup_path(self.w.db_path, "manual")) if self.w.db_path else ""
        target, _ = QFileDialog.getSaveFileName(self.w, "Back up database", suggested, "SQLite files (*.sqlite)")
        if not target:
            return
        try:
            backup_database(self.w.db, Path(target))
        except (UserError, OSError) as error:
            QMessageBox.warning(self.w, "Backup failed", str(error))
            return
        self.w.show_message(f"Backup written to {target}")

    def on_show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{action.text().replace('&', '').rstrip('…')}</td><td><b>{self.w.shortcut_text(action)}</b></td></tr>"
            for action in (self.new_prospect, self.find, self.log_interaction, self.new_note, self.next,
                           self.previous, self.erase, self.undo, self.quit))
        QMessageBox.information(self.w, "Keyboard shortcuts", f"<table cellspacing='6'>{rows}</table>")
