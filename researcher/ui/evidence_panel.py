"""The Evidence tab: triggers with quote, page and date (confirm, dismiss, add by hand) and pain hypotheses."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from researcher.core.errors import UserError
from researcher.core.lexicon import TRIGGER_TYPES, type_rules
from researcher.core.pains import PainHypothesis, rank_pains, set_pain_decision
from researcher.core.triggers import Trigger, add_manual_trigger, prospect_triggers, set_trigger_status
from researcher.ui.panel_context import PanelContext

ITEM_ROLE = Qt.ItemDataRole.UserRole
STATUS_TEXT = {"suggested": "Suggested", "confirmed": "Confirmed", "dismissed": "Dismissed", "manual": "Added by hand",
               "accepted": "Accepted", "rejected": "Rejected"}


class ManualTriggerDialog(QDialog):
    """Ask for a trigger the rep learned elsewhere: type, the sentence, where and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a trigger by hand")
        self.kind = QComboBox()
        for kind in TRIGGER_TYPES:
            self.kind.addItem(type_rules()[kind].label, kind)
        self.quote = QPlainTextEdit(placeholderText="The sentence or fact, as you read or heard it")
        self.url = QLineEdit(placeholderText="https://… (optional)")
        self.when = QLineEdit(date.today().isoformat())
        form = QFormLayout(self)
        form.addRow("Type", self.kind)
        form.addRow("What", self.quote)
        form.addRow("Source", self.url)
        form.addRow("Date", self.when)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str, str]:
        return str(self.kind.currentData()), self.quote.toPlainText(), self.url.text(), self.when.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str, str, str] | None:
        dialog = cls(parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PainEditDialog(QDialog):
    """Edit a pain hypothesis in the rep's own words."""

    def __init__(self, hypothesis: PainHypothesis, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit pain hypothesis")
        self.title = QLineEdit(hypothesis.title)
        self.why = QPlainTextEdit(hypothesis.why)
        form = QFormLayout(self)
        form.addRow("Hypothesis", self.title)
        form.addRow("Why", self.why)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, hypothesis: PainHypothesis) -> tuple[str, str] | None:
        dialog = cls(hypothesis, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.title.text(), dialog.why.toPlainText()


def evidence_html(items: list[tuple[str, str | None, str | None, str]]) -> str:
    """Quotes with their source and date, for a detail pane."""
    rows = []
    for quote, url, when, source in items:
        where = f'<a href="{html.escape(url)}">{html.escape(url)}</a>' if url else html.escape(source or "stored note")
        rows.append(f"<p>“{html.escape(quote)}”<br><small>{where} · {html.escape(when or 'undated')}</small></p>")
    return "".join(rows) or "<p><i>No evidence.</i></p>"


class EvidencePanel(QWidget):
    """Per-prospect evidence tab. Signals: prospect_changed(id) after a verdict was stored;
    status_changed(text) for refused input."""

    title = "Evidence"
    prospect_changed = Signal(int)
    status_changed = Signal(str)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self.triggers: list[Trigger] = []
        self.pains: list[PainHypothesis] = []
        self.trigger_tree = QTreeWidget(objectName="triggerTree", rootIsDecorated=False, uniformRowHeights=True)
        self.trigger_tree.setHeaderLabels(["Trigger", "Status", "Date", "Sentence", "Source"])
        self.confirm_button = QPushButton("Confirm")
        self.dismiss_button = QPushButton("Dismiss")
        self.add_button = QPushButton("Add by hand…")
        self.pain_tree = QTreeWidget(objectName="painTree", rootIsDecorated=False, uniformRowHeights=True)
        self.pain_tree.setHeaderLabels(["Pain hypothesis", "Status", "Score", "Why"])
        self.accept_button = QPushButton("Accept")
        self.reject_button = QPushButton("Reject")
        self.edit_button = QPushButton("Edit…")
        self.detail = QTextBrowser(objectName="evidenceDetail", openExternalLinks=True)
        self.message = QLabel(objectName="mutedLabel", wordWrap=True)
        self._build()
        self.trigger_tree.currentItemChanged.connect(self.on_trigger_current_changed)
        self.pain_tree.currentItemChanged.connect(self.on_pain_current_changed)
        self.confirm_button.clicked.connect(lambda: self.on_trigger_verdict("confirmed"))
        self.dismiss_button.clicked.connect(lambda: self.on_trigger_verdict("dismissed"))
        self.add_button.clicked.connect(self.on_add_clicked)
        self.accept_button.clicked.connect(lambda: self.on_pain_verdict("accepted"))
        self.reject_button.clicked.connect(lambda: self.on_pain_verdict("rejected"))
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self._update_buttons()

    def _build(self) -> None:
        trigger_box = QWidget()
        top = QVBoxLayout(trigger_box)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("<b>Triggers</b> — found in pages, notes and interactions"))
        top.addWidget(self.trigger_tree, 1)
        row = QHBoxLayout()
        for button in (self.confirm_button, self.dismiss_button, self.add_button):
            row.addWidget(button)
        row.addStretch(1)
        top.addLayout(row)
        pain_box = QWidget()
        middle = QVBoxLayout(pain_box)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(QLabel("<b>Pain hypotheses</b> — ranked; the opener uses accepted and suggested ones"))
        middle.addWidget(self.pain_tree, 1)
        row = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.edit_button):
            row.addWidget(button)
        row.addStretch(1)
        middle.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget in (trigger_box, pain_box, self.detail):
            splitter.addWidget(widget)
        splitter.setSizes([300, 300, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    def show_prospect(self, prospect_id: int | None) -> None:
        """Load triggers and pains of a prospect (None clears the tab)."""
        self.prospect_id = prospect_id
        self.triggers = prospect_triggers(self._db, prospect_id) if prospect_id is not None else []
        self.pains = rank_pains(self._db, prospect_id, triggers=self.triggers) if prospect_id is not None else []
        self.trigger_tree.clear()
        for trigger in self.triggers:
            item = QTreeWidgetItem([trigger.label + (f" ({trigger.count})" if trigger.count else ""),
                                    STATUS_TEXT[trigger.status], trigger.date or "", trigger.quote,
                                    trigger.url or trigger.source_title])
            item.setToolTip(3, trigger.quote)
            item.setData(0, ITEM_ROLE, trigger)
            self.trigger_tree.addTopLevelItem(item)
        self.pain_tree.clear()
        for hypothesis in self.pains:
            item = QTreeWidgetItem([hypothesis.title, STATUS_TEXT[hypothesis.status], f"{hypothesis.score:.1f}"
                                    if hypothesis.status == "suggested" else "", hypothesis.why])
            item.setToolTip(3, hypothesis.why)
            item.setData(0, ITEM_ROLE, hypothesis)
            self.pain_tree.addTopLevelItem(item)
        for column in range(3):
            self.trigger_tree.resizeColumnToContents(column)
        self.trigger_tree.setColumnWidth(3, 420)
        for column in range(3):
            self.pain_tree.resizeColumnToContents(column)
        self.detail.setHtml("" if prospect_id is None else "<p>Select a trigger or pain to see its evidence.</p>")
        self.message.setText("" if self.triggers or prospect_id is None else
                             "No triggers yet: research the company site, add pages or notes, or add one by hand.")
        self._update_buttons()

    def _selected_trigger(self) -> Trigger | None:
        item = self.trigger_tree.currentItem()
        return item.data(0, ITEM_ROLE) if item else None

    def _selected_pain(self) -> PainHypothesis | None:
        item = self.pain_tree.currentItem()
        return item.data(0, ITEM_ROLE) if item else None

    def _update_buttons(self) -> None:
        trigger, hypothesis = self._selected_trigger(), self._selected_pain()
        detected = trigger is not None and trigger.status != "manual"
        self.confirm_button.setEnabled(detected and trigger.status != "confirmed")  # type: ignore[union-attr]
        self.dismiss_button.setEnabled(detected and trigger.status != "dismissed")  # type: ignore[union-attr]
        self.add_button.setEnabled(self.prospect_id is not None)
        for button in (self.accept_button, self.reject_button, self.edit_button):
            button.setEnabled(hypothesis is not None)

    def _after_change(self, message: str) -> None:
        assert self.prospect_id is not None
        self.show_prospect(self.prospect_id)
        self.message.setText(message)
        self.prospect_changed.emit(self.prospect_id)

    def on_trigger_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        trigger = current.data(0, ITEM_ROLE) if current else None
        if trigger is not None:
            self.detail.setHtml(f"<h3>{html.escape(trigger.label)}</h3>" + evidence_html(
                [(trigger.quote, trigger.url, trigger.date, trigger.source_title)]))
        self._update_buttons()

    def on_pain_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        hypothesis = current.data(0, ITEM_ROLE) if current else None
        if hypothesis is not None:
            self.detail.setHtml(f"<h3>{html.escape(hypothesis.title)}</h3><p>{html.escape(hypothesis.why)}</p>"
                                + evidence_html([(e.quote, e.url, e.date, e.source) for e in hypothesis.evidence]))
        self._update_buttons()

    def on_trigger_verdict(self, status: str) -> None:
        trigger = self._selected_trigger()
        if trigger is None or self.prospect_id is None:
            return
        set_trigger_status(self._db, self.prospect_id, trigger, status)
        self._after_change(f"{trigger.label} {STATUS_TEXT[status].lower()}.")

    def on_add_clicked(self) -> None:
        if self.prospect_id is None:
            return
        answer = ManualTriggerDialog.ask(self)
        if answer is None:
            return
        kind, quote, url, when = answer
        try:
            add_manual_trigger(self._db, self.prospect_id, kind, quote, url=url, when=when or None)
        except UserError as error:
            self.message.setText(f"Not added: {error}")
            self.status_changed.emit(str(error))
            return
        self._after_change("Trigger added.")

    def on_pain_verdict(self, status: str) -> None:
        hypothesis = self._selected_pain()
        if hypothesis is None or self.prospect_id is None:
            return
        set_pain_decision(self._db, self.prospect_id, hypothesis.key, status)
        self._after_change(f"“{hypothesis.title}” {STATUS_TEXT[status].lower()}.")

    def on_edit_clicked(self) -> None:
        hypothesis = self._selected_pain()
        if hypothesis is None or self.prospect_id is None:
            return
        answer = PainEditDialog.ask(self, hypothesis)
        if answer is None:
            return
        title, why = answer
        status = "accepted" if hypothesis.status == "suggested" else hypothesis.status
        set_pain_decision(self._db, self.prospect_id, hypothesis.key, status, title=title, why=why)
        self._after_change("Your wording is kept.")
