"""Weeks: their first day under the week-start setting, and their names (2026-W48 when ISO)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.display import shorten
from app.errors import ValidationError

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)

# The years a week may be named in. Nothing can be logged before 1970 (check_day); the last
# year leaves room after it: a week's days, "the week after" and a week start other than
# Monday all reach past its Monday, and a date ends with 9999-12-31.
FIRST_YEAR, LAST_YEAR = 1970, 9998


def week_start(day: date, first_weekday: int = 0) -> date:
    """Return the first day of the week holding ``day`` (first_weekday: 0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_days(start: date) -> tuple[date, date]:
    """Return the first and last day of the week that starts on ``start``."""
    return start, start + timedelta(days=6)


def week_label(start: date) -> str:
    """Return the ISO label (YYYY-Www) of the week starting on ``start``.

    A week that starts on another day than Monday is labelled by the ISO week of the Monday
    inside it, so the label and the week map one to one whatever the week-start setting.
    """
    monday = start + timedelta(days=(0 - start.weekday()) % 7)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_name(start: date) -> str:
    """Return what to call the week starting on ``start``: '2026-W48', or 'Week of Sun 22 Nov 2026'.

    Only a week that starts on Monday is an ISO week; one that starts on another day is named
    by its first day, not by the ISO week it overlaps most.
    """
    return week_label(start) if start.weekday() == 0 else f"Week of {start:%a} {start.day} {start:%b %Y}"


def parse_week(text: str, first_weekday: int = 0) -> date:
    """Return the first day of the week named like 2026-W48 (under the week-start setting)."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValidationError(f"'{shorten(text)}' is not a week; write it like 2026-W48.", "week")
    year, week = int(match.group(1)), int(match.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"'{shorten(text.strip())}' is out of range: weeks run from {FIRST_YEAR}-W01 to "
            f"{LAST_YEAR}-W52.", "week")
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"{year} has no week {week}.", "week") from None
    # The week under the setting is the one holding that Monday.
    return week_start(monday, first_weekday)


def parse_day(text: str, field: str = "date") -> date:
    """Return the date written as YYYY-MM-DD, or raise a ValidationError naming it."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"'{shorten(text)}' is not a date; write it like 2026-11-24.", field
        ) from None
