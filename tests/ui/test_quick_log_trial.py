"""Quick-log fixes from the user trial (issue #16): a picked suggestion brings its usual
duration, a line without one is not shown as ready, a duration may be said in words, the
window's entry shortcuts work from the line, and the offer of a new category says which day the
entry goes to."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit

from app.display import format_minutes
from ui.log import quick_log
from ui.log.quick_log import QuickLogLine

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def pick_first(page, qtbot, typed):
    qtbot.keyClicks(page.quick.line, typed)
    popup = page.quick.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())


# -- 1. a suggestion brings its usual duration ---------------------------------------------
def test_picking_a_suggestion_fills_its_usual_duration_and_enter_saves_it(page, qtbot, service):
    service.entries.log_line("Weekly status deck 40m ops #status mon")
    service.entries.log_line("Weekly status deck 50m ops #status mon")
    page.refresh_tasks()
    pick_first(page, qtbot, "wee")
    assert page.quick.text() == "Weekly status deck 45m "
    assert page.quick.line.selectedText() == "45m"  # typing another duration replaces it
    assert page.quick.preview.state == "ok"
    assert page.quick.preview.text().startswith("Weekly status deck · 45 min · operational")

    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    today = service.entries.between(date(2026, 11, 24), date(2026, 11, 24))
    assert [(e.title, e.minutes) for e in today] == [("Weekly status deck", 45)]


def test_a_duration_typed_over_the_usual_one_replaces_it(page, qtbot, service):
    service.entries.log_line("Weekly status deck 45m ops #status mon")
    page.refresh_tasks()
    pick_first(page, qtbot, "wee")
    qtbot.keyClicks(page.quick.line, "1h")
    assert page.quick.text() == "Weekly status deck 1h "
    assert page.quick.preview.text().startswith("Weekly status deck · 1 h")


def test_a_duration_the_line_gives_stays_over_the_usual_one(page, qtbot, service):
    service.entries.log_line("Weekly status deck 45m ops #status mon")
    page.refresh_tasks()
    page.quick.line.setText("Weekly 30m")
    page.quick.suggestions.set_tasks(page.quick.tasks)
    page.quick.insert_task("Weekly status deck")
    assert page.quick.text() == "Weekly status deck 30m "


def test_a_line_without_a_duration_is_not_shown_ready(page, qtbot):
    qtbot.keyClicks(page.quick.line, "Weekly status deck ops")
    assert page.quick.preview.state == "hint"  # no green check: Enter would refuse it
    assert "no duration yet" in page.quick.preview.text()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert page.quick.preview.state == "problem"


# -- 2. durations said in words ------------------------------------------------------------
@pytest.mark.parametrize(("line", "title", "minutes"), [
    ("Call with Acme half an hour s", "Call with Acme", 30),
    ("Call with Acme an hour s", "Call with Acme", 60),
    ("Stand-up a quarter of an hour o", "Stand-up", 15),
])
def test_a_duration_in_words_is_read_not_left_in_the_title(page, qtbot, service, line, title,
                                                           minutes):
    qtbot.keyClicks(page.quick.line, line)
    assert page.quick.preview.text().startswith(f"{title} · {format_minutes(minutes)} · ")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    [entry] = service.entries.between(date(2026, 11, 24), date(2026, 11, 24))
    assert (entry.title, entry.minutes) == (title, minutes)


# -- 3. the window's entry shortcuts work from the line --------------------------------------
class ClaimingLineEdit(QLineEdit):
    """A line edit as on X11, where it claims Ctrl+E (end of line) and other Ctrl keys."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers():
            event.accept()
            return True
        return super().event(event)


class ClaimingQuickLogLine(QuickLogLine, ClaimingLineEdit):
    """The quick-log line over such a line edit."""


@pytest.fixture
def x11_line(monkeypatch):
    """The window about to be built makes its quick-log line over a claiming line edit."""
    monkeypatch.setattr(quick_log, "QuickLogLine", ClaimingQuickLogLine)


@pytest.mark.parametrize(("key", "modifiers", "action"), [
    (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier, "edit"),
    (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier, "duplicate"),
    (Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier, "copy_to_today"),
    (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
     "continue_entry"),
])
def test_entry_shortcuts_go_to_the_window_while_the_line_has_focus(
        x11_line, page, qtbot, service, key, modifiers, action):
    assert isinstance(page.quick.line, ClaimingLineEdit)
    entry = service.entries.log_line("Weekly status deck 45m ops #status mon")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    page.table.select_entries([entry.id])
    page.quick.line.setFocus()
    qtbot.waitUntil(page.quick.line.hasFocus)
    target = getattr(page.log_actions, action)
    assert target.isEnabled()
    with qtbot.waitSignal(target.triggered, timeout=1000):
        qtbot.keyClick(page.quick.line, key, modifiers)


# -- 6. the offer of a new category keeps the day in view ------------------------------------
def test_the_new_category_offer_says_the_day_the_entry_goes_to(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Vendor call 30m o #Vendors tomorrow")
    assert "→ tomorrow" in page.quick.preview.text()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert page.quick.new_category.isVisible()
    assert "→ tomorrow" in page.quick.preview.text()
    assert "Vendors" in page.quick.preview.text()
