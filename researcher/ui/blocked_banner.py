"""The "blocked — do not call" banner on a prospect, and the marker in the prospect list."""

from __future__ import annotations

import html
import threading
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget
from sqlite_utils import Database

from researcher.core.errors import NotFound
from researcher.core.store_file import read_only_connection

if TYPE_CHECKING:
    from researcher.core.dnc import DncResult

CLOCK_MS = 30_000
BANNER_STYLE = ("QLabel#blockedBanner { background: #b3261e; color: white; font-weight: bold; "
                "padding: 8px 14px; } QLabel#staleBanner { background: #fff4d6; color: #5c3d00; padding: 6px 14px; }")


def block_reason(result: DncResult) -> str:
    """Return the banner text for a blocked screening result."""
    from researcher.core.dnc import registry_label

    if result.objected:
        return "Blocked — do not call: this person objected (never contact, GDPR Art. 21)."
    listed = [n for n in result.numbers if n.blocked]
    where = "; ".join(f"{n.number} is in {registry_label(n.registry or '')} (extract {n.extract_date})" for n in listed)
    return f"Blocked — do not call: {where}."


class BlockedBanner(QLabel):
    """A red banner shown while the prospect on show is blocked; a yellow one when screening is stale.

    Screening starts once ``activate()`` is called (after the window's first paint), so the
    start of the app does not wait for the phone and holiday libraries.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="blockedBanner")
        self._db = db
        _fit_width(self)
        self.setStyleSheet(BANNER_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blocked = False
        self.active = False
        self.prospect_id: int | None = None
        self.clock = LocalTimeLabel(db, parent)
        self.hide()

    def activate(self) -> None:
        """Start screening, beginning with the prospect on show."""
        self.active = True
        self.show_prospect(self.prospect_id)

    def show_prospect(self, prospect_id: int | None) -> None:
        """Screen the prospect and show, restyle or hide the banner; update the local time line."""
        self.prospect_id = prospect_id
        if not self.active:
            return
        self.clock.show_prospect(prospect_id)
        from researcher.core.dnc import check_prospect

        result = None
        if prospect_id is not None:
            try:
                result = check_prospect(self._db, prospect_id)
            except NotFound:
                result = None
        self.blocked = bool(result and result.blocked)
        if result is not None and result.blocked:
            self.setObjectName("blockedBanner")
            self.setText(block_reason(result))
            self.setToolTip(self.text())
        elif result is not None and result.stale:
            self.setObjectName("staleBanner")
            self.setText("Screening is stale: import a fresh do-not-call extract before calling.")
            self.setToolTip("A do-not-call extract for this number's country is older than that country's rule "
                            "allows (Norway one month, UK 28 days, US 31 days).")
        else:
            self.hide()
            return
        self.setStyleSheet(BANNER_STYLE)
        self.show()


class LocalTimeLabel(QLabel):
    """The prospect's local time and calling window, kept current while visible."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="localTimeLabel")
        self._db = db
        _fit_width(self)
        self.prospect_id: int | None = None
        self._timer = QTimer(self, interval=CLOCK_MS)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def show_prospect(self, prospect_id: int | None) -> None:
        self.prospect_id = prospect_id
        self.refresh()

    def refresh(self) -> None:
        from researcher.core.calling_window import calling_time

        if self.prospect_id is None:
            self._timer.stop()
            self.hide()
            return
        try:
            now = calling_time(self._db, self.prospect_id)
        except NotFound:
            self.hide()
            return
        place = now.timezone.split("/")[-1].replace("_", " ")
        colour = "#1e6b34" if now.in_window else "#b3261e"
        text = f"<span style='color:{colour}'><b>{now.local_time:%H:%M}</b> {html.escape(place)} — {html.escape(now.reason)}"
        if not now.in_window and now.next_window_start:
            text += f"; next good time {now.next_window_start:%a %d %b %H:%M}"
        self.setText(text + "</span>")
        self.setToolTip(f"{now.local_time:%H:%M} {place}: {now.reason}")
        self.setContentsMargins(14, 2, 14, 4)
        self.show()
        self._timer.start()

    def hideEvent(self, event: object) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]


def _fit_width(label: QLabel) -> None:
    # Never widens the panel; a long warning wraps rather than losing its end.
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


@cache
def blocked_icon() -> QIcon:
    """A small red "no entry" sign for the prospect list."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#b3261e"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, 14, 14)
    painter.setBrush(QColor("white"))
    painter.drawRect(3, 6, 8, 2)
    painter.end()
    return QIcon(pixmap)


def list_marker(role: int, reason: str) -> object:
    """What the prospect list shows for a blocked person in the name column, by role."""
    if role == Qt.ItemDataRole.DecorationRole:
        return blocked_icon()
    if role == Qt.ItemDataRole.ToolTipRole:
        return reason
    return None


def screen_file(db_file: str, *, cancel: threading.Event | None = None) -> dict[int, str]:
    """Screen every prospect on a read-only connection of its own; return {id: reason} of the blocked."""
    from researcher.core.dnc import screen_all

    conn = read_only_connection(db_file)
    try:
        return {pid: block_reason(result) for pid, result in screen_all(Database(conn)).items()}
    finally:
        conn.close()


def call_warning(db: Database, prospect_id: int, kind: QComboBox) -> QLabel:
    """A warning for forms that log a call: shown while the kind is 'call' and calling now is not OK."""
    from researcher.core.calling_window import calling_time
    from researcher.core.dnc import check_prospect

    reasons = []
    screening = check_prospect(db, prospect_id)
    if screening.blocked:
        reasons.append(block_reason(screening))
    now = calling_time(db, prospect_id)
    if not now.in_window:
        reasons.append(f"It is {now.local_time:%H:%M} for them: outside the calling window. {now.reason}.")
    label = QLabel(" ".join(reasons), objectName="callWarning", wordWrap=True)
    label.setStyleSheet("QLabel#callWarning { background: #fff4d6; color: #5c3d00; padding: 6px; }")

    def on_kind_changed(_index: int) -> None:
        label.setVisible(bool(reasons) and kind.currentData() == "call")

    kind.currentIndexChanged.connect(on_kind_changed)
    on_kind_changed(0)
    return label
