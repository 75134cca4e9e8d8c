"""The window with its parts wired in: timer, settings, tray, first run, demo data, the File
menu and the week keys on the visible page — driven as a user would."""

from __future__ import annotations

import sys
import tempfile
import types
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storage import StorageError
from ui.log.timer_bar import TimerBar
from ui.log.timer_dialogs import RestoreTimerDialog, StopTimerDialog, TimerAction, TimerDecision
from ui.shell.main_window import LOG_TAB, MainWindow

LOCKED = StorageError("Could not use the database (x.db): the database is locked by another "
                      "program; try again in a moment.", "x.db")


def local(*parts: int) -> datetime:
    return datetime(*parts).astimezone()


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def titles_in_table(page) -> list[str]:
    return [page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount())]


def open_window(qtbot, service, ui_settings) -> MainWindow:
    win = MainWindow(service, ui_settings=ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


# -- the timer ------------------------------------------------------------------------------
def test_ctrl_enter_starts_a_timer_shown_in_the_bar_and_the_title(window, qtbot, clock):
    page, bar = window.log_page, window.timer_bar
    qtbot.keyClicks(page.quick.line, "Weekly status deck ops #status")
    with qtbot.waitSignal(bar.runningChanged):
        qtbot.keyClick(page.quick.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.quick.text() == ""
    assert bar.title_label.full_text() == "Weekly status deck" and bar.isVisible()
    assert window.windowTitle() == "▶ 0:00 Weekly status deck — PM Workload"
    assert page.quick.start_button.isEnabled()  # Start now switches to a new timer
    clock.advance(minutes=42, seconds=5)
    bar.tick()
    assert bar.elapsed_label.text() == "00:42:05"
    assert window.windowTitle() == "▶ 0:42 Weekly status deck — PM Workload"
    assert "Timer started for 'Weekly status deck' at 10:30" in window.statusBar().currentMessage()


def test_the_start_button_starts_a_timer_too(window, qtbot):
    page = window.log_page
    qtbot.keyClicks(page.quick.line, "Roadmap review strat")
    with qtbot.waitSignal(window.timer_bar.titleChanged):
        click(qtbot, page.quick.start_button)
    assert window.windowTitle() == "▶ 0:00 Roadmap review — PM Workload"


def test_stop_saves_an_entry_selected_in_the_table_and_undo_takes_it_back(window, qtbot, service,
                                                                           clock):
    page, bar = window.log_page, window.timer_bar
    service.timer.start("Weekly status deck ops #status")
    clock.advance(minutes=45)
    bar.tick()
    assert window.windowTitle().startswith("▶ 0:45 Weekly status deck")
    with qtbot.waitSignal(bar.stopped):
        click(qtbot, bar.stop_button)
    assert window.windowTitle() == "PM Workload"
    assert titles_in_table(page) == ["Weekly status deck"]
    [entry] = page.selected_entries()
    assert (entry.minutes, entry.start.strftime("%H:%M")) == (45, "10:30")
    assert "Today 45 min" in page.totals.text()
    assert page.quick.start_button.isEnabled() and page.quick.line.hasFocus()
    assert window.undo_action.text() == "&Undo Log 'Weekly status deck' from the timer"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: titles_in_table(page) == [])
    assert service.entries.count() == 0
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: titles_in_table(page) == ["Weekly status deck"])


def test_the_timer_menu_stops_with_its_shortcut(window, qtbot, service, clock):
    service.timer.start("Sprint admin ops")
    clock.advance(minutes=20)
    assert window.stop_timer_action.isEnabled()
    # Start stays on as Switch: it saves the running timer and starts the next.
    assert window.start_timer_action.isEnabled() and "Switch" in window.start_timer_action.text()
    with qtbot.waitSignal(window.timer_bar.stopped):
        qtbot.keyClick(window.log_page.quick.line, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.stop_timer_action.isEnabled()
    assert service.entries.count() == 1


def test_start_timer_with_an_empty_line_says_how(window):
    window.start_timer_action.trigger()
    assert window.timer_bar.running_timer() is None
    assert "Ctrl+Enter" in window.statusBar().currentMessage()


def test_ctrl_enter_on_an_empty_line_continues_the_last_entry(window, qtbot, service):
    service.entries.log_line("Roadmap review 30m strat #roadmap")
    window.log_page.focus_quick_log()
    assert window.log_page.quick.text() == ""
    qtbot.keyClick(window.log_page.quick.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.timer_bar.running_timer() is not None)
    timer = window.timer_bar.running_timer()
    assert (timer.title, timer.kind.value) == ("Roadmap review", "strategic")


def test_a_long_timer_asks_before_it_is_saved(window, qtbot, service, clock, monkeypatch):
    asked = []
    monkeypatch.setattr(StopTimerDialog, "ask", classmethod(
        lambda cls, parent, service, timer, now, reason: asked.append(reason)
        or TimerDecision(TimerAction.STOP_AT, local(2026, 11, 24, 12, 0))))
    service.timer.start("Roadmap review strat")
    clock.advance(hours=13)
    with qtbot.waitSignal(window.timer_bar.stopped):
        window.stop_timer_action.trigger()
    assert asked and "12 hours" in asked[0]
    assert [e.minutes for e in window.log_page.selected_entries()] == [90]


def test_a_storage_error_on_stop_is_shown_and_the_timer_keeps_running(window, service, clock,
                                                                        monkeypatch, shown_messages):
    service.timer.start("Sprint admin ops")
    clock.advance(minutes=5)

    def locked(*args, **kwargs):
        raise LOCKED

    monkeypatch.setattr(service.timer, "stop", locked)
    window.stop_timer_action.trigger()
    [(kind, title, text)] = shown_messages.boxes
    assert (kind, title) == ("error", "Could not stop the timer") and "locked" in text
    assert window.timer_bar.running_timer() is not None
    assert window.windowTitle().startswith("▶ 0:00 Sprint admin")


# -- a timer left running by the last session --------------------------------------------
def test_a_timer_left_running_is_asked_about_once_the_window_shows(qtbot, service, clock,
                                                                   ui_settings, monkeypatch):
    service.timer.start("Customer interview with Acme strat 09:00")
    clock.advance(hours=1)
    asked = []
    monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(
        lambda cls, parent, service, timer, now: asked.append((parent, timer.title))
        or TimerDecision(TimerAction.STOP_AT, local(2026, 11, 24, 10, 15))))
    win = open_window(qtbot, service, ui_settings)
    assert win.windowTitle().startswith("▶ ")  # shown running until the user decides
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [(win, "Customer interview with Acme")]
    qtbot.waitUntil(lambda: win.windowTitle() == "PM Workload")
    [entry] = win.log_page.selected_entries()
    assert (entry.title, entry.minutes) == ("Customer interview with Acme", 75)
    assert service.timer.running() is None


def test_keep_running_leaves_the_timer_in_the_bar(qtbot, service, clock, ui_settings, monkeypatch):
    service.timer.start("Roadmap review strat")
    asked = []
    monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(
        lambda cls, *a: asked.append(True) or TimerDecision(TimerAction.KEEP)))
    win = open_window(qtbot, service, ui_settings)
    qtbot.waitUntil(lambda: bool(asked))
    assert win.timer_bar.running_timer().title == "Roadmap review"
    assert win.windowTitle() == "▶ 0:00 Roadmap review — PM Workload"


def test_a_timer_started_in_this_session_is_not_asked_about(qtbot, service, ui_settings,
                                                            monkeypatch):
    monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    win = MainWindow(service, ui_settings=ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    service.timer.start("Roadmap review strat")
    QApplication.processEvents()  # the check queued when the window showed runs now
    assert win.timer_bar.running_timer() is not None


# -- settings -------------------------------------------------------------------------------
def test_settings_open_from_the_file_menu_and_the_page_follows(window, qtbot):
    page = window.log_page
    assert "target 50 %" in page.totals.text()
    assert window.file_actions.settings_action.shortcut().toString() in ("Ctrl+,", "Ctrl+Shift+,")
    window.file_actions.settings_action.trigger()
    dialog = window.file_actions.settings_dialog
    assert dialog is not None and dialog.isVisible() and dialog.parent() is window
    dialog.strategic_target.setValue(40)
    dialog.week_start.setCurrentIndex(6)  # Sunday
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: "target 40 %" in page.totals.text())
    qtbot.waitUntil(lambda: page.navigator.title.text() == "Week of Sun 22 – Sat 28 Nov 2026")
    assert window.file_actions.settings_dialog is None
    assert window.statusBar().currentMessage() == "Settings saved"


def test_settings_opened_twice_is_one_dialog(window):
    window.file_actions.settings_action.trigger()
    first = window.file_actions.settings_dialog
    window.file_actions.settings_action.trigger()
    assert window.file_actions.settings_dialog is first
    first.reject()


def test_a_storage_error_saving_settings_is_shown_and_the_dialog_still_closes(
        window, service, monkeypatch, shown_messages):
    window.file_actions.settings_action.trigger()
    dialog = window.file_actions.settings_dialog

    def locked(**values):
        raise LOCKED

    monkeypatch.setattr(service.settings, "update", locked)
    dialog.strategic_target.setValue(70)  # saved as it changes
    assert shown_messages.boxes[0][:2] == ("error", "Could not save the settings")
    assert dialog.isVisible()
    dialog.reject()  # the failure was said; the dialog does not keep the PM in it
    assert not dialog.isVisible()


# -- the tray and the reminder ----------------------------------------------------------------
def test_without_a_tray_the_reminder_goes_to_the_status_bar(window, service, clock):
    assert window.tray is not None and not window.tray.has_tray  # offscreen: no tray
    service.settings.update(reminder_time="17:00", usual_hours=6)
    clock.moment = local(2026, 11, 24, 17, 5)  # a Tuesday evening, nothing logged
    window.tray.reminder_timer.timeout.emit()  # the once-a-minute check
    assert window.statusBar().currentMessage().startswith("Log today's work — nothing logged yet")
    assert window.tray.reminder_timer.interval() == 60_000 and window.tray.reminder_timer.isActive()


def test_log_from_the_tray_brings_up_the_quick_log_line(window, qtbot):
    window.show_review_action.trigger()
    window.tray.log_action.trigger()
    assert window.tabs.currentIndex() == LOG_TAB
    qtbot.waitUntil(window.log_page.quick.line.hasFocus)


def test_the_tray_menu_stops_the_timer(window, qtbot, service, clock):
    service.timer.start("Sprint admin ops")
    clock.advance(minutes=10)
    assert window.tray.start_stop_action.text() == "Stop timer"
    with qtbot.waitSignal(window.timer_bar.stopped):
        window.tray.start_stop_action.trigger()
    assert window.tray.start_stop_action.text() == "Start a timer…"


def test_closing_the_window_shuts_the_tray_down(qtbot, service, ui_settings):
    win = open_window(qtbot, service, ui_settings)
    win.close()
    assert not win.tray.reminder_timer.isActive()


# -- first run and demo data ----------------------------------------------------------------
def test_the_first_run_hint_shows_on_an_empty_database_until_something_is_logged(window, qtbot,
                                                                                 service):
    page = window.log_page
    assert page.first_run.isVisible()
    assert page.table.empty_hint.text() == "Nothing logged yet."
    page.first_run.how.linkActivated.emit("example")  # "Try this line"
    assert page.quick.text() == "Weekly status deck 45m ops #status"
    assert page.quick.line.hasFocus()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert titles_in_table(page) == ["Weekly status deck"]
    assert not page.first_run.isVisible()
    window.undo_action.trigger()  # back to no entry at all: the hint comes back
    qtbot.waitUntil(page.first_run.isVisible)


def test_no_first_run_hint_when_entries_exist_in_another_week(qtbot, service, ui_settings):
    service.entries.log_line("Sprint admin 30m ops 2026-10-01")
    win = open_window(qtbot, service, ui_settings)
    assert not win.log_page.first_run.isVisible()
    assert "Nothing logged this week" in win.log_page.table.empty_hint.text()


def test_demo_data_opens_in_a_new_window_on_its_own_temporary_file(window, qtbot, service,
                                                                   monkeypatch):
    asked = []
    monkeypatch.setattr("ui.common.messages.confirm", lambda *args: asked.append(args) or True)
    click(qtbot, window.log_page.first_run.demo_button)
    [demo] = window.demo_windows
    path = demo.service.store.path
    assert path != service.store.path
    assert Path(path).parent.parent == Path(tempfile.gettempdir())
    assert demo.windowTitle() == "DEMO DATA, discarded on close"
    assert demo.demo_banner.isVisible() and "Demo data" in demo.demo_banner.text()
    assert window.windowTitle() == "PM Workload"
    assert demo.isVisible() and demo.tray is None
    assert demo.service.entries.count() > 500 and service.entries.count() == 0
    assert demo.log_page.model.rowCount() > 0 and not demo.log_page.first_run.isVisible()
    demo.log_page.quick.line.setText("Demo only 30m ops")
    qtbot.keyClick(demo.log_page.quick.line, Qt.Key.Key_Return)
    assert service.entries.count() == 0  # the user's own database is never touched
    demo.close()
    assert [title for _, title, *_ in asked] == ["Discard the demo data?"]
    qtbot.waitUntil(lambda: not Path(path).parent.exists())
    assert window.demo_windows == []


def test_ctrl_q_in_a_demo_window_says_what_was_logged_is_discarded(window, qtbot, monkeypatch):
    answers = [False, True]
    asked = []

    def confirm(parent, title, text, action):
        asked.append((parent, text, action))
        return answers.pop(0)

    monkeypatch.setattr("ui.common.messages.confirm", confirm)
    demo = window.open_demo()
    path = demo.service.store.path
    demo.quit_action.trigger()  # nothing logged yet: closes without asking
    assert asked == []
    qtbot.waitUntil(lambda: not Path(path).parent.exists())

    demo = window.open_demo()
    demo.log_page.quick.line.setText("Demo only 30m ops")
    qtbot.keyClick(demo.log_page.quick.line, Qt.Key.Key_Return)
    window.quit_action.trigger()  # the main window's Quit asks through the demo window
    [(parent, text, action)] = asked
    assert parent is demo and "discarded" in text and action == "Discard and close"
    assert demo.isVisible() and window.isVisible()  # "Cancel": nothing closes
    window.quit_action.trigger()
    assert not demo.isVisible() and not window.isVisible()


def test_quit_closes_the_demo_windows_too(window, qtbot):
    window.open_demo()
    [demo] = window.demo_windows
    path = demo.service.store.path
    window.quit_action.trigger()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not Path(path).parent.exists())


# -- week keys on the visible page ----------------------------------------------------------
def test_alt_left_on_the_review_tab_steps_the_review_not_the_log(window, qtbot):
    log_page = window.log_page
    window.show_review_action.trigger()
    review = window.review_page
    if not hasattr(review, "show_week"):
        pytest.skip("the review page is not built yet")
    assert review.review.week.start == date(2026, 11, 23)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert review.review.week.start == date(2026, 11, 16)
    assert log_page.first == date(2026, 11, 23)  # the hidden page stays put
    qtbot.keyClick(window.tabs, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    window.next_week_action.trigger()
    assert review.review.week.start == date(2026, 11, 16)
    window.show_log_action.trigger()  # the log follows to the week the review showed
    assert log_page.first == date(2026, 11, 16)
    window.this_week_action.trigger()
    assert log_page.first == date(2026, 11, 23)
    window.show_review_action.trigger()
    assert review.review.week.start == date(2026, 11, 23)
    window.previous_week_action.trigger()
    window.this_week_action.trigger()
    assert review.review.week.start == date(2026, 11, 23)


# -- the File menu ----------------------------------------------------------------------------
@pytest.mark.parametrize(("action", "module", "function"), [
    ("import_action", "ui.exchange.dialogs", "open_import_dialog"),
    ("export_action", "ui.exchange.dialogs", "open_export_dialog"),
    ("backup_action", "ui.shell.backup_dialogs", "back_up_now"),
    ("restore_action", "ui.shell.backup_dialogs", "open_restore_dialog"),
])
def test_file_actions_call_their_dialog_module(window, monkeypatch, action, module, function):
    calls = []
    fake = types.ModuleType(module)
    setattr(fake, function, lambda win, service: calls.append((win, service)))
    monkeypatch.setitem(sys.modules, module, fake)
    getattr(window.file_actions, action).trigger()
    assert calls == [(window, window.service)]


def test_a_storage_error_from_a_file_action_is_shown_and_the_app_runs_on(window, monkeypatch,
                                                                        shown_messages):
    def locked(win, service):
        raise LOCKED

    fake = types.ModuleType("ui.shell.backup_dialogs")
    fake.back_up_now = locked
    monkeypatch.setitem(sys.modules, "ui.shell.backup_dialogs", fake)
    qtbot_key = window.file_actions.backup_action.shortcut().toString()
    assert qtbot_key == "Ctrl+Shift+B"
    window.file_actions.backup_action.trigger()
    [(kind, title, text)] = shown_messages.boxes
    assert (kind, title) == ("error", "Could not back up") and "locked" in text
    assert window.isVisible()


# -- palette ----------------------------------------------------------------------------------
def test_the_preview_follows_a_switch_to_the_dark_palette(window, qapp):
    from ui.common.theme import apply_dark_palette, kind_text_color

    page = window.log_page
    page.quick.line.setText("Roadmap review 1h strat")
    light = kind_text_color("strategic", dark=False).name()
    assert light in page.quick.preview.label.text()
    original = QApplication.palette()
    try:
        apply_dark_palette(qapp)
        qapp.processEvents()
        assert kind_text_color("strategic", dark=True).name() in page.quick.preview.label.text()
    finally:
        qapp.setPalette(original)


def test_the_timer_bar_shows_above_the_line_only_while_a_timer_runs(window, qtbot, service):
    bar = window.timer_bar
    assert isinstance(bar, TimerBar) and bar.parent() is window.log_page
    assert not bar.isVisible()  # idle: the Start button beside the line says enough
    service.timer.start("Roadmap review strat")
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: bar.geometry().bottom() < window.log_page.quick.y())
    assert bar.since_label.text() == "since 10:30"
    service.timer.discard()
    assert not bar.isVisible()


def test_the_latest_entries_stay_in_view_when_the_timer_bar_appears(window, qtbot, service):
    for n in range(40):
        service.entries.log_line(f"Task {n} 10m ops 2026-11-24")
    page = window.log_page
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 40)
    bar = page.table.verticalScrollBar()
    page.table.scrollToBottom()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    service.timer.start("Roadmap review strat")
    qtbot.waitUntil(window.timer_bar.isVisible)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    page.table.scrollToTop()  # scrolled elsewhere: left where it is
    service.timer.discard()
    qtbot.waitUntil(lambda: not window.timer_bar.isVisible())
    assert bar.value() == 0


def test_file_export_opens_the_real_export_dialog_over_the_window(window, qtbot):
    pytest.importorskip("ui.exchange.dialogs")
    from ui.exchange.export_dialog import ExportDialog

    qtbot.keyClick(window.log_page.quick.line, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [dialog] = [w for w in window.findChildren(ExportDialog) if w.isVisible()]
    dialog.reject()


def test_the_menus_switch_timer_saves_the_running_one_and_starts_the_next(window, qtbot, service,
                                                                          clock):
    service.timer.start("Sprint admin ops")
    qtbot.waitUntil(lambda: window.start_timer_action.text() == "&Switch timer")
    clock.advance(minutes=20)
    window.log_page.quick.line.setText("Roadmap review strat")
    window.start_timer_action.trigger()
    qtbot.waitUntil(lambda: service.timer.running().title == "Roadmap review")
    assert [(e.title, e.minutes) for e in service.entries.between(clock.today(), clock.today())] \
        == [("Sprint admin", 20)]


def test_an_untitled_timer_starts_from_the_timer_menu_and_its_words_say_untitled(window, qtbot,
                                                                                  service):
    service.entries.log_line("Roadmap review 30m strat #roadmap")  # an empty line would continue it
    qtbot.keyClick(window.log_page.quick.line, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: service.timer.running() is not None)
    assert service.timer.running().title == ""
    assert window.statusBar().currentMessage().startswith("Untitled timer started at")
    assert window.timer_bar._discard_now()  # as after the confirmation
    assert window.statusBar().currentMessage() == "The untitled timer was discarded"
