"""The Research tab's controls: address box, suggestions, research, import, paste, pending, cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from researcher.core.research import Suggestion


class ResearchBar(QWidget):
    """Two rows of controls; the Research tab connects to the widgets directly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_edit = QLineEdit(placeholderText="Paste one or more web addresses, or drop a link here")
        self.url_edit.setMinimumWidth(220)
        self.fetch_button = QPushButton("Fetch")
        self.suggestions = QComboBox(toolTip="Addresses known for this prospect that are not kept yet")
        self.suggestions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.suggestions.setMinimumContentsLength(15)
        self.suggestions.view().setMinimumWidth(420)
        self.company_check = QCheckBox("Company page", toolTip="Keep the pages with the company, for all its people")
        self.research_button = QPushButton("Research company site")
        self.import_button = QPushButton("Import saved page…")
        self.paste_button = QPushButton("Paste text…")
        self.pending_button = QPushButton("Fetch pending")
        self.cancel_button = QPushButton("Cancel", toolTip="Stop the selected page's fetch, or the site research")
        self.progress = QProgressBar(visible=False, textVisible=True)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.url_edit, 1)
        row1.addWidget(self.suggestions)
        row1.addWidget(self.company_check)
        row1.addWidget(self.fetch_button)
        for widget in (self.research_button, self.import_button, self.paste_button, self.pending_button):
            row2.addWidget(widget)
        row2.addStretch(1)
        row2.addWidget(self.progress)
        row2.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row1)
        layout.addLayout(row2)

    def set_suggestions(self, items: list[Suggestion]) -> None:
        """List the suggestions; the first entry is a count and does nothing."""
        self.suggestions.clear()
        self.suggestions.addItem(f"Suggestions ({len(items)})" if items else "No suggestions", None)
        for item in items:
            self.suggestions.addItem(item.label, item)
        self.suggestions.setEnabled(bool(items))

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(True)
