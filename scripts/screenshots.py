"""Regenerate docs/screenshots/*.png: the log window on a first run, a normal week, a busy week.

Run headless: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR]
The data is demo data in a temporary folder; the clock stands still, so the pictures only change
when the window does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 11, 25, 16, 10)  # a Wednesday afternoon
SIZE = (1180, 760)


def _window(folder: Path, demo_weeks: int):
    from PySide6.QtCore import QSettings

    from app import demo
    from app.clock import FixedClock
    from app.services import WorkloadService
    from storage import database_path, open_store
    from ui.main_window import MainWindow

    store = open_store(database_path(folder))
    service = WorkloadService(store, FixedClock(NOW))
    if demo_weeks:
        demo.fill(store, demo.generate(demo_weeks, end=NOW.date()))
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(service, ui_settings=settings)
    window.resize(*SIZE)
    window.show()
    return window


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def _save(window, path: Path) -> None:
    _settle()
    window.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _busiest_week(service, weeks: int) -> date:
    first, _ = service.week_of(NOW.date())
    starts = [first - timedelta(weeks=n) for n in range(weeks)]
    return max(starts, key=lambda d: sum(service.minutes_by_kind(d, d + timedelta(days=6)).values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from ui.application import make_application

    make_application()
    work = Path(tempfile.mkdtemp(prefix="pm-workload-shots-"))
    try:
        first_run = _window(work / "first-run", 0)
        _save(first_run, args.out / "first-run.png")
        first_run.close()

        window = _window(work / "demo", 26)
        page = window.log_page
        page.quick.line.setText("Weekly status deck 45m")
        page.table.select_row(page.proxy.rowCount() - 1)  # the latest entry, as after a save
        _save(window, args.out / "normal-week.png")

        page.show_week_of(_busiest_week(window.service, 26))
        page.quick.line.setText("Customer interview with Acme 1h strat #discvery")
        page.table.select_row(0)
        _save(window, args.out / "busy-week.png")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
