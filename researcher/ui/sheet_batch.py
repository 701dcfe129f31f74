"""Batch export of prep sheets from the GUI: the options dialog and a runner that keeps the window responsive."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QProgressDialog, QRadioButton,
    QVBoxLayout, QWidget,
)

from researcher.core.errors import UserError
from researcher.ui.pdf_export import ExportResult, SheetExport

PAPERS = (("a4", "A4"), ("letter", "Letter"))


@dataclass(frozen=True)
class BatchOptions:
    """What to export and where: the selection or the call list, one file or a folder."""

    source: str  # "selection" or "call_list"
    folder: bool
    paper: str
    target: Path


class ExportSheetsDialog(QDialog):
    """Ask which prospects to export, as one PDF or one file each, on which paper, and where."""

    def __init__(self, parent: QWidget | None, *, selected: int, due: int, paper: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export prep sheets")
        self.selection = QRadioButton(f"Selected prospects ({selected})", objectName="exportSelection")
        self.call_list = QRadioButton(f"Today's call list ({due}), in call order", objectName="exportCallList")
        self.one_file = QRadioButton("One PDF, a page per prospect", objectName="exportOneFile")
        self.folder = QRadioButton("One PDF per prospect, in a folder", objectName="exportFolder")
        self.paper = QComboBox(objectName="exportPaper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.selection.setEnabled(selected > 0)
        self.call_list.setEnabled(due > 0)
        (self.selection if selected > 0 else self.call_list).setChecked(True)
        self.one_file.setChecked(True)
        for group in ((self.selection, self.call_list), (self.one_file, self.folder)):
            buttons = QButtonGroup(self)
            for button in group:
                buttons.addButton(button)
        form = QFormLayout()
        form.addRow("Prospects", self._stack(self.selection, self.call_list))
        form.addRow("Files", self._stack(self.one_file, self.folder))
        form.addRow("Paper", self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(selected > 0 or due > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return holder

    def options(self, target: Path) -> BatchOptions:
        return BatchOptions("selection" if self.selection.isChecked() else "call_list", self.folder.isChecked(),
                            str(self.paper.currentData()), target)

    @classmethod
    def ask(cls, parent: QWidget | None, *, selected: int, due: int, paper: str) -> BatchOptions | None:
        """Show the dialog and the file (or folder) chooser; None when the rep cancels either."""
        dialog = cls(parent, selected=selected, due=due, paper=paper)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.folder.isChecked():
            chosen = QFileDialog.getExistingDirectory(parent, "Folder for the prep sheets")
        else:
            chosen, _ = QFileDialog.getSaveFileName(parent, "Save prep sheets", "prep-sheets.pdf", "PDF (*.pdf)")
            if chosen and not chosen.lower().endswith(".pdf"):
                chosen += ".pdf"
        return dialog.options(Path(chosen)) if chosen else None


class BatchRunner(QObject):
    """Run an export one step per event-loop turn, so the window keeps painting and reacting.

    Signals: progressed(done, total), finished(ExportResult), failed(message).
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, export: SheetExport, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._export = export
        self._steps = export.start()
        # A zero-interval timer fires once per turn of the event loop, after pending input and paints.
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self.on_timer_timeout)
        self.running = False
        self._reported = 0
        self.progress_dialog: QProgressDialog | None = None

    def start(self) -> None:
        self.running = True
        self._timer.start()

    def cancel(self) -> None:
        """Stop after the sheet being drawn; a single PDF is then not written at all."""
        if not self.running:
            return
        self._steps.close()
        self._finish()

    def on_timer_timeout(self) -> None:
        try:
            done = next(self._steps)
        except StopIteration:
            self._finish()
            return
        except Exception as error:  # noqa: BLE001 - the rep must hear of any failure, not a frozen dialog
            self._timer.stop()
            self.running = False
            self.failed.emit(str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}")
            return
        if done > self._reported:
            self._reported = done
            self.progressed.emit(done, len(self._export))

    def _finish(self) -> None:
        self._timer.stop()
        self.running = False
        self.finished.emit(self._export.result)


def run_with_progress(parent: QWidget, export: SheetExport) -> BatchRunner:
    """Start ``export`` with a progress dialog whose Cancel button stops it; returns the runner."""
    runner = BatchRunner(export, parent)
    progress = QProgressDialog("Writing prep sheets…", "Cancel", 0, len(export), parent)
    progress.setObjectName("sheetProgress")
    progress.setWindowTitle("Export prep sheets")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    runner.progressed.connect(lambda done, total: (progress.setValue(done),
                                                   progress.setLabelText(f"Writing prep sheet {done} of {total}…")))
    progress.canceled.connect(runner.cancel)
    for signal in (runner.finished, runner.failed):
        signal.connect(lambda *_: progress.close())
    runner.progress_dialog = progress
    runner.start()
    return runner


def describe(result: ExportResult) -> str:
    """Return a status-bar message for a finished or cancelled export."""
    noun = "prep sheet" if result.sheets == 1 else "prep sheets"
    if result.cancelled:
        kept = f"; {len(result.files)} file(s) kept" if result.files else "; nothing was written"
        return f"Export cancelled after {result.sheets} {noun}{kept}."
    where = result.files[0] if len(result.files) == 1 else f"{len(result.files)} files in {result.files[0].parent}"
    return f"Wrote {result.sheets} {noun} to {where}."
