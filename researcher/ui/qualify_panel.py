"""The Qualification tab: pays off, ready now, able to buy and the cost of the status quo, with evidence."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from researcher.core.errors import UserError
from researcher.core.interactions import list_interactions
from researcher.core.notes import list_notes
from researcher.core.prospects import get_prospect
from researcher.core.qualification import (
    CRITERIA,
    LABELS,
    STATES,
    Criterion,
    add_evidence,
    evidence_from,
    get_qualification,
    set_criterion,
)
from researcher.ui.panel_context import PanelContext

HINTS = {
    "pays_off": "Would buying pay off for them? What do they gain, in their words?",
    "ready_now": "Are they mentally ready to buy now, or is it a 'later'?",
    "able": "Can they buy: budget, authority, who else decides?",
    "status_quo_cost": "What does staying as they are cost them? The status quo is their safest choice.",
}


class CriterionBox(QGroupBox):
    """One criterion: state, note and linked evidence. Signals: changed(key)."""

    changed = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(LABELS[key], parent, objectName=f"criterion_{key}")
        self.key = key
        self.state = QComboBox(objectName=f"state_{key}")
        self.state.addItems(list(STATES))
        self.note = QLineEdit(objectName=f"note_{key}", placeholderText=HINTS[key])
        self.evidence = QListWidget(objectName=f"evidence_{key}")
        self.evidence.setMaximumHeight(80)
        self.source = QComboBox(objectName=f"source_{key}")
        self.link = QPushButton("Link evidence", objectName=f"link_{key}")
        self.remove = QPushButton("Remove", objectName=f"remove_{key}")
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.link)
        row.addWidget(self.remove)
        form = QFormLayout(self)
        form.addRow("State", self.state)
        form.addRow("Note", self.note)
        form.addRow("Evidence", self.evidence)
        form.addRow("", row)

    def show_criterion(self, criterion: Criterion) -> None:
        self.state.blockSignals(True)
        self.state.setCurrentText(criterion.state)
        self.state.blockSignals(False)
        self.note.setText(criterion.note)
        self.evidence.clear()
        for item in criterion.evidence:
            where = " · ".join(part for part in (item.url, item.date or "") if part)
            entry = QListWidgetItem(f"“{item.quote}”" + (f" — {where}" if where else ""))
            entry.setToolTip(item.quote)
            self.evidence.addItem(entry)


class QualifyPanel(QWidget):
    """Per-prospect tab. Signals: prospect_changed(id) after a criterion was saved; failed(message)."""

    title = "Qualification"
    prospect_changed = Signal(int)
    failed = Signal(str)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self.summary = QLabel(objectName="readinessSummary", wordWrap=True)
        self.message = QLabel(objectName="mutedLabel", wordWrap=True)
        self.boxes = {key: CriterionBox(key) for key in CRITERIA}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.summary)
        for box in self.boxes.values():
            column.addWidget(box)
            box.state.currentTextChanged.connect(lambda _text, k=box.key: self.on_state_changed(k))
            box.note.editingFinished.connect(lambda k=box.key: self.on_note_edited(k))
            box.link.clicked.connect(lambda _checked=False, k=box.key: self.on_link_clicked(k))
            box.remove.clicked.connect(lambda _checked=False, k=box.key: self.on_remove_clicked(k))
        column.addWidget(self.message)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_prospect(self, prospect_id: int | None) -> None:
        """Show the prospect's qualification (every criterion 'unknown' until set)."""
        self.prospect_id = prospect_id
        self.setEnabled(prospect_id is not None)
        if prospect_id is None:
            self.summary.clear()
            return
        self._load()

    def _load(self) -> None:
        assert self.prospect_id is not None
        qualification = get_qualification(self._db, self.prospect_id)
        self.summary.setText(f"<b>Readiness:</b> {qualification.summary}")
        prospect = get_prospect(self._db, self.prospect_id)
        sources: list[tuple[str, tuple[str, int]]] = []
        for note in list_notes(self._db, prospect_id=self.prospect_id, company_id=prospect.company_id):
            sources.append((f"Note {note.created_at[:10]}: {note.body[:70]}", ("note", note.id)))
        for item in list_interactions(self._db, self.prospect_id):
            if item.summary.strip():
                sources.append((f"{item.kind.capitalize()} {item.occurred_at[:10]}: {item.summary[:70]}",
                                ("interaction", item.id)))
        for criterion in qualification.criteria():
            box = self.boxes[criterion.key]
            box.show_criterion(criterion)
            box.source.clear()
            for label, ref in sources:
                box.source.addItem(label, ref)
            box.link.setEnabled(bool(sources))
            box.remove.setEnabled(bool(criterion.evidence))

    def _save(self, key: str, **changes: object) -> None:
        if self.prospect_id is None:
            return
        try:
            set_criterion(self._db, self.prospect_id, key, **changes)  # type: ignore[arg-type]
        except UserError as error:
            self.failed.emit(str(error))
            self.message.setText(str(error))
            return
        self.message.setText(f"Saved: {LABELS[key]}.")
        self._load()
        self.prospect_changed.emit(self.prospect_id)

    def on_state_changed(self, key: str) -> None:
        self._save(key, state=self.boxes[key].state.currentText())

    def on_note_edited(self, key: str) -> None:
        if self.prospect_id is None:
            return
        current = getattr(get_qualification(self._db, self.prospect_id), key)
        if self.boxes[key].note.text().strip() != current.note:
            self._save(key, note=self.boxes[key].note.text())

    def on_link_clicked(self, key: str) -> None:
        ref = self.boxes[key].source.currentData()
        if self.prospect_id is None or ref is None:
            return
        try:
            add_evidence(self._db, self.prospect_id, key, evidence_from(self._db, *ref))
        except UserError as error:
            self.failed.emit(str(error))
            return
        self._load()
        self.prospect_changed.emit(self.prospect_id)

    def on_remove_clicked(self, key: str) -> None:
        row = self.boxes[key].evidence.currentRow()
        if self.prospect_id is None:
            return
        current = getattr(get_qualification(self._db, self.prospect_id), key)
        if not current.evidence:
            return
        keep = list(current.evidence)
        keep.pop(row if 0 <= row < len(keep) else len(keep) - 1)
        self._save(key, evidence=keep)
