"""Import prospects from CSV or vCard: preview, automatic and editable mapping, duplicates, row errors."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.importers.csv_import import FIELDS, IGNORE, Mapping, import_csv
from researcher.core.importers.pipeline import ImportReport
from researcher.core.importers.preview import ImportPreview, database_file, is_vcard, preview_import
from researcher.core.importers.vcard import import_vcard
from researcher.ui.workers import Job, JobRunner

PREVIEW_COLUMNS = ("Row", "Name", "Company", "Title", "Email", "Phones", "Country", "City")
FILE_FILTER = "Contacts (*.csv *.txt *.vcf *.vcard);;CSV files (*.csv *.txt);;vCard files (*.vcf *.vcard)"


class ImportDialog(QDialog):
    """Signals: preview_ready(preview) after each dry run; imported(report) after the write."""

    preview_ready = Signal(object)
    imported = Signal(object)

    def __init__(self, db: Database, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="importDialog")
        self.setWindowTitle("Import prospects")
        self._db = db
        self._runner = runner
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.mapping: Mapping | None = None
        self._job: Job | None = None
        self.file_label = QLabel("Choose a CSV export (HubSpot, Salesforce, Pipedrive, Sales Navigator, "
                                 "or your own) or a vCard file.", objectName="importFile", wordWrap=True)
        self.choose_button = QPushButton("Choose file…", objectName="chooseImportFile")
        self.choose_button.clicked.connect(self.on_choose_clicked)
        self.info = QLabel(objectName="importInfo", wordWrap=True)
        self.mapping_table = QTableWidget(0, 3, objectName="mappingTable")
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "Goes to", "First values"])
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.duplicates = QComboBox(objectName="duplicatePolicy")
        self.duplicates.addItem("Merge duplicates into the existing person", "merge")
        self.duplicates.addItem("Skip duplicates", "skip")
        self.duplicates.currentIndexChanged.connect(lambda _i: self.start_preview())
        self.summary = QLabel(objectName="importSummary", wordWrap=True)
        self.problems = QListWidget(objectName="importProblems")
        self.preview_table = QTableWidget(0, len(PREVIEW_COLUMNS), objectName="importPreview")
        self.preview_table.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.save_mapping_button = QPushButton("Save mapping…", objectName="saveMapping", enabled=False)
        self.save_mapping_button.clicked.connect(self.on_save_mapping_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("runImport")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.duplicates, 1)
        bottom.addWidget(self.save_mapping_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.mapping_table, 2)
        layout.addLayout(bottom)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(self.buttons)
        self.resize(900, 700)

    # --- choosing and previewing -----------------------------------------------------------
    def on_choose_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import prospects", "", FILE_FILTER)
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path | str) -> None:
        """Preview an import of ``path`` with automatic mapping."""
        self.path = Path(path)
        self.mapping = None
        self.file_label.setText(f"<b>{self.path.name}</b>")
        self.start_preview()

    def start_preview(self) -> None:
        """Dry-run the import in the background with the current mapping and duplicate policy."""
        if self.path is None:
            return
        if self._job is not None:
            self._job.cancel.set()
        self.import_button.setEnabled(False)
        self.summary.setText("Reading the file…")
        policy = str(self.duplicates.currentData())
        db_file = database_file(self._db)
        if not db_file:
            try:
                self.on_preview_succeeded(preview_import(self.path, db=self._db, mapping=self.mapping, duplicates=policy))
            except UserError as error:
                self.on_preview_failed(str(error))
            return
        job = Job(partial(preview_import, self.path, db_file=db_file, mapping=self.mapping, duplicates=policy),
                  name="Import preview")
        job.signals.succeeded.connect(self.on_preview_succeeded)
        job.signals.failed.connect(self.on_preview_failed)
        self._job = job
        self._runner.start(job)

    def on_preview_failed(self, message: str) -> None:
        self.preview = None
        self.summary.setText(f"<b>This file cannot be imported:</b> {message}")
        self.problems.clear()
        self.preview_table.setRowCount(0)
        self.import_button.setEnabled(False)

    def on_preview_succeeded(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.mapping = preview.mapping
        self._show_mapping(preview)
        report = preview.report
        self.save_mapping_button.setEnabled(preview.mapping is not None)
        self.problems.clear()
        if report is None:
            self.summary.setText(preview.problem)
            self.preview_table.setRowCount(0)
            self.import_button.setEnabled(False)
            self.preview_ready.emit(preview)
            return
        details = f"{report.source}, {report.encoding}" + (f", {report.delimiter}-separated" if report.delimiter else "")
        self.info.setText(f"Looks like: {details}.")
        self.summary.setText(
            f"{report.total} rows: <b>{report.accepted} new</b>, {report.merged} merged into people already "
            f"known, {len(report.skipped)} skipped, <b>{len(report.failed)} with errors</b> (not imported). "
            "Nothing is written until you press Import.")
        for issue in report.failed:
            self.problems.addItem(f"Row {issue.row}: {issue.reason}")
        for issue in report.skipped:
            self.problems.addItem(f"Row {issue.row} skipped: {issue.reason}")
        self._show_records(report)
        self.import_button.setText(f"Import {report.accepted + report.merged} people")
        self.import_button.setEnabled(report.accepted + report.merged > 0)
        self.preview_ready.emit(preview)

    def _show_mapping(self, preview: ImportPreview) -> None:
        mapping = preview.mapping
        self.mapping_table.setVisible(mapping is not None)
        if mapping is None:
            return
        self.mapping_table.setRowCount(len(mapping.columns))
        for row, (column, target) in enumerate(zip(mapping.columns, mapping.fields, strict=True)):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(column))
            combo = QComboBox(objectName=f"field_{row}")
            combo.addItems([*FIELDS, IGNORE])
            combo.setCurrentText(target)
            combo.currentTextChanged.connect(lambda text, r=row: self.on_field_changed(r, text))
            self.mapping_table.setCellWidget(row, 1, combo)
            samples = preview.samples[row] if row < len(preview.samples) else ()
            self.mapping_table.setItem(row, 2, QTableWidgetItem(" | ".join(samples)))

    def _show_records(self, report: ImportReport) -> None:
        self.preview_table.setRowCount(len(report.preview))
        for row, record in enumerate(report.preview):
            values = (str(record.row), record.name, record.company, record.title, record.email,
                      ", ".join(record.phones), record.country, record.city)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.preview_table.setItem(row, column, item)

    def on_field_changed(self, row: int, target: str) -> None:
        if self.mapping is None:
            return
        self.mapping = self.mapping.with_field(row, target)
        self.start_preview()

    def set_field(self, row: int, target: str) -> None:
        """Map column ``row`` to ``target`` as if chosen in its drop-down."""
        combo = self.mapping_table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentText(target)

    def on_save_mapping_clicked(self) -> None:
        if self.mapping is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save column mapping", "mapping.toml", "TOML (*.toml)")
        if name:
            Path(name).write_text(self.mapping.to_toml(), encoding="utf-8")

    # --- writing -------------------------------------------------------------------------
    def on_import_clicked(self) -> None:
        """Write the accepted rows in one transaction (on the GUI thread, the one writer)."""
        if self.path is None or self.preview is None or self.preview.report is None:
            return
        policy = str(self.duplicates.currentData())
        self.import_button.setEnabled(False)

        def progress(rows: int) -> None:
            # The dialog is modal, so repainting here cannot start another write.
            self.summary.setText(f"Importing… {rows:,} rows")
            QApplication.processEvents()

        try:
            if is_vcard(self.path):
                report = import_vcard(self._db, self.path, duplicates=policy, progress=progress)
            else:
                report = import_csv(self._db, self.path, mapping=self.mapping, duplicates=policy, progress=progress)
        except UserError as error:
            self.on_preview_failed(str(error))
            return
        self.imported.emit(report)
        self.accept()
