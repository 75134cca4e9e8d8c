"""CSV figures, whole processes measured in the same run:

- `pm-workload export` of 25,000 entries against a bare sqlite3 + csv script writing the same
  rows (goal: <= 2x);
- `pm-workload import` of 100,000 native rows into an empty database (goal: <= 2 s), with its
  peak RSS beside that of importing 10,000 rows (memory flat: goal <= 1.5x for ten times the rows).

Run: .venv/bin/python -m tests.bench.bench_csv [--runs N]
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import tempfile
from datetime import date
from pathlib import Path

from tests.bench.common import (
    CACHE,
    PYTHON,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    run_bench,
    run_measured,
    time_processes,
)

SECTION = "csv"

# The same rows as `pm-workload export`, with nothing but the standard library.
BARE_EXPORT = '''
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT e.day, e.start, e.minutes, t.title, e.kind, c.name, t.handoff, e.note "
    "FROM entries e JOIN tasks t ON t.id = e.task_id "
    "LEFT JOIN categories c ON c.id = e.category_id "
    "ORDER BY e.day, e.start IS NULL, e.start, e.id")
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(("date", "start", "minutes", "hours", "title", "kind", "category", "handoff",
                     "note"))
    writer.writerows((d, s or "", m, f"{m / 60:.2f}", t, k, c or "", h, n)
                     for d, s, m, t, k, c, h, n in rows)
'''


def empty_data_dir() -> Path:
    """Return a new data dir holding an empty, up-to-date database."""
    from storage import database_path, open_store

    target = Path(tempfile.mkdtemp(prefix="pmw-bench-import-"))
    open_store(database_path(target)).close()
    return target


def time_import(cli: str, csv_file: Path, runs: int, env: dict | None = None) -> tuple[float, int]:
    """Return the median wall time and the largest peak RSS of importing into empty databases."""
    times, peaks = [], []
    for i in range(runs + 1):
        target = empty_data_dir()
        elapsed, peak = run_measured([cli, "import", str(csv_file), "--data-dir", str(target)], env)
        shutil.rmtree(target, ignore_errors=True)
        if i:  # the first run warms the disk cache
            times.append(elapsed)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def native_csv(entries: int) -> Path:
    """Return an entries CSV of about ``entries`` rows written by our own export (cached).

    Two demo PMs (seeds 7 and 8) of over half the rows each, so every day is after 1970.
    """
    from app import demo
    from app.exchange.exporting import export_entries
    from app.workload import WorkloadService
    from storage import open_store

    target = CACHE / f"entries-{entries}-v1.csv"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="pmw-bench-csv-"))
        with open_store(folder / "pm-workload.db") as store:
            for seed in (7, 8):
                made = demo.generate(demo.weeks_for(entries * 3 // 5), seed, end=date(2026, 11, 24))
                demo.fill(store, made)
            full = folder / "full.csv"
            export_entries(WorkloadService(store), full, date(1970, 1, 1), date(2100, 1, 1))
        # Demo notes are empty, so one line is one row: keep the header and ``entries`` rows.
        with full.open(encoding="utf-8", newline="") as source, \
                target.open("w", encoding="utf-8", newline="") as out:
            out.writelines(itertools.islice(source, entries + 1))
        shutil.rmtree(folder, ignore_errors=True)
    return target


def figures(runs: int = 7) -> list[Figure]:
    """Return the CSV figures: export of 25k entries against a bare script, import of 100k rows."""
    cli = str(Path(PYTHON).with_name("pm-workload"))
    work = Path(tempfile.mkdtemp(prefix="pmw-bench-csv-"))
    data25 = copy_data_dir(demo_data_dir(25_000))
    db = data25 / "pm-workload.db"
    script = work / "bare_export.py"
    script.write_text(BARE_EXPORT)
    bare, ours = time_processes([
        [PYTHON, str(script), str(db), str(work / "bare.csv")],
        [cli, "export", "--output", str(work / "ours.csv"), "--data-dir", str(data25)]], runs)
    same = (work / "bare.csv").read_bytes() == (work / "ours.csv").read_bytes()
    shutil.rmtree(data25, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    found = [compared(SECTION, f"pm-workload export, 25k entries (same bytes: {'yes' if same else 'NO'})",
                      ours, bare, "sqlite3+csv script", 2)]

    small, big = native_csv(10_000), native_csv(100_000)
    _small_time, small_rss = time_import(cli, small, runs)
    big_time, big_rss = time_import(cli, big, runs)
    found += [
        bounded(SECTION, "pm-workload import, 100k native rows", big_time * 1000, 2000),
        # Flat: ten times the rows, much the same memory.
        Figure(SECTION, "peak memory, import 100k rows (memory flat)", f"{big_rss / 1024:.0f} MB",
               f"{small_rss / 1024:.0f} MB import 10k rows", big_rss / small_rss, "<= 1.5x",
               big_rss / small_rss <= 1.5),
    ]
    return found


def main() -> None:
    run_bench(__doc__, "CSV (median of {runs} whole-process runs)", figures, 7)


if __name__ == "__main__":
    main()
