"""WorkloadService.unsubscribe and entry_count, used by the window's widgets."""

from __future__ import annotations

from app.changes import Change


def test_unsubscribed_listener_is_not_called(service):
    heard: list[str] = []
    service.changes.subscribe(heard.append)
    service.entries.log_line("Weekly status deck 45m ops")
    service.changes.unsubscribe(heard.append)
    service.entries.log_line("Roadmap review 1h strat")
    assert heard == [Change.ENTRIES]


def test_unsubscribing_a_stranger_is_ignored(service):
    service.changes.unsubscribe(print)


def test_entry_count_counts_saved_entries(service):
    assert service.entries.count() == 0
    service.entries.log_line("Weekly status deck 45m ops")
    assert service.entries.count() == 1
