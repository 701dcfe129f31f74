"""Do-not-call registries: import an extract (with its registry, country and date) and see what is stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from researcher.core.calling_window import rules
from researcher.core.dnc import ExtractReport, delete_extract, import_extract, list_extracts
from researcher.core.errors import UserError

EXTRACT_COLUMNS = ("Country", "Registry", "Numbers", "Extract date", "Valid until", "Status")


class DncDialog(QDialog):
    """Signals: extracts_changed() after an import or a deletion."""

    extracts_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="dncDialog")
        self.setWindowTitle("Do-not-call registries")
        self._db = db
        self.table = QTableWidget(0, len(EXTRACT_COLUMNS), objectName="extractTable")
        self.table.setHorizontalHeaderLabels(list(EXTRACT_COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.delete_button = QPushButton("Remove extract", objectName="removeExtract")
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.file = QLineEdit(objectName="extractFile", placeholderText="One number per line, or a CSV")
        browse = QPushButton("Choose…", objectName="chooseExtract")
        browse.clicked.connect(self.on_browse_clicked)
        self.registry = QComboBox(objectName="extractRegistry", editable=True)
        for key, info in rules()["registries"].items():
            self.registry.addItem(f"{info['label']}", key)
        self.registry.currentIndexChanged.connect(self.on_registry_changed)
        self.country = QLineEdit(objectName="extractCountry", maxLength=2, placeholderText="NO")
        self.extract_date = QDateEdit(objectName="extractDate", calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = date.today()
        self.extract_date.setDate(QDate(today.year, today.month, today.day))
        self.column = QLineEdit(objectName="extractColumn", placeholderText="found automatically")
        self.message = QLabel(objectName="extractMessage", wordWrap=True)
        self.import_button = QPushButton("Import extract", objectName="importExtract")
        self.import_button.clicked.connect(self.on_import_clicked)
        picker = QHBoxLayout()
        picker.addWidget(self.file, 1)
        picker.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", picker)
        form.addRow("Registry", self.registry)
        form.addRow("Country", self.country)
        form.addRow("Extract date", self.extract_date)
        form.addRow("Number column", self.column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Imported extracts</b> — a listed number is blocked everywhere; an extract "
                                "older than its country's rule makes screening stale."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete_button)
        layout.addWidget(QLabel("<b>Import an extract</b>"))
        layout.addLayout(form)
        layout.addWidget(self.import_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.on_registry_changed(0)
        self.refresh()
        self.resize(760, 560)

    def refresh(self) -> None:
        extracts = list_extracts(self._db)
        self.table.setRowCount(len(extracts))
        for row, e in enumerate(extracts):
            values = (e["country"], e["label"], f"{e['numbers']:,}", e["extract_date"], e["expires_on"],
                      "STALE — import a fresh extract" if e["stale"] else "current")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, e["id"])
                self.table.setItem(row, column, item)
        self.delete_button.setEnabled(bool(extracts))

    def on_registry_changed(self, _index: int) -> None:
        key = self.registry.currentData()
        country = rules()["registries"].get(key, {}).get("country", "") if key else ""
        if country:
            self.country.setText(country)

    def on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Registry extract", "", "Text or CSV (*.txt *.csv);;All files (*)")
        if name:
            self.file.setText(name)

    def registry_name(self) -> str:
        index = self.registry.findText(self.registry.currentText())
        return str(self.registry.itemData(index)) if index >= 0 else self.registry.currentText()

    def on_import_clicked(self) -> ExtractReport | None:
        """Import the chosen file; the window stays responsive while millions of numbers go in."""
        self.message.setText("Importing…")
        try:
            report = import_extract(
                self._db, Path(self.file.text().strip()), registry=self.registry_name(),
                country=self.country.text().strip(), extract_date=self.extract_date.date().toString("yyyy-MM-dd"),
                column=self.column.text().strip() or None,
                progress=lambda count: (self.message.setText(f"Importing… {count:,} numbers"),
                                        QApplication.processEvents()))
        except UserError as error:
            self.message.setText(f"<b>Not imported:</b> {error}")
            return None
        text = (f"Imported {report.numbers:,} numbers ({report.rejected} lines were not numbers"
                + (f", e.g. line {report.rejected_lines[0][0]}: {report.rejected_lines[0][1]!r}" if report.rejected_lines else "")
                + ").")
        if report.stale:
            text += " Warning: this extract is already older than the country's rule allows."
        self.message.setText(text)
        self.refresh()
        self.extracts_changed.emit()
        return report

    def on_delete_clicked(self) -> None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None:
            return
        delete_extract(self._db, int(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()
        self.extracts_changed.emit()
