"""What a day can hold: nothing starting later than now today, and no more than 24 hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.clock import FixedClock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.services import WorkloadService
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
        service.log_line(line)
    assert str(raised.value).startswith(f"The start {line[-5:]} is later than now (10:30)")
    assert raised.value.field == "start"


def test_a_start_up_to_now_and_starts_on_other_days_are_kept(service):
    assert service.log_line("Deck 30m ops 10:30").start == time(10, 30)
    assert service.log_line("Deck 30m ops yesterday 23:00").day == TODAY - timedelta(days=1)
    # Tomorrow stays open as before (check_day allows it): a PM may pre-log a meeting.
    assert service.log_line("Planning 1h s 2026-11-25 09:00").day == TODAY + timedelta(days=1)


def test_an_edit_cannot_move_a_start_later_than_now(service):
    entry = service.log_line("Deck 30m ops yesterday 14:00")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="The start 14:00 is later than now"):
        service.edit(entry.id, day=TODAY)  # the start it has, on today
    with pytest.raises(ValidationError, match="The start 11:00 is later than now"):
        service.edit(entry.id, day=TODAY, start=time(11, 0))
    assert snapshot(service.store.path) == before
    assert service.edit(entry.id, day=TODAY, start=time(9, 0))[1].start == time(9, 0)


def test_an_entry_start_the_clocks_skip_is_refused(berlin, store):
    service = WorkloadService(store, FixedClock(datetime(2027, 3, 29, 9, 0)))
    with pytest.raises(ValidationError, match="02:30 does not exist on Sun 28 Mar 2027"):
        service.log(EntryDraft("Night release", 30, OPS, None, date(2027, 3, 28), time(2, 30)))
    assert service.entry_count() == 0
