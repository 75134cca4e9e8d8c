"""Copies of entries: a duplicate after its original, a copy on today where its time is free."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.errors import ValidationError


def test_a_duplicate_is_the_same_entry_placed_right_after_its_original(service):
    original = service.entries.log_line("Weekly status deck 45m ops #status mon 09:00")
    service.entries.edit(original.id, note="for the staff meeting")
    [copy] = service.entries.copy([original.id])
    assert copy.id != original.id
    assert (copy.title, copy.task_id, copy.day, copy.start, copy.minutes, copy.kind,
            copy.category, copy.note) == (
        "Weekly status deck", original.task_id, date(2026, 11, 23), time(9, 45), 45,
        original.kind, "Status reports & decks", "for the staff meeting")


def test_a_duplicate_goes_after_the_days_last_entry_when_the_time_after_it_is_taken(service):
    first = service.entries.log_line("Weekly status deck 45m ops #status mon 09:00")
    service.entries.log_line("Roadmap review 30m s #roadmap mon 09:45")
    untimed = service.entries.log_line("Inbox 15m ops mon")
    copies = service.entries.copy([first.id, untimed.id])
    assert [(c.title, c.start) for c in copies] == [("Weekly status deck", time(10, 15)),
                                                    ("Inbox", None)]


def test_a_duplicate_has_no_start_when_no_time_after_is_free(service):
    first = service.entries.log_line("Weekly status deck 45m ops #status mon 09:00")
    service.entries.log_line("Roadmap review 30m s #roadmap mon 09:45")
    service.entries.log_line("Night release 30m ops mon 23:40")
    copies = service.entries.copy([first.id])
    assert copies[0].start is None


def test_copy_to_today_keeps_the_start_only_where_today_is_free_and_begun(service, clock):
    # The clock stands at Tue 24 Nov 10:30 in the tests.
    morning = service.entries.log_line("Weekly status deck 45m ops #status mon 09:00")
    taken = service.entries.log_line("Roadmap review 30m s #roadmap mon 10:00")
    evening = service.entries.log_line("Reading 30m s mon 18:00")
    service.entries.log_line("Stand-up 15m ops today 10:10")
    copies = service.entries.copy([morning.id, taken.id, evening.id], day=clock.today())
    assert [(c.title, c.day, c.start) for c in copies] == [
        ("Weekly status deck", date(2026, 11, 24), time(9, 0)),
        ("Roadmap review", date(2026, 11, 24), None),   # the stand-up is there
        ("Reading", date(2026, 11, 24), None),          # still to come today
    ]


def test_copies_are_all_or_nothing(service):
    long = service.entries.log_line("Offsite 20h s mon")
    short = service.entries.log_line("Deck 1h ops mon")
    with pytest.raises(ValidationError):
        service.entries.copy([short.id, long.id])  # the second would put Monday over 24 h
    assert service.entries.count() == 2


def test_duplicating_back_to_back_entries_puts_the_copies_after_them_in_order(service):
    day = service.clock.today() - timedelta(days=1)
    originals = [service.entries.log_line(f"Block {h} 1h ops {h}:00 {day.isoformat()}")
                 for h in (8, 9, 10)]
    copies = service.entries.copy([e.id for e in reversed(originals)])
    assert [(c.title, f"{c.start:%H:%M}") for c in copies] == [
        ("Block 8", "11:00"), ("Block 9", "12:00"), ("Block 10", "13:00")]


def test_a_refused_copy_names_the_total_of_all_the_copies(service):
    day = service.clock.today() - timedelta(days=1)
    ids = [service.entries.log_line(f"Long {n} 7h ops {day.isoformat()}").id for n in range(3)]
    with pytest.raises(ValidationError, match="42 h"):
        service.entries.copy(ids)
    assert len(service.entries.between(day, day)) == 3
