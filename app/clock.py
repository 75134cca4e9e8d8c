"""The current time, injectable so tests can stand on any day, at midnight or across DST."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta


class Clock:
    """The system clock, in the machine's local time zone."""

    def now(self) -> datetime:
        """Return the current local time, time-zone aware."""
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes back and, on Linux and macOS, stands
        still while the computer sleeps: the wall clock running ahead of it tells a sleep."""
        return time.monotonic()

    def stamp(self) -> str:
        """Return the current moment in UTC as ISO text to the second (created_at and the like)."""
        return self.now().astimezone(UTC).isoformat(timespec="seconds")


class FixedClock(Clock):
    """A clock that stands still until moved (for tests, demo data and benchmarks)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment if moment.tzinfo else moment.astimezone()
        self._origin = self.moment
        self.slept = 0.0

    def now(self) -> datetime:
        return self.moment

    def monotonic(self) -> float:
        """Return the seconds the clock was moved since it was made, less those slept."""
        return (self.moment - self._origin).total_seconds() - self.slept

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)

    def sleep(self, **delta: float) -> None:
        """Move the wall clock only, as a computer waking from suspend sees it."""
        self.moment += timedelta(**delta)
        self.slept += timedelta(**delta).total_seconds()
