"""The current time, injectable so tests can stand on any day, at midnight or across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime


class Clock:
    """The system clock, in the machine's local time zone."""

    def now(self) -> datetime:
        """Return the current local time, time-zone aware."""
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()

    def stamp(self) -> str:
        """Return the current moment in UTC as ISO text to the second (created_at and the like)."""
        return self.now().astimezone(UTC).isoformat(timespec="seconds")


class FixedClock(Clock):
    """A clock that stands still until moved (for tests, demo data and benchmarks)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment if moment.tzinfo else moment.astimezone()

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.moment += timedelta(**delta)
