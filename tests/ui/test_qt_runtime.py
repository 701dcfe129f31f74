"""The Qt binding in use does not corrupt Python's reference counts (6.12.0 did, and aborted at exit)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextDocument


def test_qt_calls_returning_nothing_keep_none_alive(qapp) -> None:
    document = QTextDocument()
    before = sys.getrefcount(None)
    for _ in range(1000):
        document.setTextWidth(480)
    assert abs(sys.getrefcount(None) - before) < 50
