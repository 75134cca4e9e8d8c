"""The Log page's day timeline: switching days in it on 100,000 entries (a key in the timeline
until the new day is read, laid out and painted; goal <= 50 ms) against picking another day
of the week in the week table, and what the timeline costs the window's start while it is not
shown: the Week/Day switch built at start-up (goal < 5 ms), the timeline's modules not loaded
when the window shows (goal: not loaded), beside what building it on first show costs (the
part start-up does not pay).

Run: .venv/bin/python -m tests.bench.bench_timeline [--runs N]
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
    time_call,
)

SECTION = "timeline"
SWITCH_GOAL_MS = 50.0
SWITCH_BUILD_GOAL_MS = 5.0

# `pm-workload --smoke-test`, telling whether the timeline's modules were loaded when the
# window was up (they are to be loaded only when the day is first shown).
_LAZY_PROBE = """
import sys
class Probe:
    seen = None
    def __init__(self, out):
        self.out = out
    def write(self, text):
        if Probe.seen is None and "PM Workload started" in text:
            Probe.seen = sorted(m for m in sys.modules if m.startswith(("ui.log.timeline",
                                                                        "ui.log.day_page")))
        return self.out.write(text)
    def flush(self):
        self.out.flush()
sys.stdout = Probe(sys.stdout)
from app.main import main
code = main(["--smoke-test", "--data-dir", sys.argv[1]])
sys.stdout = sys.__stdout__
print("timeline modules loaded:", ",".join(Probe.seen or []) or "none")
sys.exit(code)
"""


def _window(data: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import open_store
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    app = make_application()
    service = WorkloadService(open_store(database_path(data)), FixedClock(datetime(2026, 11, 24, 17, 0)))
    settings_dir = Path(tempfile.mkdtemp(prefix="pmw-bench-ui-"))
    window = MainWindow(service, ui_settings=QSettings(str(settings_dir / "ui.ini"),
                                                       QSettings.Format.IniFormat))
    window.resize(800, 600)
    window.show()
    app.processEvents()
    return app, service, window, settings_dir


def switch_times(entries: int, runs: int) -> tuple[list[float], list[float], float]:
    """Return the seconds of a day switch in the timeline and of a day pick in the week table
    (each until painted), and the seconds of building the timeline on its first show."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    data = copy_data_dir(demo_data_dir(entries))
    app, service, window, settings_dir = _window(data)
    page = window.log_page
    monday = DEMO_END - timedelta(days=DEMO_END.weekday())

    def settle() -> None:
        app.processEvents()
        page.views.currentWidget().repaint()

    table = []
    for run in range(runs):  # the baseline: picking days of the week in the week table
        start = time.perf_counter()
        page.navigator.day_picked.emit(monday + timedelta(days=run % 3))  # up to tomorrow
        settle()
        table.append(time.perf_counter() - start)

    start = time.perf_counter()
    page.show_day_view()
    settle()
    first_show = time.perf_counter() - start

    timeline = page.day_page.timeline
    timeline.setFocus()
    days = []
    for run in range(runs):  # back and forth over ten days: two week edges on the way
        key = Qt.Key.Key_Left if run % 20 < 10 else Qt.Key.Key_Right
        before = timeline.day
        start = time.perf_counter()
        QTest.keyClick(timeline, key)
        settle()
        days.append(time.perf_counter() - start)
        assert timeline.day != before and timeline.day == page.viewed_day(), \
            (run, before, timeline.day, page.viewed_day())
    window.close()
    service.store.close()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(settings_dir, ignore_errors=True)
    return days, table, first_show


def switch_build_times(runs: int) -> list[float]:
    """Return the seconds of building the Week/Day switch and the view stack, as start-up does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QToolButton, QWidget

    from ui.shell.application import make_application

    make_application()
    holder = QWidget()

    def build() -> None:
        tools = QHBoxLayout()
        group = QButtonGroup(holder)
        for mode, (text, key) in enumerate((("Week", "Ctrl+Shift+1"), ("Day", "Ctrl+Shift+2"))):
            button = QToolButton(holder)
            button.setText(text)
            button.setCheckable(True)
            button.setShortcut(key)
            button.setToolTip(text)
            group.addButton(button, mode)
            tools.addWidget(button)
        QStackedWidget(holder).addWidget(QWidget())

    build()  # the widget types made once, as the window's other widgets have made them
    return time_call(build, runs)


def lazy_at_start() -> tuple[bool, str]:
    """Return whether the timeline's modules were absent when the window showed, and the line."""
    from tests.bench.bench_log_window import gui_env

    home = Path(tempfile.mkdtemp(prefix="pmw-bench-home-"))
    (home / "run").mkdir(mode=0o700)
    data = copy_data_dir(demo_data_dir(25_000))
    probe = subprocess.run([PYTHON, "-c", _LAZY_PROBE, str(data)], capture_output=True, text=True,
                           cwd=ROOT, env={**os.environ, **gui_env(home)})
    line = (probe.stdout.strip().splitlines() or ["(no output)"])[-1]
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    return line == "timeline modules loaded: none", line


def figures(runs: int = 40) -> list[Figure]:
    """Return the timeline's figures: day switch on 100k entries, and its start-up cost."""
    runs = max(runs, 20)
    days, table, first_show = switch_times(100_000, runs)
    day, week = statistics.median(days), statistics.median(table)
    built = switch_build_times(runs)
    lazy, line = lazy_at_start()
    return [
        bounded(SECTION, f"day switch in the timeline (100k), median of {len(days)} "
                f"(p95 {percentile(days, 95) * 1000:.1f} ms)", day * 1000, SWITCH_GOAL_MS,
                baseline=f"{ms(week)} day pick in the week table"),
        compared(SECTION, "day switch in the timeline vs a day pick in the week table",
                 day, week, "week table", 1.5),
        bounded(SECTION, "start-up: the Week/Day switch built (timeline not shown), median",
                statistics.median(built) * 1000, SWITCH_BUILD_GOAL_MS),
        Figure(SECTION, "timeline modules loaded before the window shows",
               "no" if lazy else "yes", line, goal="no", met=lazy),
        Figure(SECTION, "reference: the timeline built and shown the first time (100k)",
               ms(first_show), "paid on first Day, not at start-up", None, "(none)"),
    ]


def main() -> None:
    run_bench(__doc__, "Day timeline (median of {runs} runs)", figures, 40)


if __name__ == "__main__":
    main()
