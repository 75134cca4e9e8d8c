"""Review figures: switching weeks on the Review page (queries and redraw of every chart) on
25,000 and 100,000 entries, the first open of the page in a fresh process, `pm-workload report
--week` as a whole process against `python -c "import sqlite3"`, and the peak memory of the
window with the Review page open and drawn.

Run: .venv/bin/python -m tests.bench.bench_review [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from tests.bench.common import (
    PYTHON,
    ROOT,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    percentile,
    print_figures,
    run_measured,
    time_processes,
)

SECTION = "review"
SWITCH_GOALS_MS = {25_000: 100, 100_000: 250}
FIRST_OPEN_GOAL_MS = 1200
PEAK_GOAL_MB = 180
# The demo data ends on this day; the page stands on it so every week has entries.
TODAY = "2026-11-24T10:30:00"
# A private copy of the cached databases for this run: the cache must not change under it.
_DATA: dict[int, Path] = {}


def data_dir(entries: int) -> Path:
    """Return this run's copy of a data dir holding exactly ``entries`` demo entries."""
    if entries not in _DATA:
        _DATA[entries] = copy_data_dir(demo_data_dir(entries))
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
from app.workload import WorkloadService
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
    from app.review.service import ReviewService
    from app.workload import WorkloadService
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


# The window as the PM opens it on a database, the Review tab shown and every chart drawn;
# the parent reads this process's peak RSS.
_REVIEW_OPEN = r"""
import sys, tempfile
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QSettings
from app.clock import FixedClock
from app.workload import WorkloadService
from storage import database_path, open_store
from tests.bench.bench_review import wait_for_draws
from ui.shell.application import make_application
from ui.shell.main_window import REVIEW_TAB, MainWindow

app = make_application()
service = WorkloadService(open_store(database_path(Path(sys.argv[1]))),
                          FixedClock(datetime.fromisoformat(sys.argv[2])))
folder = tempfile.mkdtemp(prefix="pmw-bench-ui-")
window = MainWindow(service, ui_settings=QSettings(folder + "/ui.ini", QSettings.Format.IniFormat))
window.resize(1400, 1000)
window.show()
app.processEvents()
window.tabs.setCurrentIndex(REVIEW_TAB)
page = window.review_page
wait_for_draws(app, page, {name: 0 for name in page.charts})
window.close()
import shutil
shutil.rmtree(folder, ignore_errors=True)
"""


def review_open_peak(entries: int, runs: int) -> tuple[float, float]:
    """Return the largest peak RSS in MB of the window with the Review page drawn, and that of
    the bare QMainWindow script (the floor any PySide6 window pays)."""
    from tests.bench.bench_log_window import BARE_WINDOW

    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    ours = max(run_measured([PYTHON, "-c", _REVIEW_OPEN, str(data_dir(entries)), TODAY], env)[1]
               for _ in range(runs))
    bare = max(run_measured([PYTHON, "-c", BARE_WINDOW], env)[1] for _ in range(runs))
    return ours / 1024, bare / 1024


def figures(runs: int = 5, ranges: tuple[int, ...] = (8,)) -> list[Figure]:
    """Return the Review figures (week switch at 25k and 100k, first open, report, memory)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    found = []
    for entries, goal in SWITCH_GOALS_MS.items():
        for weeks in ranges:
            switches, reads, _count = week_switch(entries, max(runs, 5), weeks)
            found.append(bounded(
                SECTION, f"week switch, {weeks}-week range ({entries // 1000}k), median of "
                f"{len(switches)} (p95 {percentile(switches, 95) * 1000:.0f}, queries "
                f"{statistics.median(reads) * 1000:.1f} ms)", statistics.median(switches) * 1000, goal))
    cold, start = first_open(25_000, max(3, runs), "cold")
    found.append(bounded(SECTION, f"first open of the page, cold (25k; Qt + app up before: "
                         f"{start:.0f} ms)", cold, FIRST_OPEN_GOAL_MS))

    cli = str(Path(PYTHON).with_name("pm-workload"))
    from tests.bench.bench_core import SQLITE, SQLITE_ARGV

    base, report = time_processes([
        SQLITE_ARGV, [cli, "report", "--week", "2026-W48", "--data-dir", str(data_dir(25_000))]], runs)
    found.append(compared(SECTION, "pm-workload report --week (25k entries)", report, base, SQLITE, 3))
    peak, bare = review_open_peak(25_000, max(1, runs // 2))
    found.append(bounded(SECTION, "peak memory, window with the Review page drawn (25k)", peak,
                         PEAK_GOAL_MB, "MB", f"{bare:.0f} MB bare QMainWindow"))
    return found


def cleanup() -> None:
    """Remove this run's copies of the databases."""
    import shutil

    for folder in _DATA.values():
        shutil.rmtree(folder, ignore_errors=True)
    _DATA.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    found = figures(args.runs, ranges=(8, 26))
    warm, _ = first_open(25_000, max(3, args.runs // 2), "warm")
    found.append(bounded(SECTION, "first open of the page after the warm-up thread ran (25k)", warm,
                         FIRST_OPEN_GOAL_MS))
    cleanup()
    print_figures(f"Review (median of {args.runs} unless said)", found)


if __name__ == "__main__":
    main()
