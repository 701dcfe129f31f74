"""The "My offering" dialog: who the rep is, what they sell, pains, proof stories and insights."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.core.lexicon import LANGUAGES
from researcher.core.offering import (
    Offering, get_offering, offering_from_dict, offering_to_toml, parse_offering_file, save_offering,
)
from researcher.core.settings import get_setting, set_setting
from researcher.ui.look import error, heading, mark_invalid, muted
from researcher.ui.offering_tables import LANGUAGE_NAMES, Column, OfferingTable

SECTIONS = {"pains": "Pains you solve", "proofs": "Proof stories", "insights": "Insights"}
# Core names a bad row by its list index ("proofs[2] needs ..."); the rep sees tab and row number.
_ROW_REFERENCE = re.compile(r"^(pains|proofs|insights)\[(\d+)\](?:\.\w+)?")


class OfferingDialog(QDialog):
    """Edit and save the offering; a bad value is explained and nothing is stored or lost."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._what: dict[str, str] = {}
        self._language = LANGUAGES[0]
        self.setWindowTitle("My offering")
        self.resize(940, 700)
        self.rep_name = QLineEdit(placeholderText="Your name, as you say it on the phone")
        self.company = QLineEdit(placeholderText="The company you sell for")
        self.company_from = QLineEdit(placeholderText="e.g. Kaarnatiedosta (optional; used in Finnish openers)")
        self.language = QComboBox(objectName="textLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.what = QPlainTextEdit(placeholderText="What you sell, in one or two sentences", tabChangesFocus=True)
        self.what.setFixedHeight(self.what.fontMetrics().lineSpacing() * 3 + 14)
        self.pace = QDoubleSpinBox(minimum=0.7, maximum=1.4, singleStep=0.05, decimals=2,
                                   toolTip="1.00 is a natural pace (about 150 words a minute in English)")
        self.pace.setValue(float(get_setting(db, "opener.pace", 1.0)))
        self.budget = QDoubleSpinBox(minimum=10.0, maximum=40.0, singleStep=1.0, decimals=0, suffix=" s",
                                     toolTip="How long the opener may take to say")
        self.budget.setValue(float(get_setting(db, "opener.budget_seconds", 20.0)))
        self.pains = OfferingTable(
            [Column("key", "Pain", "pain"), Column("value", "Value for the buyer", "texts")], noun="pain",
            hint="Pick a pain from the library and say what changes for the buyer once it is solved.")
        self.proofs = OfferingTable(
            [Column("customer", "Customer", "line"), Column("pain", "Pain", "pain"),
             Column("text", "Story with a number", "texts")], noun="proof story",
            suggested_pains=self._offered_pains,
            hint="A similar customer and a number, e.g. “Pohjaslinja cut its reporting from ten days to four.”")
        self.insights = OfferingTable(
            [Column("pain", "Pain", "pain"), Column("text", "Insight worth teaching", "texts")], noun="insight",
            suggested_pains=self._offered_pains, hint="Something a buyer with this pain may not know yet.")
        self.sections = QTabWidget(objectName="offeringSections", documentMode=True)
        self.tables = {"pains": self.pains, "proofs": self.proofs, "insights": self.insights}
        for name, table in self.tables.items():
            self.sections.addTab(table, SECTIONS[name])
            table.count_changed.connect(lambda count, name=name: self._update_tab(name, count))
        self.error = error(QLabel(objectName="errorLabel", wordWrap=True, visible=False))
        self.notice = muted(QLabel(objectName="noticeLabel", wordWrap=True, visible=False))
        self.import_button = QPushButton("Import…", toolTip="Load an offering from a TOML or JSON file")
        self.export_button = QPushButton("Export…", toolTip="Save this offering as a TOML or JSON file for your team")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.on_import_clicked)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.what.textChanged.connect(self.on_what_changed)
        self.load(get_offering(db))

    def _lay_out(self) -> None:
        timing = QHBoxLayout()
        timing.addWidget(self.pace)
        timing.addSpacing(16)
        timing.addWidget(QLabel("Opener time budget"))
        timing.addWidget(self.budget)
        timing.addStretch(1)
        language = QHBoxLayout()
        language.addWidget(self.language)
        language.addWidget(muted(QLabel("Texts below are kept per language; switch to write another version.")), 1)
        form = QFormLayout()
        form.addRow("Your name", self.rep_name)
        form.addRow("Company", self.company)
        form.addRow("“From” in Finnish", self.company_from)
        form.addRow("Your speaking pace", timing)
        form.addRow("Write texts in", language)
        form.addRow("What you sell", self.what)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(QLabel("My offering"), 1.3))
        layout.addWidget(muted(QLabel("What you sell, the pains it solves and the stories that prove it. "
                                      "The opener draws on these in every language you fill in.", wordWrap=True)))
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addLayout(bottom)

    def load(self, offering: Offering | None) -> None:
        """Fill the forms from an offering (or leave them empty)."""
        data: dict[str, Any] = offering.to_dict() if offering else {}
        self.rep_name.setText(data.get("rep_name", ""))
        self.company.setText(data.get("company", ""))
        self.company_from.setText(data.get("company_from", {}).get("fi", ""))
        self._what = dict(data.get("what", {}))
        self._show_what()
        for name, table in self.tables.items():
            table.set_rows(data.get(name, []))

    def offering(self) -> Offering:
        """The offering the forms describe. Raises UserError with the reason when something is wrong."""
        return offering_from_dict({
            "rep_name": self.rep_name.text(), "company": self.company.text(),
            "company_from": {"fi": self.company_from.text()} if self.company_from.text().strip() else {},
            "what": dict(self._what),
            **{name: table.rows() for name, table in self.tables.items()},
        })

    def on_language_changed(self) -> None:
        self._language = str(self.language.currentData())
        self._show_what()
        for table in self.tables.values():
            table.set_language(self._language)

    def on_what_changed(self) -> None:
        self._what[self._language] = self.what.toPlainText()

    def on_save(self) -> None:
        offering = self._checked_offering()
        if offering is None:
            return
        save_offering(self._db, offering)
        set_setting(self._db, "opener.pace", round(self.pace.value(), 2))
        set_setting(self._db, "opener.budget_seconds", self.budget.value())
        self.accept()

    def import_file(self, path: Path) -> None:
        """Load a TOML/JSON offering file into the forms (stored only when the rep presses Save)."""
        try:
            offering = parse_offering_file(path)
        except UserError as refused:
            self._show_error(str(refused))
            return
        self._show_error("")
        self.load(offering)
        self._show_notice(f"Loaded {path.name}. Press Save to keep it.")

    def export_file(self, path: Path) -> bool:
        """Write the offering in the forms to a .toml or .json file; False (and the reason shown) on failure."""
        offering = self._checked_offering()
        if offering is None:
            return False
        if path.suffix.lower() == ".json":
            text = json.dumps(offering.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = offering_to_toml(offering)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as failed:
            self._show_error(f"Could not write {path}: {failed.strerror or failed}.")
            return False
        self._show_notice(f"Exported to {path}.")
        return True

    def on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import offering", "", "Offering (*.toml *.json)")
        if name:
            self.import_file(Path(name))

    def on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export offering", "offering.toml",
                                              "TOML (*.toml);;JSON (*.json)")
        if name:
            self.export_file(Path(name))

    def _checked_offering(self) -> Offering | None:
        for field in (self.rep_name, self.company):
            mark_invalid(field, False)
        try:
            offering = self.offering()
        except UserError as refused:
            self._show_error(self._point_at(str(refused)))
            return None
        self._show_error("")
        return offering

    def _point_at(self, message: str) -> str:
        """Select the row or field the message is about and name it as the rep sees it."""
        match = _ROW_REFERENCE.match(message)
        if match:
            name, row = match.group(1), int(match.group(2))
            self.sections.setCurrentWidget(self.tables[name])
            self.tables[name].select_row(row)
            return f"{SECTIONS[name]}, row {row + 1}{message[match.end():]}"
        for field in (self.rep_name, self.company):
            if not field.text().strip():
                mark_invalid(field, True)
        return message

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        if message:
            self.notice.setVisible(False)

    def _show_notice(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(True)

    def _show_what(self) -> None:
        self.what.blockSignals(True)
        self.what.setPlainText(self._what.get(self._language, ""))
        self.what.blockSignals(False)

    def _offered_pains(self) -> list[str]:
        return [row["key"] for row in self.pains.rows()]

    def _update_tab(self, name: str, count: int) -> None:
        self.sections.setTabText(list(self.tables).index(name), f"{SECTIONS[name]} ({count})")

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> bool:
        """Show the dialog; True when the rep saved."""
        return cls(db, parent).exec() == QDialog.DialogCode.Accepted


def install(window: Any) -> None:
    """Add "My offering…" to the window's Tools menu."""
    action = QAction("My &offering…", window)
    action.setToolTip("Describe what you sell: pains it solves, proof stories and insights")

    def on_triggered() -> None:
        if OfferingDialog.ask(window, window.db):
            window.show_message("Offering saved")
            window.panel.refresh()

    action.triggered.connect(on_triggered)
    window.offering_action = action
    window.add_tool_action(action)
