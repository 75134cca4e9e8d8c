"""The Log page's day timeline: blocks where their time is, overlaps side by side and flagged,
gaps said, edges dragged and saved once through undo, ghosts logged, keys that move and act."""

from __future__ import annotations

import shutil
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest

from ui.log.timeline import EMPTY_TEXT, DayTimeline
from ui.log.timeline_items import ItemKind
from ui.log.timeline_paint import paint_timeline

MONDAY = date(2026, 11, 23)  # the day before the tests' today (Tue 24 Nov, 10:30)
CALENDARS = Path(__file__).parents[1] / "app" / "calendars"


def _day(page, day: date = MONDAY) -> DayTimeline:
    page.show_week_of(day)
    page.show_day_view()
    timeline = page.day_page.timeline
    assert timeline.day == day
    return timeline


def _block(timeline: DayTimeline, title: str):
    return next(i for i in timeline.items if i.kind is ItemKind.BLOCK and i.entry.title == title)


def _log(service, line: str, day: date = MONDAY):
    return service.entries.log_line(f"{line} {day.isoformat()}")


def _drag(timeline: DayTimeline, start: QPoint, end: QPoint, escape: bool = False) -> None:
    QTest.mousePress(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(timeline, QPoint(start.x(), (start.y() + end.y()) // 2))
    QTest.mouseMove(timeline, end)
    if escape:
        QTest.keyClick(timeline, Qt.Key.Key_Escape)
    QTest.mouseRelease(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _bottom_edge(timeline: DayTimeline, title: str) -> QPoint:
    rect = timeline.item_rect(_block(timeline, title))
    return QPoint(int(rect.center().x()), int(rect.bottom()))


def _at(timeline: DayTimeline, minute: int, x: int | None = None) -> QPoint:
    return QPoint(timeline.width() // 2 if x is None else x, round(timeline.y_of(minute)))


def test_the_timeline_is_built_only_when_the_day_is_first_shown(page):
    assert page._day_page is None and page.views.currentWidget() is page.table
    page.show_week_of(MONDAY)
    page.view_buttons.button(1).click()
    assert page._day_page is not None and page.views.currentWidget() is page.day_page
    assert page.viewed_day() == MONDAY and page.day_page.timeline.hasFocus()
    page.view_buttons.button(0).click()
    assert page.views.currentWidget() is page.table


def test_blocks_stand_at_their_start_and_are_as_tall_as_their_minutes(page, service):
    _log(service, "Status deck 1h ops 9:00")
    _log(service, "Roadmap 30m strat 10:00")
    timeline = _day(page)
    hour = timeline.y_of(10 * 60) - timeline.y_of(9 * 60)
    assert hour >= 60  # at least 60 px an hour
    first, second = (timeline.item_rect(_block(timeline, t)) for t in ("Status deck", "Roadmap"))
    assert timeline.minute_at(first.top() - 1) == pytest.approx(9 * 60, abs=0.5)  # the axis's 9:00
    assert second.top() - first.top() == pytest.approx(hour)
    assert first.height() + 2 == pytest.approx(hour) and second.height() + 2 == pytest.approx(hour / 2)
    assert (timeline.first, timeline.last) == (9 * 60, 18 * 60)  # working hours 9:00–17:30


def test_the_axis_widens_to_a_block_outside_the_working_hours(page, service):
    _log(service, "Night release 45m ops 22:30")
    _log(service, "Early call 30m strat 7:15")
    timeline = _day(page)
    assert (timeline.first, timeline.last) == (7 * 60, 24 * 60)


def test_overlapping_blocks_stand_side_by_side_and_are_flagged(page, service):
    _log(service, "Roadmap 1h30 strat 9:00")
    _log(service, "Interview 1h strat 10:00")
    _log(service, "Deck 30m ops 12:00")
    timeline = _day(page)
    roadmap, interview, deck = (_block(timeline, t) for t in ("Roadmap", "Interview", "Deck"))
    assert roadmap.overlaps == ["Interview"] and interview.overlaps == ["Roadmap"]
    assert not deck.overlaps and deck.columns == 1
    assert (roadmap.columns, interview.columns) == (2, 2) and roadmap.column != interview.column
    left, right = timeline.item_rect(roadmap), timeline.item_rect(interview)
    assert left.right() < right.left()  # not on top of each other
    assert "Overlaps Interview" in roadmap.describe()
    assert "2 entries overlap" in page.day_page.summary.text()


def test_gaps_in_the_working_hours_are_said_in_the_header(page, service):
    _log(service, "Status deck 30m ops 9:00", page.today)
    page.show_week_of(page.today)
    page.show_day_view()
    timeline = page.day_page.timeline
    gaps = [i for i in timeline.items if i.kind is ItemKind.GAP]
    assert [(g.start, g.end) for g in gaps] == [(9 * 60 + 30, 10 * 60 + 30)]  # up to now
    assert page.day_page.summary.text() == "30 min logged · 1 h not logged today"
    assert "Not logged 9:30–10:30, 1 h" in gaps[0].describe()
    assert _day(page).items[-1].kind is ItemKind.GAP
    assert page.day_page.summary.text() == "8 h 30 min not logged yesterday"


def test_an_empty_day_says_so(page):
    timeline = _day(page, date(2026, 11, 21))  # a Saturday
    assert timeline.items == []
    assert page.day_page.summary.text() == "Nothing logged on Sat 21 Nov · not a working day"
    assert timeline.accessibleDescription() == EMPTY_TEXT
    QTest.keyClick(timeline, Qt.Key.Key_Down)  # nothing to move to, nothing breaks
    assert timeline.selected is None


def test_dragging_the_bottom_edge_saves_once_and_ctrl_z_puts_it_back(page, service, window,
                                                                     qtbot):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    steps = page.undo_stack.count()
    _drag(timeline, _bottom_edge(timeline, "Roadmap"), _at(timeline, 10 * 60 + 32))
    assert service.entries.get(entry.id).minutes == 90  # snapped to 10:30
    assert page.undo_stack.count() == steps + 1
    qtbot.waitUntil(lambda: _block(timeline, "Roadmap").end == 10 * 60 + 30)  # shown
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.entries.get(entry.id).minutes == 60
    qtbot.waitUntil(lambda: _block(timeline, "Roadmap").end == 10 * 60)


def test_dragging_the_top_edge_moves_the_start_and_keeps_the_end(page, service):
    entry = _log(service, "Roadmap 1h strat 10:00")
    timeline = _day(page)
    rect = timeline.item_rect(_block(timeline, "Roadmap"))
    _drag(timeline, QPoint(int(rect.center().x()), int(rect.top())), _at(timeline, 9 * 60 + 44))
    saved = service.entries.get(entry.id)
    assert (saved.start, saved.minutes) == (time(9, 45), 75)


def test_a_drag_to_zero_length_clamps_to_five_minutes(page, service):
    entry = _log(service, "Roadmap 1h strat 10:00")
    timeline = _day(page)
    with_status = []
    page.status_message.connect(with_status.append)
    _drag(timeline, _bottom_edge(timeline, "Roadmap"), _at(timeline, 9 * 60))
    assert service.entries.get(entry.id).minutes == 5
    assert "at least 5 min" in with_status[-1]


def test_a_drag_past_midnight_clamps_to_midnight_and_says_so(page, service):
    entry = _log(service, "Night release 30m ops 23:00")
    timeline = _day(page)
    with_status = []
    page.status_message.connect(with_status.append)
    edge = _bottom_edge(timeline, "Night release")
    _drag(timeline, edge, QPoint(edge.x(), timeline.height() + 200))
    assert service.entries.get(entry.id).minutes == 60
    assert "24:00" in with_status[-1]


def test_an_entry_going_on_past_midnight_keeps_its_length_when_its_edge_is_nudged(page, service,
                                                                                  qtbot):
    entry = _log(service, "Late release 1h ops 23:50")
    timeline = _day(page)
    block = _block(timeline, "Late release")
    assert (block.end, block.true_end) == (24 * 60, 24 * 60 + 50)
    assert "0:50 the next day" in block.describe()
    with_status = []
    page.status_message.connect(with_status.append)
    edge = _bottom_edge(timeline, "Late release")
    _drag(timeline, edge, QPoint(edge.x(), edge.y() + 3))  # a few pixels: still at midnight
    assert service.entries.get(entry.id).minutes == 60
    assert "past midnight" in with_status[-1]
    timeline.select_entry(entry.id)
    QTest.keyClick(timeline, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert service.entries.get(entry.id).minutes == 65  # longer, not cut at midnight
    qtbot.waitUntil(lambda: _block(timeline, "Late release").entry.minutes == 65)
    timeline.select_entry(entry.id)
    QTest.keyClick(timeline, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert service.entries.get(entry.id).minutes == 60


def test_on_a_clock_change_day_blocks_end_on_the_wall_clock_and_drags_save_real_minutes(
        berlin, page, service):
    autumn = date(2026, 10, 25)  # 03:00 summer time is 02:00 winter time again
    before = _log(service, "Before 2h ops 1:30", autumn)
    _log(service, "After 1h ops 3:00", autumn)
    timeline = _day(page, autumn)
    block = _block(timeline, "Before")
    assert (block.start, block.end) == (90, 150)  # two real hours end at 2:30 on the wall
    assert "1:30–2:30" in block.describe()
    assert not block.overlaps and not _block(timeline, "After").overlaps
    _drag(timeline, _bottom_edge(timeline, "Before"), _at(timeline, 2 * 60 + 45))
    assert service.entries.get(before.id).minutes == 135  # 15 min more, not 2:45 - 1:30


def test_escape_during_a_drag_saves_nothing(page, service):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    steps = page.undo_stack.count()
    _drag(timeline, _bottom_edge(timeline, "Roadmap"), _at(timeline, 11 * 60), escape=True)
    assert service.entries.get(entry.id).minutes == 60 and page.undo_stack.count() == steps


def test_a_drag_over_a_day_of_24_hours_is_refused_with_the_services_message(page, service):
    for hour in range(0, 23):
        _log(service, f"Long haul {hour} 1h ops {hour}:00")
    _log(service, "Last one 30m ops 23:00")
    _log(service, "Inbox 30m ops")  # untimed: the day holds 24 h
    timeline = _day(page)
    steps = page.undo_stack.count()
    edge = _bottom_edge(timeline, "Last one")
    _drag(timeline, edge, QPoint(edge.x(), timeline.height() + 100))
    assert page.undo_stack.count() == steps
    assert "a day has 24 h" in page.notice.text()


def test_dragging_across_a_gap_puts_its_time_in_the_quick_log_line(page, service):
    _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    _drag(timeline, _at(timeline, 13 * 60 + 1), _at(timeline, 13 * 60 + 49))
    assert page.quick.line.text() == " 13:00 50m 2026-11-23"
    assert page.quick.line.hasFocus() and page.quick.line.cursorPosition() == 0
    QTest.keyClicks(page.quick.line, "Pricing workshop strat")
    QTest.keyClick(page.quick.line, Qt.Key.Key_Return)
    saved = [e for e in service.entries.between(MONDAY, MONDAY) if e.title == "Pricing workshop"]
    assert [(e.start, e.minutes) for e in saved] == [(time(13, 0), 50)]


def test_keys_move_between_blocks_and_gaps_and_enter_acts_on_them(page, service):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Home)
    assert timeline.selected.entry.id == entry.id
    assert timeline.accessibleDescription().startswith("9:00–10:00, Roadmap, 1 h")
    QTest.keyClick(timeline, Qt.Key.Key_Return)
    assert page.entry_dialog is not None and page.entry_dialog.isVisible()
    page.entry_dialog.reject()
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Down)
    assert timeline.selected.kind is ItemKind.GAP and timeline.selected.start == 10 * 60
    QTest.keyClick(timeline, Qt.Key.Key_Insert)
    assert page.quick.line.text() == " 10:00 7h30 2026-11-23"


def test_delete_deletes_the_selected_block_through_undo(page, service):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Home)
    QTest.keyClick(timeline, Qt.Key.Key_Delete)
    assert service.entries.between(MONDAY, MONDAY) == []
    page.undo_stack.undo()
    assert [e.id for e in service.entries.between(MONDAY, MONDAY)] == [entry.id]


def test_left_and_right_move_between_days_and_weeks(page):
    timeline = _day(page)
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Right)
    assert page.viewed_day() == MONDAY + timedelta(days=1) and timeline.day == page.viewed_day()
    QTest.keyClick(timeline, Qt.Key.Key_Left)
    QTest.keyClick(timeline, Qt.Key.Key_PageUp)  # past the week's start: the week before
    assert page.viewed_day() == MONDAY - timedelta(days=1) == timeline.day
    assert page.first == MONDAY - timedelta(days=7)
    page.navigator.day_picked.emit(MONDAY + timedelta(days=1))  # picking a day shows it
    assert timeline.day == MONDAY + timedelta(days=1)
    QTest.keyClick(timeline, Qt.Key.Key_Right)
    QTest.keyClick(timeline, Qt.Key.Key_Right)  # not past tomorrow
    assert timeline.day == page.today + timedelta(days=1)
    page.navigator.day_picked.emit(page.today + timedelta(days=4))  # a day shown past tomorrow
    QTest.keyClick(timeline, Qt.Key.Key_Left)  # can still go back
    assert timeline.day == page.today + timedelta(days=3)


@pytest.mark.usefixtures("berlin")
def test_clicking_a_ghost_logs_the_calendar_event_through_undo(page, service, tmp_path, qtbot):
    ics = tmp_path / "work.ics"
    shutil.copy(CALENDARS / "google.ics", ics)
    service.rules.add("stand-up", "operational", "Delivery")
    service.settings.update(calendar_file=str(ics))
    panel = page.calendar_panel
    page.show_week_of(date(2026, 11, 17))
    qtbot.waitUntil(lambda: panel._task is None and bool(panel.model.suggestions()))
    suggestion = next(s for s in panel.model.suggestions() if s.kind)
    timeline = _day(page, suggestion.day)
    ghost = next(i for i in timeline.items if i.kind is ItemKind.GHOST
                 and i.suggestion.key == suggestion.key)
    centre = timeline.item_rect(ghost).center().toPoint()
    QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    logged = [e for e in service.entries.between(suggestion.day, suggestion.day)
              if e.title == suggestion.title]
    assert [(e.start, e.minutes) for e in logged] == [(suggestion.start, suggestion.minutes)]
    qtbot.waitUntil(lambda: any(i.kind is ItemKind.BLOCK and i.entry.id == logged[0].id
                                for i in timeline.items))
    page.undo_stack.undo()
    assert not [e for e in service.entries.between(suggestion.day, suggestion.day)
                if e.title == suggestion.title]


def test_in_the_day_the_edit_action_edits_the_selected_block_and_table_tools_hide(page, service,
                                                                                  window):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    assert not page.filter_edit.isVisible()
    timeline.select_entry(entry.id)
    window.log_page.log_actions.edit.trigger()
    assert page.entry_dialog is not None and page.entry_dialog.entry.id == entry.id
    page.entry_dialog.reject()
    page.show_week_view()
    assert page.filter_edit.isVisible()


def test_the_timeline_follows_changes_made_elsewhere(page, service, qtbot):
    timeline = _day(page)
    assert timeline.items[0].kind is ItemKind.GAP
    service.settings.update(work_end=time(19, 0))  # the settings dialog, the command line…
    qtbot.waitUntil(lambda: timeline.last == 19 * 60)
    _log(service, "Roadmap 1h strat 9:00")
    qtbot.waitUntil(lambda: timeline.items[0].kind is ItemKind.BLOCK)


def test_in_the_day_the_menus_act_on_the_selected_block(page, service):
    entry = _log(service, "Roadmap 1h ops 9:00")
    timeline = _day(page)
    actions = page.log_actions
    timeline._select(None)  # no block chosen
    assert not actions.strategic.isEnabled()
    timeline.select_entry(entry.id)
    assert actions.strategic.isEnabled() and actions.duplicate.isEnabled()
    actions.strategic.trigger()
    assert service.entries.get(entry.id).kind.value == "strategic"
    actions.duplicate.trigger()
    titles = [e.title for e in service.entries.between(MONDAY, MONDAY)]
    assert titles == ["Roadmap", "Roadmap"]
    timeline = page.day_page.timeline
    timeline.select_entry(entry.id)
    actions.delete.trigger()
    assert [e.id for e in service.entries.between(MONDAY, MONDAY)] != [] and \
        entry.id not in [e.id for e in service.entries.between(MONDAY, MONDAY)]
    page.undo_stack.undo()
    assert service.entries.get(entry.id).title == "Roadmap"


def test_a_right_click_selects_the_block_for_its_context_menu(page, service):
    entry = _log(service, "Roadmap 1h ops 9:00")
    timeline = _day(page)
    assert timeline.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    assert page.log_actions.duplicate in timeline.actions()
    centre = timeline.item_rect(_block(timeline, "Roadmap")).center().toPoint()
    QTest.mousePress(timeline, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, centre)
    assert page.day_page.selected_entry().id == entry.id
    assert page.selected_ids() == [entry.id]


def test_each_item_is_an_accessible_child_named_by_what_it_is(page, service):
    from PySide6.QtGui import QAccessible

    _log(service, "Weekly status deck 45m ops 9:00")
    _log(service, "Roadmap 1h strat 11:00")
    timeline = _day(page)
    tree = QAccessible.queryAccessibleInterface(timeline)
    names = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount())]
    assert names[0].startswith("Entry: 9:00–9:45, Weekly status deck, 45 min, operational")
    assert any(name.startswith("Gap: Not logged 9:45–11:00") for name in names)
    first = tree.child(0)
    assert first.role() is QAccessible.Role.Button and tree.indexOfChild(first) == 0
    assert first.rect().size() == timeline.item_rect(timeline.items[0]).toAlignedRect().size()
    timeline.select_entry(timeline.items[0].entry.id)
    assert first.state().selected and tree.focusChild().text(QAccessible.Text.Name) == names[0]
    page.show_week_of(MONDAY - timedelta(days=1))  # a day with nothing: the children go
    assert tree.childCount() == len(timeline.items)
    assert not tree.child(len(timeline.items) + 1)


# -- the fixes of the user trial (issue #14) ----------------------------------------------------
def _calendar(page, service, tmp_path, qtbot, *events: tuple[str, str, str]) -> list:
    """Choose a calendar file holding ``events`` (title, floating start, end, on MONDAY) and
    return the week's suggestions once read."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//timeline//EN"]
    for n, (title, start, end) in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:trial-{n}@tests", "DTSTAMP:20261101T000000Z",
                  f"DTSTART:{MONDAY:%Y%m%d}T{start.replace(':', '')}00",
                  f"DTEND:{MONDAY:%Y%m%d}T{end.replace(':', '')}00", f"SUMMARY:{title}",
                  "END:VEVENT"]
    ics = tmp_path / "trial.ics"
    ics.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]), encoding="utf-8")
    service.settings.update(calendar_file=str(ics))
    panel = page.calendar_panel
    qtbot.waitUntil(lambda: panel._task is None and len(panel.model.suggestions()) == len(events))
    return panel.model.suggestions()


def _ghost(timeline: DayTimeline, title: str):
    return next(i for i in timeline.items if i.kind is ItemKind.GHOST
                and i.suggestion.title == title)


def _in_view(timeline: DayTimeline, item) -> bool:
    """Return whether ``item`` is wholly inside the scroll area's viewport."""
    viewport = timeline.parentWidget()
    rect = timeline.item_rect(item).toAlignedRect()
    top, bottom = (timeline.mapTo(viewport, point).y() for point in (rect.topLeft(),
                                                                     rect.bottomLeft()))
    return top >= 0 and bottom <= viewport.height()


class _Recorder(QPainter):
    """A painter that keeps what text it drew: (box, text, font's metrics, clip or None)."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list = []

    def drawText(self, box, flags, text):  # noqa: N802 (Qt's name)
        clip = self.clipBoundingRect() if self.hasClipping() else None
        self.texts.append((QRectF(box), text, self.fontMetrics(), clip))
        super().drawText(box, flags, text)


def _painted(timeline: DayTimeline) -> list:
    """Return the texts one paint of the timeline draws."""
    image = QImage(timeline.size(), QImage.Format.Format_ARGB32)
    painter = _Recorder(image)
    paint_timeline(timeline, painter)
    painter.end()
    return painter.texts


def test_a_drag_on_today_past_now_is_cut_at_now_and_one_after_now_logs_nothing(page, service):
    _log(service, "Status deck 30m ops 9:00", page.today)
    timeline = _day(page, page.today)  # now is 10:30
    said = []
    page.status_message.connect(said.append)
    _drag(timeline, _at(timeline, 9 * 60 + 59), _at(timeline, 11 * 60 + 20))
    assert page.quick.line.text() == " 10:00 30m"  # not to 11:20: the line would refuse it
    page.quick.line.clear()
    _drag(timeline, _at(timeline, 11 * 60), _at(timeline, 12 * 60))
    assert page.quick.line.text() == "" and said[-1] == "That time is still to come."
    view = page.day_page.view  # a gap that runs on past now (the clock moved on since it was read)
    timeline.show_day(view, [], now_minute=10 * 60)
    gap = next(i for i in timeline.items if i.kind is ItemKind.GAP)
    timeline._select(gap)
    QTest.keyClick(timeline, Qt.Key.Key_Insert)
    assert page.quick.line.text() == " 09:30 30m"


def test_pressing_just_below_a_block_drags_across_the_gap_not_the_blocks_edge(page, service):
    entry = _log(service, "Roadmap 1h strat 9:00")
    timeline = _day(page)
    below = _bottom_edge(timeline, "Roadmap") + QPoint(0, 3)  # in the gap, where its words sit
    assert timeline.item_at(below).kind is ItemKind.GAP
    _drag(timeline, below, _at(timeline, 11 * 60))
    assert service.entries.get(entry.id).minutes == 60
    assert page.quick.line.text() == " 10:00 1h 2026-11-23"
    inside = _bottom_edge(timeline, "Roadmap") - QPoint(0, 3)  # the block's last pixels still grab
    _drag(timeline, inside, _at(timeline, 10 * 60 + 30))
    assert service.entries.get(entry.id).minutes == 90


def test_a_block_being_resized_is_drawn_over_the_next_one(page, service):
    _log(service, "Roadmap 1h strat 9:00")
    _log(service, "Interview 1h strat 10:00")
    timeline = _day(page)
    edge = _bottom_edge(timeline, "Roadmap")
    QTest.mousePress(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(timeline, _at(timeline, 10 * 60 + 30, edge.x()))
    assert timeline.drag_preview()[1:] == (_block(timeline, "Roadmap"), 9 * 60, 10 * 60 + 30)
    titles = [text for _box, text, _m, _c in _painted(timeline)
              if text.startswith(("Roadmap", "Interview"))]
    assert titles[-1].startswith("Roadmap")  # painted last, on top of Interview
    QTest.keyClick(timeline, Qt.Key.Key_Escape)
    QTest.mouseRelease(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)


def test_a_ghost_without_a_kind_offers_the_choice_and_logs_it_in_one_undo_step(
        page, service, tmp_path, qtbot):
    _calendar(page, service, tmp_path, qtbot, ("Pricing chat", "11:00", "11:30"))
    timeline = _day(page)
    ghost = _ghost(timeline, "Pricing chat")
    assert ghost.suggestion.kind is None
    steps = page.undo_stack.count()
    centre = timeline.item_rect(ghost).center().toPoint()
    QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    menu = timeline.kind_menu
    qtbot.waitUntil(menu.isVisible)
    assert [a.text() for a in menu.actions()] == ["Log as strategic", "Log as operational"]
    assert service.entries.between(MONDAY, MONDAY) == []  # nothing until a kind is chosen
    menu.close()
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Return)  # Enter on the selected ghost offers it too
    assert timeline.kind_menu is not menu
    qtbot.waitUntil(timeline.kind_menu.isVisible)
    timeline.kind_menu.actions()[1].trigger()
    logged = service.entries.between(MONDAY, MONDAY)
    assert [(e.title, e.start, e.minutes, e.kind.value) for e in logged] == \
        [("Pricing chat", time(11, 0), 30, "operational")]
    assert page.undo_stack.count() == steps + 1
    page.undo_stack.undo()
    assert service.entries.between(MONDAY, MONDAY) == []


def test_short_items_are_a_line_tall_and_all_words_stay_inside_their_item(
        page, service, tmp_path, qtbot):
    _calendar(page, service, tmp_path, qtbot, ("Stand-up", "13:00", "13:15"))
    _log(service, "Quick ping 5m ops 9:00")
    _log(service, "Roadmap 1h strat 9:05")
    _log(service, "A very long title " + "about the pricing page " * 7 + "1h strat 11:00")
    timeline = _day(page)
    line = timeline.fontMetrics().height()
    ping, roadmap = _block(timeline, "Quick ping"), _block(timeline, "Roadmap")
    assert timeline.item_rect(ping).height() >= line + 2  # not a hairline
    assert timeline.item_rect(_ghost(timeline, "Stand-up")).height() >= line + 2
    assert timeline.item_rect(roadmap).top() == pytest.approx(timeline.y_of(9 * 60 + 5) + 1)
    texts = _painted(timeline)
    items = [i for i in timeline.items if i.kind is not ItemKind.GAP]
    shown = {}
    for item in items:
        rect = timeline.item_rect(item)
        title = item.entry.title if item.entry else item.suggestion.title
        for box, text, metrics, clip in texts:
            if rect.contains(box.center()) and (title.startswith(text[:8])):
                assert clip is not None and rect.adjusted(-1, -1, 1, 1).contains(clip)
                assert metrics.horizontalAdvance(text) <= box.width()
                shown[title] = text
    assert {"Quick ping", "Stand-up"} <= shown.keys()  # a line of words, not left out
    long_title = next(t for t in shown if t.startswith("A very long"))
    assert shown[long_title].endswith("…")


def test_a_calendar_chosen_on_an_empty_day_scrolls_its_early_meeting_into_view(
        page, service, tmp_path, qtbot):
    timeline = _day(page)
    bar = page.day_page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the PM looked at the afternoon
    _calendar(page, service, tmp_path, qtbot, ("Early sync", "08:00", "08:30"))
    qtbot.waitUntil(lambda: any(i.kind is ItemKind.GHOST for i in timeline.items))
    assert timeline.first == 8 * 60  # the axis widens to the ghost
    qtbot.waitUntil(lambda: _in_view(timeline, _ghost(timeline, "Early sync")))


def test_a_day_shown_scrolls_its_first_block_into_view(page, service, qtbot):
    _log(service, "Late review 30m strat 17:00")
    timeline = _day(page)
    qtbot.waitUntil(lambda: timeline.height() > timeline.parentWidget().height())  # can scroll
    qtbot.waitUntil(lambda: _in_view(timeline, _block(timeline, "Late review")))


def test_a_gaps_words_go_below_a_short_block_drawn_into_it(page, service):
    _log(service, "Quick ping 5m ops 9:00")
    timeline = _day(page)
    ping = timeline.item_rect(_block(timeline, "Quick ping"))
    gap = next(i for i in timeline.items if i.kind is ItemKind.GAP)
    assert gap.start == 9 * 60 + 5 and timeline.y_of(gap.start) < ping.bottom()
    words = [box for box, text, _m, _c in _painted(timeline) if "not logged" in text]
    assert words and words[0].top() > ping.bottom()  # not hidden under the block


def test_short_entries_close_together_are_drawn_side_by_side_not_over_each_other(page, service):
    for n, at in enumerate(("16:00", "16:05", "16:10")):
        _log(service, f"Call {'ABC'[n]} 5m ops {at}")
    timeline = _day(page)
    rects = [timeline.item_rect(_block(timeline, f"Call {c}")) for c in "ABC"]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert not any(_block(timeline, f"Call {c}").overlaps for c in "ABC")  # none really does


def test_the_list_without_start_times_elides_instead_of_scrolling_sideways(page, service, qtbot):
    _log(service, "A very long title for an entry logged without any start time at all " * 2
         + "30m ops")
    _day(page)
    page.window().resize(800, 600)
    untimed = page.day_page.untimed
    qtbot.waitUntil(lambda: untimed.count() == 1)
    assert untimed.horizontalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert untimed.textElideMode() is Qt.TextElideMode.ElideRight
    assert "A very long title" in untimed.item(0).toolTip()
