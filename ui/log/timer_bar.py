"""The running timer: what it is timing, for how long, and Stop / Discard.

Stopping a timer that ran past midnight or over 12 hours asks first (StopTimerDialog);
a timer found running at start-up goes through ``restore_timer_on_start``. While a timer
runs, each tick looks for time away (ui/log/away_watch.py) and asks about it on return.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from app.changes import Change
from app.clock import Clock
from app.display import timer_words
from app.domain import Entry, Kind, RunningTimer
from app.errors import StorageError, ValidationError
from app.log.away import heartbeat_stretch
from app.workload import WorkloadService
from ui.common import messages
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.elided_label import ElidedLabel
from ui.common.idle import IdleProbe
from ui.common.theme import kind_badge_css, kind_word
from ui.log.away_watch import TimeAwayWatch

if TYPE_CHECKING:  # made when first asked for
    from ui.log.timer_dialogs import NameTimerDialog

UNTITLED = "Untitled timer"


def running_time(seconds: float) -> str:
    """Return a duration as h:mm:ss with at least two hour digits, e.g. '01:05:09'."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def window_title_text(timer: RunningTimer, seconds: float) -> str:
    """Return the running timer as a window title prefix, e.g. '▶ 0:42 Weekly status deck'."""
    minutes = max(0, int(seconds)) // 60
    return f"▶ {minutes // 60}:{minutes % 60:02d} {timer.title}"


class TimerBar(QFrame):
    """Shows the running timer (or that none runs) and stops or discards it."""

    titleChanged = Signal(str)      # '▶ 0:42 Weekly status deck', or '' when no timer runs
    stopped = Signal(object)        # the Entry the timer was saved as
    discarded = Signal(object)      # the RunningTimer that was thrown away
    runningChanged = Signal(bool)   # a timer started (True) or ended (False)
    errorOccurred = Signal(str)     # a message the window may also show in its status bar

    TICK_MS = 1000

    def __init__(self, service: WorkloadService, clock: Clock | None = None,
                 parent: QWidget | None = None, *, bridge: ServiceBridge | None = None,
                 probe: IdleProbe | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._clock = clock or service.clock
        self._timer: RunningTimer | None = None
        self._title = ""
        self.away = TimeAwayWatch(service, self._clock, self, probe=probe)
        self.away.errorOccurred.connect(self._show_error)
        self.name_dialog: NameTimerDialog | None = None  # open while the user names the timer
        self.setObjectName("timerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.idle_label = QLabel("No timer running.")
        self.idle_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
        self.title_label = ElidedLabel()
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.title_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.rename_button = QToolButton()
        self.rename_button.setAutoRaise(True)
        self.rename_button.setAccessibleName("Name the timer")
        self.kind_label = QLabel()
        self.category_label = ElidedLabel()
        self.category_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.since_label = QLabel()
        self.since_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.elapsed_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.25)
        mono.setWeight(QFont.Weight.DemiBold)
        self.elapsed_label.setFont(mono)
        self.elapsed_label.setAccessibleName("Running time")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        style = self.style()
        self.stop_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop), "Stop")
        self.stop_button.setToolTip("Stop the timer and save the time as an entry (Ctrl+Shift+Enter)")
        self.stop_button.setAccessibleName("Stop the timer")
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Throw the timer away without saving")
        self.discard_button.setAccessibleName("Discard the timer")
        self.setAccessibleName("Timer")
        self.title_label.setAccessibleName("Timed task")
        self.stop_button.clicked.connect(self.stop)
        self.discard_button.clicked.connect(self.discard)
        self.title_label.clicked.connect(self.ask_name)
        self.rename_button.clicked.connect(self.ask_name)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.idle_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.rename_button)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.category_label)
        layout.addWidget(self.error_label, 1)
        layout.addStretch(1)
        layout.addSpacing(8)
        layout.addWidget(self.since_label)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.discard_button)

        self.ticker = QTimer(self)
        self.ticker.setInterval(self.TICK_MS)
        self.ticker.timeout.connect(self.tick)
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self.refresh()

    # -- state ------------------------------------------------------------------------------
    def running_timer(self) -> RunningTimer | None:
        """Return the timer shown, or None."""
        return self._timer

    def window_title(self) -> str:
        """Return the title prefix last emitted by titleChanged ('' when idle)."""
        return self._title

    def refresh(self) -> None:
        """Read the timer from the service again and show it."""
        was_running = self._timer is not None
        self._timer = self._service.timer.running()
        timer = self._timer
        running = timer is not None
        for widget in (self.title_label, self.rename_button, self.kind_label, self.category_label,
                       self.since_label, self.elapsed_label, self.stop_button, self.discard_button):
            widget.setVisible(running)
        self.idle_label.setVisible(not running)
        if timer is not None:
            self._show_title(timer)
            self.kind_label.setText(kind_word(timer.kind))
            self.kind_label.setVisible(timer.kind is not None)
            self._style_kind()
            self.category_label.set_full_text(timer.category or "")
            self.category_label.setVisible(bool(timer.category))
            self.since_label.setText(self._since(timer))
            self.ticker.start()
        else:
            self.ticker.stop()
        self.tick()
        if running != was_running:
            self.runningChanged.emit(running)

    def _show_title(self, timer: RunningTimer) -> None:
        # An untitled timer says so, muted, and offers to be named; Stop asks for the name.
        self.title_label.set_full_text(timer.title or UNTITLED)
        self.title_label.setForegroundRole(QPalette.ColorRole.WindowText if timer.title
                                           else QPalette.ColorRole.PlaceholderText)
        self.title_label.setToolTip(f"{timer.title or UNTITLED} — click to rename")
        self.rename_button.setText("Rename…" if timer.title else "Name…")
        self.rename_button.setToolTip("Say what the timer is for, e.g. 'Roadmap review s "
                                      "#strategy' (it keeps running)")

    def _since(self, timer: RunningTimer) -> str:
        """Return 'since 14:05', or 'since Mon 14:05' for a timer started on another day."""
        started = timer.started_at
        if started.date() == self._clock.now().date():
            return f"since {started:%H:%M}"
        return f"since {started:%a} {started:%H:%M}"

    def tick(self) -> None:
        """Show the running time as of the clock's now; emit titleChanged when it changes."""
        timer = self._timer
        if timer is None:
            self.elapsed_label.clear()
            title = ""
        else:
            seconds = (self._clock.now() - timer.started_at).total_seconds()
            self.elapsed_label.setText(running_time(seconds))
            title = window_title_text(timer, seconds)
        if title != self._title:
            self._title = title
            self.titleChanged.emit(title)
        self.away.tick(timer)

    def _style_kind(self) -> None:
        if self._timer is not None and self._timer.kind is not None:
            # Recomputed on palette changes, so the pill follows a switch to a dark theme.
            self.kind_label.setStyleSheet(kind_badge_css(self._timer.kind, None))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_kind()

    def _on_service_changed(self, what: str) -> None:
        if what in (Change.TIMER, Change.CATEGORIES):
            self.refresh()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.errorOccurred.emit(message)

    # -- actions ----------------------------------------------------------------------------
    def stop(self) -> Entry | None:
        """Stop the timer and save it; ask first when it ran past midnight or over 12 hours.

        Returns the saved entry, or None when nothing was saved (cancelled, discarded, error).
        """
        self._show_error("")
        timer = self._service.timer.running()
        if timer is None:
            self.refresh()
            return None
        if not timer.title:
            self.ask_name(stopping=True)  # saved when the user has named it
            return None
        return self._stop(timer)

    def ask_name(self, *, stopping: bool = False) -> NameTimerDialog | None:
        """Open the dialog naming the running timer (not modal; returned, also as
        ``name_dialog``); its OK renames the timer, or with ``stopping`` stops and saves it."""
        timer = self._service.timer.running()
        if timer is None:
            self.refresh()
            return None
        from ui.log.timer_dialogs import NameTimerDialog

        if self.name_dialog is not None:
            self.name_dialog.close()
        dialog = NameTimerDialog(self._service, timer, stopping=stopping, parent=self.window())
        dialog.accepted.connect(lambda: self._named(dialog, stopping))
        dialog.finished.connect(lambda _result: self._name_dialog_closed(dialog))
        self.name_dialog = dialog
        dialog.open()
        return dialog

    def _name_dialog_closed(self, dialog: NameTimerDialog) -> None:
        if self.name_dialog is dialog:
            self.name_dialog = None
        dialog.deleteLater()

    def _named(self, dialog: NameTimerDialog, stopping: bool) -> None:
        self._show_error("")
        line, kind = dialog.text(), dialog.kind()
        if stopping:
            timer = self._service.timer.running()
            if timer is not None:
                self._stop(timer, line, kind)
            return
        try:
            self._service.timer.name(line, kind)
        except ValidationError as error:
            self._show_error(str(error))
        except StorageError as error:
            messages.show_error(self.window(), "Could not rename the timer",
                                f"{error}\n\nThe timer is still running as it was.")

    def _stop(self, timer: RunningTimer, title: str = "", kind: Kind | None = None) -> Entry | None:
        """Stop ``timer`` (named by ``title`` and ``kind`` if given), asking first about a long
        one; return the saved entry or None."""
        at: datetime = self._clock.now()
        confirmed = False
        reason = self._service.timer.needs_confirmation(timer, at)
        if reason:
            from ui.log.timer_dialogs import StopTimerDialog, TimerAction

            decision = StopTimerDialog.ask(self.window(), self._service, timer, at, reason)
            if decision is None:
                return None
            if decision.action is TimerAction.DISCARD:
                self._discard_now()
                return None
            if decision.action is TimerAction.STOP_AT and decision.at is not None:
                at = decision.at
            confirmed = True  # the user has seen the reason and chosen
        try:
            entry = self._service.timer.stop(at, confirmed=confirmed, title=title, kind=kind)
        except ValidationError as error:
            self._show_error(str(error))
            return None
        except StorageError as error:
            messages.show_error(self.window(), "Could not stop the timer",
                                f"{error}\n\nThe timer is still running; nothing was saved.")
            return None
        self.stopped.emit(entry)
        return entry

    def discard(self) -> bool:
        """Throw the running timer away after the user confirms; return True if discarded."""
        self._show_error("")
        timer = self._service.timer.running()
        if timer is None:
            self.refresh()
            return False
        if not self.confirm_discard(self.window(), timer):
            return False
        return self._discard_now()

    def _discard_now(self) -> bool:
        try:
            timer = self._service.timer.discard()
        except ValidationError as error:
            self._show_error(str(error))
            return False
        except StorageError as error:
            messages.show_error(self.window(), "Could not discard the timer",
                                f"{error}\n\nThe timer is still running.")
            return False
        self.discarded.emit(timer)
        return True

    @classmethod
    def confirm_discard(cls, parent: QWidget | None, timer: RunningTimer) -> bool:
        """Return True when the user agrees to throw the timer away (blocks; tests replace it)."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent, "Discard the timer",
            f"Throw away {timer_words(timer.title)}, started at {timer.started_at:%H:%M}? "
            "The time will not be saved.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def restore_timer_on_start(parent: QWidget | None, service: WorkloadService) -> Entry | None:
    """Ask what to do with a timer left running when the app was last closed (or crashed).

    When the app ran with it until a heartbeat, the time since is time away (AwayDialog:
    keep, discard or log it; said in the status bar, not undoable). Otherwise: keep running
    changes nothing; Stop at saves the entry (returned); Discard throws it away.
    Returns the saved entry, or None. Call it once the main window is shown.
    """
    from ui.log.timer_dialogs import RestoreTimerDialog, TimerAction

    timer = service.timer.running()
    if timer is None:
        return None
    now = service.clock.now()
    gap = heartbeat_stretch(timer.started_at, service.timer.last_beat(), now)
    if gap is not None:
        gap = service.timer.unsettled(gap)
    if gap is not None:
        # The app ran with this timer until its last heartbeat: ask about the time since.
        from ui.log.away_dialog import AwayDialog, settled_summary

        settled = AwayDialog.ask(parent, service, timer, gap)
        summary = settled_summary(timer, gap, settled)
        if summary:
            # Not handed back as a stopped timer's entry: that would put it on the undo stack
            # alone, and Ctrl+Z would then drop the work but not the time away's split.
            messages.show_status(parent, summary)
        return None
    decision = RestoreTimerDialog.ask(parent, service, timer, now)
    if decision.action is TimerAction.DISCARD:
        service.timer.discard()
        return None
    if decision.action is TimerAction.KEEP:
        return None
    at = decision.at if decision.action is TimerAction.STOP_AT and decision.at else now
    return service.timer.stop(at, confirmed=True)
