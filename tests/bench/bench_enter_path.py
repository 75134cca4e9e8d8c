"""The hot path's work, counted: SQL statements issued by one Enter in the quick-log line
(from the key to the entry shown, deferred timers included), and a 50-row edit through the
service against 50 single edits (each its own transaction and notification) in the same run.

Run: .venv/bin/python -m tests.bench.bench_enter_path [--runs N]
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from storage import database_path
from tests.bench.common import Figure, bounded, compared, copy_data_dir, demo_data_dir, run_bench

SECTION = "enter"
# BEGIN, the task with its last entry, the day's total, INSERT, COMMIT; the shown week read
# once; the autocomplete list read once after a pause in typing.
STATEMENTS_GOAL = 7


def statements_per_enter(runs: int) -> list[int]:
    """Return the SQL statements one Enter issues, per run (settled: timers have fired)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    data = copy_data_dir(demo_data_dir(25_000))
    app = make_application()
    service = WorkloadService(open_store(database_path(data)), FixedClock(datetime(2026, 11, 24, 17, 0)))
    folder = Path(tempfile.mkdtemp(prefix="pmw-bench-ui-"))
    window = MainWindow(service, ui_settings=QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window.show()
    page = window.log_page

    def settle() -> None:
        deadline = time.perf_counter() + 1.5  # past every deferred reload and task-list timer
        while time.perf_counter() < deadline:
            app.processEvents()

    settle()
    counts = []
    for run in range(runs):
        page.quick.line.setText(f"Weekly status deck {5 + run % 50}m ops #status")
        settle()
        seen: list[str] = []
        service.store.conn.set_trace_callback(seen.append)
        QTest.keyClick(page.quick.line, Qt.Key.Key_Return)
        settle()
        service.store.conn.set_trace_callback(None)
        counts.append(len([s for s in seen if not s.startswith("PRAGMA data_version")]))
    window.close()
    service.store.close()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    return counts


def edit_times(runs: int) -> tuple[float, float]:
    """Return the median seconds of changing the kind of 50 entries: in one edit_many, and as
    50 edits."""
    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store

    data = copy_data_dir(demo_data_dir(25_000))
    service = WorkloadService(open_store(database_path(data)), FixedClock(datetime(2026, 11, 24, 17, 0)))
    ids = [e.id for e in service.entries.between(date(2026, 10, 1), date(2026, 11, 24))][:50]
    many, single = [], []
    for run in range(runs):
        kind = "strategic" if run % 2 else "operational"
        start = time.perf_counter()
        service.entries.edit_many([(i, {"kind": kind}) for i in ids])
        many.append(time.perf_counter() - start)
        start = time.perf_counter()
        for i in ids:
            service.entries.edit(i, kind=kind)
        single.append(time.perf_counter() - start)
    service.store.close()
    shutil.rmtree(data, ignore_errors=True)
    return statistics.median(many), statistics.median(single)


def figures(runs: int = 5) -> list[Figure]:
    """Return the hot path's figures."""
    counts = statements_per_enter(runs)
    many, single = edit_times(runs)
    return [
        bounded(SECTION, f"SQL statements per Enter in the quick-log line (max of {runs})",
                max(counts), STATEMENTS_GOAL, unit="statements"),
        compared(SECTION, "change the kind of 50 entries: one edit_many vs 50 edits", many, single,
                 "50 edits", 0.5),
    ]


if __name__ == "__main__":
    run_bench(__doc__, "The hot path, {runs} runs", figures, 5)
