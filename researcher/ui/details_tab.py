"""The "Details" tab: the person form and the form of their company, both saving themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from researcher.core.prospects import get_prospect
from researcher.ui.autosave import AutosaveForm
from researcher.ui.company_form import CompanyForm
from researcher.ui.icons import icon
from researcher.ui.look import muted
from researcher.ui.panel_context import PanelContext
from researcher.ui.prospect_form import ProspectForm


class DetailsTab(QScrollArea):
    """Signals: prospect_changed(prospect_id) after a save; delete_company_requested(company_id);
    failed(message) when a value was refused."""

    title = "Details"
    prospect_changed = Signal(int)
    delete_company_requested = Signal(int)
    failed = Signal(str)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self.person = ProspectForm(ctx.db)
        self.company = CompanyForm(ctx.db)
        self.people_label = muted(QLabel(wordWrap=True))
        self.delete_company_button = QPushButton(icon("erase"), "Delete company…", autoDefault=False)
        self.delete_company_button.setToolTip("Delete the company with everyone who works there")
        self.delete_company_button.clicked.connect(self.on_delete_company_clicked)
        for form in (self.person, self.company):
            form.saved.connect(self.on_form_saved)
            form.failed.connect(self.failed)
        person_box = QGroupBox("Person")
        QVBoxLayout(person_box).addWidget(self.person)
        company_box = QGroupBox("Company")
        company_layout = QVBoxLayout(company_box)
        company_layout.addWidget(self.company)
        footer = QHBoxLayout()
        footer.addWidget(self.people_label, 1)
        footer.addWidget(self.delete_company_button, 0, Qt.AlignmentFlag.AlignRight)
        company_layout.addLayout(footer)
        self.company_box = company_box
        body = QWidget(objectName="detailsBody")
        layout = QVBoxLayout(body)
        layout.addWidget(person_box)
        layout.addWidget(company_box)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def show_prospect(self, prospect_id: int | None) -> None:
        self.prospect_id = prospect_id
        self.person.load(prospect_id)
        self._show_company()

    def _show_company(self) -> None:
        prospect = get_prospect(self._db, self.prospect_id) if self.prospect_id is not None else None
        company_id = prospect.company_id if prospect else None
        self.company.load(company_id)
        self.company_box.setVisible(company_id is not None or prospect is None)
        self.delete_company_button.setEnabled(company_id is not None)
        if company_id is None:
            self.people_label.clear()
            return
        count = self._db.execute("SELECT count(*) FROM prospects WHERE company_id = ?", [company_id]).fetchone()[0]
        others = count - 1
        self.people_label.setText(
            "Nobody else from this company is in your list." if others == 0
            else f"{others} other {'person works' if others == 1 else 'people work'} here; edits here show for them too.")

    def flush(self) -> None:
        self.person.flush()
        self.company.flush()

    def undo(self) -> bool:
        """Undo the last saved edit: in the form that has the focus, else the one saved last."""
        forms: list[AutosaveForm] = [self.person, self.company]
        focused = [form for form in forms if form.isAncestorOf(self.focusWidget() or self)]
        ordered = focused + sorted(forms, key=lambda form: form.last_saved_serial, reverse=True)
        return any(form.undo() for form in dict.fromkeys(ordered) if form.can_undo)

    def on_form_saved(self, fields: dict) -> None:
        if self.prospect_id is None:
            return
        if self.sender() is self.person and "company" in fields:
            self._show_company()
        self.prospect_changed.emit(self.prospect_id)

    def on_delete_company_clicked(self) -> None:
        if self.company.record_id is not None:
            self.delete_company_requested.emit(self.company.record_id)
