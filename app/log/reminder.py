"""When the daily "Log today's work" reminder is due, and what it says. Plain Python, no Qt."""

from __future__ import annotations

from datetime import date, datetime

from app.display import format_minutes
from app.settings import Settings


def reminder_due(now: datetime, settings: Settings, minutes_logged_today: int,
                 last_shown: date | None) -> bool:
    """Return True when the reminder should be shown now.

    Due on a working day, from the reminder time on, while less than the usual hours are
    logged today, and at most once a day.
    """
    if settings.reminder_time is None:
        return False
    if now.weekday() not in settings.working_days:
        return False
    if now.time() < settings.reminder_time:
        return False
    if last_shown == now.date():
        return False
    return minutes_logged_today < round(settings.usual_hours * 60)


def reminder_text(minutes_logged_today: int, settings: Settings) -> str:
    """Return the reminder's message, saying how much is logged against the usual day."""
    usual = format_minutes(round(settings.usual_hours * 60))
    if minutes_logged_today <= 0:
        return f"Log today's work — nothing logged yet today (a usual day is {usual})."
    return (f"Log today's work — {format_minutes(minutes_logged_today)} logged so far "
            f"of a usual {usual}.")
