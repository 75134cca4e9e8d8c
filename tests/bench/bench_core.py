"""Foundation figures: whole-process `add` / `list --week` against `python -c "import sqlite3"`,
and the p95 of logging one entry through the service on 100,000 entries.

Run: .venv/bin/python -m tests.bench.bench_core [--runs N]
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.bench.common import (
    PYTHON,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    percentile,
    run_bench,
    time_call,
    time_processes,
)

SECTION = "core"
SQLITE = "import sqlite3"
SQLITE_ARGV = [PYTHON, "-c", "import sqlite3"]   # the baseline of whole-process figures


def figures(runs: int = 9) -> list[Figure]:
    """Return the command-line figures on 25,000 entries and the service's on 100,000."""
    cli = str(Path(PYTHON).with_name("pm-workload"))
    data25 = copy_data_dir(demo_data_dir(25_000))
    base, add, week = time_processes([
        SQLITE_ARGV,
        [cli, "add", "Weekly status deck 45m ops #status", "--data-dir", str(data25)],
        [cli, "list", "--week", "2026-W48", "--data-dir", str(data25)],
    ], runs)
    shutil.rmtree(data25, ignore_errors=True)
    found = [
        compared(SECTION, "pm-workload add … (25k entries)", add, base, SQLITE, 3),
        compared(SECTION, "pm-workload list --week (25k entries)", week, base, SQLITE, 3),
    ]

    from app.workload import WorkloadService
    from storage import database_path, open_store

    data100 = copy_data_dir(demo_data_dir(100_000))
    with open_store(database_path(data100)) as store:
        service = WorkloadService(store)
        lines = iter(f"Bench entry {i} 30m ops #status" for i in range(10_000))
        times = time_call(lambda: service.entries.log_line(next(lines)), runs=200)
    shutil.rmtree(data100, ignore_errors=True)
    found.append(bounded(SECTION, f"log one entry via the service (100k), p95 of 200 "
                         f"(p50 {percentile(times, 50) * 1000:.2f} ms)",
                         percentile(times, 95) * 1000, 10))
    return found


def main() -> None:
    run_bench(__doc__, "Foundation (median of {runs} whole-process runs)", figures, 9)


if __name__ == "__main__":
    main()
