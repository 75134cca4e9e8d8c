"""The week table grouped by day: a header per day, sorting within days, entries-only selection."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt

from app import demo
from ui.log.day_groups import DAY_ROLE, HEADER_TIP, DayGroupsModel
from ui.log.models import COL_DURATION, ENTRY_ROLE, EntriesFilterProxy, EntriesModel

LINES = (
    "Weekly status deck 45m ops #status mon 09:00",
    "Customer interview with Acme 1h strat #discovery mon 11:00",
    "Roadmap review 30m s #roadmap today 09:30",
    "Sprint admin 1h15 ops #delivery today 08:00",
)


def seed(service, page, qtbot):
    entries = [service.entries.log_line(line) for line in LINES]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(LINES))
    return entries


def shown_rows(page) -> list[str]:
    """Each row of the table: a header's text, or '  ' and the entry's title."""
    groups = page.groups
    return [groups.index(r, 0).data() if groups.is_header(r)
            else "  " + groups.index(r, 3).data() for r in range(groups.rowCount())]


def test_each_day_of_the_week_so_far_has_a_header_with_its_total_and_share(page, qtbot, service):
    seed(service, page, qtbot)
    # The clock's today is Tue 24 Nov: Monday and today show, the days still to come do not.
    assert shown_rows(page) == [
        "Mon 23 Nov — 1 h 45 min · 57 % strategic",
        "  Weekly status deck",
        "  Customer interview with Acme",
        "Tue 24 Nov · today — 1 h 45 min · 29 % strategic",
        "  Sprint admin",
        "  Roadmap review",
    ]
    header = page.groups.index(0, 0)
    assert header.data(DAY_ROLE) == date(2026, 11, 23)
    assert header.data(ENTRY_ROLE) is None
    assert header.data(Qt.ItemDataRole.ToolTipRole) == HEADER_TIP
    assert page.table.columnSpan(0, 0) == page.groups.columnCount()
    assert not page.groups.flags(header) & Qt.ItemFlag.ItemIsSelectable


def test_an_empty_day_shows_as_nothing_logged(page, qtbot, service):
    service.entries.log_line("Roadmap review 30m s #roadmap today 09:30")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert shown_rows(page) == ["Mon 23 Nov — nothing logged",
                                "Tue 24 Nov · today — 30 min · 100 % strategic",
                                "  Roadmap review"]


def test_sorting_sorts_within_days_and_keeps_the_days_in_order(page, qtbot, service):
    seed(service, page, qtbot)
    page.table.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert shown_rows(page) == [
        "Mon 23 Nov — 1 h 45 min · 57 % strategic",
        "  Customer interview with Acme",
        "  Weekly status deck",
        "Tue 24 Nov · today — 1 h 45 min · 29 % strategic",
        "  Sprint admin",
        "  Roadmap review",
    ]
    assert page.table.columnSpan(3, 0) == page.groups.columnCount()  # spans follow the rows


def test_a_filter_hides_the_days_it_leaves_empty_and_keeps_their_totals(page, qtbot, service):
    seed(service, page, qtbot)
    page.filter_edit.setText("roadmap")
    assert shown_rows(page) == ["Tue 24 Nov · today — 1 h 45 min · 29 % strategic",
                                "  Roadmap review"]
    page.filter_edit.clear()
    assert len(shown_rows(page)) == 6


def test_select_all_edit_and_delete_deal_in_entries_only(page, qtbot, service):
    entries = seed(service, page, qtbot)
    page.table.selectAll()
    assert sorted(e.id for e in page.table.selected_entries()) == sorted(e.id for e in entries)
    assert page.log_actions.delete.isEnabled() and not page.log_actions.edit.isEnabled()
    # The keyboard can stand on a header: nothing is selected, nothing to edit or delete.
    page.table.selectionModel().setCurrentIndex(
        page.groups.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    assert page.table.selected_entries() == []
    assert not page.log_actions.delete.isEnabled() and not page.log_actions.edit.isEnabled()
    # Down from the header goes to the day's first entry, which Delete then deletes.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert [e.title for e in page.table.selected_entries()] == ["Sprint admin"]
    page.log_actions.delete.trigger()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3)
    # The selection moves on to the next entry, past no header.
    assert [e.title for e in page.table.selected_entries()] == ["Roadmap review"]


def test_the_grouped_model_passes_the_model_tester(qtmodeltester, service):
    demo.fill(service.store, demo.generate(2, end=date(2026, 11, 24)))
    model = EntriesModel()
    proxy = EntriesFilterProxy()
    proxy.setSourceModel(model)
    groups = DayGroupsModel()
    groups.setSourceModel(proxy)
    qtmodeltester.check(groups)
    groups.set_week(date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 24))
    model.set_entries(service.entries.between(date(2026, 11, 16), date(2026, 11, 22)))
    assert len(groups.header_rows()) == 7
    qtmodeltester.check(groups)
    proxy.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(groups)
    proxy.set_filter_text("deck")
    qtmodeltester.check(groups)
