"""The app's few visual accents, applied per widget: an app-wide style sheet slows every widget down."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR = "#b3261e"
STAGE_COLOURS = {
    "new": ("#e7edf5", "#284b73"), "researching": ("#e8f0fe", "#1a4e9c"), "contacted": ("#e6f4ea", "#1e6b35"),
    "interested": ("#fef7e0", "#7a5a00"), "meeting": ("#f3e8fd", "#6a2aa8"), "customer": ("#d7f5df", "#0f5a2a"),
    "lost": ("#eeeeee", "#555555"),
}
MUTED_NAMES = ("mutedLabel", "timelineCount")


def _text_colour(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def muted(label: QLabel) -> QLabel:
    """Grey secondary text (counts, dates, hints)."""
    _text_colour(label, label.palette().color(QPalette.ColorRole.PlaceholderText))
    return label


def error(label: QLabel) -> QLabel:
    """Red, bold text for a refused value."""
    _text_colour(label, QColor(ERROR))
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(2, 4, 2, 4)
    return label


def heading(label: QLabel, scale: float, *, bold: bool = True) -> QLabel:
    """A larger (and bold) font for titles such as the prospect's name."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


def empty_hint(label: QLabel) -> QLabel:
    """The centred grey text shown where a list or panel has nothing yet."""
    muted(heading(label, 1.1, bold=False))
    label.setContentsMargins(24, 24, 24, 24)
    return label


def stage_badge(label: QLabel, stage: str) -> None:
    """A rounded pill in the colour of the prospect's stage."""
    background, foreground = STAGE_COLOURS.get(stage, STAGE_COLOURS["new"])
    label.setStyleSheet(f"border-radius: 9px; padding: 2px 10px; font-weight: 600; "
                        f"background: {background}; color: {foreground};")


def demo_badge(label: QLabel) -> QLabel:
    """The yellow note in the status bar that says the demo database is open."""
    label.setStyleSheet("background: #fff4ce; color: #5c4400; border: 1px solid #e8d28a; "
                        "border-radius: 3px; padding: 1px 8px;")
    return label


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline a field whose value was refused (and clear it again)."""
    widget.setStyleSheet(f"border: 1px solid {ERROR}; background: #fdecea;" if invalid else "")


def restyle_named(root: QWidget) -> None:
    """Give labels named after a look (``objectName="mutedLabel"``) under ``root`` that look."""
    for label in root.findChildren(QLabel):
        if label.objectName() in MUTED_NAMES and not label.property("lookApplied"):
            muted(label)
            label.setProperty("lookApplied", True)
