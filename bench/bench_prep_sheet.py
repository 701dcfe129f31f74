"""Prep-sheet export speed, memory and GUI responsiveness.

Run: .venv/bin/python bench/bench_prep_sheet.py [--prospects 100]

Measures, on a generated database (the demo plus generated Nordic prospects with notes and
interactions):
- one prospect, command to file: the `researcher export-pdf` process, wall clock (target ≤ 300 ms),
  median of 15 runs interleaved with a bare `python -c "import PySide6.QtGui"` process, the baseline
  for interpreter and Qt start (on a shared machine, the ratio between the two drifts least);
  like an installed app, both run from compiled bytecode (kept outside the checkout), and the export
  finds its cache filled (holidays, parsed rule files; also shown: the first export, cache empty);
  and the export call alone inside a running process;
- the same command on the large store of bench/make_big_db.py when it is there (100,000 prospects,
  172 MB): a prospect with a few entries and prospect 1, who has 500;
- a batch of N prospects in one PDF (target ≤ 15 s for 100), with resident memory after each
  quarter of the batch (flat means no growth per sheet);
- the same batch driven by the GUI's BatchRunner with a 5 ms heartbeat timer: the longest gap
  between heartbeats is how long the window could not react.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PYCACHE = Path(tempfile.gettempdir()) / "researcher-bench" / "pycache"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST = ["Åsa", "Jörgen", "Ingrid", "Sæbjørn", "Päivi", "Mette", "Øyvind", "Katriina", "Björn", "Æsa", "Lærke", "Jyrki"]
LAST = ["Öberg", "Kärkkäinen", "Sæther", "Østergaard", "Väisänen", "Åkesson", "Bækgaard", "Lindqvist", "Høgås"]
COMPANIES = [("Routakivi Oy", "FI", "+358 40 5{:06d}"), ("Kvarnsjö Energi AB", "SE", "+46 70 1{:06d}"),
             ("Havbris Sjømat AS", "NO", "+47 91{:06d}"), ("Bøgely Revision A/S", "DK", "+45 22{:06d}")]
NOTE = ("Tapasimme messuilla; he avaavat uuden terminaalin Tampereelle syksyllä ja rekrytoivat kuusi "
        "varastotyöntekijää. Jörgen vastaa käyttöönotosta, päätös budjetista tehdään joulukuussa.")


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def build_database(path: Path, count: int):
    from researcher.core.demo import build_demo
    from researcher.core.interactions import log_interaction
    from researcher.core.notes import add_note
    from researcher.core.prospects import add_prospect, list_prospects

    db = build_demo(path, today=date(2026, 12, 1))
    existing = len(list_prospects(db))
    with db.atomic():
        for n in range(max(0, count - existing)):
            company, country, phone = COMPANIES[n % len(COMPANIES)]
            pid = add_prospect(db, f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n}", company=company,
                               country=country, title="Talousjohtaja", phones=[phone.format(n)], language="fi")
            for k in range(3):
                add_note(db, NOTE, prospect_id=pid, source=f"Kauppalehti {k}", created_at=f"2026-11-{10 + k}")
                log_interaction(db, pid, "call", occurred_at=f"2026-11-{12 + k}T09:00", outcome="call_back_later",
                                summary="Pyysi soittamaan joulukuussa.", next_step="Soita 3.12.",
                                follow_up="2026-12-01")
    return db


def child_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(PYCACHE)}


def export_command(db_path: Path, out: Path, prospect: int = 1) -> list[str]:
    return [sys.executable, "-m", "researcher", "--db", str(db_path), "export-pdf", str(prospect), "-o", str(out)]


def run_seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def time_cli(db_path: Path, out: Path, runs: int = 15) -> tuple[list[float], list[float], float]:
    """Return the export and bare-Qt process times (interleaved runs), and one export with the app's cache empty."""
    env = child_env()
    command, bare = export_command(db_path, out), [sys.executable, "-c", "import PySide6.QtGui"]
    run_seconds(bare, env)  # compile the bytecode and warm the file cache for both
    run_seconds(command, env)
    shutil.rmtree(os.environ["XDG_CACHE_HOME"])
    first = run_seconds(command, env)
    cli_times, bare_times = [], []
    for _ in range(runs):
        cli_times.append(run_seconds(command, env))
        bare_times.append(run_seconds(bare, env))
    return cli_times, bare_times, first


def cold_phases(db_path: Path, out: Path) -> None:
    """Run one export in this fresh process in the command's order and print where the time goes."""
    marks = [("start", STARTED)]
    from researcher.cli import COMMAND_COLLECT_EVERY, parse_arguments

    gc.set_threshold(COMMAND_COLLECT_EVERY, *gc.get_threshold()[1:])  # as the command runs
    parse_arguments(export_command(db_path, out)[3:])
    marks.append(("the command line and its command module", time.perf_counter()))
    from researcher.core.store_file import is_current
    from researcher.core.store_reader import StoreReader

    assert is_current(db_path)
    db = StoreReader(db_path)
    marks.append(("open the store read-only", time.perf_counter()))
    from researcher.core.briefing import build_briefing, load_areas
    from researcher.core.prep_sheet import build_prep_sheet
    from researcher.core.prep_sheet_fit import page_box

    load_areas()
    marks.append(("the core modules a sheet needs", time.perf_counter()))
    from researcher.ui import pdf_export

    pdf_export.ensure_application()
    renderer = pdf_export.SheetRenderer()
    marks.append(("import Qt, create the application, load fonts", time.perf_counter()))
    briefing = build_briefing(db, 1)
    marks.append(("first briefing (lexicons, libraries, caches)", time.perf_counter()))
    build_briefing(db, 1)
    marks.append(("same briefing again, warm", time.perf_counter()))
    fitted = renderer.fit(build_prep_sheet(briefing), page_box("a4"))
    marks.append(("sheet content and one-page fitting", time.perf_counter()))
    pdf = pdf_export.PdfSheets(out, renderer, "a4", title="Prep sheet", subject="Bench", author="Bench")
    pdf.add(fitted)
    pdf.close()
    marks.append(("paint and write the PDF", time.perf_counter()))
    for (_, before), (name, after) in zip(marks, marks[1:]):
        print(f"    {name:52s} {(after - before) * 1000:6.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=100)
    parser.add_argument("--phases", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        cold_phases(Path(args.phases), Path(args.phases).with_name("phases.pdf"))
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-prep-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the app's cache, kept apart from the rep's
    db_path = work / "bench.sqlite"
    db = build_database(db_path, args.prospects)
    from researcher.core.prospects import list_prospects

    ids = [p.id for p in list_prospects(db)][: args.prospects]
    db.conn.commit()

    cli_times, bare_times, first = time_cli(db_path, work / "one-cli.pdf")
    cli, bare = statistics.median(cli_times), statistics.median(bare_times)
    print(f"one prospect, command to file:  {cli * 1000:6.0f} ms  (target 300 ms: {cli / 0.3:.2f}×; quietest run "
          f"{min(cli_times) * 1000:.0f} ms; {first * 1000:.0f} ms with the cache empty)")
    print(f"  beside bare Python + Qt import: {bare * 1000:.0f} ms (quietest {min(bare_times) * 1000:.0f} ms), "
          f"so the export takes {cli / bare:.2f}× the bare start and adds {(cli - bare) * 1000:.0f} ms to it")
    sys.path.insert(0, str(ROOT / "bench"))
    from make_big_db import BUSY_PROSPECT_ENTRIES, DEFAULT_PATH

    if DEFAULT_PATH.exists():
        times = {prospect: [] for prospect in (5000, 1)}
        for prospect in [*times] * 8:
            times[prospect].append(run_seconds(export_command(DEFAULT_PATH, work / "big.pdf", prospect), child_env()))
        few, busy = (statistics.median(found[1:]) for found in times.values())  # the first run warms the file cache
        print(f"  from the large store ({DEFAULT_PATH.stat().st_size / 1e6:.0f} MB): {few * 1000:.0f} ms; for the "
              f"prospect with {BUSY_PROSPECT_ENTRIES} entries {busy * 1000:.0f} ms")
    print("  where a fresh process spends it:")
    sys.stdout.flush()
    subprocess.run([sys.executable, __file__, "--phases", str(db_path)], check=True, env=child_env())

    from PySide6.QtWidgets import QApplication

    from researcher.ui.pdf_export import SheetExport, SheetRenderer

    app = QApplication([])
    renderer = SheetRenderer()
    singles = []
    for _ in range(5):
        start = time.perf_counter()
        SheetExport(db, ids[:1], work / "one.pdf", renderer=renderer).run()
        singles.append(time.perf_counter() - start)
    print(f"one prospect, export call only:  {statistics.median(singles) * 1000:6.0f} ms (median of 5, warm)")

    marks: list[tuple[int, float]] = []
    quarter = max(1, len(ids) // 4)
    start = time.perf_counter()
    rss_start = rss_mb()
    result = SheetExport(db, ids, work / "batch.pdf", renderer=renderer).run(
        progress=lambda done, total: marks.append((done, rss_mb())) if done % quarter == 0 else None)
    batch = time.perf_counter() - start
    print(f"batch of {result.sheets} in one PDF:   {batch:6.2f} s  (target 15 s for 100: {batch / 15 * 100 / len(ids):.2f}×"
          f" scaled to 100; {batch / len(ids) * 1000:.0f} ms per sheet)")
    print("resident memory (MB):           start {:.0f}; ".format(rss_start)
          + "; ".join(f"after {done}: {mb:.0f}" for done, mb in marks))

    from PySide6.QtCore import QEventLoop, QTimer

    from researcher.ui.sheet_batch import BatchRunner

    runner = BatchRunner(SheetExport(db, ids, work / "gui.pdf", renderer=renderer))
    beats: list[float] = []
    heartbeat = QTimer(interval=5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    loop = QEventLoop()
    runner.finished.connect(loop.quit)
    heartbeat.start()
    start = time.perf_counter()
    runner.start()
    loop.exec()
    gui = time.perf_counter() - start
    heartbeat.stop()
    gaps = sorted((b - a) * 1000 for a, b in zip(beats, beats[1:]))
    p95 = gaps[int(len(gaps) * 0.95)] if gaps else 0.0
    print(f"GUI batch of {len(ids)} (BatchRunner):   {gui:6.2f} s; heartbeat gaps: max {max(gaps, default=0):.0f} ms, "
          f"p95 {p95:.0f} ms, median {statistics.median(gaps) if gaps else 0:.0f} ms over {len(gaps)} beats")
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
