"""Naming an untitled timer in the window: when Stop is pressed, or while it runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain import Kind
from ui.log.timer_bar import UNTITLED, TimerBar

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def bar(qtbot, service, clock):
    widget = TimerBar(service, clock)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_stop_on_an_untitled_timer_asks_its_name_and_saves_it_named(bar, qtbot, service, clock):
    service.timer.start("")
    bar.refresh()
    assert bar.title_label.full_text() == UNTITLED and bar.rename_button.text() == "Name…"
    clock.advance(minutes=35)
    click(qtbot, bar.stop_button)
    dialog = bar.name_dialog
    assert dialog is not None and dialog.isVisible()
    assert service.timer.running() is not None  # nothing saved until it has a name
    dialog.line.setText("Roadmap review s #roadmap")
    assert dialog.preview.text() == "Roadmap review · strategic · Vision, strategy & roadmap"
    assert dialog.kind_label.isHidden()  # the line gives the kind: nothing more to ask
    with qtbot.waitSignal(bar.stopped) as saved:
        click(qtbot, dialog.ok_button)
    entry = saved.args[0]
    assert (entry.title, entry.minutes, entry.kind, entry.category) == (
        "Roadmap review", 35, Kind.STRATEGIC, "Vision, strategy & roadmap")
    assert service.timer.running() is None


def test_the_kind_is_asked_when_nothing_gives_it(bar, qtbot, service, clock):
    service.timer.start("")
    bar.refresh()
    clock.advance(minutes=10)
    bar.stop()
    dialog = bar.name_dialog
    dialog.line.setText("Something brand new")
    assert not dialog.kind_label.isHidden()
    click(qtbot, dialog.ok_button)  # refused: the kind is asked
    assert dialog.isVisible() and service.timer.running() is not None
    dialog.kind_buttons[Kind.OPERATIONAL].setChecked(True)
    with qtbot.waitSignal(bar.stopped) as saved:
        click(qtbot, dialog.ok_button)
    assert (saved.args[0].title, saved.args[0].kind) == ("Something brand new", Kind.OPERATIONAL)


def test_cancel_leaves_the_untitled_timer_running(bar, qtbot, service):
    service.timer.start("")
    bar.refresh()
    bar.stop()
    bar.name_dialog.reject()
    assert bar.name_dialog is None
    assert service.timer.running().title == ""


def test_a_running_timer_is_renamed_by_clicking_its_title(bar, qtbot, service, clock):
    started = service.timer.start("")
    bar.refresh()
    click(qtbot, bar.title_label)
    dialog = bar.name_dialog
    assert dialog.ok_button.text() == "Rename"
    dialog.line.setText("Customer interview with Acme strat #discovery")
    with qtbot.waitSignal(bar.titleChanged):
        click(qtbot, dialog.ok_button)
    timer = service.timer.running()
    assert (timer.title, timer.kind, timer.started_at) == (
        "Customer interview with Acme", Kind.STRATEGIC, started.started_at)
    assert bar.title_label.full_text() == "Customer interview with Acme"
    # The Rename button opens it again, filled with what the timer says now.
    click(qtbot, bar.rename_button)
    assert bar.name_dialog.line.text().startswith("Customer interview with Acme")
    bar.name_dialog.reject()


def test_the_dialog_shows_no_error_before_the_user_tried(bar, qtbot, service):
    service.timer.start("")
    bar.refresh()
    bar.stop()
    dialog = bar.name_dialog
    assert dialog.preview.state == "hint"  # an empty line is no mistake yet
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and service.timer.running().title == ""  # nothing saved
    assert dialog.preview.state == "problem"


def test_an_error_shows_once_text_is_typed(bar, qtbot, service):
    service.timer.start("")
    bar.refresh()
    bar.stop()
    dialog = bar.name_dialog
    assert dialog.preview.state == "hint"
    qtbot.keyClicks(dialog.line, "Deck #nosuchcategory")
    assert dialog.preview.state == "problem"
    assert "nosuchcategory" in dialog.preview.text()
