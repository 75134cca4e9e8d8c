"""Every Qt model of the log window passes qtmodeltester, empty and full."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app import demo
from ui.log.models import (
    COL_DAY,
    COL_DURATION,
    ENTRY_ROLE,
    EntriesFilterProxy,
    EntriesModel,
    TaskListModel,
)


def week_of_demo(service):
    demo.fill(service.store, demo.generate(2, end=date(2026, 11, 24)))
    service.entries.log_line("Weekly status deck 45m ops #status 2026-11-20")  # whatever the demo drew
    return service.entries.between(date(2026, 11, 16), date(2026, 11, 29))


def test_entries_model(qtmodeltester, service):
    model = EntriesModel(editor=lambda entry, field, value: False)
    qtmodeltester.check(model)
    model.set_entries(week_of_demo(service))
    assert model.rowCount() > 20
    qtmodeltester.check(model)


def test_filter_proxy(qtmodeltester, service):
    model = EntriesModel()
    proxy = EntriesFilterProxy()
    proxy.setSourceModel(model)
    model.set_entries(week_of_demo(service))
    proxy.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    minutes = [proxy.index(r, 0).data(ENTRY_ROLE).minutes for r in range(proxy.rowCount())]
    assert minutes == sorted(minutes, reverse=True)
    proxy.set_filter_text("weekly status")
    qtmodeltester.check(proxy)
    assert {proxy.index(r, 0).data(ENTRY_ROLE).title for r in range(proxy.rowCount())} == {
        "Weekly status deck"}


def test_sorting_by_day_puts_entries_without_a_start_last_in_their_day(service):
    with_start = service.entries.log_line("Roadmap 30m s #roadmap today 09:00")
    without = service.entries.log_line("Status deck 30m ops #status today")
    earlier = service.entries.log_line("Planning 30m s #prior yesterday 16:00")
    model, proxy = EntriesModel(), EntriesFilterProxy()
    proxy.setSourceModel(model)
    model.set_entries(service.entries.between(date(2026, 11, 23), date(2026, 11, 29)))
    proxy.sort(COL_DAY, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ENTRY_ROLE).id for r in range(3)] == [
        earlier.id, with_start.id, without.id]


def test_task_list_model(qtmodeltester, service):
    week_of_demo(service)
    model = TaskListModel()
    qtmodeltester.check(model)
    model.set_tasks(service.tasks.usage(), {c.id: c.name for c in service.categories.list()})
    qtmodeltester.check(model)
    assert "logged" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


