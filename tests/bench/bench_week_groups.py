"""The week table grouped by day: switching weeks on 100,000 entries (goal <= 100 ms), against
the same week read and shown flat (the query and the entries model's set_entries under a plain
sorted proxy and table, no day headers) measured in the same run; the same for a crowded week
(1,400 three-minute entries more); and what the grouping itself adds to set_entries.

Run: .venv/bin/python -m tests.bench.bench_week_groups [--runs N]
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from storage import database_path
from tests.bench.common import (
    DEMO_END,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    percentile,
    run_bench,
    time_call,
)

SECTION = "week groups"
SWITCH_GOAL_MS = 100.0


def figures(runs: int = 30) -> list[Figure]:
    """Return the week-switch figures on 100k entries: grouped page vs flat baseline."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QTableView

    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store
    from ui.log.day_groups import DayGroupsModel
    from ui.log.models import COL_DAY, EntriesFilterProxy, EntriesModel
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    data = copy_data_dir(demo_data_dir(100_000))
    app = make_application()
    service = WorkloadService(open_store(database_path(data)),
                              FixedClock(datetime.combine(DEMO_END, datetime.min.time()) +
                                         timedelta(hours=17)))
    settings_dir = Path(tempfile.mkdtemp(prefix="pmw-bench-ui-"))
    window = MainWindow(service, ui_settings=QSettings(str(settings_dir / "ui.ini"),
                                                       QSettings.Format.IniFormat))
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    page = window.log_page
    # The busiest weeks of the demo's last months, stepped through in turn.
    mondays = [DEMO_END - timedelta(days=DEMO_END.weekday(), weeks=n) for n in range(1, 9)]
    turn = iter(range(10**9))

    def grouped_switch() -> None:
        page.show_week_of(mondays[next(turn) % len(mondays)])
        app.processEvents()

    flat = EntriesModel()
    flat_proxy = EntriesFilterProxy()
    flat_proxy.setSourceModel(flat)
    flat_view = QTableView()
    flat_view.setSortingEnabled(True)
    flat_view.setModel(flat_proxy)
    flat_view.sortByColumn(COL_DAY, Qt.SortOrder.AscendingOrder)
    flat_view.resize(1180, 500)
    flat_view.show()

    def flat_switch() -> None:
        monday = mondays[next(turn) % len(mondays)]
        flat.set_entries(service.entries.between(monday, monday + timedelta(days=6)))
        app.processEvents()

    grouped_switch(), flat_switch()  # warm the caches both use
    ours = time_call(grouped_switch, runs)
    baseline = time_call(flat_switch, runs)
    rows = page.proxy.rowCount()

    # A crowded week far back: 200 entries of three minutes a day (beside its own), switched to and from.
    crowded = DEMO_END - timedelta(days=DEMO_END.weekday(), weeks=60)
    for n in range(7 * 200):
        day = crowded + timedelta(days=n // 200)
        service.entries.log_line(f"Triage item {n % 40} 3m ops #triage {day.isoformat()}")

    def into_crowded(show) -> list[float]:
        """Return the seconds of each switch into the crowded week (the way back untimed)."""
        times = []
        for _ in range(runs):
            show(mondays[0])
            start = time.perf_counter()
            show(crowded)
            times.append(time.perf_counter() - start)
        return times

    def grouped_show(monday) -> None:
        page.show_week_of(monday)
        app.processEvents()

    def flat_show(monday) -> None:
        flat.set_entries(service.entries.between(monday, monday + timedelta(days=6)))
        app.processEvents()

    crowded_ours = into_crowded(grouped_show)
    crowded_rows = page.proxy.rowCount()
    crowded_base = into_crowded(flat_show)

    # The grouping alone: set_entries of one week with and without the day headers on top.
    week = service.entries.between(mondays[0], mondays[0] + timedelta(days=6))
    grouped_model = EntriesModel()
    grouped_proxy = EntriesFilterProxy()
    grouped_proxy.setSourceModel(grouped_model)
    grouped_proxy.sort(COL_DAY, Qt.SortOrder.AscendingOrder)
    groups = DayGroupsModel()
    groups.setSourceModel(grouped_proxy)
    groups.set_week(mondays[0], mondays[0] + timedelta(days=6), DEMO_END)
    with_groups = time_call(lambda: grouped_model.set_entries(week), runs)
    without = time_call(lambda: flat.set_entries(week), runs)

    flat_view.close()
    window.close()
    service.store.close()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(settings_dir, ignore_errors=True)
    median = statistics.median
    return [
        bounded(SECTION, f"week switch, grouped by day (100k entries, ~{rows} a week), median "
                f"of {runs} (p95 {percentile(ours, 95) * 1000:.1f} ms)",
                median(ours) * 1000, SWITCH_GOAL_MS),
        compared(SECTION, "week switch: grouped page vs the flat model's query + set_entries",
                 median(ours), median(baseline), "flat query + set_entries + paint", 10.0),
        bounded(SECTION, f"switch into a crowded week (~{crowded_rows} entries), grouped "
                f"(p95 {percentile(crowded_ours, 95) * 1000:.1f} ms)",
                median(crowded_ours) * 1000, SWITCH_GOAL_MS),
        compared(SECTION, "switch into the crowded week: grouped page vs flat",
                 median(crowded_ours), median(crowded_base), "flat query + set_entries + paint",
                 10.0),
        compared(SECTION, f"set_entries of one week ({len(week)} entries) with day headers vs "
                 "flat", median(with_groups), median(without), "flat set_entries", 3.0),
    ]


def main() -> None:
    run_bench(__doc__, "Week table grouped by day (median of {runs} runs)", figures, 30)


if __name__ == "__main__":
    main()
