"""Time away while the timer runs: the computer slept, or nobody touched it for a while.

Pure: the window feeds in moments from the clock object and idle reports from the platform;
what to do about a stretch found here is TimerService.settle_away's (app/log/timer.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

# Ticks come every second; a wall clock more than this ahead of the monotonic one means the
# process was not running in between (suspend), not a late tick. Also the shortest gap in the
# heartbeat that counts as the app not having run.
JUMP_TOLERANCE = timedelta(minutes=2)


class AwayCause(Enum):
    """Why the time away was noticed."""

    SLEEP = "sleep"      # the wall clock jumped between two ticks
    IDLE = "idle"        # the platform reported no input for longer than the threshold
    CLOSED = "closed"    # the app was not running (closed, or crashed) while the timer ran


class AwayResolution(Enum):
    """What the user chose to do with a stretch of time away."""

    KEEP = "keep"        # it counts as work: nothing changes
    DISCARD = "discard"  # cut it out of the timer
    LOG = "log"          # cut it out, and log it as an entry of its own


@dataclass(frozen=True)
class AwayStretch:
    """A stretch of time away during the timer that started at ``timer_started``."""

    timer_started: datetime
    start: datetime
    end: datetime
    cause: AwayCause

    @property
    def minutes(self) -> int:
        """Return the stretch's length in whole minutes (rounded)."""
        return round((self.end - self.start).total_seconds() / 60)

    def joined(self, later: AwayStretch) -> AwayStretch:
        """Return one stretch from the earlier start to the later end (away again)."""
        return replace(self, start=min(self.start, later.start), end=max(self.end, later.end))


def wall_jump(previous_wall: datetime, monotonic_elapsed: float, now: datetime,
              tolerance: timedelta = JUMP_TOLERANCE) -> timedelta | None:
    """Return how far the wall clock ran ahead of the monotonic one since the previous tick,
    or None when within ``tolerance`` (a tick that was only late)."""
    ahead = (now - previous_wall) - timedelta(seconds=max(0.0, monotonic_elapsed))
    return ahead if ahead > tolerance else None


def sleep_stretch(timer_started: datetime, previous_wall: datetime, monotonic_elapsed: float,
                  now: datetime) -> AwayStretch | None:
    """Return the stretch the process slept through between two ticks, or None."""
    jump = wall_jump(previous_wall, monotonic_elapsed, now)
    if jump is None:
        return None
    # The monotonic clock stood still while asleep: the rest of the wall time is the sleep.
    return AwayStretch(timer_started, max(timer_started, now - jump), now, AwayCause.SLEEP)


def clamp_idle(idle_seconds: object, timer_started: datetime, now: datetime) -> float | None:
    """Return the idle seconds worth believing, or None for a report to ignore.

    No number, a negative one or NaN is ignored; more than the timer has run (or absurdly
    large) is clamped to the timer's run time: input before the timer started is no concern.
    """
    if isinstance(idle_seconds, bool) or not isinstance(idle_seconds, int | float):
        return None
    if math.isnan(idle_seconds) or idle_seconds < 0:
        return None
    return min(float(idle_seconds), max(0.0, (now - timer_started).total_seconds()))


class IdleWatch:
    """Turns idle reports into stretches of time away, given when the user is back.

    Away starts at ``now - idle`` of a report at or over the threshold; the stretch is given
    once a later report shows input since then (the user is back), ending at that input.
    """

    def __init__(self, threshold_minutes: int) -> None:
        self.threshold = timedelta(minutes=threshold_minutes)
        self._timer_started: datetime | None = None
        self._away_since: datetime | None = None

    def away_since(self) -> datetime | None:
        """Return when the current stretch of time away began, or None when not away."""
        return self._away_since

    def report(self, timer_started: datetime, now: datetime,
               idle_seconds: object) -> AwayStretch | None:
        """Return a stretch of time away that ended with this report, or None."""
        if timer_started != self._timer_started:
            self._timer_started, self._away_since = timer_started, None  # another timer
        if self.threshold <= timedelta(0):
            return None  # never ask
        idle = clamp_idle(idle_seconds, timer_started, now)
        if idle is None:
            return None
        last_input = now - timedelta(seconds=idle)
        if self._away_since is None:
            if timedelta(seconds=idle) >= self.threshold:
                self._away_since = last_input
            return None
        if last_input <= self._away_since + timedelta(seconds=1):
            return None  # still away (a second of slack for rounding in the report)
        start, self._away_since = self._away_since, None
        return AwayStretch(timer_started, start, last_input, AwayCause.IDLE)


def heartbeat_stretch(timer_started: datetime, heartbeat: datetime | None,
                      now: datetime) -> AwayStretch | None:
    """Return the stretch since the app's last heartbeat for this timer, when the app was not
    running for longer than JUMP_TOLERANCE; None without a heartbeat after the timer started."""
    if heartbeat is None or heartbeat < timer_started or heartbeat > now:
        return None
    if now - heartbeat <= JUMP_TOLERANCE:
        return None
    return AwayStretch(timer_started, heartbeat, now, AwayCause.CLOSED)
