"""Duplicate, Copy to today and Continue on the selected entries: context menu, Edit menu, undo."""

from __future__ import annotations

from datetime import date, time

from ui.log.models import ENTRY_ROLE

LINES = (
    "Weekly status deck 45m ops #status mon 09:00",
    "Customer interview with Acme 1h strat #discovery mon 11:00",
)


def seed(service, page, qtbot):
    entries = [service.entries.log_line(line) for line in LINES]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(LINES))
    return entries


def entries_of(service, day):
    return [(e.title, e.start) for e in service.entries.between(day, day)]


def test_the_context_menu_and_the_edit_menu_hold_them(window, page):
    context = [a.text() for a in page.table.actions()]
    edit_menu = [a.text() for a in window.edit_menu.actions()]
    for action in (page.log_actions.duplicate, page.log_actions.copy_to_today,
                   page.log_actions.continue_entry):
        assert action.text() in context and action.text() in edit_menu


def test_duplicate_logs_the_selection_again_after_each_original_in_one_undo_step(
        page, qtbot, service):
    deck, interview = seed(service, page, qtbot)
    page.table.select_entries([deck.id, interview.id])
    assert page.log_actions.duplicate.isEnabled()
    assert not page.log_actions.continue_entry.isEnabled()  # one timer: one entry to continue
    page.log_actions.duplicate.trigger()
    monday = date(2026, 11, 23)
    assert entries_of(service, monday) == [
        ("Weekly status deck", time(9, 0)), ("Weekly status deck", time(9, 45)),
        ("Customer interview with Acme", time(11, 0)),
        ("Customer interview with Acme", time(12, 0))]
    copies = {e.id for e in page.table.selected_entries()}
    assert len(copies) == 2 and not copies & {deck.id, interview.id}  # the copies, selected
    assert page.undo_stack.undoText() == "Duplicate 2 entries"
    page.undo_stack.undo()
    assert len(entries_of(service, monday)) == 2
    page.undo_stack.redo()
    assert len(entries_of(service, monday)) == 4


def test_copy_to_today_keeps_a_free_time_and_is_undone_in_one_step(page, qtbot, service):
    deck, interview = seed(service, page, qtbot)
    page.table.select_entries([deck.id, interview.id])
    page.log_actions.copy_to_today.trigger()
    today = date(2026, 11, 24)
    # 09:00 is free and begun; 11:00 is still to come at 10:30.
    assert entries_of(service, today) == [("Weekly status deck", time(9, 0)),
                                          ("Customer interview with Acme", None)]
    assert {e.day for e in page.table.selected_entries()} == {today}
    assert page.undo_stack.undoText() == "Copy to today 2 entries"
    page.undo_stack.undo()
    assert entries_of(service, today) == []


def test_continue_switches_the_running_timer_and_says_what_it_stopped(window, page, qtbot,
                                                                      service, clock):
    deck, interview = seed(service, page, qtbot)
    service.timer.start("Inbox ops")
    clock.advance(minutes=20)
    page.table.select_entries([interview.id])
    assert page.log_actions.continue_entry.isEnabled()
    with qtbot.waitSignal(window.timer_bar.titleChanged):
        page.log_actions.continue_entry.trigger()
    timer = service.timer.running()
    assert (timer.title, timer.kind, timer.category) == (
        "Customer interview with Acme", interview.kind, "Customer discovery & interviews")
    message = window.statusBar().currentMessage()
    assert message.startswith("Timer started for 'Customer interview with Acme' at 10:50")
    assert "the timer for 'Inbox' was stopped and saved (20 min" in message
    [inbox] = [e for e in service.entries.between(date(2026, 11, 24), date(2026, 11, 24))]
    assert inbox.title == "Inbox" and inbox.minutes == 20
    assert page.table.currentIndex().siblingAtColumn(0).data(ENTRY_ROLE).id == inbox.id
