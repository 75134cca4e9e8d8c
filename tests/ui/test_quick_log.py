"""The quick-log line, driven with the keyboard: Enter saves, the table and the totals follow."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.domain import Kind
from storage import StorageError
from ui.log.models import COL_TITLE, ENTRY_ROLE

# The suggestions popup asks the headless test display for the keyboard, which it cannot give.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

LINE = "Weekly status deck 45m ops #status"


def shown_entries(page):
    return [page.proxy.index(row, 0).data(ENTRY_ROLE) for row in range(page.proxy.rowCount())]


def test_the_line_has_focus_at_start(page, qtbot):
    qtbot.waitUntil(lambda: page.quick.line.hasFocus())


def test_enter_saves_the_line_and_shows_the_entry_selected(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, LINE)
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)

    [entry] = shown_entries(page)
    assert (entry.title, entry.minutes, entry.kind, entry.category, entry.day) == (
        "Weekly status deck", 45, Kind.OPERATIONAL, "Status reports & decks", date(2026, 11, 24))
    assert [e.id for e in service.entries.between(date(2026, 11, 24), date(2026, 11, 24))] == [entry.id]
    assert page.quick.text() == ""
    assert page.selected_ids() == [entry.id]
    assert page.proxy.index(0, COL_TITLE).data() == "Weekly status deck"
    assert "Today 45 min" in page.totals.text()
    assert "Strategic 0 %" in page.totals.text()
    assert page.table.empty_hint.isHidden()


def test_the_preview_says_how_the_line_will_be_saved(page, qtbot):
    qtbot.keyClicks(page.quick.line, LINE)
    assert page.quick.preview.text() == (
        "Weekly status deck · 45 min · operational · Status reports & decks · today · new task")


def test_an_invalid_line_says_why_saves_nothing_and_keeps_the_text(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Weekly status deck ops")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)

    assert service.entries.count() == 0
    assert page.quick.text() == "Weekly status deck ops"
    assert page.quick.preview.state == "problem"
    assert page.quick.preview.text().startswith("Not saved: Say how long it took")
    assert page.proxy.rowCount() == 0


def test_a_storage_error_on_save_shows_a_message_and_keeps_the_text(
        page, qtbot, service, monkeypatch, shown_messages):
    def locked(*args, **kwargs):
        raise StorageError("Could not use the database (x.db): the database is locked.", "x.db")

    monkeypatch.setattr(service.entries, "log", locked)
    qtbot.keyClicks(page.quick.line, LINE)
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)

    assert [kind for kind, *_ in shown_messages.boxes] == ["error"]
    assert "the database is locked" in shown_messages.texts()[0]
    assert page.quick.text() == LINE
    assert service.entries.count() == 0
    assert not page.undo_stack.canUndo()


def test_ctrl_l_goes_back_to_the_line(page, qtbot):
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.quick.line.hasFocus)


def test_autocomplete_offers_tasks_most_used_first_and_fills_the_title(page, qtbot, service):
    for line in ("Weekly status deck 45m ops #status mon", "Weekly status deck 1h ops #status",
                 "Write PRD for search 2h strat #experiment mon", "Weekly planning 30m s #prior mon"):
        service.entries.log_line(line)
    page.refresh_tasks()
    count = service.entries.count()
    qtbot.keyClicks(page.quick.line, "wee")
    popup = page.quick.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "Weekly status deck", "Weekly planning"]

    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert page.quick.text() == "Weekly status deck 50m "  # its usual duration, selected
    assert service.entries.count() == count  # choosing a title is not a save
    assert page.quick.preview.text().startswith(
        "Weekly status deck · 50 min · operational · Status reports & decks · today")

    qtbot.keyClicks(page.quick.line, "30m")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert service.entries.count() == count + 1
    # The list is read again after a pause in typing, whoever logged.
    qtbot.waitUntil(lambda: page.quick.tasks[0].uses == 3)


def test_words_inside_a_title_complete_too(page, qtbot, service):
    service.entries.log_line("Write PRD for search 2h strat #experiment")
    page.refresh_tasks()
    qtbot.keyClicks(page.quick.line, "prd")
    qtbot.waitUntil(page.quick.completer.popup().isVisible)
    assert page.quick.suggestions.index(0, 0).data() == "Write PRD for search"


def test_start_button_starts_a_timer_from_the_line(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Competitor teardown strat #market")
    qtbot.mouseClick(page.quick.start_button, Qt.MouseButton.LeftButton)
    timer = service.timer.running()
    assert timer is not None and timer.title == "Competitor teardown"
    assert page.quick.text() == ""


def test_ctrl_enter_starts_a_timer_and_a_second_one_switches(page, qtbot, service, clock):
    qtbot.keyClicks(page.quick.line, "Competitor teardown strat #market")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert service.timer.running() is not None
    assert service.entries.count() == 0
    clock.advance(minutes=30)
    qtbot.keyClicks(page.quick.line, "Roadmap strat #roadmap")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert service.timer.running().title == "Roadmap"
    (saved,) = service.entries.between(clock.today(), clock.today())
    assert (saved.title, saved.minutes) == ("Competitor teardown", 30)
    assert page.quick.text() == ""


def test_start_on_an_empty_line_continues_the_last_entry(page, qtbot, service):
    service.entries.log_line("Deck review 20m ops #status")
    qtbot.mouseClick(page.quick.start_button, Qt.MouseButton.LeftButton)
    assert service.timer.running().title == "Deck review"


def test_the_task_list_follows_changes_made_elsewhere_once_the_user_pauses(page, qtbot, service):
    from ui.log.page import TASKS_IDLE_MS

    qtbot.waitUntil(lambda: page.quick.tasks == [])  # the first, empty list
    service.entries.log_line("Competitor teardown 1h strat #market")  # e.g. the timer bar, an import
    assert page._tasks_timer.interval() == TASKS_IDLE_MS and page._tasks_timer.isActive()
    qtbot.waitUntil(lambda: [u.task.title for u in page.quick.tasks] == ["Competitor teardown"],
                    timeout=TASKS_IDLE_MS + 3000)


def test_ctrl_z_right_after_logging_undoes_the_entry_not_the_clearing(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, LINE)
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert service.entries.count() == 1

    qtbot.keyClick(page.quick.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.entries.count() == 0
    assert page.quick.text() == ""
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)  # nothing to log twice
    assert service.entries.count() == 0

    qtbot.keyClick(page.quick.line, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert service.entries.count() == 1


def test_ctrl_z_while_typing_undoes_the_typing(page, qtbot, service):
    service.entries.log_line(LINE)
    qtbot.keyClicks(page.quick.line, "Roadmap")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.quick.text() == ""
    assert service.entries.count() == 1


def test_esc_empties_the_line_and_ctrl_z_brings_the_text_back(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, LINE)
    popup = page.quick.category_completer.popup()  # '#status' offers its full name
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the first Esc closes the suggestions
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert page.quick.text() == LINE
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Escape)
    assert page.quick.text() == ""
    assert page.quick.preview.state != "problem"
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.quick.text() == LINE
    assert service.entries.count() == 0


def test_ctrl_f_goes_to_the_filter(page, qtbot):
    page.filter_edit.setText("status")
    qtbot.waitUntil(lambda: page.quick.line.hasFocus())
    qtbot.keyClick(page.quick.line, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.filter_edit.hasFocus)
    assert page.filter_edit.selectedText() == "status"
