"""Call mode: a focused, large-type card per prospect; one keystroke logs the outcome and moves on."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from researcher.core.briefing import build_briefing
from researcher.core.briefing_model import Briefing
from researcher.core.calling_window import CallingTime, Place, office_hours, prospect_place, window_at
from researcher.core.errors import UserError
from researcher.core.interactions import log_interaction

OPENER_SECONDS = 20
# key, stored outcome, label, follow-up in days (None: no follow-up)
OUTCOME_KEYS: tuple[tuple[str, str, str, int | None], ...] = (
    ("1", "no_answer", "No answer", 2), ("2", "gatekeeper", "Gatekeeper", 1), ("3", "voicemail", "Voicemail", 3),
    ("4", "connected", "Connected", 7), ("5", "not_interested", "Not interested", None),
    ("6", "call_back_later", "Call back later", 1), ("7", "meeting_booked", "Meeting booked", None),
)
STYLE = """
QDialog#callMode { background: #fbfaf7; }
QLabel#callName { font-size: 30pt; font-weight: bold; }
QLabel#callRole { font-size: 15pt; color: #444; }
QLabel#callClock { font-size: 18pt; }
QLabel#callWindow[open="false"] { color: #b3261e; font-size: 13pt; font-weight: bold; }
QLabel#callWindow[open="true"] { color: #1e6b34; font-size: 13pt; }
QLabel#callBlocked { background: #b3261e; color: white; font-size: 15pt; font-weight: bold; padding: 8px; }
QLabel#callOpener { font-size: 19pt; background: white; border: 1px solid #ddd; padding: 12px; }
QLabel#callTimer { font-size: 22pt; font-weight: bold; }
QLabel#callTimer[over="true"] { color: #b3261e; }
QLabel.callSection { font-size: 13pt; }
"""


class CallModeDialog(QDialog):
    """Signals: logged(prospect id, interaction id); finished_queue() after the last prospect.

    Keys: Space starts/stops the opener timer, 1–7 log an outcome and move on, →/S skip, ← back,
    Esc closes. ``confirm`` asks before calling or logging outside the window (tests replace it).
    """

    logged = Signal(int, int)
    finished_queue = Signal()

    def __init__(self, db: Database, queue: list[int], start: int | None = None, *,
                 clock: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="callMode")
        self.setWindowTitle("Call mode")
        # The card itself holds the focus, so a digit logs an outcome instead of typing into a field.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(STYLE)
        self._db = db
        self._clock = clock or (lambda: datetime.now(UTC))
        self.queue = list(queue)
        self.index = self.queue.index(start) if start in self.queue else 0
        self.briefing: Briefing | None = None
        self._place: Place | None = None
        self._follow_up_touched = False
        self.confirm: Callable[[str], bool] = self._ask
        self._build()
        self._elapsed = QElapsedTimer()
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self.on_tick)
        self.resize(1000, 760)
        self.show_current()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self.setFocus()

    # --- layout --------------------------------------------------------------------------
    def _label(self, name: str, *, rich: bool = False) -> QLabel:
        label = QLabel(objectName=name, wordWrap=True)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build(self) -> None:
        self.name = self._label("callName")
        self.role = self._label("callRole")
        self.clock = self._label("callClock")
        self.window_text = self._label("callWindow")
        self.blocked = self._label("callBlocked")
        self.opener = self._label("callOpener")
        self.timer = self._label("callTimer")
        self.pains, self.questions, self.objections, self.history = (
            self._label(n, rich=True) for n in ("callPains", "callQuestions", "callObjections", "callHistory"))
        for label in (self.pains, self.questions, self.objections, self.history):
            label.setProperty("class", "callSection")
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.next_step = QLineEdit(objectName="callNextStep",
                                   placeholderText="Next step agreed on the call (Enter returns to the card)")
        self.next_step.returnPressed.connect(self.setFocus)
        self.follow_up = QDateEdit(objectName="callFollowUp", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.follow_up.userDateChanged.connect(self.on_follow_up_edited)
        self.follow_up.editingFinished.connect(self.setFocus)
        self.no_follow_up = QCheckBox("No follow-up", objectName="callNoFollowUp")
        self.status = self._label("callStatus")
        keys = "   ".join(f"<b>{k}</b> {label}" for k, _, label, _ in OUTCOME_KEYS)
        legend = QLabel(f"{keys}   ·   <b>Space</b> opener timer   <b>→</b> skip   <b>←</b> back   <b>Esc</b> close",
                        objectName="callLegend", wordWrap=True)
        card = QWidget()
        grid = QGridLayout(card)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.clock, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.role, 1, 0, 1, 3)
        grid.addWidget(self.window_text, 2, 0, 1, 3)
        grid.addWidget(self.blocked, 3, 0, 1, 3)
        grid.addWidget(self.opener, 4, 0, 1, 2)
        grid.addWidget(self.timer, 4, 2, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.pains, 5, 0)
        grid.addWidget(self.questions, 5, 1)
        grid.addWidget(self.objections, 5, 2)
        grid.addWidget(self.history, 6, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(card)
        # Keys belong to the card (outcomes, timer, skipping), not to scrolling or buttons.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.no_follow_up.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form = QFormLayout()
        form.addRow("Next step", self.next_step)
        form.addRow("Follow-up", self.follow_up)
        form.addRow("", self.no_follow_up)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(form)
        layout.addWidget(legend)
        layout.addWidget(self.status)
        self.close_button = QPushButton("Close (Esc)", objectName="callClose")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setAutoDefault(False)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Outcome keys 1–7 (Ctrl+1–7 also from the text fields), Space, arrows and S."""
        key = event.key()
        text = event.text()
        digit = chr(key) if Qt.Key.Key_1 <= key <= Qt.Key.Key_7 else text
        outcome = next(((o, d) for k, o, _label, d in OUTCOME_KEYS if k == digit), None)
        if outcome is not None:
            self.log_outcome(*outcome)
        elif key == Qt.Key.Key_Space:
            self.toggle_timer()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_S):
            self.move(1)
        elif key == Qt.Key.Key_Left:
            self.move(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- showing a prospect --------------------------------------------------------------
    @property
    def prospect_id(self) -> int | None:
        return self.queue[self.index] if 0 <= self.index < len(self.queue) else None

    def show_current(self) -> None:
        """Fill the card for the current prospect of the queue (or say the queue is done)."""
        self._stop_timer()
        prospect_id = self.prospect_id
        if prospect_id is None:
            self.briefing = None
            self.name.setText("All calls done")
            for label in (self.role, self.clock, self.window_text, self.opener, self.timer, self.pains,
                          self.questions, self.objections, self.history):
                label.clear()
            self.blocked.hide()
            self._tick.stop()
            return
        now = self._clock()
        b = self.briefing = build_briefing(self._db, prospect_id, now=now)
        self._place = prospect_place(self._db, prospect_id)
        p = b.prospect
        self.name.setText(f"{p.name}   ({self.index + 1}/{len(self.queue)})")
        phones = "  ·  ".join(line.number for line in b.phones)
        self.role.setText("  ·  ".join(part for part in (p.title, p.company, phones) if part))
        self.blocked.setVisible(b.blocked)
        self.blocked.setText("BLOCKED — do not call" + (" (objected)" if b.objected else
                             ": a number is on a do-not-call register"))
        self.opener.setText(b.opener.text if b.opener else (b.opener_notice or "No opener drafted yet."))
        self.pains.setText(self._pains(b))
        self.questions.setText(_list("Discovery questions", b.questions))
        self.objections.setText(_list("If they say…", [f"<i>{html.escape(o)}</i> — {html.escape(a)}"
                                                       for o, a in b.objections], escape=False))
        self.history.setText(self._history(b))
        self.next_step.clear()
        self.no_follow_up.setChecked(False)
        self.follow_up.blockSignals(True)
        self.follow_up.setDate(_qdate(now.date() + timedelta(days=2)))
        self.follow_up.blockSignals(False)
        self._follow_up_touched = False
        self.status.clear()
        self.on_tick()
        self._tick.start()
        self.setFocus()

    def _pains(self, b: Briefing) -> str:
        items = []
        for pain in b.pains[:3]:
            proof = "".join(f"<br><small>“{html.escape(e.quote)}” — {html.escape(e.site)}"
                            f"{', ' + html.escape(e.date) if e.date else ''}</small>" for e in pain.evidence[:2])
            items.append(f"<b>{html.escape(pain.title)}</b>{proof}")
        return _list("Top pains", items, escape=False)

    def _history(self, b: Briefing) -> str:
        rows = []
        for item in b.interactions:
            detail = " — ".join(x for x in (item.outcome.replace("_", " "), item.summary, item.next_step) if x)
            rows.append(f"{item.occurred_at[:10]} {item.kind}: {detail}")
        return _list("Since last time", rows)

    def calling_now(self) -> CallingTime | None:
        """The prospect's local time and window at this moment."""
        if self._place is None:
            return None
        return window_at(self._clock(), self._place, office_hours(self._db))

    def on_tick(self) -> None:
        calling = self.calling_now()
        if calling is not None:
            self.clock.setText(f"{calling.local_time:%H:%M} {calling.timezone.split('/')[-1].replace('_', ' ')}")
            self.window_text.setText(calling.reason)
            self.window_text.setProperty("open", "true" if calling.in_window else "false")
            self.window_text.style().unpolish(self.window_text)
            self.window_text.style().polish(self.window_text)
        seconds = self._elapsed.elapsed() / 1000 if self._elapsed.isValid() else 0.0
        self.timer.setText(f"{int(seconds) // 60}:{int(seconds) % 60:02d} / 0:{OPENER_SECONDS}")
        self.timer.setProperty("over", "true" if seconds > OPENER_SECONDS else "false")
        self.timer.style().unpolish(self.timer)
        self.timer.style().polish(self.timer)

    # --- actions -------------------------------------------------------------------------
    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Call mode", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _allowed(self, doing: str) -> bool:
        if self.briefing is not None and self.briefing.blocked:
            return self.confirm(f"{self.briefing.prospect.name} is blocked — do not call. {doing} anyway?")
        calling = self.calling_now()
        if calling is not None and not calling.in_window:
            return self.confirm(f"It is {calling.local_time:%H:%M} for {self.briefing.prospect.name if self.briefing else ''}: "
                                f"outside the calling window. {calling.reason}. {doing} anyway?")
        return True

    def toggle_timer(self) -> None:
        if self._elapsed.isValid():
            self._stop_timer()
        elif self.prospect_id is not None and self._allowed("Start the call"):
            self._elapsed.start()
        self.on_tick()

    def _stop_timer(self) -> None:
        self._elapsed.invalidate()

    def on_follow_up_edited(self, _date: QDate) -> None:
        self._follow_up_touched = True

    def log_outcome(self, outcome: str, default_days: int | None) -> int | None:
        """Log the call with this outcome, the next step and the follow-up date; move to the next prospect."""
        prospect_id = self.prospect_id
        if prospect_id is None or not self._allowed("Log the call"):
            return None
        follow_up: str | None
        if self.no_follow_up.isChecked():
            follow_up = None
        elif self._follow_up_touched:
            follow_up = self.follow_up.date().toString("yyyy-MM-dd")
        else:
            follow_up = (self._clock().date() + timedelta(days=default_days)).isoformat() if default_days else None
        label = next(label for _, o, label, _ in OUTCOME_KEYS if o == outcome)
        try:
            interaction_id = log_interaction(
                self._db, prospect_id, "call", occurred_at=self._clock().isoformat(), outcome=outcome,
                summary=f"Call: {label.lower()}", next_step=self.next_step.text(), follow_up=follow_up)
        except UserError as error:
            self.status.setText(str(error))
            return None
        self.logged.emit(prospect_id, interaction_id)
        self.move(1)
        self.status.setText(f"Logged “{label}” for the previous prospect" + (f", follow-up {follow_up}." if follow_up else "."))
        return interaction_id

    def move(self, step: int) -> None:
        self.index = max(0, min(len(self.queue), self.index + step))
        self.show_current()
        if self.prospect_id is None:
            self.finished_queue.emit()

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        self._tick.stop()
        super().done(result)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _list(title: str, items: object, *, escape: bool = True) -> str:
    values = list(items)  # type: ignore[call-overload]
    if not values:
        return f"<b>{html.escape(title)}</b><br><i>nothing yet</i>"
    body = "".join(f"<li>{html.escape(str(v)) if escape else v}</li>" for v in values)
    return f"<b>{html.escape(title)}</b><ul style='margin-left:-20px'>{body}</ul>"
