"""The window: cold start until it shows this week's entries on 25,000 entries against a bare
PySide6 QMainWindow shown and closed the same way (goal <= 1.3x, matplotlib not loaded before
the window shows), and Enter in the quick-log line until the new entry is shown and selected
in the table on 100,000 entries (goal <= 50 ms).

Run: .venv/bin/python -m tests.bench.bench_log_window [--runs N]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from storage import database_path
from tests.bench.common import (
    DEMO_END,
    PYTHON,
    ROOT,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    ms,
    percentile,
    run_bench,
    time_processes,
)

SECTION = "window"
ENTER_GOAL_MS = 50.0
START_GOAL = 1.3

# The baseline: the least a PySide6 program does to show a main window, quitting from the
# event loop as `pm-workload --smoke-test` does.
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.show()
QTimer.singleShot(0, lambda: (print("bare window up", flush=True), app.quit()))
sys.exit(app.exec())
"""

# A reference, not a goal: the least a PySide6 program does to show this week's entries in a
# table under a line edit (one query, a table model written the usual way). It shows how
# much of the 1.3x the Qt binding itself takes: its Qt namespace and widget types are made
# on first use (Python enums), which the bare window never does.
MINIMAL_TABLE_WINDOW = """
import sqlite3, sys
from PySide6.QtCore import QAbstractTableModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT e.day, e.minutes, t.title FROM entries e JOIN tasks t ON t.id = e.task_id "
    "WHERE e.day BETWEEN ? AND ? ORDER BY e.day", (sys.argv[2], sys.argv[3])).fetchall()
class Model(QAbstractTableModel):
    def rowCount(self, parent=None):
        return len(rows)
    def columnCount(self, parent=None):
        return 3
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(rows[index.row()][index.column()])
        return None
app = QApplication(sys.argv)
window = QMainWindow()
central = QWidget()
layout = QVBoxLayout(central)
layout.addWidget(QLineEdit())
table = QTableView()
table.setModel(Model(table))
table.horizontalHeader().setStretchLastSection(True)
layout.addWidget(table)
window.setCentralWidget(central)
window.show()
QTimer.singleShot(0, lambda: (print(len(rows), "entries shown", flush=True), app.quit()))
sys.exit(app.exec())
"""

# `pm-workload --smoke-test`, telling whether matplotlib was loaded when the window was up.
_MATPLOTLIB_PROBE = """
import sys
class Probe:
    seen = None
    def __init__(self, out):
        self.out = out
    def write(self, text):
        if Probe.seen is None and "PM Workload started" in text:
            Probe.seen = "matplotlib" in sys.modules
        return self.out.write(text)
    def flush(self):
        self.out.flush()
sys.stdout = Probe(sys.stdout)
from app.main import main
code = main(["--smoke-test", "--data-dir", sys.argv[1]])
sys.stdout = sys.__stdout__
print("matplotlib loaded:", Probe.seen)
sys.exit(code)
"""


def gui_env(home: Path) -> dict[str, str]:
    """Return the environment for a window process: offscreen, its settings in ``home``."""
    return {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"), "XDG_RUNTIME_DIR": str(home / "run")}


def cold_start(runs: int) -> list[Figure]:
    """Return the start-up figures: ours against a bare window, and matplotlib's absence."""
    cli = str(Path(PYTHON).with_name("pm-workload"))
    home = Path(tempfile.mkdtemp(prefix="pmw-bench-home-"))
    (home / "run").mkdir(mode=0o700)
    env = gui_env(home)
    data = copy_data_dir(demo_data_dir(25_000))
    monday = DEMO_END - timedelta(days=DEMO_END.weekday())
    week = [str(monday), str(monday + timedelta(days=6))]
    bare, minimal, ours = time_processes([
        [PYTHON, "-c", BARE_WINDOW],
        [PYTHON, "-c", MINIMAL_TABLE_WINDOW, str(database_path(data)), *week],
        [cli, "--smoke-test", "--data-dir", str(data)]], runs, env)
    probe = subprocess.run([PYTHON, "-c", _MATPLOTLIB_PROBE, str(data)], capture_output=True,
                           text=True, cwd=ROOT, env={**os.environ, **env})
    loaded = probe.stdout.strip().splitlines()[-1:] == ["matplotlib loaded: False"]
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    return [
        compared(SECTION, "cold start to this week's entries shown (25k entries)", ours, bare,
                 "bare QMainWindow", START_GOAL),
        Figure(SECTION, "reference: a minimal PySide6 table of the same week", ms(minimal),
               f"{ms(bare)} bare QMainWindow", minimal / bare, "(none)"),
        Figure(SECTION, "matplotlib loaded before the window shows", "no" if loaded else "yes",
               goal="no", met=loaded),
    ]


def enter_times(entries: int, runs: int) -> list[float]:
    """Return the seconds from Enter in the quick-log line to the new entry shown and selected."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store
    from ui.log.models import ENTRY_ROLE
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    data = copy_data_dir(demo_data_dir(entries))
    app = make_application()
    service = WorkloadService(open_store(database_path(data)), FixedClock(datetime(2026, 11, 24, 17, 0)))
    settings_dir = Path(tempfile.mkdtemp(prefix="pmw-bench-ui-"))
    window = MainWindow(service, ui_settings=QSettings(str(settings_dir / "ui.ini"),
                                                       QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    page = window.log_page
    app.processEvents()  # the first task list, as right after start-up

    times = []
    for run in range(runs):
        page.quick.line.setText(f"Weekly status deck {5 + run % 50}m ops #status")
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(page.quick.line, Qt.Key.Key_Return)
        app.processEvents()  # whatever the save scheduled (it should have nothing left to do)
        new = max(e.id for e in service.entries.between(page.first, page.last))
        elapsed = time.perf_counter() - start
        assert [e.id for e in page.table.selected_entries()] == [new], "not shown and selected"
        assert page.table.selected_entries()[0] == page.table.currentIndex().siblingAtColumn(
            0).data(ENTRY_ROLE)
        times.append(elapsed)
    window.close()
    service.store.close()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(settings_dir, ignore_errors=True)
    return times


def figures(runs: int = 5) -> list[Figure]:
    """Return the window's figures: cold start, then Enter to entry shown on 100k entries."""
    found = cold_start(runs)
    times = enter_times(100_000, max(40, runs))
    found.append(bounded(SECTION, f"Enter in quick-log -> entry shown (100k), median of {len(times)} "
                         f"(p95 {percentile(times, 95) * 1000:.1f} ms)",
                         statistics.median(times) * 1000, ENTER_GOAL_MS))
    return found


def main() -> None:
    run_bench(__doc__, "Window (start: median of {runs} whole-process runs)", figures, 5)


if __name__ == "__main__":
    main()
