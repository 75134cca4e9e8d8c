"""Review figures: switching weeks on the Review page (queries and redraw of every chart) on
25,000 and 100,000 entries, the first open of the page in a fresh process, and
`pm-workload report --week` as a whole process against `python -c "import sqlite3"`.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.bench.bench_review [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.common import PYTHON, ROOT, percentile, print_table, time_process

# The demo data ends on this day; the page stands on it so every week has entries.
TODAY = "2026-11-24T10:30:00"
# Databases are built here, for this run only: a shared cache can change under a benchmark.
_DATA: dict[int, Path] = {}


def data_dir(entries: int) -> Path:
    """Return a private data dir holding about ``entries`` demo entries (built once a run)."""
    if entries not in _DATA:
        import tempfile
        from datetime import date

        from app import demo
        from storage import database_path, open_store, queries

        target = Path(tempfile.mkdtemp(prefix=f"pmw-review-bench-{entries}-"))
        with open_store(database_path(target)) as store:
            made = demo.generate(demo.weeks_for(entries) + 4, 7, date(2026, 11, 24))
            demo.fill(store, made[-entries:])     # the most recent ``entries`` of them
            assert queries.count_entries(store) == min(entries, len(made))
        _DATA[entries] = target
    return _DATA[entries]

# Runs in a fresh process: Qt and the app loaded as the main window has them, then the page
# opened for the first time, with or without the matplotlib warm-up having run meanwhile.
_FIRST_OPEN = r"""
import json, sys, time
from datetime import datetime
from pathlib import Path
started = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.clock import FixedClock
from app.services import WorkloadService
from storage import database_path, open_store
service = WorkloadService(open_store(database_path(Path(sys.argv[1]))),
                          FixedClock(datetime.fromisoformat(sys.argv[2])))
window_up = time.perf_counter()
if sys.argv[3] == "warm":
    from ui.review.charts import start_warm_up
    start_warm_up()
    time.sleep(1.5)   # the PM looks at the window before opening the Review tab
    app.processEvents()
    assert "matplotlib.figure" in sys.modules
else:
    assert "matplotlib" not in sys.modules
from tests.bench.bench_review import open_and_draw
opened = open_and_draw(app, service)
print(json.dumps({"page_ms": opened * 1000, "start_ms": (window_up - started) * 1000}))
"""


def wait_for_draws(app, page, draws_before: dict[str, int]) -> None:
    """Process events until every chart has drawn since ``draws_before`` and was painted."""
    charts = page.charts.values()
    while any(chart.rendered <= draws_before[chart.name] for chart in charts):
        app.processEvents()
    app.processEvents()


def open_and_draw(app, service, weeks: int = 8) -> float:
    """Return the seconds from creating the Review page to every chart painted."""
    from ui.review.page import ReviewPage

    start = time.perf_counter()
    page = ReviewPage(service)
    page.set_range(weeks)
    page.resize(1400, 1000)
    page.show()
    wait_for_draws(app, page, {name: 0 for name in page.charts})
    return time.perf_counter() - start


def week_switch(entries: int, runs: int, weeks: int) -> tuple[list[float], list[float], int]:
    """Return (switch times, query times) in seconds over ``runs`` switches, and the entries."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from app.clock import FixedClock
    from app.review import ReviewService
    from app.services import WorkloadService
    from storage import database_path, open_store, queries

    app = QApplication.instance() or QApplication([])
    store = open_store(database_path(data_dir(entries)))
    service = WorkloadService(store, FixedClock(datetime.fromisoformat(TODAY)))
    count = queries.count_entries(store)
    from ui.review.page import ReviewPage

    page = ReviewPage(service)
    page.set_range(weeks)
    page.resize(1400, 1000)
    page.show()
    wait_for_draws(app, page, {name: 0 for name in page.charts})
    today = service.clock.today()
    from datetime import timedelta

    switches, reads = [], []
    reviews = ReviewService(service)
    for i in range(runs):
        day = today - timedelta(weeks=1 + i % 6)
        before = {name: chart.rendered for name, chart in page.charts.items()}
        start = time.perf_counter()
        page.show_week(day)
        wait_for_draws(app, page, before)
        switches.append(time.perf_counter() - start)
        start = time.perf_counter()
        reviews.review(day, weeks)
        reads.append(time.perf_counter() - start)
    page.close()
    page.deleteLater()
    app.processEvents()
    store.close()
    return switches, reads, count


def first_open(entries: int, runs: int, mode: str) -> tuple[float, float]:
    """Return the median (page ms, start-up ms) of opening the page in a fresh process."""
    data = data_dir(entries)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pages, starts = [], []
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", _FIRST_OPEN, str(data), TODAY, mode], env=env,
                              check=True, capture_output=True, text=True, cwd=ROOT)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        pages.append(figures["page_ms"])
        starts.append(figures["start_ms"])
    return statistics.median(pages), statistics.median(starts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows = []
    for entries, goal in ((25_000, 100), (100_000, 250)):
        for weeks in (8, 26):
            switches, reads, count = week_switch(entries, max(args.runs, 5), weeks)
            median = statistics.median(switches) * 1000
            rows.append([f"switch week, {weeks}-week range ({count:,} entries)",
                         f"{median:.1f} ms", f"{percentile(switches, 95) * 1000:.1f} ms",
                         f"{statistics.median(reads) * 1000:.1f} ms", f"{median / goal:.2f}",
                         f"<= {goal} ms"])
    print_table(f"Week switch on the Review page (median of {max(args.runs, 5)}; queries = "
                "ReviewService.review alone)",
                ["measure", "median", "p95", "queries", "ratio to goal", "goal"], rows)

    open_runs = max(3, args.runs // 2)
    cold, start = first_open(25_000, open_runs, "cold")
    warm, _ = first_open(25_000, open_runs, "warm")
    print_table(f"First open of the Review page in a fresh process (25k entries, median of "
                f"{open_runs})",
                ["measure", "time", "ratio to goal", "goal"], [
                    ["Qt + app + database up (before the page)", f"{start:.0f} ms", "", ""],
                    ["page opened cold (matplotlib not loaded yet)", f"{cold:.0f} ms",
                     f"{cold / 1200:.2f}", "<= 1200 ms"],
                    ["page opened after the warm-up thread ran", f"{warm:.0f} ms",
                     f"{warm / 1200:.2f}", "<= 1200 ms"],
                ])

    cli = str(Path(PYTHON).with_name("pm-workload"))
    data = data_dir(25_000)
    baseline = time_process([PYTHON, "-c", "import sqlite3"], args.runs)
    report = time_process([cli, "report", "--week", "2026-W48", "--data-dir", str(data)],
                          args.runs)
    report_json = time_process([cli, "report", "--week", "2026-W48", "--format", "json",
                                "--data-dir", str(data)], args.runs)
    print_table(f"pm-workload report, whole process (25k entries, median of {args.runs}; "
                f"Python {sys.version.split()[0]})",
                ["measure", "time", "ratio"], [
                    ["python -c 'import sqlite3' (baseline)", f"{baseline * 1000:.1f} ms", "1.00"],
                    ["pm-workload report --week 2026-W48", f"{report * 1000:.1f} ms",
                     f"{report / baseline:.2f}"],
                    ["pm-workload report --week 2026-W48 --format json",
                     f"{report_json * 1000:.1f} ms", f"{report_json / baseline:.2f}"],
                ])
    import shutil

    for folder in _DATA.values():
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
