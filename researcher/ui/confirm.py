"""Ask before anything that cannot be undone; tests replace Confirm.ask."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Confirm:
    """A warning box whose default button is Cancel, so Enter never destroys anything."""

    @staticmethod
    def ask(parent: QWidget | None, title: str, text: str, details: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
        box.setInformativeText(details)
        destroy = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is destroy
