"""Time away in the window: a sleep or idle time noticed on the timer bar's tick, the question
on return (keep / discard / log), a timer left running since a heartbeat, and Settings."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.domain import Kind
from app.log.away import AwayCause, AwayResolution, AwayStretch
from app.workload import WorkloadService
from storage import open_store
from ui.common.idle import IdleProbe, detect_probe, source_text
from ui.log.away_dialog import AwayDialog
from ui.log.timer_bar import TimerBar, restore_timer_on_start
from ui.log.timer_dialogs import RestoreTimerDialog, TimerAction, TimerDecision
from ui.settings.dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def at(hour: int, minute: int, second: int = 0, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute, second).astimezone()


class FakeProbe(IdleProbe):
    """Reports whatever the test says, counting the calls."""

    available = True

    def __init__(self) -> None:
        super().__init__("fake idle source")
        self.idle: object = 0
        self.calls = 0

    def idle_seconds(self):
        self.calls += 1
        return self.idle


@pytest.fixture
def probe():
    return FakeProbe()


def make_bar(qtbot, service, clock, probe):
    bar = TimerBar(service, clock, probe=probe)
    qtbot.addWidget(bar)
    bar.ticker.stop()  # the test ticks by hand; the running bar's own ticks read the same clock
    return bar


@pytest.fixture
def bar(qtbot, service, clock, probe):
    return make_bar(qtbot, service, clock, probe)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def away_dialogs(bar) -> list[AwayDialog]:
    return [w for w in bar.findChildren(AwayDialog) if w.isVisible()]


def start_and_sleep(bar, service, clock, minutes_before=12, minutes_away=48):
    """Start 'Roadmap review' at 10:30, work, then the computer sleeps."""
    service.timer.start("Roadmap review strat #vision")
    bar.tick()
    clock.advance(minutes=minutes_before)
    bar.tick()
    clock.sleep(minutes=minutes_away)
    bar.tick()


# -- a sleep between ticks --------------------------------------------------------------------
def test_a_sleep_asks_on_return_and_discard_cuts_it_out(qtbot, bar, service, clock):
    start_and_sleep(bar, service, clock)
    dialog = bar.away.dialog
    assert dialog is not None and away_dialogs(bar) == [dialog]
    assert dialog.heading.text() == (
        "You were away from 10:42 to 11:30 (48 min) while ‘Roadmap review’ ran.")
    assert dialog.cause.text() == "The computer was asleep."
    assert dialog.discard_hint.text() == (
        "Saves the 12 min before as an entry; the timer runs on from 11:30.")
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.discard_button)
    [entry] = service.entries.between(at(0, 0).date(), at(0, 0).date())
    assert (entry.title, entry.minutes, f"{entry.start:%H:%M}") == ("Roadmap review", 12, "10:30")
    running = service.timer.running()
    assert running.started_at == at(11, 30) and running.category == "Vision, strategy & roadmap"
    assert bar.away.dialog is None and bar.since_label.text() == "since 11:30"


def test_keep_changes_nothing_and_the_stretch_is_not_asked_again(qtbot, bar, service, clock):
    start_and_sleep(bar, service, clock)
    dialog = bar.away.dialog
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.keep_button)
    assert service.entries.count() == 0
    assert service.timer.running().started_at == at(10, 30)
    clock.advance(seconds=1)
    bar.tick()
    assert bar.away.dialog is None


def test_log_saves_the_time_away_as_an_entry_typed_in_the_line(qtbot, bar, service, clock):
    start_and_sleep(bar, service, clock)
    dialog = bar.away.dialog
    qtbot.keyClicks(dialog.line, "Hallway chat with design ops")
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.log_button)
    entries = sorted(service.entries.between(at(0, 0).date(), at(0, 0).date()),
                     key=lambda e: e.start)
    assert [(e.title, e.minutes, f"{e.start:%H:%M}", e.kind) for e in entries] == [
        ("Roadmap review", 12, "10:30", Kind.STRATEGIC),
        ("Hallway chat with design", 48, "10:42", Kind.OPERATIONAL)]
    assert service.timer.running().started_at == at(11, 30)


def test_a_bad_line_is_said_in_the_dialog_which_stays_open(qtbot, bar, service, clock):
    start_and_sleep(bar, service, clock)
    dialog = bar.away.dialog
    qtbot.keyClicks(dialog.line, "Lunch 30m ops")
    click(qtbot, dialog.log_button)
    assert dialog.isVisible() and "give only a title" in dialog.error_label.text()
    assert service.entries.count() == 0


def test_away_again_while_asked_extends_the_open_dialog(qtbot, bar, service, clock):
    start_and_sleep(bar, service, clock)
    dialog = bar.away.dialog
    clock.advance(minutes=5)
    bar.tick()
    clock.sleep(minutes=25)
    bar.tick()
    assert bar.away.dialog is dialog and away_dialogs(bar) == [dialog]
    assert dialog.heading.text() == (
        "You were away from 10:42 to 12:00 (1 h 18 min) while ‘Roadmap review’ ran.")


def test_two_windows_settle_one_stretch_once(qtbot, service, clock):
    first = make_bar(qtbot, service, clock, FakeProbe())
    second = make_bar(qtbot, service, clock, FakeProbe())
    service.timer.start("Roadmap review strat")
    for bar in (first, second):
        bar.tick()
    clock.advance(minutes=12)
    clock.sleep(minutes=48)
    for bar in (first, second):
        bar.tick()
    one, other = first.away.dialog, second.away.dialog
    assert one is not None and other is not None
    with qtbot.waitSignal(one.finished):
        click(qtbot, one.discard_button)
    click(qtbot, other.discard_button)  # the second window, or a second click
    assert "settled already" in other.error_label.text()
    assert not other.keep_button.isEnabled() and not other.discard_button.isEnabled()
    assert service.entries.count() == 1


def test_a_late_tick_is_no_sleep(bar, service, clock):
    service.timer.start("Roadmap review strat")
    bar.tick()
    clock.advance(minutes=30)  # the wall and the monotonic clock moved together
    bar.tick()
    assert bar.away.dialog is None


# -- idle time from the platform ----------------------------------------------------------------
def test_idle_time_asks_once_the_user_is_back(qtbot, bar, service, clock, probe):
    service.timer.start("Roadmap review strat")
    bar.tick()
    clock.moment = at(10, 52, 30)
    probe.idle = 10 * 60 + 30            # nobody since 10:42
    bar.tick()
    assert bar.away.dialog is None       # still away: asked on return
    clock.moment = at(11, 30, 20)
    probe.idle = 20                      # back at 11:30
    bar.tick()
    dialog = bar.away.dialog
    assert dialog.heading.text() == (
        "You were away from 10:42 to 11:30 (48 min) while ‘Roadmap review’ ran.")
    assert dialog.cause.text() == "There was no keyboard or mouse input."


@pytest.mark.parametrize("nonsense", [-5, float("nan"), "idle", None])
def test_nonsense_idle_reports_ask_nothing(bar, service, clock, probe, nonsense):
    service.timer.start("Roadmap review strat")
    probe.idle = nonsense
    for minutes in range(0, 60, 1):
        clock.moment = at(10, 30 + minutes // 2, 30 * (minutes % 2))
        bar.tick()
    probe.idle = 3
    clock.advance(seconds=30)
    bar.tick()
    assert bar.away.dialog is None


def test_a_huge_idle_report_is_clamped_to_the_timer(qtbot, bar, service, clock, probe):
    service.timer.start("Roadmap review strat")
    clock.moment = at(10, 50)
    probe.idle = 10**12                  # "idle for 30,000 years"
    bar.tick()
    clock.moment = at(11, 0)
    probe.idle = 10
    bar.tick()
    dialog = bar.away.dialog
    assert dialog.stretch.start == at(10, 30)  # not before the timer started
    assert dialog.discard_hint.text() == "the timer runs on from 10:59."


def test_idle_threshold_zero_never_asks(bar, service, clock, probe):
    service.settings.update(away_after_minutes=0)
    service.timer.start("Roadmap review strat")
    bar.tick()
    clock.moment = at(11, 30)
    probe.idle = 3000
    bar.tick()
    clock.moment = at(11, 31)
    probe.idle = 5
    bar.tick()
    assert bar.away.dialog is None


def test_polls_only_while_a_timer_runs_and_at_most_every_30_s(bar, service, clock, probe):
    for _ in range(40):
        clock.advance(seconds=1)
        bar.tick()
    assert probe.calls == 0
    service.timer.start("Roadmap review strat")
    bar.tick()
    for _ in range(59):
        clock.advance(seconds=1)
        bar.tick()
    assert probe.calls == 2  # at 0 s and 30 s of the timer


def test_the_heartbeat_is_written_once_a_minute_not_at_start(bar, service, clock):
    service.timer.start("Roadmap review strat")
    bar.tick()
    assert service.timer.last_beat() is None  # a left timer's last beat is asked about first
    clock.advance(seconds=61)
    bar.tick()
    assert service.timer.last_beat() == at(10, 31, 1)
    clock.advance(seconds=30)
    bar.tick()
    assert service.timer.last_beat() == at(10, 31, 1)


# -- a timer left running since a heartbeat (closed, or crashed) -------------------------------
def test_a_crashed_timer_asks_about_the_time_since_its_last_heartbeat(qtbot, data_dir, monkeypatch):
    path = data_dir / "pm-workload.db"
    clock = FixedClock(at(9, 0))
    first = open_store(path)
    WorkloadService(first, clock).timer.start("Customer interview with Acme strat")
    WorkloadService(first, clock).timer.beat(at(10, 15))
    first.close()  # the app dies with the timer running

    clock.moment = at(16, 0)
    second = open_store(path)
    try:
        service = WorkloadService(second, clock)
        seen = {}

        def ask(cls, parent, service, timer, stretch):
            dialog = cls(service, timer, stretch, parent)
            qtbot.addWidget(dialog)
            dialog.open()
            seen["heading"] = dialog.heading.text()
            seen["cause"] = dialog.cause.text()
            click(qtbot, dialog.discard_button)
            return dialog.settled

        monkeypatch.setattr(AwayDialog, "ask", classmethod(ask))
        monkeypatch.setattr(RestoreTimerDialog, "ask", classmethod(lambda *a: pytest.fail("old")))
        entry = restore_timer_on_start(None, service)
        assert seen == {
            "heading": "You were away from 10:15 to 16:00 (5 h 45 min) while "
                       "‘Customer interview with Acme’ ran.",
            "cause": "The app was not running (it was closed, or it crashed)."}
        # The work before is saved, but not handed back to go on the undo stack alone.
        assert entry is None
        saved = service.entries.between(at(9, 0).date(), at(9, 0).date())
        assert [(e.minutes, f"{e.start:%H:%M}") for e in saved] == [(75, "09:00")]
        assert service.timer.running().started_at == at(16, 0)
        # Asked once: the next start asks only the usual question about a running timer.
        monkeypatch.setattr(AwayDialog, "ask", classmethod(lambda *a: pytest.fail("twice")))
        monkeypatch.setattr(RestoreTimerDialog, "ask",
                            classmethod(lambda *a: TimerDecision(TimerAction.KEEP)))
        assert restore_timer_on_start(None, service) is None
    finally:
        second.close()


def test_a_left_timer_kept_is_not_asked_about_again(service, clock, monkeypatch):
    service.timer.start("Roadmap review strat")
    service.timer.beat(at(11, 0))
    clock.moment = at(15, 0)

    def keep(cls, parent, service, timer, stretch):
        return cls(service, timer, stretch, parent).settle(AwayResolution.KEEP)

    monkeypatch.setattr(AwayDialog, "ask", classmethod(keep))
    assert restore_timer_on_start(None, service) is None
    assert service.timer.running().started_at == at(10, 30) and service.entries.count() == 0
    # Started again before the next heartbeat: the kept stretch is not asked about again.
    monkeypatch.setattr(AwayDialog, "ask", classmethod(lambda *a: pytest.fail("asked again")))
    monkeypatch.setattr(RestoreTimerDialog, "ask",
                        classmethod(lambda *a: TimerDecision(TimerAction.KEEP)))
    assert restore_timer_on_start(None, service) is None


def test_without_a_heartbeat_the_restore_question_is_asked(service, clock, monkeypatch):
    service.timer.start("Roadmap review strat")
    clock.advance(hours=3)
    monkeypatch.setattr(AwayDialog, "ask", classmethod(lambda *a: pytest.fail("away")))
    monkeypatch.setattr(RestoreTimerDialog, "ask",
                        classmethod(lambda *a: TimerDecision(TimerAction.KEEP)))
    assert restore_timer_on_start(None, service) is None


def test_closing_the_dialog_keeps_the_time(qtbot, service, clock):
    timer = service.timer.start("Roadmap review strat")
    clock.moment = at(11, 31)
    dialog = AwayDialog(service, timer, AwayStretch(timer.started_at, at(10, 42), at(11, 30),
                                                    AwayCause.IDLE))
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.settled is None and service.timer.running() == timer


# -- the probe and Settings -------------------------------------------------------------------------
def test_offscreen_has_no_idle_source_and_says_so():
    probe = detect_probe("offscreen")
    assert probe.idle_seconds() is None and not probe.available
    assert probe.source == "not available on this system (offscreen)"
    assert source_text(probe) == "Idle time is not available on this system; only sleep is noticed."
    assert source_text(FakeProbe()) == "Idle time comes from the fake idle source."


def test_settings_shows_the_idle_source_and_saves_the_threshold(qtbot, service, monkeypatch):
    import ui.settings.away_setting as away_setting

    monkeypatch.setattr(away_setting, "idle_probe", lambda: FakeProbe())
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.away_after_minutes.value() == 10
    assert dialog.away_after_minutes.text() == "10 min idle"
    assert dialog.away_source.text() == "Idle time comes from the fake idle source."
    box = dialog.away_after_minutes
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "25")
    dialog.accept()
    assert service.settings.get().away_after_minutes == 25


def test_settings_a_cleared_box_means_never(qtbot, service):
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.away_source.text() == (
        "Idle time is not available on this system; only sleep is noticed.")
    box = dialog.away_after_minutes
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert dialog.check() is None
    dialog.accept()
    assert service.settings.get().away_after_minutes == 0
    assert SettingsDialog(service).away_after_minutes.text() == "never"


def test_ctrl_z_after_settling_a_left_timer_does_not_drop_the_work_before(window, service, clock,
                                                                          monkeypatch, qtbot):
    service.timer.start("Crash test ops")
    service.timer.beat(at(11, 0))
    clock.moment = at(15, 0)

    def ask(cls, parent, service, timer, stretch):
        dialog = cls(service, timer, stretch, parent)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.line.setText("Lunch ops")
        click(qtbot, dialog.log_button)
        return dialog.settled

    monkeypatch.setattr(AwayDialog, "ask", classmethod(ask))
    window._timer_left_running = service.timer.running()
    window._ask_about_left_timer()
    day = at(9, 0).date()
    titles = sorted(e.title for e in service.entries.between(day, day))
    assert titles == ["Crash test", "Lunch"]
    assert "edit or delete the entries" in window.statusBar().currentMessage()
    window.log_page.undo_stack.undo()  # nothing of the settle is on the stack
    assert sorted(e.title for e in service.entries.between(day, day)) == titles
