"""The tray controller: its menu, the window requests, and the daily reminder."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from ui.shell.tray import TrayController

# The offscreen platform has no window manager: raising or sizing a window logs these.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def window(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def make_tray(window, service, clock):
    made = []

    def make(**options):
        made.append(TrayController(window, service, clock, **options))
        return made[-1]

    yield make
    for tray in made:  # before the database closes
        tray.shutdown()


@pytest.fixture
def tray(make_tray):
    return make_tray()


def evening(clock, day=24, hour=17, minute=5):
    clock.moment = datetime(2026, 11, day, hour, minute).astimezone()


def test_offscreen_has_no_tray_and_still_works(tray):
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    assert not tray.has_tray and tray.tray_icon is None
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["No timer", "Start a timer…", "Log…", "Open PM Workload", "Quit"]
    assert not tray.status_action.isEnabled()


def test_an_ampersand_in_the_timers_title_is_not_a_mnemonic(tray, service):
    service.timer.start("Q&A prep ops")
    assert tray.status_action.text() == "▶ 0:00 Q&&A prep"  # drawn as "Q&A prep"


def test_menu_follows_the_timer(tray, service, clock):
    service.timer.start("Weekly status deck ops")
    assert tray.status_action.text() == "▶ 0:00 Weekly status deck"
    assert tray.start_stop_action.text() == "Stop timer"
    clock.advance(minutes=42)
    tray.menu.aboutToShow.emit()  # opening the menu reads the time again
    assert tray.status_action.text() == "▶ 0:42 Weekly status deck"
    service.timer.discard()
    assert tray.status_action.text() == "No timer"
    assert tray.start_stop_action.text() == "Start a timer…"


def test_log_brings_the_window_up_and_asks_for_the_quick_log_line(qtbot, tray, window):
    assert not window.isVisible()
    with qtbot.waitSignal(tray.logRequested):
        tray.log_action.trigger()
    assert window.isVisible()


def test_start_and_stop_are_requests_to_the_window(qtbot, tray, service, window):
    with qtbot.waitSignal(tray.startRequested):
        tray.start_stop_action.trigger()
    assert window.isVisible()
    service.timer.start("Weekly status deck ops")
    with qtbot.waitSignal(tray.stopRequested):
        tray.start_stop_action.trigger()
    assert service.timer.running() is not None  # the window decides (it may ask first)


def test_quit_is_a_request(qtbot, tray):
    with qtbot.waitSignal(tray.quitRequested):
        tray.quit_action.trigger()


def test_a_minimised_window_is_restored(qtbot, tray, window):
    window.showMinimized()
    tray.show_window()
    assert window.isVisible() and not window.isMinimized()


# -- the reminder -----------------------------------------------------------------------------
def test_no_reminder_before_the_time(qtbot, tray):
    with qtbot.assertNotEmitted(tray.reminderDue):
        assert not tray.check_reminder()


def test_reminder_after_the_time_when_too_little_is_logged(qtbot, tray, service, clock):
    service.entries.log_line("Weekly status deck 3h15m ops")
    evening(clock)
    with qtbot.waitSignal(tray.reminderDue) as due:
        assert tray.check_reminder()
    assert due.args == ["Log today's work — 3 h 15 min logged so far of a usual 8 h."]


def test_reminder_only_once_a_day(qtbot, tray, clock):
    evening(clock)
    assert tray.check_reminder()
    clock.advance(hours=1)
    with qtbot.assertNotEmitted(tray.reminderDue):
        assert not tray.check_reminder()
    evening(clock, day=25)
    assert tray.check_reminder()


def test_no_reminder_when_the_day_is_logged(tray, service, clock):
    service.entries.log_line("Roadmap review 5h strat")
    service.entries.log_line("Weekly status deck 3h ops")
    evening(clock)
    assert not tray.check_reminder()


def test_a_running_timer_counts_as_logged(tray, service, clock):
    service.entries.log_line("Roadmap review 6h strat")
    clock.moment = datetime(2026, 11, 24, 15, 0).astimezone()
    service.timer.start("Weekly status deck ops")
    evening(clock, hour=17, minute=0)
    assert tray.minutes_logged_today() == 8 * 60
    assert not tray.check_reminder()


def test_no_reminder_on_a_non_working_day(tray, clock):
    evening(clock, day=28)  # Saturday
    assert not tray.check_reminder()


def test_reminder_fires_from_the_minute_timer(qtbot, tray, clock):
    tray.reminder_timer.setInterval(5)  # the real timer path, without waiting a minute
    evening(clock)
    with qtbot.waitSignal(tray.reminderDue):
        pass
    assert tray.last_reminder == clock.today()


def test_moving_the_reminder_time_into_the_past_shows_it(qtbot, tray, service, clock):
    clock.moment = datetime(2026, 11, 24, 15, 0).astimezone()
    with qtbot.waitSignal(tray.reminderDue):
        service.settings.update(reminder_time="14:30")


def test_with_a_tray_the_reminder_is_also_a_tray_message(qtbot, make_tray, clock, monkeypatch):
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "hide", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda self, title, text, *rest: shown.append((title, text)))
    tray = make_tray(tray_available=True)
    assert tray.has_tray and tray.tray_icon.contextMenu() is tray.menu
    evening(clock)
    with qtbot.waitSignal(tray.reminderDue):
        tray.check_reminder()
    assert shown == [("PM Workload",
                      "Log today's work — nothing logged yet today (a usual day is 8 h).")]
    with qtbot.waitSignal(tray.logRequested):
        tray.tray_icon.messageClicked.emit()
