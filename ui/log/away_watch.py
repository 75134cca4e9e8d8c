"""Noticing time away while the timer runs, on the timer bar's tick, and asking on return.

Each tick compares the wall clock with the monotonic one (a sleep between ticks); every
30 s the platform is asked for idle time (ui/common/idle.py, cheap: tests/bench/bench_idle.py);
once a minute a heartbeat is written, so a later start knows when the app last ran.
What counts as away is app/log/away.py's; the question is ui/log/away_dialog.py's.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.clock import Clock
from app.domain import RunningTimer
from app.errors import StorageError
from app.log.away import AwayStretch, IdleWatch, sleep_stretch
from app.workload import WorkloadService
from ui.common import messages
from ui.common.idle import IdleProbe, idle_probe

if TYPE_CHECKING:
    from ui.log.away_dialog import AwayDialog


class TimeAwayWatch(QObject):
    """Looks for time away on each tick of a running timer; one away dialog at a time."""

    errorOccurred = Signal(str)   # the heartbeat or a check could not reach the database

    IDLE_POLL_SECONDS = 30   # the platform is asked at most this often
    HEARTBEAT_SECONDS = 60   # one small write a minute

    def __init__(self, service: WorkloadService, clock: Clock, widget: QWidget, *,
                 probe: IdleProbe | None = None) -> None:
        super().__init__(widget)
        self._service = service
        self._clock = clock
        self._widget = widget
        self._probe = probe
        self._idle_watch = IdleWatch(0)
        self._last_tick: tuple[datetime, float] | None = None   # wall, monotonic
        self._last_poll: float | None = None
        # Not at once: a timer left running is asked about from the last session's heartbeat.
        self._last_beat = clock.monotonic()
        self.dialog: AwayDialog | None = None  # the one open now

    def idle_probe(self) -> IdleProbe:
        """Return the probe asked for idle time (this process's, unless one was given)."""
        if self._probe is None:
            self._probe = idle_probe()
        return self._probe

    def tick(self, timer: RunningTimer | None) -> None:
        """Look for a sleep since the last tick, poll idle time when due, beat; ask if away."""
        if timer is None:
            self._last_tick = self._last_poll = None  # polls only while a timer runs
            return
        now, monotonic = self._clock.now(), self._clock.monotonic()
        previous, self._last_tick = self._last_tick, (now, monotonic)
        found = None
        if previous is not None:
            found = sleep_stretch(timer.started_at, previous[0], monotonic - previous[1], now)
        if self._last_poll is None or monotonic - self._last_poll >= self.IDLE_POLL_SECONDS:
            self._last_poll = monotonic
            found = self._poll_idle(timer, now) or found
        try:
            if found is not None or monotonic - self._last_beat >= self.HEARTBEAT_SECONDS:
                self._last_beat = monotonic
                self._service.timer.beat(now)
            if found is not None:
                self._ask(timer, found)
        except StorageError as error:
            self.errorOccurred.emit(str(error))  # the next tick tries again

    def _poll_idle(self, timer: RunningTimer, now: datetime) -> AwayStretch | None:
        """Ask the platform for idle time; return a stretch of time away that just ended."""
        idle = self.idle_probe().idle_seconds()
        if idle is None:
            return None
        threshold = self._service.settings.get().away_after_minutes
        if self._idle_watch.threshold.total_seconds() != threshold * 60:
            self._idle_watch = IdleWatch(threshold)  # the setting changed
        return self._idle_watch.report(timer.started_at, now, idle)

    def _ask(self, timer: RunningTimer, found: AwayStretch) -> None:
        """Open the away dialog for ``found``, or extend the one already open."""
        from ui.log.away_dialog import AwayDialog

        stretch = self._service.timer.unsettled(found)
        if stretch is None:
            return  # settled already (another window), or the timer stopped meanwhile
        if self.dialog is not None:
            self.dialog.extend(stretch)
            return
        dialog = AwayDialog(self._service, timer, stretch, self._widget.window())
        dialog.finished.connect(lambda _result: self._settled(dialog))
        self.dialog = dialog
        dialog.open()

    def _settled(self, dialog: AwayDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        summary = dialog.summary()
        if summary:
            messages.show_status(self._widget.window(), summary)
        dialog.deleteLater()
