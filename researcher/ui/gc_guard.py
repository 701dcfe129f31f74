"""Run Python's cyclic garbage collector on the GUI thread only.

A collection may start in whichever thread happens to allocate; on a worker thread it can then
destroy Qt objects that belong to the GUI thread, which crashes the process. So the automatic
collector is switched off and the GUI thread collects on a timer, using the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects garbage on the thread it lives in (create it on the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.on_tick)
        self._timer.start()

    def on_tick(self) -> None:
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] <= self._threshold[level]:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)
