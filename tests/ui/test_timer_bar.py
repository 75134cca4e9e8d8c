"""The timer bar: what it shows, Stop and Discard, the long-timer question, restore at start."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.clock import FixedClock
from app.domain import Kind
from app.workload import WorkloadService
from storage import open_store
from ui.log.timer_bar import TimerBar, restore_timer_on_start, running_time, window_title_text
from ui.log.timer_dialogs import (
    RestoreTimerDialog,
    StopTimerDialog,
    TimerAction,
    TimerDecision,
    from_qdatetime,
)

# Showing a top-level window on the offscreen platform always logs this (the plugin has no
# window manager to pass size hints to); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def local(*parts: int) -> datetime:
    return datetime(*parts).astimezone()


@pytest.fixture
def bar(qtbot, service, clock):
    widget = TimerBar(service, clock)
    qtbot.addWidget(widget)
    return widget


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- pure helpers -------------------------------------------------------------------------
def test_running_time_is_hh_mm_ss():
    assert running_time(0) == "00:00:00"
    assert running_time(42 * 60 + 5) == "00:42:05"
    assert running_time(13 * 3600 + 2) == "13:00:02"
    assert running_time(-5) == "00:00:00"


def test_window_title_text(service):
    timer = service.timer.start("Weekly status deck ops")
    assert window_title_text(timer, 42 * 60 + 59) == "▶ 0:42 Weekly status deck"
    assert window_title_text(timer, 3600 + 5 * 60) == "▶ 1:05 Weekly status deck"


# -- what is shown ------------------------------------------------------------------------
def test_idle_bar_says_no_timer_and_offers_no_buttons(bar):
    assert bar.running_timer() is None
    assert not bar.idle_label.isHidden()
    assert bar.stop_button.isHidden() and bar.discard_button.isHidden()
    assert not bar.ticker.isActive()
    assert bar.window_title() == ""


def test_starting_a_timer_elsewhere_shows_it(qtbot, bar, service):
    with qtbot.waitSignal(bar.runningChanged) as running, \
            qtbot.waitSignal(bar.titleChanged) as title:
        service.timer.start("Weekly status deck ops #status")
    assert running.args == [True]
    assert title.args == ["▶ 0:00 Weekly status deck"]
    assert bar.title_label.full_text() == "Weekly status deck"
    assert bar.kind_label.text() == "Operational"
    assert bar.category_label.full_text() == "Status reports & decks"
    assert bar.elapsed_label.text() == "00:00:00"
    assert bar.since_label.text() == "since 10:30"
    assert bar.idle_label.isHidden() and not bar.stop_button.isHidden()
    assert bar.ticker.isActive()


def test_running_time_follows_the_clock_every_tick(qtbot, bar, service, clock):
    service.timer.start("Weekly status deck ops")
    bar.ticker.setInterval(5)  # the real timer path, without waiting a real second
    clock.advance(minutes=42, seconds=13)
    with qtbot.waitSignal(bar.titleChanged) as title:
        pass
    assert title.args == ["▶ 0:42 Weekly status deck"]
    qtbot.waitUntil(lambda: bar.elapsed_label.text() == "00:42:13")
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: bar.elapsed_label.text() == "00:42:14")


def test_title_changes_once_a_minute_not_every_second(bar, service, clock):
    service.timer.start("Weekly status deck ops")
    titles: list[str] = []
    bar.titleChanged.connect(titles.append)
    for _ in range(90):
        clock.advance(seconds=1)
        bar.tick()
    assert titles == ["▶ 0:01 Weekly status deck"]


def test_a_renamed_category_shows_at_once(service, bar):
    service.timer.start("Weekly status deck ops #status")
    category = service.categories.find("status")
    service.categories.update(category.id, name="Status updates")
    assert bar.category_label.full_text() == "Status updates"


# -- stopping and discarding ----------------------------------------------------------------
def test_stop_saves_an_entry_and_goes_idle(qtbot, bar, service, clock):
    service.timer.start("Weekly status deck ops #status")
    clock.advance(minutes=45)
    with qtbot.waitSignal(bar.stopped) as stopped, \
            qtbot.waitSignal(bar.titleChanged) as title:
        click(qtbot, bar.stop_button)
    entry = stopped.args[0]
    assert (entry.title, entry.minutes, entry.kind) == ("Weekly status deck", 45, Kind.OPERATIONAL)
    assert entry.start.strftime("%H:%M") == "10:30"
    assert title.args == [""]
    assert service.timer.running() is None
    assert not bar.idle_label.isHidden()
    assert not bar.ticker.isActive()


def test_a_short_timer_stops_without_asking(qtbot, bar, service, clock, monkeypatch):
    monkeypatch.setattr(StopTimerDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    service.timer.start("Roadmap review strat")
    clock.advance(hours=2)
    with qtbot.waitSignal(bar.stopped):
        click(qtbot, bar.stop_button)


def test_discard_asks_then_throws_the_timer_away(qtbot, bar, service, monkeypatch):
    asked = []
    monkeypatch.setattr(TimerBar, "confirm_discard",
                        classmethod(lambda cls, parent, timer: asked.append(timer.title) or True))
    service.timer.start("Weekly status deck ops")
    with qtbot.waitSignal(bar.discarded):
        click(qtbot, bar.discard_button)
    assert asked == ["Weekly status deck"]
    assert service.timer.running() is None
    assert service.entries.count() == 0


def test_discard_cancelled_keeps_the_timer(qtbot, bar, service, monkeypatch):
    monkeypatch.setattr(TimerBar, "confirm_discard", classmethod(lambda *a: False))
    service.timer.start("Weekly status deck ops")
    click(qtbot, bar.discard_button)
    assert service.timer.running() is not None
    assert not bar.stop_button.isHidden()


# -- a long timer asks before saving --------------------------------------------------------
def drive_stop_dialog(qtbot, choose, at=None):
    """Return an ask() that opens the real dialog, chooses as a user would, and presses OK."""
    seen = {}

    def ask(cls, parent, service, timer, now, reason):
        dialog = cls(service, timer, now, reason, parent)
        qtbot.addWidget(dialog)
        dialog.open()
        seen.update(reason=reason, dialog=dialog)
        click(qtbot, dialog.buttons[choose])
        if at is not None:
            dialog.set_stop_time(at)
        click(qtbot, dialog.ok_button)
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.decision()

    return classmethod(ask), seen


def test_long_timer_asks_and_stop_at_saves_the_chosen_time(qtbot, bar, service, clock,
                                                           monkeypatch):
    service.timer.start("Write PRD for search strat")
    clock.advance(hours=13)
    ask, seen = drive_stop_dialog(qtbot, TimerAction.STOP_AT, local(2026, 11, 24, 12, 15))
    monkeypatch.setattr(StopTimerDialog, "ask", ask)
    with qtbot.waitSignal(bar.stopped) as stopped:
        click(qtbot, bar.stop_button)
    assert "more than 12 hours" in seen["reason"]
    assert stopped.args[0].minutes == 105
    assert service.timer.running() is None


def test_long_timer_save_anyway_keeps_all_the_time(qtbot, bar, service, clock, monkeypatch):
    service.timer.start("Write PRD for search strat")
    clock.advance(hours=13)
    ask, _ = drive_stop_dialog(qtbot, TimerAction.SAVE)
    monkeypatch.setattr(StopTimerDialog, "ask", ask)
    with qtbot.waitSignal(bar.stopped) as stopped:
        click(qtbot, bar.stop_button)
    assert stopped.args[0].minutes == 13 * 60


def test_past_midnight_asks_and_discard_saves_nothing(qtbot, bar, service, clock, monkeypatch):
    clock.moment = local(2026, 11, 24, 23, 30)
    service.timer.start("Competitor teardown strat")
    clock.advance(minutes=45)
    ask, seen = drive_stop_dialog(qtbot, TimerAction.DISCARD)
    monkeypatch.setattr(StopTimerDialog, "ask", ask)
    with qtbot.waitSignal(bar.discarded):
        click(qtbot, bar.stop_button)
    assert "past midnight" in seen["reason"]
    assert service.entries.count() == 0 and service.timer.running() is None


def test_cancelling_the_question_keeps_the_timer_running(qtbot, bar, service, clock, monkeypatch):
    service.timer.start("Write PRD for search strat")
    clock.advance(hours=13)
    monkeypatch.setattr(StopTimerDialog, "ask", classmethod(lambda *a: None))
    assert bar.stop() is None
    assert service.timer.running() is not None
    assert service.entries.count() == 0


def test_the_dialog_offers_save_anyway_only_up_to_a_day(qtbot, service, clock):
    timer = service.timer.start("Write PRD for search strat")
    clock.advance(hours=30)
    dialog = StopTimerDialog(service, timer, clock.now(), "reason")
    qtbot.addWidget(dialog)
    assert not dialog.buttons[TimerAction.SAVE].isEnabled()
    # The stop time cannot go beyond a day after the start, nor before it.
    dialog.set_stop_time(clock.now())
    assert from_qdatetime(dialog.stop_at.dateTime()) == local(2026, 11, 25, 10, 30)
    dialog.set_stop_time(local(2026, 11, 24, 9, 0))
    assert from_qdatetime(dialog.stop_at.dateTime()) == local(2026, 11, 24, 10, 30)


def test_the_dialog_shows_the_minutes_a_stop_time_would_save(qtbot, service, clock):
    timer = service.timer.start("Write PRD for search strat")
    clock.advance(hours=13)
    dialog = StopTimerDialog(service, timer, clock.now(), "reason")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.set_stop_time(local(2026, 11, 24, 12, 0))
    assert dialog.stop_minutes.text() == "→ 1 h 30 min"
    click(qtbot, dialog.buttons[TimerAction.DISCARD])
    assert not dialog.stop_at.isEnabled()
    assert dialog.decision() == TimerDecision(TimerAction.DISCARD)


# -- a timer found running at start (the app was closed or crashed) --------------------------
def test_timer_restored_after_a_crash_and_stopped_at_a_chosen_time(qtbot, data_dir, monkeypatch):
    path = data_dir / "pm-workload.db"
    clock = FixedClock(local(2026, 11, 24, 9, 0))
    first = open_store(path)
    WorkloadService(first, clock).timer.start("Customer interview with Acme strat")
    first.close()  # the app dies with the timer running

    clock.moment = local(2026, 11, 24, 16, 0)
    second = open_store(path)
    try:
        service = WorkloadService(second, clock)
        seen = {}

        def ask(cls, parent, service, timer, now):
            dialog = cls(service, timer, now, parent)
            qtbot.addWidget(dialog)
            dialog.open()
            seen["title"] = dialog.heading.text()
            seen["default"] = dialog.choice()
            click(qtbot, dialog.buttons[TimerAction.STOP_AT])
            dialog.set_stop_time(local(2026, 11, 24, 10, 15))
            click(qtbot, dialog.ok_button)
            return dialog.decision()

        monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(ask))
        entry = restore_timer_on_start(None, service)
        assert seen == {"title": "A timer is still running for “Customer interview with Acme”",
                        "default": TimerAction.KEEP}
        assert entry is not None and entry.minutes == 75
        assert entry.start.strftime("%H:%M") == "09:00" and entry.kind == Kind.STRATEGIC
        assert service.timer.running() is None
        assert [e.minutes for e in service.entries.between(entry.day, entry.day)] == [75]
    finally:
        second.close()


def test_restore_keep_running_changes_nothing(service, clock, monkeypatch):
    service.timer.start("Roadmap review strat")
    clock.advance(hours=3)
    monkeypatch.setattr(RestoreTimerDialog, "ask",
                        classmethod(lambda *a: TimerDecision(TimerAction.KEEP)))
    assert restore_timer_on_start(None, service) is None
    assert service.timer.running().title == "Roadmap review"


def test_restore_discard_throws_it_away(service, clock, monkeypatch):
    service.timer.start("Roadmap review strat")
    monkeypatch.setattr(RestoreTimerDialog, "ask",
                        classmethod(lambda *a: TimerDecision(TimerAction.DISCARD)))
    assert restore_timer_on_start(None, service) is None
    assert service.timer.running() is None and service.entries.count() == 0


def test_restore_without_a_timer_asks_nothing(service, monkeypatch):
    monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    assert restore_timer_on_start(None, service) is None


def test_closing_the_restore_dialog_keeps_the_timer(qtbot, service, clock):
    timer = service.timer.start("Roadmap review strat")
    dialog = RestoreTimerDialog(service, timer, clock.now())
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert service.timer.running() is not None


def test_a_closed_bar_stops_listening(qtbot, service):
    widget = TimerBar(service)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not service.changes._listeners)
    service.timer.start("Roadmap review strat")  # nothing is called on the deleted widget


def test_the_timer_dialogs_name_an_untitled_timer_in_words(qtbot, service, clock):
    from ui.log.timer_dialogs import RestoreTimerDialog, StopTimerDialog

    timer = service.timer.start("")
    restore = RestoreTimerDialog(service, timer, clock.now())
    stop = StopTimerDialog(service, timer, clock.now(), "It ran past midnight.")
    for dialog in (restore, stop):
        qtbot.addWidget(dialog)
    texts = [label.text() for d in (restore, stop) for label in d.findChildren(QLabel)]
    assert "An untitled timer is still running" in texts
    assert "When did you stop the untitled timer?" in texts
    assert not any("“”" in text for text in texts)
