"""WorkloadService.unsubscribe and entry_count, used by the window's widgets."""

from __future__ import annotations

from app.domain import ENTRIES


def test_unsubscribed_listener_is_not_called(service):
    heard: list[str] = []
    service.subscribe(heard.append)
    service.log_line("Weekly status deck 45m ops")
    service.unsubscribe(heard.append)
    service.log_line("Roadmap review 1h strat")
    assert heard == [ENTRIES]


def test_unsubscribing_a_stranger_is_ignored(service):
    service.unsubscribe(print)


def test_entry_count_counts_saved_entries(service):
    assert service.entry_count() == 0
    service.log_line("Weekly status deck 45m ops")
    assert service.entry_count() == 1
