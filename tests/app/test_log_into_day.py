"""A quick-add line naming no day can be logged into another day than today."""

from __future__ import annotations

from datetime import date


def test_a_line_without_a_day_goes_to_the_default_day_and_a_named_day_wins(service):
    entry = service.entries.log_line("Weekly status deck 45m ops", default_day=date(2026, 11, 17))
    assert entry.day == date(2026, 11, 17)
    named = service.entries.log_line("Roadmap 30m s yesterday", default_day=date(2026, 11, 17))
    assert named.day == date(2026, 11, 23)
    assert service.entries.log_line("Deck 15m ops").day == date(2026, 11, 24)
