"""The quick-log line logs into the viewed day: the shown week's picked day, not always today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ui.log.day_groups import DAY_ROLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

LINE = "Weekly status deck 45m ops #status"


def log(page, qtbot, text):
    page.quick.line.setText(text)
    preview = page.quick.preview.text()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    return preview


def test_this_week_logs_into_today_without_saying_so(page, qtbot, service):
    assert page.viewed_day() == date(2026, 11, 24)
    assert "→" not in log(page, qtbot, LINE)
    assert [e.day for e in service.entries.between(date(2000, 1, 1), date(2100, 1, 1))] == [
        date(2026, 11, 24)]


def test_an_earlier_week_logs_into_its_first_day_and_the_preview_says_so(page, qtbot, service):
    page.previous_week()
    assert page.viewed_day() == date(2026, 11, 16)
    preview = log(page, qtbot, LINE)
    assert preview.endswith("· → Mon 16 Nov · new task")
    [entry] = service.entries.between(date(2026, 11, 16), date(2026, 11, 22))
    assert entry.day == date(2026, 11, 16)
    assert (page.first, page.viewed_day()) == (date(2026, 11, 16), date(2026, 11, 16))
    # A day the line names still wins, and says it without the arrow.
    preview = log(page, qtbot, "Roadmap review 30m s #roadmap thu")
    assert "→" not in preview
    assert service.entries.between(date(2026, 11, 19), date(2026, 11, 19))[0].title == "Roadmap review"


def test_a_day_picked_in_the_navigator_or_on_its_header_is_logged_into(page, qtbot, service):
    page.navigator.date_edit.setDate(date(2026, 11, 18))  # Wed of the week before
    assert page.viewed_day() == date(2026, 11, 18)
    log(page, qtbot, LINE)
    assert service.entries.between(date(2026, 11, 18), date(2026, 11, 18))
    page.this_week()
    service.entries.log_line("Roadmap review 30m s #roadmap today 09:30")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    monday = page.groups.index(0, 0)
    assert monday.data(DAY_ROLE) == date(2026, 11, 23)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.groups.index(0, 2)).center())  # on its header
    assert page.table.selected_entries() == []
    assert page.viewed_day() == date(2026, 11, 23)
    page.quick.line.setText(LINE)
    assert page.quick.preview.text().endswith("· → yesterday")
    log(page, qtbot, LINE)
    assert [e.title for e in service.entries.between(date(2026, 11, 23), date(2026, 11, 23))] == [
        "Weekly status deck"]
    # The saved entry is shown and selected; the picked day stays for the next line.
    assert page.viewed_day() == date(2026, 11, 23)
    assert [e.day for e in page.table.selected_entries()] == [date(2026, 11, 23)]


def test_a_day_to_come_is_never_logged_into_unless_the_line_says_so(page, qtbot, service):
    log(page, qtbot, "Planning 30m ops tomorrow")
    page.navigator.date_edit.setDate(date(2026, 11, 25))  # tomorrow picked (the latest allowed)
    assert page.viewed_day() == date(2026, 11, 24)
    assert "→" not in log(page, qtbot, LINE)
    assert [e.title for e in service.entries.between(date(2026, 11, 25), date(2026, 11, 25))] == [
        "Planning"]


def test_moving_to_an_entry_in_the_table_picks_its_day(page, qtbot, service):
    service.entries.log_line("Roadmap review 30m s #roadmap mon 09:30")  # yesterday
    monday = service.entries.log_line("Deck 30m ops mon 10:00")
    log(page, qtbot, LINE)  # today: selected for the user, the picked day stays
    assert page.viewed_day() == date(2026, 11, 24)
    page.table.setFocus()
    page.table.select_entries([monday.id])
    assert page.viewed_day() == date(2026, 11, 23)
    page.quick.line.setText(LINE)
    assert page.quick.preview.text().endswith("· → yesterday")
