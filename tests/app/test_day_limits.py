"""What a day can hold: nothing starting later than now today, and no more than 24 hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.clock import FixedClock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.workload import WorkloadService
from tests.helpers import snapshot

OPS = Kind.OPERATIONAL
TODAY = date(2026, 11, 24)  # the clock fixture stands at 10:30


@pytest.fixture
def unchanged(service):
    """Assert at the end of the test that the database holds what it held at its start."""
    before = snapshot(service.store.path)
    yield
    assert snapshot(service.store.path) == before


# -- start times later today --------------------------------------------------------------
@pytest.mark.parametrize("line", ["Deck 30m ops 14:00", "Deck 30m ops today 10:31"])
def test_a_start_later_today_is_refused(service, unchanged, line):
    with pytest.raises(ValidationError) as raised:
        service.entries.log_line(line)
    assert str(raised.value).startswith(f"The start {line[-5:]} is later than now (10:30)")
    assert raised.value.field == "start"


def test_a_start_up_to_now_and_starts_on_other_days_are_kept(service):
    assert service.entries.log_line("Deck 30m ops 10:30").start == time(10, 30)
    assert service.entries.log_line("Deck 30m ops yesterday 23:00").day == TODAY - timedelta(days=1)
    # Tomorrow stays open as before (check_day allows it): a PM may pre-log a meeting.
    assert service.entries.log_line("Planning 1h s 2026-11-25 09:00").day == TODAY + timedelta(days=1)


def test_an_edit_cannot_move_a_start_later_than_now(service):
    entry = service.entries.log_line("Deck 30m ops yesterday 14:00")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="The start 14:00 is later than now"):
        service.entries.edit(entry.id, day=TODAY)  # the start it has, on today
    with pytest.raises(ValidationError, match="The start 11:00 is later than now"):
        service.entries.edit(entry.id, day=TODAY, start=time(11, 0))
    assert snapshot(service.store.path) == before
    assert service.entries.edit(entry.id, day=TODAY, start=time(9, 0))[1].start == time(9, 0)


def test_an_entry_start_the_clocks_skip_is_refused(berlin, store):
    service = WorkloadService(store, FixedClock(datetime(2027, 3, 29, 9, 0)))
    with pytest.raises(ValidationError, match="02:30 does not exist on Sun 28 Mar 2027"):
        service.entries.log(EntryDraft("Night release", 30, OPS, None, date(2027, 3, 28), time(2, 30)))
    assert service.entries.count() == 0


# -- no more than 24 hours in a day -------------------------------------------------------
def test_a_day_cannot_hold_more_than_24_hours(service):
    service.entries.log(EntryDraft("Offsite", 23 * 60, OPS, None, TODAY - timedelta(days=1)))
    service.entries.log(EntryDraft("Deck", 60, OPS, None, TODAY - timedelta(days=1)))  # exactly 24 h
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError) as raised:
        service.entries.log(EntryDraft("Deck", 1, OPS, None, TODAY - timedelta(days=1)))
    assert str(raised.value) == "Mon 23 Nov would have 24 h 01 min logged; a day has 24 h."
    assert raised.value.field == "minutes"
    assert snapshot(service.store.path) == before
    assert service.entries.log(EntryDraft("Deck", 1, OPS, None, TODAY)).minutes == 1  # another day


def test_an_edit_counts_the_day_without_the_entrys_old_minutes(service, clock):
    clock.moment = datetime(2027, 1, 5, 10, 30).astimezone()
    big = service.entries.log(EntryDraft("Offsite", 20 * 60, OPS, None, date(2026, 11, 24)))
    small = service.entries.log(EntryDraft("Deck", 3 * 60, OPS, None, date(2026, 11, 23)))
    assert service.entries.edit(big.id, minutes=21 * 60 + 1)[1].minutes == 21 * 60 + 1  # not 41 h 01
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError,
                       match=r"^Tue 24 Nov 2026 would have 24 h 11 min logged; a day has 24 h\.$"):
        service.entries.edit(small.id, day=date(2026, 11, 24), minutes=190)
    with pytest.raises(ValidationError, match="24 h 01 min"):
        service.entries.edit(small.id, day=date(2026, 11, 24))  # moved with its 3 h
    assert snapshot(service.store.path) == before


def test_a_timer_stop_that_would_overfill_its_day_is_refused(service, clock):
    service.entries.log(EntryDraft("Offsite", 23 * 60 + 30, OPS, None, TODAY))
    service.timer.start("Deck ops 09:00")
    with pytest.raises(ValidationError, match="Tue 24 Nov would have 25 h logged"):
        service.timer.stop()  # 1 h 30 min more
    assert service.timer.running() is not None  # still running: nothing was lost
    assert service.timer.stop(datetime(2026, 11, 24, 9, 30).astimezone()).minutes == 30


def test_bulk_writers_can_check_many_days_at_once(service):
    from collections import Counter

    service.entries.log(EntryDraft("Offsite", 22 * 60, OPS, None, TODAY - timedelta(days=3)))
    service.entries.check_day_totals({})
    service.entries.check_day_totals(Counter({"2026-11-21": 120, "2026-11-24": 24 * 60}))
    with pytest.raises(ValidationError, match="Sat 21 Nov would have 24 h 01 min"):
        service.entries.check_day_totals({TODAY - timedelta(days=3): 121, TODAY: 5})
