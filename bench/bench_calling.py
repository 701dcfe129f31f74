"""Benchmark the calling area: CSV import, do-not-call screening and the call list at 100,000 prospects.

Run: .venv/bin/python bench/bench_calling.py [--quick]
Baselines are the targets in the issue; each line prints the measured wall-clock figure, the CPU
time the same work used (a fairer figure when other processes share the cores), and wall/target.
"""

from __future__ import annotations

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from researcher.core.db import open_database  # noqa: E402

FIRST = ["Åse", "Björn", "Päivi", "Søren", "Ingrid", "Mikko", "Märta", "Kjetil", "Aino", "Mette", "Oliver", "Priya"]
LAST = ["Løvås", "Öberg", "Mäkinen", "Østergaard", "Sæther", "Järvinen", "Lindqvist", "Øvrebø", "Virtanen", "Kjær"]
COUNTRIES = ("NO", "SE", "FI", "DK", "GB")


def phone(country: str, i: int) -> str:
    if country == "NO":
        return f"+47 4{i % 100:02d} {(i // 100) % 100:02d} {(i // 10000) % 1000:03d}"
    if country == "SE":
        return f"+46 70 {i % 1000:03d} {(i // 1000) % 100:02d} {(i // 100000) % 100:02d}"
    if country == "FI":
        return f"+358 40 {i % 1000:03d} {(i // 1000) % 10000:04d}"
    if country == "DK":
        return f"+45 2{i % 10} {(i // 10) % 100:02d} {(i // 1000) % 100:02d} {(i // 100000) % 100:02d}"
    return f"+44 7700 9{i % 100000:05d}"


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Email", "Phone Number", "Job Title", "Company Name",
                         "Country/Region", "City"])
        for i in range(rows):
            country = COUNTRIES[i % len(COUNTRIES)]
            writer.writerow([rng.choice(FIRST), f"{rng.choice(LAST)}-{i}", f"person{i}@firma{i % 20000}.example",
                             phone(country, i), "Innkjøpssjef", f"Firma {i % 20000} AS", country, "Oslo"])


def import_run(csv_path: str, db_path: str) -> None:
    """Child process: import one CSV and print seconds and peak RSS (MB) as JSON."""
    from researcher.core.importers.csv_import import import_csv

    db = open_database(db_path)
    start, cpu = time.perf_counter(), time.process_time()
    report = import_csv(db, csv_path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "accepted": report.accepted}))


def measure_import(workdir: Path, rows: int) -> dict[str, float]:
    csv_path, db_path = workdir / f"import-{rows}.csv", workdir / f"import-{rows}.sqlite"
    write_csv(csv_path, rows)
    out = subprocess.run([sys.executable, __file__, "--child-import", str(csv_path), str(db_path)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_extract(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(f"9{i:07d}\n" if i % 3 else f"+47 4{i % 100:02d} {(i // 100) % 100:02d} {(i // 10000) % 1000:03d}\n")


class Timer:
    """Wall-clock and CPU time of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def line(label: str, measured: float, target: float, unit: str, cpu: float | None = None) -> None:
    used = f"cpu {cpu:9.3f} {unit:<3}" if cpu is not None else " " * 17
    print(f"{label:<52} {measured:9.3f} {unit:<3} {used} target {target:>7.1f} {unit:<3} ratio {measured / target:5.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, for a smoke run")
    parser.add_argument("--child-import", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        import_run(*args.child_import)
        return 0
    scale = 10 if args.quick else 1
    prospects, numbers = 100_000 // scale, 3_000_000 // scale
    from researcher.core.call_list import build_call_list
    from researcher.core.dnc import check_phone, import_extract, screen_all

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = measure_import(work, prospects // 5)
        big = measure_import(work, prospects)
        line(f"CSV import, {prospects:,} rows", big["seconds"], 20.0, "s", big["cpu"])
        print(f"{'  peak memory: ' + format(prospects // 5, ',') + ' rows vs ' + format(prospects, ',') + ' rows':<58} "
              f"{small['peak_mb']:10.1f} MB  vs {big['peak_mb']:8.1f} MB  growth {big['peak_mb'] / small['peak_mb']:5.2f}x "
              f"for {5}x the rows")

        db = open_database(work / f"import-{prospects}.sqlite")
        extract = work / "extract.txt"
        write_extract(extract, numbers)
        with Timer() as t:
            report = import_extract(db, extract, registry="reservasjonsregisteret", country="NO",
                                    extract_date=date.today().isoformat())
        line(f"registry extract import, {report.numbers:,} numbers", t.wall, 10.0, "s", t.cpu)

        with Timer() as t:
            blocked = screen_all(db)
        line(f"screen {prospects:,} prospects ({len(blocked):,} blocked)", t.wall, 10.0, "s", t.cpu)

        rng = random.Random(3)
        samples = [f"9{rng.randrange(numbers):07d}" for _ in range(1000)]
        with Timer() as t:
            for sample in samples:
                check_phone(db, sample, country="NO")
        line("single number check (mean of 1,000)", t.wall / len(samples) * 1000, 1.0, "ms",
             t.cpu / len(samples) * 1000)

        today = date.today()
        due = rng.sample(range(1, prospects + 1), prospects // 50)
        with db.atomic():
            db.conn.executemany("UPDATE prospects SET next_follow_up = ?, last_interaction_at = ? WHERE id = ?",
                                [((today - timedelta(days=rng.randrange(0, 5))).isoformat(),
                                  (today - timedelta(days=7)).isoformat() + "T10:00:00+00:00", pid) for pid in due])
        db.conn.commit()
        now = datetime.now(UTC)
        build_call_list(db, day=today, now=now)  # warm caches, as in the app after the first view
        timings: list[Timer] = []
        for _ in range(5):
            with Timer() as t:
                result = build_call_list(db, day=today, now=now)
            timings.append(t)
        size = len(result.callable_now) + len(result.out_of_window) + len(result.blocked)
        line(f"call list, {prospects:,} prospects ({size:,} due), median of 5",
             statistics.median(t.wall for t in timings) * 1000, 200.0, "ms",
             statistics.median(t.cpu for t in timings) * 1000)
        from researcher.core import calling_window, phones

        calling_window.locate.cache_clear()
        phones.normalise_phone.cache_clear()
        phones.phone_region.cache_clear()
        with Timer() as t:
            build_call_list(db, day=today, now=now)
        line("  the same, first build with cold caches", t.wall * 1000, 200.0, "ms", t.cpu * 1000)
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
