"""Benchmark the foundation on a big store: start-up, filter-as-you-type, opening a prospect, memory.

Usage: .venv/bin/python bench/bench_foundation.py [--db PATH] [--runs N]

Baseline for the start-up: a bare PySide6 window showing one label, started the same way in the
same run. Both children print the monotonic clock once their first frame has been painted; each
watches only its own window for that paint (a Python event filter on the whole application would
run for every event of every widget and slow the bigger window down by itself).
Targets (issue 3): start <= 2x the bare window; filter p95 <= 50 ms per keystroke; opening a
prospect with 500 timeline entries <= 100 ms; resident memory with the list open <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYCACHE = Path(tempfile.gettempdir()) / "researcher-bench" / "pycache"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FIRST_PAINT_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def __init__(self, kind):
        super().__init__()
        self.kind, self.seen = kind, False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, self.kind):
            self.seen = True
            QTimer.singleShot(0, self.report)  # after the whole first frame is painted
            if hasattr(obj, "started"):
                obj.started.connect(self.report_started)
                if obj.is_started:
                    QTimer.singleShot(0, self.report_started)
        return False
    def report(self):
        heavy = [m for m in ("requests", "bs4", "trafilatura", "lxml") if m in sys.modules]
        print(f"painted {time.monotonic():.6f} heavy={','.join(heavy) or 'none'}", flush=True)
        if self.kind is not QMainWindow:
            QApplication.instance().quit()
    def report_started(self):
        print(f"started {time.monotonic():.6f}", flush=True)
        QApplication.instance().quit()
"""

BARE = FIRST_PAINT_PROBE + """
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv[:1])
probe = FirstPaint(QLabel)
label = QLabel("Hello from a bare PySide6 window")
label.installEventFilter(probe)
label.resize(400, 120)
label.show()
app.exec()
"""

APP = FIRST_PAINT_PROBE + """
from researcher.cli import main
from researcher.ui.main_window import MainWindow
probe = FirstPaint(QMainWindow)
show_event = MainWindow.showEvent
def watched_show_event(window, event):
    window.installEventFilter(probe)
    show_event(window, event)
MainWindow.showEvent = watched_show_event
raise SystemExit(main(["--db", sys.argv[1]]))
"""


def child_env() -> dict[str, str]:
    # Like an installed app, the children run from compiled bytecode (kept outside the checkout).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPATH": str(ROOT),
            "PYTHONPYCACHEPREFIX": str(PYCACHE), "XDG_CONFIG_HOME": str(PYCACHE.parent / "config")}


def first_paint_seconds(code: str, *args: str) -> tuple[float, float | None, str]:
    """Run a child; return seconds to its first painted frame, to 'started' (if any), heavy modules."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=child_env(),
                            timeout=120, cwd=ROOT)
    lines = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    if "painted" not in lines:
        raise RuntimeError(f"no first paint reported:\n{result.stdout}\n{result.stderr}")
    stamp, heavy = lines["painted"]
    done = float(lines["started"][0]) - started if "started" in lines else None
    return float(stamp) - started, done, heavy.removeprefix("heavy=")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_start(db_path: Path, runs: int) -> dict[str, float | str]:
    bare, app, done, heavy = [], [], [], "none"
    first_paint_seconds(BARE)  # warm the file cache and compile the bytecode for both
    first_paint_seconds(APP, str(db_path))
    for _ in range(runs):
        bare.append(first_paint_seconds(BARE)[0])
        seconds, started, heavy = first_paint_seconds(APP, str(db_path))
        app.append(seconds)
        done.append(started or float("nan"))
    return {"bare": statistics.median(bare), "app": statistics.median(app), "started": statistics.median(done),
            "heavy": heavy}


def measure_in_process(db_path: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from researcher.core.db import open_database
    from researcher.ui.app import application
    from researcher.ui.main_window import MainWindow
    from researcher.ui.workers import JobRunner

    app = application()
    db = open_database(db_path, verify=False)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, JobRunner(QThreadPool.globalInstance()), db_path=db_path, settings=settings)
    window.resize(1360, 840)
    window.show()
    started = time.perf_counter()
    while not window.model.complete:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(5)
    app.processEvents()
    loaded = time.perf_counter() - started
    memory = rss_mb()

    field = window.prospect_list.filter
    field.setFocus()
    keystrokes: list[float] = []
    complete: list[float] = []

    def press(key: object) -> None:
        begin = time.perf_counter()
        QTest.keyClick(field, key)
        app.processEvents()  # the list repaints with the first matches
        keystrokes.append(time.perf_counter() - begin)
        while window.model.scanning:  # the rest of a long scan, slice by slice
            app.processEvents()
        complete.append(time.perf_counter() - begin)

    for word in ("lindqvist", "kärkkäinen", "økonomisjef", "routa", "sjöström", "+46 70", "example.dk",
                 "pennine haulage", "ærø", "zzzz"):
        for char in word:
            press(char)
        for _ in word:
            press(Qt.Key.Key_Backspace)

    panel = window.panel
    busy = 1
    other = int(db.execute("SELECT id FROM prospects WHERE id > 1 LIMIT 1").fetchone()[0])
    entries = len(__import__("researcher.core.interactions", fromlist=["timeline"]).timeline(db, busy))
    opens: dict[str, list[float]] = {"Timeline": [], "Details": []}
    for tab in ("Timeline", "Details"):
        panel.tabs.setCurrentIndex(0 if tab == "Details" else 1)
        for _ in range(7):
            window.prospect_list.select_id(other)
            app.processEvents()
            begin = time.perf_counter()
            window.prospect_list.select_id(busy)
            app.processEvents()
            opens[tab].append(time.perf_counter() - begin)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    db.close()
    return {"loaded": loaded, "rss": memory, "filter_p95": p95(keystrokes), "filter_max": max(keystrokes),
            "complete_p95": p95(complete),
            "keystrokes": len(keystrokes), "entries": entries,
            "open_timeline": statistics.median(opens["Timeline"]), "open_timeline_max": max(opens["Timeline"]),
            "open_details": statistics.median(opens["Details"]), "rows": window.model.total}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="benchmark database (made if missing)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from make_big_db import DEFAULT_PATH, build

    db_path = args.db or DEFAULT_PATH
    if not db_path.exists():
        print(f"Generating {db_path} …", flush=True)
        build(db_path)
    start = measure_start(db_path, args.runs)
    inner = measure_in_process(db_path)
    ratio = start["app"] / start["bare"]

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"Database: {db_path} ({inner['rows']:,} prospects, {db_path.stat().st_size / 1e6:.0f} MB)")
    print(f"Start to first painted window (median of {args.runs}):")
    print(f"  bare PySide6 label window   {start['bare'] * 1000:7.0f} ms   (baseline)")
    print(f"  Researcher main window      {start['app'] * 1000:7.0f} ms   ratio {ratio:.2f}x  "
          f"target <= 2x  {verdict(ratio <= 2)}")
    print(f"  start finished (store open, whole list loading, all tabs, extensions) at "
          f"{start['started'] * 1000:.0f} ms")
    print(f"  heavy libraries loaded at first paint: {start['heavy']}")
    print(f"Whole list in memory after    {inner['loaded'] * 1000:7.0f} ms   (in the background)")
    print(f"Filter as you type, p95       {inner['filter_p95'] * 1000:7.1f} ms   over {inner['keystrokes']} "
          f"keystrokes (max {inner['filter_max'] * 1000:.1f} ms)  target <= 50 ms  "
          f"{verdict(inner['filter_p95'] <= 0.05)}")
    print(f"  whole result known, p95     {inner['complete_p95'] * 1000:7.1f} ms   (long scans finish in slices)")
    print(f"Open prospect, {inner['entries']} entries   {inner['open_timeline'] * 1000:7.1f} ms   timeline tab, "
          f"median (max {inner['open_timeline_max'] * 1000:.1f} ms)  target <= 100 ms  "
          f"{verdict(inner['open_timeline'] <= 0.1)}")
    print(f"  same, details tab           {inner['open_details'] * 1000:7.1f} ms   median")
    print(f"Resident memory, list open    {inner['rss']:7.0f} MB   target <= 300 MB  {verdict(inner['rss'] <= 300)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
