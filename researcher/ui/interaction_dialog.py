"""Log or correct an interaction: kind, date and time, direction, outcome, summary, next step, follow-up."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)
from sqlite_utils import Database

from researcher.core.clock import parse_datetime
from researcher.core.errors import UserError
from researcher.core.interactions import get_interaction, log_interaction, update_interaction
from researcher.core.models import DIRECTIONS, INTERACTION_KINDS, OUTCOMES, Prospect
from researcher.ui.blocked_banner import call_warning
from researcher.ui.icons import icon
from researcher.ui.look import error

KIND_LABELS = {"call": "Call", "email": "Email", "meeting": "Meeting", "linkedin": "LinkedIn message",
               "other": "Other"}
OUTCOME_LABELS = {outcome: outcome.replace("_", " ").capitalize() for outcome in OUTCOMES}


class InteractionDialog(QDialog):
    """The log form; "Log" stores a new interaction, "Save" a corrected one given by ``interaction_id``.
    Either moves the prospect's last-contact and follow-up dates."""

    def __init__(self, db: Database, prospect: Prospect, parent: QWidget | None = None, *,
                 interaction_id: int | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._prospect = prospect
        self.interaction_id = interaction_id
        self._edit_id = interaction_id
        self._loaded_when: QDateTime | None = None
        verb = "Log" if interaction_id is None else "Edit"
        self.setWindowTitle(f"{verb} interaction with {prospect.name}")
        self.setMinimumWidth(520)
        self.kind = QComboBox()
        for kind in INTERACTION_KINDS:
            self.kind.addItem(icon(kind), KIND_LABELS[kind], kind)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), calendarPopup=True,
                                  displayFormat="yyyy-MM-dd HH:mm")
        self.direction = QComboBox()
        for direction in DIRECTIONS:
            self.direction.addItem(direction.capitalize(), direction)
        self.outcome = QComboBox()
        self.outcome.addItem("—", "")
        for outcome in OUTCOMES:
            self.outcome.addItem(OUTCOME_LABELS[outcome], outcome)
        self.summary = QPlainTextEdit(placeholderText="What was said, in a few lines")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(90)
        self.next_step = QLineEdit(placeholderText="e.g. Send the reference case from Tampere")
        self.follow_up_on = QCheckBox("O&n")
        self.follow_up = QDateEdit(QDate.currentDate().addDays(7), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.follow_up.setEnabled(False)
        self.follow_up.setMinimumWidth(self.follow_up.fontMetrics().horizontalAdvance("2026-12-31") + 40)
        self.follow_up_on.toggled.connect(self.follow_up.setEnabled)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_on)
        follow.addWidget(self.follow_up)
        for label, days in (("Tomorrow", 1), ("In a week", 7), ("In a month", 30)):
            button = QPushButton(label, autoDefault=False)
            button.clicked.connect(lambda _checked=False, days=days: self.set_follow_up_in(days))
            follow.addWidget(button)
        follow.addStretch(1)
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&When", self.when)
        form.addRow("&Direction", self.direction)
        form.addRow("&Outcome", self.outcome)
        form.addRow("&Summary", self.summary)
        form.addRow("&Next step", self.next_step)
        form.addRow("Follow-up", follow)
        self.error_label = error(QLabel(objectName="formError", wordWrap=True, visible=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton("Log" if interaction_id is None else "Save", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(call_warning(db, prospect.id, self.kind))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if interaction_id is not None:
            self._load(interaction_id)

    def _load(self, interaction_id: int) -> None:
        stored = get_interaction(self._db, interaction_id)
        self.kind.setCurrentIndex(self.kind.findData(stored.kind))
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(parse_datetime(stored.occurred_at).timestamp())))
        self._loaded_when = self.when.dateTime()
        self.direction.setCurrentIndex(self.direction.findData(stored.direction))
        self.outcome.setCurrentIndex(max(self.outcome.findData(stored.outcome), 0))
        self.summary.setPlainText(stored.summary)
        self.next_step.setText(stored.next_step)
        self.follow_up_on.setChecked(stored.follow_up is not None)
        if stored.follow_up is not None:
            self.follow_up.setDate(QDate.fromString(stored.follow_up, "yyyy-MM-dd"))

    def set_follow_up_in(self, days: int) -> None:
        self.follow_up_on.setChecked(True)
        self.follow_up.setDate(QDate.currentDate().addDays(days))

    def occurred_at(self) -> str:
        """The chosen local date and time as a stored UTC time."""
        local = self.when.dateTime().toPython().astimezone()
        return local.astimezone(UTC).replace(microsecond=0).isoformat()

    def accept(self) -> None:
        follow_up = self.follow_up.date().toString("yyyy-MM-dd") if self.follow_up_on.isChecked() else None
        fields = {"direction": self.direction.currentData(), "outcome": self.outcome.currentData(),
                  "summary": self.summary.toPlainText(), "next_step": self.next_step.text(), "follow_up": follow_up}
        try:
            if self._edit_id is not None:
                # An untouched time keeps its stored seconds and offset.
                when = None if self.when.dateTime() == self._loaded_when else self.occurred_at()
                update_interaction(self._db, self._edit_id, kind=self.kind.currentData(),
                                   occurred_at=when, **fields)
            else:
                self.interaction_id = log_interaction(self._db, self._prospect.id, self.kind.currentData(),
                                                      occurred_at=self.occurred_at(), **fields)
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, prospect: Prospect) -> int | None:
        """Show the dialog; return the new interaction's id, or None when cancelled."""
        dialog = cls(db, prospect, parent)
        try:
            return dialog.interaction_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()  # the parent window would otherwise keep every dialog ever shown

    @classmethod
    def ask_edit(cls, parent: QWidget | None, db: Database, prospect: Prospect, interaction_id: int) -> bool:
        """Show the dialog on a logged interaction; return True when the correction was saved."""
        dialog = cls(db, prospect, parent, interaction_id=interaction_id)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
