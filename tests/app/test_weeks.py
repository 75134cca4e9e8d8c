"""Week boundaries under the week-start setting, ISO labels, and a week with a DST change."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.clock import FixedClock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.weeks import parse_day, parse_week, week_days, week_label, week_start
from app.workload import WorkloadService

MONDAY, SUNDAY = 0, 6


@pytest.mark.parametrize(("day", "monday_start", "sunday_start"), [
    (date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 22)),  # a Monday
    (date(2026, 11, 24), date(2026, 11, 23), date(2026, 11, 22)),  # a Tuesday
    (date(2026, 11, 28), date(2026, 11, 23), date(2026, 11, 22)),  # a Saturday
    (date(2026, 11, 29), date(2026, 11, 23), date(2026, 11, 29)),  # a Sunday
    (date(2027, 1, 1), date(2026, 12, 28), date(2026, 12, 27)),    # across the new year
])
def test_week_start_monday_and_sunday(day, monday_start, sunday_start):
    assert week_start(day, MONDAY) == monday_start
    assert week_start(day, SUNDAY) == sunday_start
    for first in (MONDAY, SUNDAY):
        start, end = week_days(week_start(day, first))
        assert start <= day <= end and (end - start).days == 6


def test_every_day_of_a_year_falls_in_exactly_one_week():
    for first in range(7):
        day = date(2026, 1, 1)
        while day.year == 2026:
            start = week_start(day, first)
            assert start.weekday() == first and 0 <= (day - start).days <= 6
            day += timedelta(days=1)


def test_week_labels_follow_iso_and_the_monday_inside():
    assert week_label(date(2026, 11, 23)) == "2026-W48"
    assert week_label(date(2026, 11, 22)) == "2026-W48"   # a Sunday-start week holds Mon 23
    assert week_label(date(2026, 12, 28)) == "2026-W53"
    assert week_label(date(2027, 1, 4)) == "2027-W01"


def test_parse_week_under_both_settings():
    assert parse_week("2026-W48") == date(2026, 11, 23)
    assert parse_week("2026w48", SUNDAY) == date(2026, 11, 22)
    for first in (MONDAY, SUNDAY):
        start = parse_week("2026-W48", first)
        assert week_label(start) == "2026-W48"


@pytest.mark.parametrize("text", ["2026-48", "W48", "2026-W", "next week"])
def test_parse_week_refuses_nonsense(text):
    with pytest.raises(ValidationError, match="2026-W48"):
        parse_week(text)


def test_parse_week_refuses_a_week_the_year_does_not_have():
    with pytest.raises(ValidationError, match="no week 53"):
        parse_week("2025-W53")


def test_parse_day():
    assert parse_day(" 2026-11-24 ") == date(2026, 11, 24)
    with pytest.raises(ValidationError) as raised:
        parse_day("24/11/2026", "from")
    assert raised.value.field == "from"


def test_service_week_follows_the_setting(service):
    service.entries.log(EntryDraft("Saturday catch-up", 30, Kind.STRATEGIC, None, date(2026, 11, 21)))
    service.entries.log(EntryDraft("Sunday prep", 30, Kind.STRATEGIC, None, date(2026, 11, 22)))
    service.entries.log(EntryDraft("Monday plan", 30, Kind.STRATEGIC, None, date(2026, 11, 23)))

    def titles():
        first, last = service.week_of()
        return [e.title for e in service.entries.between(first, last)]

    assert service.week_of() == (date(2026, 11, 23), date(2026, 11, 29))
    assert titles() == ["Monday plan"]
    service.settings.update(week_start="Sunday")
    assert service.week_of() == (date(2026, 11, 22), date(2026, 11, 28))
    assert titles() == ["Sunday prep", "Monday plan"]
    assert service.week_of(date(2026, 11, 21)) == (date(2026, 11, 15), date(2026, 11, 21))



def test_a_dst_change_week_has_seven_days_and_all_its_entries(berlin, store):
    clock = FixedClock(datetime(2026, 10, 25, 12, 0))
    assert clock.now().utcoffset() == timedelta(hours=1)  # CET already
    service = WorkloadService(store, clock)
    for day in range(19, 26):
        service.entries.log(EntryDraft("Daily admin", 60, Kind.OPERATIONAL, None, date(2026, 10, day)))
    service.entries.log(EntryDraft("Next week", 60, Kind.OPERATIONAL, None, date(2026, 10, 26)))
    first, last = service.week_of()
    assert (first, last) == (date(2026, 10, 19), date(2026, 10, 25))
    assert len(service.entries.between(first, last)) == 7
    assert service.entries.minutes_by_kind(first, last)[Kind.OPERATIONAL] == 7 * 60


@pytest.mark.parametrize("text", ["9999-W52", "9999-W01", "0001-W01", "1969-W52", "0000-W01"])
def test_a_week_out_of_range_is_named_not_an_overflow(text):
    for first_weekday in range(7):
        with pytest.raises(ValidationError, match=f"'{text}' is out of range") as raised:
            parse_week(text, first_weekday)
        assert raised.value.field == "week"


@pytest.mark.parametrize("text", ["1970-W01", "9998-W52"])
def test_the_weeks_at_the_ends_of_the_range_have_their_days(text):
    for first_weekday in range(7):
        first, last = week_days(parse_week(text, first_weekday))
        assert (last - first).days == 6 and week_label(first) == text


def test_a_day_word_before_the_first_date_there_is_is_refused():
    from app.log.quickadd import parse_quick_add

    with pytest.raises(ValidationError, match="'yesterday' falls before the first date") as raised:
        parse_quick_add("Deck 30m yesterday", [], date.min)
    assert raised.value.field == "day"
