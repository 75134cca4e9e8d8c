"""Dialogs deciding what happens to a running timer: a long one being stopped, one found at start,
and naming one (untitled, or renamed while it runs).

Each dialog works non-modally (``open()`` and the ``accepted`` signal, which is how the tests
drive it) and has an ``ask()`` classmethod for the window that tests replace by monkeypatching.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.display import format_minutes
from app.domain import MAX_MINUTES, Kind, RunningTimer
from app.errors import StorageError, ValidationError
from app.log.quickadd import format_quick_add
from app.workload import WorkloadService
from ui.common.feedback import MessageLine
from ui.common.richtext import escape
from ui.common.theme import kind_word


class TimerAction(Enum):
    """What the user chose to do with the timer."""

    KEEP = "keep"          # leave it running
    SAVE = "save"          # save all the time it ran, as it is
    STOP_AT = "stop_at"    # save it as stopped at a chosen moment
    DISCARD = "discard"    # throw it away


class TimerDecision(NamedTuple):
    action: TimerAction
    at: datetime | None = None  # the chosen stop moment, for STOP_AT


def to_qdatetime(moment: datetime) -> QDateTime:
    """Return a local QDateTime for an aware (or naive local) datetime."""
    local = moment.astimezone() if moment.tzinfo else moment
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime) -> datetime:
    """Return an aware local datetime for a QDateTime shown in local time."""
    date, clock = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute(),
                    clock.second()).astimezone()


class TimerDecisionDialog(QDialog):
    """Offers a few TimerActions as radio buttons, with a stop-time picker for STOP_AT."""

    ACTIONS: tuple[TimerAction, ...] = ()
    DEFAULT = TimerAction.STOP_AT

    def __init__(self, service: WorkloadService, timer: RunningTimer, now: datetime,
                 *, heading: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._timer = timer
        self._now = now
        ran = service.timer.minutes(timer, now)

        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.reason = QLabel(f"{reason}\nStarted {timer.started_at:%a %d %b at %H:%M}, "
                             f"{format_minutes(ran)} ago.")
        self.reason.setWordWrap(True)

        self.stop_at = QDateTimeEdit()
        self.stop_at.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        # One entry holds at most a day, so the stop time can be no later than that.
        latest = min(now, timer.started_at + timedelta(minutes=MAX_MINUTES))
        self.stop_at.setDateTimeRange(to_qdatetime(timer.started_at), to_qdatetime(latest))
        self.stop_at.setDateTime(to_qdatetime(self._guess_stop()))
        self.stop_at.setAccessibleName("Stop time")
        self.stop_minutes = QLabel()
        self.stop_at.dateTimeChanged.connect(self._update_stop_minutes)
        self._update_stop_minutes()

        labels = {
            TimerAction.KEEP: "Keep it running",
            TimerAction.SAVE: f"Save all {format_minutes(ran)}",
            TimerAction.STOP_AT: "Stop it at",
            TimerAction.DISCARD: "Discard it — save nothing",
        }
        self.choices = QButtonGroup(self)
        self.buttons: dict[TimerAction, QRadioButton] = {}
        rows = QVBoxLayout()
        for action in self.ACTIONS:
            button = QRadioButton(labels[action])
            self.buttons[action] = button
            self.choices.addButton(button)
            row = QHBoxLayout()
            row.addWidget(button)
            if action is TimerAction.STOP_AT:
                row.addWidget(self.stop_at)
                row.addWidget(self.stop_minutes)
            row.addStretch(1)
            rows.addLayout(row)
        if TimerAction.SAVE in self.buttons and ran > MAX_MINUTES:
            # One entry holds at most 24 h; the service would refuse it.
            save = self.buttons[TimerAction.SAVE]
            save.setEnabled(False)
            save.setText(f"Save all {format_minutes(ran)} (more than a day: choose a stop time)")
        self.buttons[self.DEFAULT].setChecked(True)
        self.choices.buttonToggled.connect(self._update_stop_enabled)
        self._update_stop_enabled()

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.ok_button = box.button(QDialogButtonBox.StandardButton.Ok)

        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addSpacing(6)
        layout.addLayout(rows)
        layout.addSpacing(6)
        layout.addWidget(box)

    def _guess_stop(self) -> datetime:
        """Return a starting point for the stop time: now, unless the timer was forgotten."""
        if self._service.timer.needs_confirmation(self._timer, self._now) is None:
            return self._now
        return min(self._now, (self._timer.started_at + timedelta(hours=1)).replace(second=0))

    def _stop_moment(self) -> datetime:
        """Return the moment the stop-time field means: of a time that came twice that day
        (clocks going back), the one after the timer started."""
        value = self.stop_at.dateTime()
        try:
            moment, _ = self._service.timer.stop_moment(
                value.time().toPython(), value.date().toPython(), self._timer)
        except ValidationError:
            return from_qdatetime(value)  # a time the clocks skipped: as Qt reads it
        return moment

    def _update_stop_minutes(self) -> None:
        minutes = self._service.timer.minutes(self._timer, self._stop_moment())
        self.stop_minutes.setText(f"→ {format_minutes(minutes)}")

    def _update_stop_enabled(self) -> None:
        chosen = self.choice() is TimerAction.STOP_AT
        self.stop_at.setEnabled(chosen)
        self.stop_minutes.setEnabled(chosen)

    def choice(self) -> TimerAction:
        """Return the action whose radio button is checked."""
        return next(a for a, b in self.buttons.items() if b.isChecked())


    def set_stop_time(self, moment: datetime) -> None:
        """Put ``moment`` in the stop-time field (clamped to when the timer ran)."""
        self.stop_at.setDateTime(to_qdatetime(moment))

    def decision(self) -> TimerDecision:
        """Return what the dialog currently says to do."""
        action = self.choice()
        if action is TimerAction.STOP_AT:
            return TimerDecision(action, self._stop_moment())
        return TimerDecision(action)


class StopTimerDialog(TimerDecisionDialog):
    """Stopping a timer that ran past midnight or over 12 hours: how much of it to save."""

    ACTIONS = (TimerAction.STOP_AT, TimerAction.SAVE, TimerAction.DISCARD)
    DEFAULT = TimerAction.STOP_AT

    def __init__(self, service: WorkloadService, timer: RunningTimer, now: datetime, reason: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, timer, now, parent=parent, reason=reason,
                         heading=f"When did you stop working on “{timer.title}”?"
                         if timer.title else "When did you stop the untitled timer?")
        self.setWindowTitle("Stop the timer")

    @classmethod
    def ask(cls, parent: QWidget | None, service: WorkloadService, timer: RunningTimer,
            now: datetime, reason: str) -> TimerDecision | None:
        """Return the user's decision, or None when they cancel (blocks; tests replace it)."""
        dialog = cls(service, timer, now, reason, parent)
        try:
            return dialog.decision() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class RestoreTimerDialog(TimerDecisionDialog):
    """A timer found running when the app starts (it was closed or crashed meanwhile)."""

    ACTIONS = (TimerAction.KEEP, TimerAction.STOP_AT, TimerAction.DISCARD)
    DEFAULT = TimerAction.KEEP

    def __init__(self, service: WorkloadService, timer: RunningTimer, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            service, timer, now, parent=parent,
            heading=f"A timer is still running for “{timer.title}”" if timer.title
            else "An untitled timer is still running",
            reason="It was left running when the app was last closed.")
        self.setWindowTitle("Timer still running")

    @classmethod
    def ask(cls, parent: QWidget | None, service: WorkloadService, timer: RunningTimer,
            now: datetime) -> TimerDecision:
        """Return the user's decision; closing the dialog keeps the timer running."""
        dialog = cls(service, timer, now, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.decision() if accepted else TimerDecision(TimerAction.KEEP)
        finally:
            dialog.deleteLater()


class NameTimerDialog(QDialog):
    """Say what a running timer is for: a title in the quick-log syntax ("Roadmap review s
    #strategy"), with the kind asked apart when neither the line nor the task's history gives it.

    Non-modal: the timer bar opens it and acts on ``accepted``; tests fill it in and press OK.
    """

    def __init__(self, service: WorkloadService, timer: RunningTimer, *, stopping: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._timer = timer
        self.setWindowTitle("Stop and name the timer" if stopping else "Name the timer")
        heading = QLabel(f"What did you work on since {timer.started_at:%H:%M}?")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.line = QLineEdit()
        self.line.setAccessibleName("Timer title")
        self.line.setPlaceholderText("e.g. Roadmap review s #strategy")
        if timer.title:  # renaming: start from what it says now
            self.line.setText(format_quick_add(timer.title, kind=timer.kind,
                                               category=timer.category,
                                               today=service.clock.today()))
        self.kind_label = QLabel("Kind:")
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[Kind, QRadioButton] = {}
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_label)
        for kind in Kind:
            button = QRadioButton(kind_word(kind))
            self.kind_buttons[kind] = button
            self.kinds.addButton(button)
            kind_row.addWidget(button)
            button.toggled.connect(self._check)
        kind_row.addStretch(1)
        self.preview = MessageLine(self, "How the timer will be named")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Stop and save" if stopping else "Rename")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.line)
        layout.addLayout(kind_row)
        layout.addWidget(self.preview)
        layout.addWidget(box)
        self.setMinimumWidth(460)
        # What is wrong shows once the user tried (typed, or pressed OK), not on an empty line.
        self._tried = False
        self._ready = False
        self.line.textChanged.connect(self._check)
        self.line.textEdited.connect(self._typed)
        self._check()

    def _typed(self) -> None:
        self._tried = True
        self._check()

    def accept(self) -> None:
        """Close with the name when the line names the timer; else say what is missing."""
        if not self._ready:
            self._typed()
            asked = not self.kind_label.isHidden()  # the line is fine: its kind is missing
            (self.kind_buttons[Kind.STRATEGIC] if asked else self.line).setFocus()
            return
        super().accept()

    def text(self) -> str:
        """Return the naming line as typed."""
        return self.line.text()

    def kind(self) -> Kind | None:
        """Return the kind chosen apart (None while the choice is not asked or not made)."""
        if self.kind_label.isHidden():
            return None
        return self._chosen()

    def _chosen(self) -> Kind | None:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), None)

    def _check(self) -> None:
        """Show how the timer would be named, ask the kind when nothing else gives it, and let
        OK through only for a line that names it."""
        named: RunningTimer | None = None
        needs_kind = False
        try:
            try:
                named = self._service.timer.named(self._timer, self.line.text())
            except ValidationError as error:
                if error.field != "kind":
                    raise
                needs_kind = True
                if self._chosen() is not None:
                    named = self._service.timer.named(self._timer, self.line.text(), self._chosen())
        except (ValidationError, StorageError) as error:
            if self._tried or isinstance(error, StorageError):
                self.preview.show_problem(str(error), prefix="")
            else:
                self.preview.show_hint(str(error))
        for widget in (self.kind_label, *self.kind_buttons.values()):
            widget.setVisible(needs_kind)
        if named is not None:
            text = " · ".join([named.title, kind_word(named.kind).lower(),
                               named.category or "no category"])
            self.preview.show_ok(escape(text), text)
        elif needs_kind:
            self.preview.show_hint("Strategic or operational? Choose below, or add 's' or 'o' "
                                   "to the line.")
        self._ready = named is not None
