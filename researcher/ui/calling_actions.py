"""Menu actions for calling: import/export, do-not-call registries, objection, call list and call mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox

from researcher.core.errors import UserError
from researcher.core.importers.preview import database_file
from researcher.ui.confirm import Confirm
from researcher.ui.workers import Job

INLINE_SCREENING = 5000  # below this many prospects screening takes a few milliseconds


class CallingActions:
    """Installs the actions on a MainWindow and reacts to them (dialogs are made on demand)."""

    def __init__(self, window: Any) -> None:
        self.w = window
        self.call_list_dock: QDockWidget | None = None
        self.call_list = None
        self.call_mode = None
        self.import_prospects = self._action("&Import prospects…", "Ctrl+I", self.on_import,
                                             "Import people from a CRM or Sales Navigator CSV, or vCards")
        self.import_mail = self._action("Import &emails…", "", self.on_import_mail,
                                        "Import .eml or .mbox files as email interactions")
        self.import_calendar = self._action("Import &calendar…", "", self.on_import_calendar,
                                            "Import .ics meetings with your prospects")
        self.export_csv = self._action("Export prospects to &CSV…", "", self.on_export_csv,
                                       "Write every prospect to a CSV file (safe for spreadsheets)")
        self.export_person = self._action("Export this person's &data (GDPR)…", "", self.on_export_person,
                                          "Everything stored about this person, as JSON (access and portability)")
        self.object = self._action("&Objected — never contact…", "", self.on_object,
                                   "Keep a never-contact entry and erase everything else (GDPR Art. 21)")
        self.call_mode_action = self._action("&Call mode", "F9", self.on_call_mode,
                                             "A large-type card with the opener, pains and questions; log by key")
        self.show_call_list = self._action("Today's call &list", "F8", self.on_show_call_list,
                                           "Who to call now, later, and not (and why)")
        self.dnc = self._action("&Do-not-call registries…", "", self.on_dnc,
                                "Import registry extracts (Reservasjonsregisteret, NIX, Robinson, TPS, …)")
        for action in (self.call_mode_action, self.show_call_list):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        for action in (self.import_prospects, self.import_mail, self.import_calendar, self.export_csv):
            window.file_menu.insertAction(window.actions.quit, action)
        window.file_menu.insertSeparator(window.actions.quit)
        for action in (self.call_mode_action, self.export_person, self.object):
            window.add_prospect_action(action)
        window.add_tool_action(self.show_call_list)
        window.add_tool_action(self.dnc)
        window.panel.banner.activate()
        qualify = window.panel.tab_widgets.get("QualifyPanel")
        if qualify is not None:
            qualify.prospect_changed.connect(self.on_qualified)
        self.refresh_markers()

    def _action(self, text: str, key: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self.w, objectName=text.replace("&", "").rstrip("…").replace(" ", "_"))
        if key:
            action.setShortcut(QKeySequence(key))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    # --- do-not-call markers -----------------------------------------------------------------
    def refresh_markers(self) -> None:
        """Mark the blocked prospects in the list; a large store is screened in the background."""
        from researcher.ui.blocked_banner import screen_file

        db = self.w.db
        if not db.execute("SELECT count(*) FROM dnc_extracts").fetchone()[0]:
            self.on_markers_ready({})
            return
        db_file = database_file(db)
        if not db_file or db.execute("SELECT count(*) FROM prospects").fetchone()[0] < INLINE_SCREENING:
            from researcher.core.dnc import screen_all
            from researcher.ui.blocked_banner import block_reason

            self.on_markers_ready({pid: block_reason(r) for pid, r in screen_all(db).items()})
            return
        job = Job(lambda cancel: screen_file(db_file, cancel=cancel), name="Screening")
        job.signals.succeeded.connect(self.on_markers_ready)
        self.w.runner.start(job)

    def on_markers_ready(self, blocked: dict[int, str]) -> None:
        self.w.model.do_not_call = blocked
        self.on_qualified(None)

    def on_qualified(self, _prospect_id: int | None) -> None:
        from researcher.core.qualification import (readiness_marks, readiness_score, readiness_states,
                                                   readiness_summary)

        model = self.w.model
        model.readiness = {
            pid: (readiness_score(states), readiness_summary(states), readiness_marks(states))
            for pid, states in readiness_states(self.w.db).items()
        }
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))

    def after_change(self) -> None:
        self.w.model.reload()
        self.w.panel.refresh()
        self.refresh_markers()
        if self.call_list is not None and self.call_list.isVisible():
            self.call_list.refresh()

    # --- data in and out ---------------------------------------------------------------------
    def on_import(self, path: Path | None = None) -> Any:
        from researcher.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.w.db, self.w.runner, self.w)
        dialog.imported.connect(self.on_imported)
        if path is not None:
            dialog.set_file(path)
        dialog.open()
        return dialog

    def on_imported(self, report: Any) -> None:
        self.after_change()
        self.w.show_message(f"Imported {report.accepted} new and merged {report.merged} from {report.file}; "
                            f"{len(report.failed)} rows had errors, {len(report.skipped)} were skipped.", 8000)

    def _import_interactions(self, title: str, pattern: str, run: Any) -> None:
        name, _ = QFileDialog.getOpenFileName(self.w, title, "", pattern)
        if not name:
            return
        try:
            report = run(self.w.db, name)
        except UserError as error:
            QMessageBox.warning(self.w, title, str(error))
            return
        self.after_change()
        self.w.show_message(f"Imported {report.imported} of {report.found} from {Path(name).name}; "
                            f"{len(report.unmatched)} matched no prospect, {report.duplicates} were already there.", 8000)

    def on_import_mail(self) -> None:
        from researcher.core.importers.mail import import_mail

        self._import_interactions("Import emails", "Email (*.eml *.mbox);;All files (*)", import_mail)

    def on_import_calendar(self) -> None:
        from researcher.core.importers.calendar import import_calendar

        self._import_interactions("Import calendar", "Calendar (*.ics);;All files (*)", import_calendar)

    def on_export_csv(self) -> None:
        from researcher.core.exporters import export_csv

        name, _ = QFileDialog.getSaveFileName(self.w, "Export prospects", "prospects.csv", "CSV (*.csv)")
        if name:
            try:
                count = export_csv(self.w.db, name)
            except UserError as error:
                QMessageBox.warning(self.w, "Export prospects", str(error))
                return
            self.w.show_message(f"Exported {count} prospects to {name}")

    def on_export_person(self) -> None:
        from researcher.core.exporters import export_person
        from researcher.core.prospects import get_prospect

        pid = self.w.current_prospect_id
        if pid is None:
            return
        prospect = get_prospect(self.w.db, pid)
        suggested = f"{prospect.name.replace(' ', '_')}.json"
        name, _ = QFileDialog.getSaveFileName(self.w, "Export this person's data", suggested, "JSON (*.json)")
        if name:
            try:
                export_person(self.w.db, pid, name)
            except UserError as error:
                QMessageBox.warning(self.w, "Export data", str(error))
                return
            self.w.show_message(f"Wrote everything stored about {prospect.name} to {name}")

    def on_object(self) -> None:
        from researcher.core.prospects import get_prospect
        from researcher.core.suppression import object_prospect

        pid = self.w.current_prospect_id
        if pid is None:
            return
        name = get_prospect(self.w.db, pid).name
        if not Confirm.ask(self.w, f"{name} objected", f"{name} objected to being contacted?",
                           "Their data is erased and only a never-contact entry (hashes of their email, phone, "
                           "LinkedIn URL and name + company) is kept, so no later import brings them back.",
                           "Erase and never contact"):
            return
        self.w.panel.flush()
        self.w.panel.show_prospect(None)
        object_prospect(self.w.db, pid)
        self.w.model.forget([pid])
        self.w.show_list_current()
        self.w.show_message(f"{name} will never be contacted again; their data is erased.")

    def on_dnc(self) -> Any:
        from researcher.ui.dnc_dialog import DncDialog

        dialog = DncDialog(self.w.db, self.w)
        dialog.extracts_changed.connect(self.after_change)
        dialog.open()
        return dialog

    # --- the call list and call mode -------------------------------------------------------
    def on_show_call_list(self) -> Any:
        from researcher.ui.call_list_panel import CallListPanel

        if self.call_list_dock is None:
            self.call_list = CallListPanel(self.w.db)
            self.call_list.open_requested.connect(self.on_open_prospect)
            self.call_list.call_mode_requested.connect(self.start_call_mode)
            self.call_list_dock = QDockWidget("Today's call list", self.w, objectName="callListDock")
            self.call_list_dock.setWidget(self.call_list)
            self.w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.call_list_dock)
        self.call_list_dock.show()
        self.call_list_dock.raise_()
        self.call_list.refresh()
        self.call_list.tree.setFocus()
        return self.call_list

    def on_open_prospect(self, prospect_id: int) -> None:
        if not self.w.prospect_list.select_id(prospect_id):
            self.w.panel.show_prospect(prospect_id)

    def on_call_mode(self) -> Any:
        from researcher.core.call_list import build_call_list

        queue = [e.prospect_id for e in build_call_list(self.w.db).queue()]
        current = self.w.current_prospect_id
        if current is not None and current not in queue:
            queue.insert(0, current)
        if not queue:
            self.w.show_message("Nobody is due today: no follow-ups and no researched new prospects.")
            return None
        return self.start_call_mode(current if current is not None else queue[0], queue)

    def start_call_mode(self, start: int, queue: list[int]) -> Any:
        from researcher.ui.call_mode import CallModeDialog

        dialog = CallModeDialog(self.w.db, queue, start, parent=self.w)
        dialog.logged.connect(self.on_call_logged)
        dialog.finished.connect(lambda _result: self.after_change())
        self.call_mode = dialog
        dialog.open()
        return dialog

    def on_call_logged(self, prospect_id: int, _interaction_id: int) -> None:
        self.w.model.refresh_prospect(prospect_id)



def install(window: Any) -> None:
    """Add the calling actions to the window (WINDOW_EXTENSIONS entry)."""
    window.calling = CallingActions(window)
