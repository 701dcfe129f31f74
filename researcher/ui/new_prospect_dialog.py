"""Add a prospect by hand: the person and their company (found by name or created)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.models import LANGUAGES
from researcher.core.prospects import add_prospect
from researcher.ui.look import error
from researcher.ui.prospect_form import LANGUAGE_NAMES


class NewProspectDialog(QDialog):
    """A short form; "Add prospect" stores it, and a refused value keeps the dialog open."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New prospect")
        self.setMinimumWidth(460)
        self._db = db
        self.prospect_id: int | None = None
        self.name = QLineEdit(placeholderText="First and last name")
        self.company = QLineEdit(placeholderText="Company name (new or existing)")
        names = [row[0] for row in db.execute("SELECT name FROM companies ORDER BY name COLLATE NOCASE")]
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.company.setCompleter(completer)
        self.website = QLineEdit(placeholderText="https://www.example.fi (for a new company)")
        self.title = QLineEdit(placeholderText="e.g. Head of Operations")
        self.email = QLineEdit(placeholderText="name@company.com")
        self.phone = QLineEdit(placeholderText="+358 40 123 4567")
        self.country = QLineEdit(placeholderText="FI, SE, NO, DK or GB", maxLength=8)
        self.language = QComboBox()
        self.language.addItem("—", "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.linkedin = QLineEdit(placeholderText="https://www.linkedin.com/in/…")
        form = QFormLayout()
        for label, widget in (("&Name", self.name), ("&Company", self.company), ("&Website", self.website),
                              ("&Title", self.title), ("&Email", self.email), ("&Phone", self.phone),
                              ("Co&untry", self.country), ("&Language", self.language),
                              ("Lin&kedIn", self.linkedin)):
            form.addRow(label, widget)
        self.error_label = error(QLabel(objectName="formError", wordWrap=True, visible=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("Add prospect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.prospect_id = add_prospect(
                self._db, self.name.text(), company=self.company.text(), website=self.website.text(),
                title=self.title.text(), email=self.email.text(),
                phones=[self.phone.text()] if self.phone.text().strip() else [],
                country=self.country.text(), language=self.language.currentData() or "",
                linkedin=self.linkedin.text(),
            )
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> int | None:
        """Show the dialog; return the new prospect's id, or None when cancelled."""
        dialog = cls(db, parent)
        try:
            return dialog.prospect_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()  # the parent window would otherwise keep every dialog ever shown
