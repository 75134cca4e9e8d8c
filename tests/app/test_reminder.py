"""The daily reminder's decision: working days, the time, hours already logged, once a day."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.log.reminder import reminder_due, reminder_text
from app.settings import Settings

DEFAULTS = Settings()  # Mon-Fri, 17:00, 8 h
TUESDAY_EVENING = datetime(2026, 11, 24, 17, 30).astimezone()


def test_due_on_a_working_day_after_the_time_with_too_little_logged():
    assert reminder_due(TUESDAY_EVENING, DEFAULTS, 120, None)


def test_due_exactly_at_the_reminder_time():
    assert reminder_due(TUESDAY_EVENING.replace(hour=17, minute=0), DEFAULTS, 0, None)


def test_not_before_the_reminder_time():
    assert not reminder_due(TUESDAY_EVENING.replace(hour=16, minute=59), DEFAULTS, 0, None)


@pytest.mark.parametrize("day", [28, 29])  # Saturday, Sunday
def test_not_on_a_non_working_day(day):
    assert not reminder_due(TUESDAY_EVENING.replace(day=day), DEFAULTS, 0, None)


def test_working_days_come_from_the_settings():
    sunday = TUESDAY_EVENING.replace(day=29)
    assert reminder_due(sunday, DEFAULTS._replace(working_days=(6,)), 0, None)
    assert not reminder_due(TUESDAY_EVENING, DEFAULTS._replace(working_days=(6,)), 0, None)


def test_not_when_enough_hours_are_logged():
    assert not reminder_due(TUESDAY_EVENING, DEFAULTS, 8 * 60, None)
    assert reminder_due(TUESDAY_EVENING, DEFAULTS, 8 * 60 - 1, None)


def test_usual_hours_come_from_the_settings():
    part_time = DEFAULTS._replace(usual_hours=4.5)
    assert not reminder_due(TUESDAY_EVENING, part_time, 270, None)
    assert reminder_due(TUESDAY_EVENING, part_time, 269, None)


def test_not_twice_on_the_same_day():
    assert not reminder_due(TUESDAY_EVENING, DEFAULTS, 0, date(2026, 11, 24))
    assert reminder_due(TUESDAY_EVENING, DEFAULTS, 0, date(2026, 11, 23))


def test_not_when_the_reminder_is_off():
    assert not reminder_due(TUESDAY_EVENING, DEFAULTS._replace(reminder_time=None), 0, None)


def test_an_earlier_reminder_time():
    morning = DEFAULTS._replace(reminder_time=time(9, 0))
    assert reminder_due(TUESDAY_EVENING.replace(hour=9, minute=5), morning, 0, None)


def test_text_says_what_is_logged():
    assert reminder_text(0, DEFAULTS) == \
        "Log today's work — nothing logged yet today (a usual day is 8 h)."
    assert reminder_text(195, DEFAULTS) == "Log today's work — 3 h 15 min logged so far of a usual 8 h."
