"""Week navigation (Alt+Left / Alt+Right / Alt+Home, the date picker) and the totals strip."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from app.domain import Kind
from ui.common.week_nav import week_title
from ui.log.totals import totals_text


def alt(qtbot, widget, key):
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)


def test_opens_on_the_current_week(page):
    assert (page.first, page.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert page.navigator.title.text() == "Week 48 · Mon 23 – Sun 29 Nov 2026"
    assert not page.navigator.this_week_button.isEnabled()
    assert not page.navigator.next_button.isEnabled()  # nothing can be logged past tomorrow


def test_alt_arrows_and_alt_home_change_the_shown_week(page, qtbot, service):
    service.entries.log_line("Sprint admin 30m ops #delivery 2026-11-17")
    line = page.quick.line
    qtbot.waitUntil(line.hasFocus)
    alt(qtbot, line, Qt.Key.Key_Left)
    assert page.navigator.title.text() == "Week 47 · Mon 16 – Sun 22 Nov 2026"
    assert [page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount())] == ["Sprint admin"]
    assert "Week 30 min" in page.totals.text()
    alt(qtbot, line, Qt.Key.Key_Left)
    assert page.first == date(2026, 11, 9)
    assert page.table.empty_hint.isVisible()
    alt(qtbot, line, Qt.Key.Key_Right)
    assert page.first == date(2026, 11, 16)
    alt(qtbot, line, Qt.Key.Key_Home)
    assert page.first == date(2026, 11, 23)
    alt(qtbot, line, Qt.Key.Key_Right)  # no further than the week holding tomorrow
    assert page.first == date(2026, 11, 23)


def test_the_date_picker_shows_the_week_of_the_picked_day(page):
    page.navigator.date_edit.setDate(QDate(2026, 2, 4))
    assert (page.first, page.last) == (date(2026, 2, 2), date(2026, 2, 8))
    assert page.navigator.title.text() == "Week 6 · Mon 2 – Sun 8 Feb 2026"


def test_weeks_follow_the_week_start_setting(page, qtbot, service):
    service.settings.update(week_start="sunday")
    # Not "Week 48": a Sunday-first week is not an ISO week.
    qtbot.waitUntil(lambda: page.navigator.title.text() == "Week of Sun 22 – Sat 28 Nov 2026")
    assert (page.first, page.last) == (date(2026, 11, 22), date(2026, 11, 28))


def test_a_line_for_another_week_takes_the_table_there(page, qtbot):
    qtbot.keyClicks(page.quick.line, "Release notes 1h ops #release 2026-10-01")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert page.first == date(2026, 9, 28)
    assert len(page.selected_ids()) == 1


def test_week_titles_across_months_and_years():
    assert week_title(date(2026, 11, 30), date(2026, 12, 6)) == "Week 49 · Mon 30 Nov – Sun 6 Dec 2026"
    assert week_title(date(2026, 12, 28), date(2027, 1, 3)) == (
        "Week 53 · Mon 28 Dec 2026 – Sun 3 Jan 2027")
    assert week_title(date(2026, 11, 29), date(2026, 12, 5)) == "Week of Sun 29 Nov – Sat 5 Dec 2026"


def test_totals_update_as_you_log(page, qtbot):
    assert page.totals.text() == "Today 0 min · Week 0 min · Strategic – % · target 50 %"
    for line in ("Customer interview 1h strat #discovery", "Status deck 1h ops #status yesterday",
                 "Roadmap 1h s #roadmap yesterday"):
        qtbot.keyClicks(page.quick.line, line)
        qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert page.totals.text() == "Today 1 h · Week 3 h · Strategic 67 % · target 50 %"


def test_totals_text_rounds_the_share():
    assert totals_text({Kind.STRATEGIC: 0, Kind.OPERATIONAL: 20},
                       {Kind.STRATEGIC: 38, Kind.OPERATIONAL: 62}, 50) == (
        "Today 20 min · Week 1 h 40 min · Strategic 38 % · target 50 %")


def test_a_new_day_moves_today(page, qtbot, service, clock):
    clock.advance(days=6)  # Monday 30 November
    page.check_new_day()
    assert page.first == date(2026, 11, 30)
    assert page.today == date(2026, 11, 30)


def test_buttons_that_need_a_selection_follow_a_week_change(page, qtbot, service):
    service.entries.log_line("Weekly status deck 45m ops #status")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    page.table.selectAll()
    assert page.log_actions.delete.isEnabled()
    page.previous_week()
    assert not page.log_actions.delete.isEnabled()
    assert not page.log_actions.strategic.isEnabled()
