"""The question on return from time away: keep it, discard it, or log it as an entry of its own.

Non-modal like the timer's other dialogs (``open()`` and ``finished``, which is how the timer
bar and the tests drive it); ``ask()`` blocks, for start-up, and tests replace it. The dialog
settles the stretch itself, so a bad line or a stretch settled elsewhere is said inside it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.display import format_minutes
from app.domain import RunningTimer
from app.errors import StorageError, ValidationError
from app.log.away import AwayCause, AwayResolution, AwayStretch
from app.log.timer import AwayAlreadySettled, AwaySettled
from app.workload import WorkloadService

_CAUSES = {
    AwayCause.SLEEP: "The computer was asleep.",
    AwayCause.IDLE: "There was no keyboard or mouse input.",
    AwayCause.CLOSED: "The app was not running (it was closed, or it crashed).",
}


def away_text(stretch: AwayStretch, title: str, now: datetime) -> str:
    """Return 'You were away from 10:42 to 11:30 (48 min) while 'Roadmap review' ran.'"""

    def moment(at: datetime) -> str:
        return f"{at:%H:%M}" if at.date() == now.date() else f"{at:%a} {at:%H:%M}"

    return (f"You were away from {moment(stretch.start)} to {moment(stretch.end)} "
            f"({format_minutes(stretch.minutes)}) while ‘{title or 'the untitled timer'}’ ran.")


class AwayDialog(QDialog):
    """Asks what to do with one stretch of time away; extended if the user is away again."""

    def __init__(self, service: WorkloadService, timer: RunningTimer, stretch: AwayStretch,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._timer = timer
        self.stretch = stretch
        self.settled: AwaySettled | None = None
        self.setWindowTitle("Time away")

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.cause = QLabel()
        self.cause.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted

        self.keep_button = QPushButton("Keep the time")
        self.discard_button = QPushButton("Discard the time away")
        self.log_button = QPushButton("Log it as a separate entry")
        self.keep_hint = QLabel()
        self.discard_hint = QLabel()
        self.log_hint = QLabel("A title (and kind or #category); left empty, the time away "
                               "is dropped as with Discard.")
        for hint in (self.keep_hint, self.discard_hint, self.log_hint):
            hint.setWordWrap(True)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.line = QLineEdit()
        self.line.setPlaceholderText("What you did, e.g. Hallway chat ops")
        self.line.setAccessibleName("The time away as an entry")
        self.line.setClearButtonEnabled(True)
        self.line.returnPressed.connect(self.log_button.click)
        self.keep_button.clicked.connect(lambda: self.settle(AwayResolution.KEEP))
        self.discard_button.clicked.connect(lambda: self.settle(AwayResolution.DISCARD))
        self.log_button.clicked.connect(lambda: self.settle(AwayResolution.LOG))
        self.keep_button.setDefault(True)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.hide()

        choices = QGridLayout()
        choices.setColumnStretch(1, 1)
        choices.addWidget(self.keep_button, 0, 0)
        choices.addWidget(self.keep_hint, 0, 1)
        choices.addWidget(self.discard_button, 1, 0)
        choices.addWidget(self.discard_hint, 1, 1)
        choices.addWidget(self.log_button, 2, 0)
        choices.addWidget(self.line, 2, 1)
        choices.addWidget(self.log_hint, 3, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)  # closing keeps the time, as Keep does

        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.cause)
        layout.addSpacing(8)
        layout.addLayout(choices)
        layout.addWidget(self.error_label)
        layout.addSpacing(4)
        layout.addWidget(close)
        self._show_stretch()

    def _show_stretch(self) -> None:
        stretch, now = self.stretch, self._service.clock.now()
        self.heading.setText(away_text(stretch, self._timer.title, now))
        self.cause.setText(_CAUSES[stretch.cause])
        worked = max(0, round((stretch.start - self._timer.started_at).total_seconds() / 60))
        self.keep_hint.setText(f"All of it counts as work on ‘{self._timer.title}’.")
        saved = f"Saves the {format_minutes(worked)} before as an entry; " if worked else ""
        self.discard_hint.setText(f"{saved}the timer runs on from {stretch.end:%H:%M}.")

    def extend(self, stretch: AwayStretch) -> None:
        """Take in another stretch of time away of the same timer (away again meanwhile)."""
        if stretch.timer_started == self.stretch.timer_started:
            self.stretch = self.stretch.joined(stretch)
            self._show_stretch()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def settle(self, resolution: AwayResolution) -> AwaySettled | None:
        """Settle the stretch as chosen and close; on a problem say it and stay open."""
        try:
            self.settled = self._service.timer.settle_away(self.stretch, resolution,
                                                           self.line.text())
        except AwayAlreadySettled as error:
            self._show_error(str(error))
            for button in (self.keep_button, self.discard_button, self.log_button):
                button.setEnabled(False)
            return None
        except ValidationError as error:
            self._show_error(str(error))
            if resolution is AwayResolution.LOG:
                self.line.setFocus()
            return None
        except StorageError as error:
            self._show_error(f"{error} Nothing was changed.")
            return None
        self.accept()
        return self.settled

    def summary(self) -> str:
        """Return what settling saved, for the status bar ('' when nothing changed)."""
        return settled_summary(self._timer, self.stretch, self.settled)

    @classmethod
    def ask(cls, parent: QWidget | None, service: WorkloadService, timer: RunningTimer,
            stretch: AwayStretch) -> AwaySettled | None:
        """Return what was settled, or None when the dialog was closed (blocks; tests
        replace it)."""
        dialog = cls(service, timer, stretch, parent)
        try:
            dialog.exec()
            return dialog.settled
        finally:
            dialog.deleteLater()


def settled_summary(timer: RunningTimer, stretch: AwayStretch, settled: AwaySettled | None) -> str:
    """Return what settling a stretch of time away saved, for the status bar ('' when nothing
    changed). Settling is not undone with Ctrl+Z (it stops and restarts the timer), so the
    words say where the entries are to be changed instead."""
    if settled is None or settled.timer is None or settled.timer.started_at == timer.started_at:
        return ""
    parts = [f"Time away from {stretch.start:%H:%M} cut from the timer"]
    if settled.worked is not None:
        parts.append(f"{format_minutes(settled.worked.minutes)} before it saved")
    if settled.away is not None:
        parts.append(f"‘{settled.away.title}’ logged for {format_minutes(settled.away.minutes)}")
    return "; ".join(parts) + " (edit or delete the entries to change it)."
