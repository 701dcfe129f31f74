"""A form whose edits save themselves (debounced, one transaction) and can be undone with Ctrl+Z.

Subclasses add fields with add_line()/add_choice() and implement _read() and _write_field().
Signals: saved(fields) after a successful write; failed(message) when core refused a value
(the value stays in its field, marked, with the message shown under the form).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlite_utils import Database

from researcher.core.errors import UserError
from researcher.ui.look import error, mark_invalid

Editor = QLineEdit | QComboBox


class AutosaveForm(QWidget):
    """Fields bound to one stored record; see the module docstring."""

    saved = Signal(dict)
    failed = Signal(str)
    AUTOSAVE_MS = 700
    _serial = 0  # shared by all forms, so the panel knows which one saved last

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.record_id: int | None = None
        self._editors: dict[str, Editor] = {}
        self._values: dict[str, str] = {}
        self._pending: set[str] = set()
        self._undo: list[dict[str, tuple[str, str]]] = []
        self._loading = False
        self.last_saved_serial = 0
        self._timer = QTimer(self, singleShot=True, interval=self.AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error_label = error(QLabel(objectName="formError", wordWrap=True, visible=False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)

    # --- building -----------------------------------------------------------------------
    def add_line(self, key: str, label: str, *, placeholder: str = "") -> QLineEdit:
        editor = QLineEdit(placeholderText=placeholder, objectName=f"field_{key}")
        editor.textChanged.connect(lambda _text, key=key: self.on_field_changed(key))
        editor.editingFinished.connect(self.on_editing_finished)
        return self._add(key, label, editor)

    def add_choice(self, key: str, label: str, choices: list[tuple[str, str]]) -> QComboBox:
        editor = QComboBox(objectName=f"field_{key}")
        for value, text in choices:
            editor.addItem(text, value)
        editor.currentIndexChanged.connect(lambda _index, key=key: self.on_choice_changed(key))
        return self._add(key, label, editor)

    def _add(self, key: str, label: str, editor: Editor) -> Any:
        editor.installEventFilter(self)
        self._editors[key] = editor
        self.form.addRow(label, editor)
        return editor

    def editor(self, key: str) -> Editor:
        return self._editors[key]

    # --- what subclasses provide --------------------------------------------------------
    def _read(self, record_id: int) -> dict[str, str]:
        raise NotImplementedError

    def _write_field(self, record_id: int, key: str, value: str) -> None:
        raise NotImplementedError

    # --- loading and saving -------------------------------------------------------------
    def load(self, record_id: int | None) -> None:
        """Show a record (None empties and disables the form); pending edits are saved first."""
        self.flush()
        if record_id != self.record_id:
            self._undo.clear()
        self.record_id = record_id
        values = self._read(record_id) if record_id is not None else {}
        self._values = {key: values.get(key, "") for key in self._editors}
        self._loading = True
        for key, editor in self._editors.items():
            self._set_editor(editor, self._values[key])
            self._mark(editor, False)
        self._loading = False
        self._show_error("")
        self.setEnabled(record_id is not None)

    def flush(self) -> bool:
        """Write pending edits now, in one transaction; False when a value was refused."""
        self._timer.stop()
        if self.record_id is None or not self._pending:
            return True
        changes = {key: self._editor_value(self._editors[key]) for key in sorted(self._pending)}
        self._pending.clear()
        changes = {key: value for key, value in changes.items() if value != self._values[key]}
        ok = self._write(changes, record_undo=True)
        return ok

    def undo(self) -> bool:
        """Revert the last saved edit of this form (saving any pending edit first)."""
        self.flush()
        if not self._undo or self.record_id is None:
            return False
        step = self._undo.pop()
        self._write({key: old for key, (old, _new) in step.items()}, record_undo=False, refresh_all=True)
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) or bool(self._pending)

    def _write(self, changes: dict[str, str], *, record_undo: bool, refresh_all: bool = False) -> bool:
        if not changes or self.record_id is None:
            return True
        written: dict[str, tuple[str, str]] = {}
        errors: list[str] = []
        with self._db.atomic():
            for key, value in changes.items():
                try:
                    with self._db.atomic():
                        self._write_field(self.record_id, key, value)
                except UserError as error:
                    errors.append(str(error))
                    self._mark(self._editors[key], True)
                else:
                    written[key] = (self._values[key], value)
                    self._mark(self._editors[key], False)
        stored = self._read(self.record_id)
        for key in written:
            self._values[key] = stored.get(key, "")
            editor = self._editors[key]
            if refresh_all or not editor.hasFocus():
                self._show_value(editor, self._values[key])
        if record_undo and written:
            self._undo.append(written)
        self._show_error(" ".join(errors))
        if written:
            AutosaveForm._serial += 1
            self.last_saved_serial = AutosaveForm._serial
            self.saved.emit({key: self._values[key] for key in written})
        if errors:
            self.failed.emit(" ".join(errors))
        return not errors

    # --- slots --------------------------------------------------------------------------
    def on_field_changed(self, key: str) -> None:
        if self._loading or self.record_id is None:
            return
        self._pending.add(key)
        self._timer.start()

    def on_choice_changed(self, key: str) -> None:
        if not self._loading and self.record_id is not None:
            self._pending.add(key)
            self.flush()

    def on_editing_finished(self) -> None:
        if self._pending:
            self.flush()
        sender = self.sender()
        for key, editor in self._editors.items():
            if editor is sender and self._editor_value(editor) != self._values.get(key, "") and not self._has_error(editor):
                self._show_value(editor, self._values[key])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Undo) and self.can_undo:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.undo()
                return True
        return super().eventFilter(watched, event)

    # --- editor plumbing ----------------------------------------------------------------
    def _show_value(self, editor: Editor, value: str) -> None:
        self._loading = True
        self._set_editor(editor, value)
        self._loading = False

    @staticmethod
    def _set_editor(editor: Editor, value: str) -> None:
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0:
                editor.addItem(value, value)
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif editor.text() != value:
            editor.setText(value)
            editor.setCursorPosition(0)

    @staticmethod
    def _editor_value(editor: Editor) -> str:
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        return editor.text().strip()

    def _mark(self, editor: Editor, invalid: bool) -> None:
        if bool(editor.property("invalid")) != invalid:
            editor.setProperty("invalid", invalid)
            mark_invalid(editor, invalid)

    @staticmethod
    def _has_error(editor: Editor) -> bool:
        return bool(editor.property("invalid"))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
