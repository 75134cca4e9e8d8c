"""The system tray icon (where there is a tray) and the daily "Log today's work" reminder.

Without a system tray (the offscreen platform, some Linux desktops) there is no icon and the
app works the same: the reminder still fires, as the ``reminderDue`` signal, for the window's
status bar. The menu is built either way, so it can be tested and reused.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from app.changes import Change
from app.clock import Clock
from app.errors import StorageError
from app.log.reminder import reminder_due, reminder_text
from app.workload import WorkloadService
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.resources import app_icon
from ui.common.richtext import action_text
from ui.log.timer_bar import window_title_text

APP_NAME = "PM Workload"
log = logging.getLogger(__name__)


class TrayController(QObject):
    """Owns the tray icon and its menu, and checks once a minute whether to remind."""

    logRequested = Signal()     # "Log…": focus the quick-log line (the window is already raised)
    startRequested = Signal()   # "Start a timer…": the window asks what to time
    stopRequested = Signal()    # "Stop timer": the window stops it (asking first if it is long)
    quitRequested = Signal()    # "Quit": leave the app, not just close the window
    reminderDue = Signal(str)   # "Log today's work — …": for the status bar (also a tray message)

    CHECK_MS = 60_000

    def __init__(self, window: QWidget, service: WorkloadService, clock: Clock | None = None,
                 *, tray_available: bool | None = None, bridge: ServiceBridge | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._clock = clock or service.clock
        self.last_reminder: date | None = None
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()

        self.menu = QMenu(window)
        self.status_action = QAction("No timer", self)
        self.status_action.setEnabled(False)
        self.start_stop_action = QAction("Start a timer…", self)
        self.start_stop_action.triggered.connect(self._start_or_stop)
        self.log_action = QAction("Log…", self)
        self.log_action.triggered.connect(self.request_log)
        self.show_action = QAction(f"Open {APP_NAME}", self)
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = QAction("Quit", self)
        self.quit_action.triggered.connect(self.quitRequested)
        self.menu.addAction(self.status_action)
        self.menu.addAction(self.start_stop_action)
        self.menu.addSeparator()
        self.menu.addAction(self.log_action)
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.update_timer_state)

        self.tray_icon: QSystemTrayIcon | None = None
        if tray_available:
            self.tray_icon = QSystemTrayIcon(app_icon(), self)
            self.tray_icon.setContextMenu(self.menu)
            self.tray_icon.activated.connect(self._activated)
            self.tray_icon.messageClicked.connect(self.request_log)
            self.tray_icon.show()

        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(self.CHECK_MS)
        self.reminder_timer.timeout.connect(self._minute_passed)
        self.reminder_timer.start()
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self.update_timer_state()

    @property
    def has_tray(self) -> bool:
        """Return True when an icon sits in the system tray."""
        return self.tray_icon is not None

    def shutdown(self) -> None:
        """Stop checking and take the icon out of the tray (call before the app quits)."""
        self.reminder_timer.stop()
        if self.tray_icon is not None:
            self.tray_icon.hide()

    # -- timer state ------------------------------------------------------------------------
    def update_timer_state(self) -> None:
        """Show the running timer (or that none runs) in the menu and the icon's tooltip."""
        timer = self._service.timer.running()
        if timer is None:
            self.status_action.setText("No timer")
            self.start_stop_action.setText("Start a timer…")
            tooltip = APP_NAME
        else:
            seconds = (self._clock.now() - timer.started_at).total_seconds()
            self.status_action.setText(action_text(self.menu.fontMetrics().elidedText(
                window_title_text(timer, seconds), Qt.TextElideMode.ElideRight, 360)))
            self.start_stop_action.setText("Stop timer")
            tooltip = f"{APP_NAME} — {window_title_text(timer, seconds)}"
        if self.tray_icon is not None:
            self.tray_icon.setToolTip(tooltip)

    def _on_service_changed(self, what: str) -> None:
        if what == Change.TIMER:
            self.update_timer_state()
        elif what == Change.SETTINGS:
            self.check_reminder()  # a reminder time moved into the past shows at once

    def _start_or_stop(self) -> None:
        if self._service.timer.running() is None:
            self.show_window()
            self.startRequested.emit()
        else:
            self.stopRequested.emit()

    # -- the window -------------------------------------------------------------------------
    def show_window(self) -> None:
        """Bring the window up: restored, in front, focused."""
        if self._window.isMinimized():
            self._window.showNormal()
        else:
            self._window.show()
        self._window.raise_()
        self._window.activateWindow()

    def request_log(self) -> None:
        """Bring the window up and ask for the quick-log line (emits logRequested)."""
        self.show_window()
        self.logRequested.emit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self._window.isVisible() and not self._window.isMinimized():
                self._window.hide()
            else:
                self.show_window()

    # -- the reminder -----------------------------------------------------------------------
    def minutes_logged_today(self) -> int:
        """Return today's logged minutes, counting a timer that is running since today."""
        now = self._clock.now()
        today = now.date()
        logged = sum(self._service.entries.minutes_by_kind(today, today).values())
        timer = self._service.timer.running()
        if timer is not None and timer.started_at.date() == today:
            logged += self._service.timer.minutes(timer, now)
        return logged

    def check_reminder(self) -> bool:
        """Show "Log today's work" if it is due now; return True when it was shown."""
        now = self._clock.now()
        settings = self._service.settings.get()
        logged = self.minutes_logged_today()
        if not reminder_due(now, settings, logged, self.last_reminder):
            return False
        self.last_reminder = now.date()
        text = reminder_text(logged, settings)
        if self.tray_icon is not None:
            self.tray_icon.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information,
                                       15_000)
        self.reminderDue.emit(text)
        return True

    def _minute_passed(self) -> None:
        try:
            self.update_timer_state()
            self.check_reminder()
        except StorageError as error:  # the next minute tries again; a write will say why
            log.warning("The tray could not read the database: %s", error)
