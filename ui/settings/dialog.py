"""Settings: the strategic target, the working week, the daily reminder, hand-off thresholds,
and the categories.

Nothing on the General tab is saved until every value is valid; OK then saves them all in one
``service.settings.update`` call. Problems are shown inside the dialog, which stays open.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import StorageError, ValidationError
from app.settings import WEEKDAYS, Settings, format_setting, parse_setting
from app.workload import WorkloadService
from ui.common import messages
from ui.common.bridge import ServiceBridge
from ui.settings.away_setting import AwayMinutesBox, away_source_label
from ui.settings.calendar_settings import CalendarSettings
from ui.settings.category_editor import CategoryEditor
from ui.settings.rules_editor import RulesEditor


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
    return box


class _TrimmedSpinBox(QDoubleSpinBox):
    """A number box that writes 8 h and 7.5 h, not 8.00 h and 7.50 h."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return self.locale().toString(round(value, self.decimals()), "g", 12)


def _double(low: float, high: float, step: float, suffix: str = "", decimals: int = 2) -> QDoubleSpinBox:
    box = _TrimmedSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
    return box


class SettingsDialog(QDialog):
    """Edit the settings (saved on OK) and the categories (saved as they change)."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._bridge = bridge
        self.setWindowTitle("Settings")

        # -- the week ---------------------------------------------------------------------
        self.strategic_target = _spin(0, 100, " %")
        self.strategic_target.setToolTip(
            "The share of logged hours you want to spend on strategic work.")
        self.week_start = QComboBox()
        self.week_start.addItems(list(WEEKDAYS))
        self.working_days = [QCheckBox(name[:3]) for name in WEEKDAYS]
        days_row = QHBoxLayout()
        days_row.setSpacing(10)
        for box, name in zip(self.working_days, WEEKDAYS, strict=True):
            box.setToolTip(name)
            box.setAccessibleName(name)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.usual_hours = _double(0.5, 24, 0.5, " h")
        self.reminder_on = QCheckBox("Remind me at")
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_on.toggled.connect(self.reminder_time.setEnabled)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch(1)
        reminder_hint = QLabel("On working days, when less than the usual hours are logged.")
        self._mute(reminder_hint)

        week = QFormLayout()
        week.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        week.addRow("Strategic target:", self.strategic_target)
        week.addRow("Week starts on:", self.week_start)
        week.addRow("Working days:", days_row)
        week.addRow("Usual hours a day:", self.usual_hours)
        week.addRow("Daily reminder:", reminder_row)
        week.addRow("", reminder_hint)
        self.away_after_minutes = AwayMinutesBox()
        week.addRow("Ask about time away after:", self.away_after_minutes)
        self.away_source = away_source_label()
        week.addRow("", self.away_source)

        # -- hand-off thresholds -----------------------------------------------------------
        self.handoff_weeks = _spin(1, 52, " weeks")
        self.handoff_min_score = _double(0, 40, 0.5, " h a week")
        self.handoff_min_checklist = _spin(1, 5)
        self.handoff_min_recurrence = _spin(0, 100, " % of weeks")
        # What the team report counts one full-time person as (reclaimable hours in FTE).
        self.fte_hours = _double(1, 80, 1, " h a week")
        handoff = QFormLayout()
        handoff.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        handoff.addRow("Look back over:", self.handoff_weeks)
        handoff.addRow("Minimum reclaimable time:", self.handoff_min_score)
        handoff.addRow("Minimum checklist rating (1–5):", self.handoff_min_checklist)
        handoff.addRow("Happens in at least:", self.handoff_min_recurrence)
        handoff.addRow("One full-time person works:", self.fte_hours)
        handoff_box = QGroupBox("Hand-off candidates")
        handoff_box.setLayout(handoff)

        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d64545; font-weight: 600;")
        self.error_label.hide()

        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(week)
        general_layout.addWidget(handoff_box)
        general_layout.addWidget(self.error_label)
        general_layout.addStretch(1)

        self.categories = CategoryEditor(service, bridge=bridge)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        self.tabs.addTab(self.categories, "Categories")
        self.rules = RulesEditor(service, bridge=bridge)
        self.tabs.addTab(self.rules, "Rules")
        self.calendar = CalendarSettings(service)
        self.tabs.addTab(self.calendar, "Calendar")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.show_settings(service.settings.get())

    @staticmethod
    def _mute(label: QLabel) -> None:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        label.setWordWrap(True)

    # -- values -----------------------------------------------------------------------------
    def show_settings(self, settings: Settings) -> None:
        """Put ``settings`` in the fields."""
        self.strategic_target.setValue(settings.strategic_target)
        self.week_start.setCurrentIndex(settings.week_start)
        for index, box in enumerate(self.working_days):
            box.setChecked(index in settings.working_days)
        self.usual_hours.setValue(settings.usual_hours)
        self.reminder_on.setChecked(settings.reminder_time is not None)
        self.reminder_time.setEnabled(settings.reminder_time is not None)
        shown = settings.reminder_time or time(17, 0)
        self.reminder_time.setTime(QTime(shown.hour, shown.minute))
        self.handoff_weeks.setValue(settings.handoff_weeks)
        self.handoff_min_score.setValue(settings.handoff_min_score)
        self.handoff_min_checklist.setValue(settings.handoff_min_checklist)
        self.handoff_min_recurrence.setValue(round(settings.handoff_min_recurrence * 100))
        self.fte_hours.setValue(settings.fte_hours)
        self.away_after_minutes.setValue(settings.away_after_minutes)

    def values(self) -> dict[str, Any]:
        """Return the values the fields hold, by setting name (not yet checked)."""
        reminder = self.reminder_time.time()
        return {
            "strategic_target": self.strategic_target.value(),
            "week_start": self.week_start.currentIndex(),
            "working_days": tuple(i for i, box in enumerate(self.working_days) if box.isChecked()),
            "usual_hours": self.usual_hours.value(),
            "reminder_time": time(reminder.hour(), reminder.minute())
            if self.reminder_on.isChecked() else None,
            "handoff_weeks": self.handoff_weeks.value(),
            "handoff_min_score": self.handoff_min_score.value(),
            "handoff_min_checklist": self.handoff_min_checklist.value(),
            "handoff_min_recurrence": self.handoff_min_recurrence.value() / 100,
            "fte_hours": self.fte_hours.value(),
            "away_after_minutes": self.away_after_minutes.value(),
        }

    def _field(self, name: str) -> QWidget:
        if name == "working_days":
            return self.working_days[0]
        return getattr(self, name)

    def check(self) -> str | None:
        """Return what is wrong with the fields (and focus that field), or None when all is well."""
        for name, value in self.values().items():
            widget = self._field(name)
            if isinstance(widget, QAbstractSpinBox) and not widget.hasAcceptableInput():
                label = self._label_of(widget)
                problem = f"{label} is not a valid number."
            else:
                try:
                    parse_setting(name, format_setting(name, value))
                    continue
                except ValidationError as error:
                    problem = str(error)
            self.tabs.setCurrentIndex(0)
            widget.setFocus()
            return problem
        return None

    def _label_of(self, widget: QWidget) -> str:
        for form in self.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                return label.text().rstrip(":")
        return "A value"

    def show_error(self, message: str) -> None:
        """Show a problem inside the dialog (an empty message hides it)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        """Save every setting in one call when all are valid; otherwise say why and stay open."""
        problem = self.check()
        if problem:
            self.show_error(problem)
            return
        try:
            self._service.settings.update(**self.values())
        except ValidationError as error:
            self.show_error(str(error))
            return
        except StorageError as error:
            self.show_error("The settings could not be saved; nothing was changed.")
            messages.show_error(self, "Could not save the settings",
                                f"{error}\n\nNothing was changed.")
            return
        self.show_error("")
        super().accept()
