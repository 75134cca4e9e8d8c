"""The quick-log line's help while typing (issue #16): categories completed after '#', an
unknown #category created inline, suggestions that say what a task usually is and leave the
preview in view, and no suggestion of a task whose entries were all deleted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain import Kind
from ui.log.models import TaskListModel
from ui.log.quick_help import help_html
from ui.log.suggestions import SuggestionDelegate

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def _rows(popup):
    model = popup.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _category(service, name):
    return next((c for c in service.categories.list() if c.name == name), None)


# -- '#' completes categories -------------------------------------------------------------
def test_hash_completes_category_names_and_replaces_only_that_word(page, qtbot):
    line = page.quick.line
    qtbot.keyClicks(line, "Deck 30m o #stat")
    popup = page.quick.category_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _rows(popup) == ["Status reports & decks"]
    assert not page.quick.completer.popup().isVisible()  # no task titles for a '#word'

    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert page.quick.text() == "Deck 30m o #Status reports & decks "
    assert "Status reports & decks" in page.quick.preview.text()


def test_completing_in_the_middle_keeps_the_rest_of_the_line(page, qtbot):
    line = page.quick.line
    line.setText("Interview Acme  1h s")
    line.setCursorPosition(len("Interview Acme "))
    qtbot.keyClicks(line, "#disc")
    popup = page.quick.category_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.quick.text() == "Interview Acme #Customer discovery & interviews 1h s"


def test_a_bare_hash_offers_every_category(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Deck 30m #")
    popup = page.quick.category_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _rows(popup) == [c.name for c in service.categories.list()]


def test_enter_with_nothing_picked_saves_the_line_as_typed(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Deck 30m o #stat")
    qtbot.waitUntil(page.quick.category_completer.popup().isVisible)
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    [entry] = service.entries.between(date(2026, 11, 24), date(2026, 11, 24))
    assert entry.category == "Status reports & decks"


# -- an unknown #category is offered to be created ----------------------------------------
def test_enter_on_a_new_category_offers_it_and_enter_again_creates_it_with_the_entry(
        page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Pricing study 1h s #Pricing research")
    assert "new category" in page.quick.preview.text()
    assert "Settings" not in page.quick.preview.text()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)

    offer = page.quick.new_category
    assert offer.isVisible() and "Pricing research" in offer.label.text()
    assert offer.chosen_kind() is Kind.STRATEGIC  # the line's kind
    assert service.entries.count() == 0 and _category(service, "Pricing research") is None

    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    [entry] = service.entries.between(date(2026, 11, 24), date(2026, 11, 24))
    assert (entry.title, entry.category, entry.kind) == (
        "Pricing study", "Pricing research", Kind.STRATEGIC)
    assert _category(service, "Pricing research").kind is Kind.STRATEGIC
    assert page.quick.text() == "" and not offer.isVisible()
    assert page.undo_stack.canUndo()


def test_alt_c_creates_it_of_the_kind_chosen(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Vendor call 30m #Vendors")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    offer = page.quick.new_category
    assert offer.isVisible()
    offer.kind.setCurrentIndex(offer.kind.findData(Kind.OPERATIONAL))
    qtbot.keyClick(page.quick.line, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: service.entries.count() == 1)
    assert _category(service, "Vendors").kind is Kind.OPERATIONAL
    [entry] = service.entries.between(date(2026, 11, 24), date(2026, 11, 24))
    assert entry.kind is Kind.OPERATIONAL  # the line gave none: the new category's


def test_editing_the_line_withdraws_the_offer(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Vendor call 30m o #Vendorz")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert page.quick.new_category.isVisible()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Backspace)
    assert not page.quick.new_category.isVisible()
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)  # '#Vendor' is new too: offered again
    assert page.quick.new_category.isVisible() and service.entries.count() == 0


# -- suggestions say what a task usually is, and leave the preview in view ------------------
def test_a_suggestion_shows_kind_category_and_usual_duration(page, qtbot, service):
    service.entries.log_line("Weekly status deck 45m ops #status mon")
    service.entries.log_line("Weekly status deck 50m ops #status")
    page.refresh_tasks()
    qtbot.keyClicks(page.quick.line, "wee")
    popup = page.quick.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert isinstance(popup.itemDelegate(), SuggestionDelegate)
    assert popup.model().index(0, 0).data(TaskListModel.DETAIL_ROLE) == (
        "operational · #Status reports & decks · usually 50 min")
    # Two lines a row: taller than a title alone.
    assert popup.sizeHintForRow(0) > popup.fontMetrics().height() * 1.8


def test_the_popup_opens_below_the_preview(page, qtbot, service):
    service.entries.log_line("Weekly status deck 45m ops #status")
    page.refresh_tasks()
    qtbot.keyClicks(page.quick.line, "wee")
    popup = page.quick.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    preview = page.quick.preview
    assert preview.isVisible() and preview.text()
    preview_bottom = preview.mapToGlobal(QPoint(0, preview.height())).y()
    assert popup.mapToGlobal(QPoint(0, 0)).y() >= preview_bottom


def test_a_task_whose_entries_were_all_deleted_is_suggested_no_more(page, qtbot, service):
    kept = service.entries.log_line("Weekly status deck 45m ops")
    gone = service.entries.log_line("Weekly offsite planning 2h s")
    page.refresh_tasks()
    qtbot.keyClicks(page.quick.line, "wee")
    popup = page.quick.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert sorted(_rows(popup)) == ["Weekly offsite planning", "Weekly status deck"]
    page.quick.clear()

    service.entries.delete(gone.id)
    page.refresh_tasks()
    assert [u.task.title for u in page.quick.tasks] == ["Weekly status deck"]
    qtbot.keyClicks(page.quick.line, "wee")
    qtbot.waitUntil(popup.isVisible)
    assert _rows(popup) == ["Weekly status deck"]
    assert kept.id


def test_usual_duration_in_the_model(qtmodeltester, service):
    service.entries.log_line("Deck 10m o")
    service.entries.log_line("Deck 13m o")
    model = TaskListModel()
    model.set_tasks(service.tasks.usage(logged_only=True))
    qtmodeltester.check(model)
    assert model.index(0, 0).data(TaskListModel.DETAIL_ROLE) == "operational · usually 12 min"


def test_the_help_lists_the_new_forms():
    html = help_html()
    for form in ("45 min", "1 h 30 min", "9am", "tomorrow", "20/11", "noon", "Alt+C"):
        assert form in html
