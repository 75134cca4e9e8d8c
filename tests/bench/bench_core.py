"""Foundation figures: whole-process `add` / `list --week` against `python -c "import sqlite3"`,
and the p95 of logging one entry through the service on 100,000 entries.

Run: .venv/bin/python -m tests.bench.bench_core [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from tests.bench.common import (
    PYTHON,
    copy_data_dir,
    demo_data_dir,
    percentile,
    print_table,
    time_call,
    time_process,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    cli = str(Path(PYTHON).with_name("pm-workload"))

    data25 = copy_data_dir(demo_data_dir(25_000))
    baseline = time_process([PYTHON, "-c", "import sqlite3"], args.runs)
    add = time_process([cli, "add", "Weekly status deck 45m ops #status", "--data-dir", str(data25)],
                       args.runs)
    week = time_process([cli, "list", "--week", "2026-W48", "--data-dir", str(data25)], args.runs)
    rows = [
        ["python -c 'import sqlite3' (baseline)", f"{baseline * 1000:.1f} ms", "1.00", ""],
        ["pm-workload add … (25k entries)", f"{add * 1000:.1f} ms", f"{add / baseline:.2f}",
         "<= 3.0"],
        ["pm-workload list --week (25k entries)", f"{week * 1000:.1f} ms",
         f"{week / baseline:.2f}", "<= 3.0"],
    ]
    shutil.rmtree(data25, ignore_errors=True)

    from app.services import WorkloadService
    from storage import database_path, open_store

    data100 = copy_data_dir(demo_data_dir(100_000))
    with open_store(database_path(data100)) as store:
        service = WorkloadService(store)
        lines = iter(f"Bench entry {i} 30m ops #status" for i in range(10_000))
        times = time_call(lambda: service.log_line(next(lines)), runs=200)
    shutil.rmtree(data100, ignore_errors=True)
    p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
    rows.append(["log one entry via the service (100k), p50", f"{p50:.2f} ms", "", ""])
    rows.append(["log one entry via the service (100k), p95", f"{p95:.2f} ms", "", "<= 10 ms"])
    print_table(f"Foundation (median of {args.runs} whole-process runs; Python {sys.version.split()[0]})",
                ["measure", "time", "ratio", "goal"], rows)


if __name__ == "__main__":
    main()
