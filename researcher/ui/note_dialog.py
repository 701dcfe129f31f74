"""Write or edit a note: Markdown text with a preview, the date, and where the information came from."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QButtonGroup, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QTabWidget,
                               QTextBrowser, QToolButton, QVBoxLayout, QWidget)
from sqlite_utils import Database

from researcher.core.clock import parse_datetime
from researcher.core.errors import UserError
from researcher.core.models import Prospect
from researcher.core.notes import add_note, get_note, update_note
from researcher.ui.look import error


def local_day_to_utc(day: QDate) -> str:
    """A chosen calendar day as a stored UTC time: now when it is today, else noon local time."""
    chosen = day.toPython()
    now = datetime.now().astimezone()
    moment = now if chosen == now.date() else datetime.combine(chosen, time(12, 0)).astimezone()
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


class NoteDialog(QDialog):
    """New note on a prospect (or their company), or edit of an existing note."""

    def __init__(self, db: Database, prospect: Prospect, note_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._prospect = prospect
        self.note_id = note_id
        self.setWindowTitle(f"Note on {prospect.name}" if note_id is None else "Edit note")
        self.resize(600, 480)
        self.text = QPlainTextEdit(placeholderText="What did you learn? **bold**, *italic*, - lists")
        self.preview = QTextBrowser(openExternalLinks=True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, "&Write")
        self.tabs.addTab(self.preview, "Pre&view")
        self.tabs.currentChanged.connect(self.on_tab_changed)
        tools = QHBoxLayout()
        for label, tip, mark, keys in (("B", "Bold (Ctrl+B)", "**", "Ctrl+B"), ("I", "Italic (Ctrl+I)", "*", "Ctrl+I")):
            button = QToolButton(text=label, toolTip=tip, shortcut=QKeySequence(keys))
            font = button.font()
            font.setBold(mark == "**")
            font.setItalic(mark == "*")
            button.setFont(font)
            button.clicked.connect(lambda _checked=False, mark=mark: self.wrap_selection(mark))
            tools.addWidget(button)
        bullet = QToolButton(text="• List", toolTip="Bulleted list")
        bullet.clicked.connect(self.make_list)
        tools.addWidget(bullet)
        tools.addStretch(1)
        self.date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.source = QLineEdit(placeholderText="Where it came from: a website, Kauppalehti 12.11., a call…")
        self.about_person = QRadioButton(prospect.name, checked=True)
        self.about_company = QRadioButton(prospect.company or "their company")
        self.about_company.setEnabled(prospect.company_id is not None)
        about = QHBoxLayout()
        group = QButtonGroup(self)
        for button in (self.about_person, self.about_company):
            group.addButton(button)
            about.addWidget(button)
        about.addStretch(1)
        form = QFormLayout()
        form.addRow("&Date", self.date)
        form.addRow("&Source", self.source)
        form.addRow("About", about)
        self.error_label = error(QLabel(objectName="formError", wordWrap=True, visible=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if note_id is not None:
            self._load(note_id)

    def _load(self, note_id: int) -> None:
        note = get_note(self._db, note_id)
        self.text.setPlainText(note.body)
        self.source.setText(note.source)
        self.date.setDate(QDate(parse_datetime(note.created_at).astimezone().date()))
        self.about_company.setChecked(note.prospect_id is None)
        for widget in (self.date, self.about_person, self.about_company):
            widget.setEnabled(False)  # the date and owner of a stored note stay as they were

    def wrap_selection(self, mark: str) -> None:
        cursor = self.text.textCursor()
        selected = cursor.selectedText()
        cursor.insertText(f"{mark}{selected}{mark}")
        if not selected:
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(mark))
            self.text.setTextCursor(cursor)
        self.text.setFocus()

    def make_list(self) -> None:
        cursor = self.text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.insertText("- ")
        self.text.setFocus()

    def on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.preview.setMarkdown(self.text.toPlainText())

    def accept(self) -> None:
        body, source = self.text.toPlainText(), self.source.text()
        try:
            if self.note_id is not None:
                update_note(self._db, self.note_id, body=body, source=source)
            elif self.about_company.isChecked():
                self.note_id = add_note(self._db, body, company_id=self._prospect.company_id, source=source,
                                        created_at=local_day_to_utc(self.date.date()))
            else:
                self.note_id = add_note(self._db, body, prospect_id=self._prospect.id, source=source,
                                        created_at=local_day_to_utc(self.date.date()))
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, prospect: Prospect, note_id: int | None = None) -> int | None:
        """Show the dialog; return the note's id when saved, None when cancelled."""
        dialog = cls(db, prospect, note_id, parent)
        dialog.text.setFocus(Qt.FocusReason.OtherFocusReason)
        try:
            return dialog.note_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()  # the parent window would otherwise keep every dialog ever shown
