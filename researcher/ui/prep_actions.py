"""The main window's prep-sheet actions: preview, print, and export of one or many sheets.

Only the actions are built at start; the sheet machinery is imported when an action is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from researcher.core.errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.ui.main_window import MainWindow
    from researcher.ui.sheet_batch import BatchRunner


class PrepSheetActions:
    """The window's prep-sheet actions: preview, print, and export of one or many sheets."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.runner: BatchRunner | None = None
        self.preview = self._action("Prep &sheet…", "Ctrl+Shift+P", self.on_preview,
                                    "Preview the one-page prep sheet, then print or export it")
        self.print = self._action("&Print prep sheet…", QKeySequence.StandardKey.Print, self.on_print,
                                  "Print the current prospect's prep sheet")
        self.export = self._action("E&xport prep sheets…", "Ctrl+Shift+E", self.on_export,
                                   "Export the selected prospects or today's call list as PDF")
        window.add_prospect_action(self.preview)
        window.add_prospect_action(self.print)
        window.file_menu.insertAction(window.actions.quit, self.export)
        window.file_menu.insertSeparator(window.actions.quit)

    def _action(self, text: str, key: object, slot: object, tip: str) -> QAction:
        action = QAction(text, self.w, objectName=text.replace("&", "").rstrip("…").replace(" ", "_"))
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def on_preview(self) -> None:
        prospect_id = self.w.current_prospect_id
        if prospect_id is None:
            return
        from researcher.ui.prep_preview import PrepPreviewDialog
        from researcher.ui.sheet_batch import describe

        self.w.panel.flush()
        dialog = PrepPreviewDialog(self.w.db, prospect_id, self.w)
        dialog.exec()
        result = getattr(dialog, "exported", None)
        if result is not None:
            self.w.show_message(describe(result))

    def on_print(self) -> None:
        prospect_id = self.w.current_prospect_id
        if prospect_id is None:
            return
        from researcher.core.briefing import build_briefing
        from researcher.core.prep_sheet import build_prep_sheet
        from researcher.core.prep_sheet_text import interface_language
        from researcher.ui.pdf_export import SheetRenderer
        from researcher.ui.prep_preview import PrintDialog, preferred_paper, print_sheet

        self.w.panel.flush()
        paper = preferred_paper(self.w.db)
        printer = PrintDialog.ask(self.w, paper)
        if printer is None:
            return
        sheet = build_prep_sheet(build_briefing(self.w.db, prospect_id), language=interface_language(self.w.db))
        print_sheet(printer, SheetRenderer(), sheet)
        self.w.show_message(f"Sent the prep sheet for {sheet.name} to the printer.")

    def on_export(self) -> None:
        from researcher.core.prep_sheet_fit import PAPER_SETTING
        from researcher.core.prep_sheet_text import interface_language
        from researcher.core.settings import set_setting
        from researcher.ui.pdf_export import SheetExport
        from researcher.ui.prep_preview import preferred_paper
        from researcher.ui.sheet_batch import ExportSheetsDialog, describe, run_with_progress

        if self.runner is not None and self.runner.running:
            return
        self.w.panel.flush()
        selected = self.w.prospect_list.selected_ids()
        due = _call_list_ids(self.w.db)
        options = ExportSheetsDialog.ask(self.w, selected=len(selected), due=len(due), paper=preferred_paper(self.w.db))
        if options is None:
            return
        set_setting(self.w.db, PAPER_SETTING, options.paper)
        ids = selected if options.source == "selection" else due
        try:
            export = SheetExport(self.w.db, ids, options.target, folder=options.folder, paper=options.paper,
                                 language=interface_language(self.w.db))
        except UserError as error:
            self.w.show_message(str(error), 8000)
            return
        self.runner = run_with_progress(self.w, export)
        self.runner.finished.connect(lambda result: self.w.show_message(describe(result), 8000))
        self.runner.failed.connect(lambda message: self.w.show_message(f"Export failed: {message}", 8000))


def _call_list_ids(db: Database) -> list[int]:
    from researcher.core.call_list import build_call_list

    return list(dict.fromkeys(entry.prospect_id for entry in build_call_list(db).queue()))


def install(window: MainWindow) -> None:
    """Add the prep-sheet actions to ``window`` (listed in the main window's extensions)."""
    window.prep_sheets = PrepSheetActions(window)
