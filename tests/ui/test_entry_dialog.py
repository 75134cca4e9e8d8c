"""The edit dialog's date and start time: one field each, typed or picked, read like the line."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from ui.log.entry_dialog import EntryDialog


@pytest.fixture
def entry(service):
    return service.entries.log_line("Weekly status deck 45m ops #status 2026-11-23 09:00")


@pytest.fixture
def dialog(qtbot, service, entry):
    saved: list[dict] = []
    widget = EntryDialog(service, entry, saved.append)
    widget.saved = saved
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def retype(qtbot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_typing_a_start_time_leaves_the_date(qtbot, dialog):
    retype(qtbot, dialog.start_edit, "9:30")
    assert dialog.date_edit.text() == "2026-11-23"
    assert dialog.changes() == {"start": time(9, 30)}


def test_date_and_start_are_one_tab_stop_each(qtbot, dialog):
    dialog.date_edit.line.setFocus()
    qtbot.waitUntil(dialog.date_edit.line.hasFocus)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.start_edit


def test_the_date_takes_the_day_words_of_the_quick_log_line(qtbot, dialog):
    # The clock stands on Tue 2026-11-24.
    for text, day in (("today", date(2026, 11, 24)), ("fri", date(2026, 11, 20)),
                      ("2026-11-2", date(2026, 11, 2))):
        retype(qtbot, dialog.date_edit.line, text)
        assert dialog.changes() == {"day": day}


def test_an_empty_start_means_no_start_time(qtbot, dialog):
    dialog.start_edit.clear()
    assert dialog.changes() == {"start": None}


def test_the_calendar_button_puts_the_picked_day_in_the_field(qtbot, dialog):
    assert dialog.date_edit.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    dialog.date_edit.menu.aboutToShow.emit()
    assert dialog.date_edit.calendar.selectedDate() == QDate(2026, 11, 23)
    dialog.date_edit.calendar.clicked.emit(QDate(2026, 11, 19))
    assert dialog.date_edit.text() == "2026-11-19"
    assert dialog.changes() == {"day": date(2026, 11, 19)}


@pytest.mark.parametrize(("field", "text", "says"), [
    ("date", "next week", "Date: 'next week' is not a date"),
    ("date", "2026-02-30", "Date: '2026-02-30' is not a real date"),
    ("start", "25:00", "Start time: '25:00' is not a time of day"),
    ("start", "half past", "Start time: 'half past' is not a time of day"),
])
def test_a_bad_date_or_time_names_the_field_and_the_text(qtbot, dialog, field, text, says):
    line = dialog.date_edit.line if field == "date" else dialog.start_edit
    retype(qtbot, line, text)
    dialog.accept()
    assert dialog.isVisible() and dialog.saved == []
    assert says in dialog.problem.text()
    assert line.hasFocus() or not dialog.isActiveWindow()


def test_the_typed_date_is_named_beside_it(qtbot, dialog):
    assert dialog.date_edit.day_name.text() == "yesterday"
    retype(qtbot, dialog.date_edit.line, "2026-11-19")
    assert dialog.date_edit.day_name.text() == "Thu 19 Nov"
    retype(qtbot, dialog.date_edit.line, "2026-11-")
    assert dialog.date_edit.day_name.text() == "not a date yet"
