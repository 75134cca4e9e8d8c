"""Regenerate docs/screenshots/*.png: the log window on a first run, a normal week, a busy week,
a running timer (with the window's title bar), the settings dialog (and its Rules tab), a normal
week and a busy one in dark, the "From your calendar" panel on a week with suggestions, light and
dark, and the Log page's day timeline at 800x600 (an empty day, a full day, overlaps, calendar
ghosts; light and dark).
With --sizes, also the Review page, the Settings dialog and the edit dialog on busy demo data at
800x600 and 1400x900, light and dark (sizes/*.png: for checking the layout, not the README).

Run headless: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR]
The data is demo data in a temporary folder; the clock stands still, so the pictures only change
when the window does. (review*.png come from the review page's own script.)
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
TITLE_BAR = 34  # the height of the drawn title bar (offscreen windows have no frame)


def _window(folder: Path, demo_weeks: int):
    from PySide6.QtCore import QSettings

    from app import demo
    from app.clock import FixedClock
    from app.workload import WorkloadService
    from storage import database_path, open_store
    from ui.shell.main_window import MainWindow

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
    """Let layouts, deferred loads and fades (a line's clear button) finish."""
    from PySide6.QtTest import QTest

    QTest.qWait(400)


def _show(path: Path) -> None:
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _save(widget, path: Path) -> None:
    _settle()
    widget.grab().save(str(path))
    _show(path)


def _save_framed(widget, path: Path) -> None:
    """Save the widget under a drawn title bar showing its window title (as a desktop would)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette

    _settle()
    shot = widget.grab()
    palette = widget.palette()
    image = QImage(shot.width(), shot.height() + TITLE_BAR, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bar = QRect(0, 0, shot.width(), TITLE_BAR)
    painter.fillRect(bar, palette.color(QPalette.ColorRole.Window).darker(112))
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawLine(0, TITLE_BAR - 1, shot.width(), TITLE_BAR - 1)
    for n, colour in enumerate(("#ff5f57", "#febc2e", "#28c840")):  # close / minimise / zoom
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(14 + n * 20, TITLE_BAR // 2 - 6, 12, 12)
    font = QFont(widget.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, widget.windowTitle())
    painter.drawPixmap(0, TITLE_BAR, shot)
    painter.end()
    image.save(str(path))
    _show(path)


def _busiest_week(service, weeks: int) -> date:
    first, _ = service.week_of(NOW.date())
    starts = [first - timedelta(weeks=n) for n in range(weeks)]
    return max(starts, key=lambda d: sum(service.entries.minutes_by_kind(d, d + timedelta(days=6)).values()))


def _normal_week(window) -> None:
    """This week, with a line being typed and the latest entry selected, as after a save."""
    page = window.log_page
    page.this_week()
    window.activateWindow()
    page.focus_quick_log()
    page.quick.line.setText("Weekly status deck 45m")
    page.table.select_row(page.groups.rowCount() - 1)  # the table's last row, under today


def _calendar_week(app, folder: Path, out: Path) -> None:
    """The Log page's calendar panel on week 47 of the test calendar, light and dark."""
    import time

    from ui.common.theme import apply_dark_palette, apply_light_palette

    os.environ["TZ"] = "Europe/Berlin"  # the test calendar's meetings at their usual hours
    time.tzset()
    window = _window(folder, 0)
    ics = folder / "work.ics"
    shutil.copy(ROOT / "tests" / "app" / "calendars" / "google.ics", ics)
    window.service.rules.add("stand-up", "operational", "Delivery")
    window.service.settings.update(calendar_file=str(ics))
    window.log_page.show_week_of(date(2026, 11, 17))
    panel = window.log_page.calendar_panel
    while panel._task is not None:
        _settle()
    _save(window, out / "calendar-panel.png")
    apply_dark_palette(app)
    _save(window, out / "dark-calendar-panel.png")
    apply_light_palette(app)
    window.close()


FULL_DAY = ("Weekly status deck 45m ops #status 9:00", "Team stand-up 15m ops #delivery 9:45",
            "Roadmap review with design 1h30 strat #vision 10:00", "Jira admin 20m ops #tool",
            "Customer interview Acme 1h strat #discovery 11:30", "Release notes 40m ops #release 13:30",
            "Write PRD for onboarding 1h30 strat #experiment 14:10", "Feedback triage 35m ops 15:45")
OVERLAPS = ("Roadmap review with design 1h30 strat #vision 10:00",
            "Pricing call with sales 1h strat #alignment 10:30",
            "Bug triage 45m ops #feedback 11:15", "Status deck 30m ops #status 14:00")


def _timeline_days(app, folder: Path, out: Path) -> None:
    """The Log page's day timeline at 800x600: an empty day, a full day, overlaps, ghosts."""
    from ui.common.theme import apply_dark_palette, apply_light_palette

    window = _window(folder, 0)
    window.resize(800, 600)
    service, page = window.service, window.log_page
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    for line in FULL_DAY:
        service.entries.log_line(f"{line} {monday.isoformat()}")
    for line in OVERLAPS:
        service.entries.log_line(f"{line} {tuesday.isoformat()}")
    page.show_week_of(date(2026, 11, 20))  # a Friday with nothing logged
    page.show_day_view()
    _save(window, out / "timeline-empty.png")
    page.show_week_of(monday)
    _save(window, out / "timeline-full-day.png")
    apply_dark_palette(app)
    _save(window, out / "dark-timeline-full-day.png")
    apply_light_palette(app)
    page.show_week_of(tuesday)
    page.day_page.timeline.select_entry(service.entries.between(tuesday, tuesday)[1].id)
    _save(window, out / "timeline-overlaps.png")
    window.close()

    os.environ["TZ"] = "Europe/Berlin"  # the test calendar's meetings at their usual hours
    import time

    time.tzset()
    window = _window(folder / "ghosts", 0)
    window.resize(800, 600)
    ics = folder / "work.ics"
    shutil.copy(ROOT / "tests" / "app" / "calendars" / "google.ics", ics)
    window.service.rules.add("stand-up", "operational", "Delivery")
    window.service.settings.update(calendar_file=str(ics))
    window.service.entries.log_line("Customer interview Acme 1h strat 2026-11-17 11:00")
    page = window.log_page
    page.show_week_of(date(2026, 11, 17))
    while page.calendar_panel._task is not None:
        _settle()
    page.show_day_view()
    _save(window, out / "timeline-ghosts.png")
    apply_dark_palette(app)
    _save(window, out / "dark-timeline-ghosts.png")
    apply_light_palette(app)
    window.close()


SIZES = ((800, 600), (1400, 900))


def _sizes(app, folder: Path, out: Path) -> None:
    """The Review page, Settings and the edit dialog at a small and a large window size,
    light and dark."""
    from ui.common.theme import apply_dark_palette, apply_light_palette
    from ui.shell.main_window import REVIEW_TAB

    out.mkdir(parents=True, exist_ok=True)
    window = _window(folder, 26)
    for theme, apply in (("light", apply_light_palette), ("dark", apply_dark_palette)):
        apply(app)
        for width, height in SIZES:
            size = f"{width}x{height}"
            window.resize(width, height)
            window.tabs.setCurrentIndex(REVIEW_TAB)
            _save(window, out / f"review-{size}-{theme}.png")
            window.review_page.scroll.verticalScrollBar().setValue(700)  # the hand-off table
            _save(window, out / f"review-table-{size}-{theme}.png")
            window.review_page.scroll.verticalScrollBar().setValue(0)

            dialog = window.file_actions.open_settings()
            dialog.resize(min(width, 640), min(height, 560))
            _save(dialog, out / f"settings-{size}-{theme}.png")
            dialog.tabs.setCurrentWidget(dialog.categories)
            dialog.categories.new_name.setText("Pricing research")
            dialog.categories.add_category()
            _save(dialog, out / f"settings-categories-{size}-{theme}.png")
            dialog.accept()
            category = window.service.categories.find("Pricing research")
            window.service.categories.update(category.id, name=f"Pricing {theme} {size}",
                                             archived=True)

            window.tabs.setCurrentIndex(0)
            page = window.log_page
            page.this_week()
            page.table.select_row(0)
            page.edit_current()
            _save(page.entry_dialog, out / f"edit-entry-{size}-{theme}.png")
            page.entry_dialog.reject()
    apply_light_palette(app)
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only-timeline", action="store_true", help="only the day timeline's")
    parser.add_argument("--sizes", action="store_true",
                        help="only the 800x600 and 1400x900 renders, into OUT/sizes")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from ui.common.theme import apply_dark_palette, apply_light_palette
    from ui.shell.application import make_application

    app = make_application()
    apply_light_palette(app)
    work = Path(tempfile.mkdtemp(prefix="pm-workload-shots-"))
    if args.sizes:
        try:
            _sizes(app, work / "sizes", args.out / "sizes")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        if args.only_timeline:
            _timeline_days(app, work / "timeline", args.out)
            return
        first_run = _window(work / "first-run", 0)
        _save(first_run, args.out / "first-run.png")
        first_run.close()

        window = _window(work / "demo", 26)
        page = window.log_page
        _normal_week(window)
        _save(window, args.out / "normal-week.png")

        page.show_week_of(_busiest_week(window.service, 26))
        page.quick.line.setText("Customer interview with Acme 1h strat #discvery")
        page.table.select_row(0)
        _save(window, args.out / "busy-week.png")

        # A timer started 42 minutes ago: the bar above the line and the title bar say so.
        page.this_week()
        window.service.timer.start("Weekly status deck ops #status 15:28")
        page.quick.line.clear()
        page.table.clearSelection()
        window.timer_bar.tick()
        _save_framed(window, args.out / "timer-running.png")
        window.service.timer.discard()

        dialog = window.file_actions.open_settings()
        _save_framed(dialog, args.out / "settings.png")
        dialog.reject()

        dialog = window.file_actions.open_settings()
        dialog.tabs.setCurrentWidget(dialog.rules)
        _save_framed(dialog, args.out / "settings-rules.png")
        dialog.reject()

        apply_dark_palette(app)
        _normal_week(window)
        _save(window, args.out / "dark-normal-week.png")
        page.show_week_of(_busiest_week(window.service, 26))
        page.table.select_row(0)
        _save(window, args.out / "dark-busy-week.png")
        apply_light_palette(app)
        window.close()

        _calendar_week(app, work / "calendar", args.out)
        _timeline_days(app, work / "timeline", args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
