"""Settings: the strategic target, the working week, the daily reminder, hand-off thresholds,
the categories, the title rules and the calendar.

Every tab saves a change as it is made, and the dialog says so, with Close instead of
OK/Cancel: the Categories, Rules and Calendar tabs always did, and a Cancel that reverted the
General tab alone while keeping the category changes was two models in one dialog. A General
field is saved when it changes (a number when it is typed, not at each digit), the values that
differ in one ``service.settings.update`` call, and only when every value is valid; a problem
is shown inside the dialog, which stays open on Close until it is put right.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import StorageError, ValidationError
from app.grammar import system_date_order
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
    """Edit the settings, categories, rules and calendar; each change is saved as it is made."""

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
        self.date_order = QComboBox()
        way = {"dmy": "day first", "mdy": "month first"}
        self.date_order.addItem(f"As the system writes them ({way[system_date_order()]})", "")
        self.date_order.addItem("Day first: 20/11 is 20 November", "dmy")
        self.date_order.addItem("Month first: 11/20 is 20 November", "mdy")
        self.date_order.setToolTip("How the quick-log line and the command line read a short "
                                   "date such as 20/11 or 20.11.")
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
        self.work_start, self.work_end = QTimeEdit(), QTimeEdit()
        hours_row = QHBoxLayout()
        for edit, what in ((self.work_start, "start"), (self.work_end, "end")):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(f"Working hours {what}")
        hours_row.addWidget(self.work_start)
        hours_row.addWidget(QLabel("to"))
        hours_row.addWidget(self.work_end)
        hours_row.addStretch(1)
        self.work_start.setToolTip("The day timeline shows what is not logged in these hours.")
        self.work_end.setToolTip(self.work_start.toolTip())
        reminder_hint = QLabel("On working days, when less than the usual hours are logged.")
        self._mute(reminder_hint)

        week = QFormLayout()
        week.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        week.addRow("Strategic target:", self.strategic_target)
        week.addRow("Week starts on:", self.week_start)
        week.addRow("Working days:", days_row)
        week.addRow("Short dates:", self.date_order)
        week.addRow("Usual hours a day:", self.usual_hours)
        week.addRow("Working hours:", hours_row)
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
        general_scroll = QScrollArea()  # a small screen scrolls the tab rather than squeeze it
        general_scroll.setWidget(general)
        general_scroll.setWidgetResizable(True)
        general_scroll.setFrameShape(QFrame.Shape.NoFrame)
        general_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As wide as the fields need, so only the height scrolls.
        general_scroll.setMinimumWidth(general.minimumSizeHint().width()
                                       + general_scroll.verticalScrollBar().sizeHint().width())
        self.tabs.addTab(general_scroll, "General")
        self.tabs.addTab(self.categories, "Categories")
        self.rules = RulesEditor(service, bridge=bridge)
        self.tabs.addTab(self.rules, "Rules")
        self.calendar = CalendarSettings(service)
        self.tabs.addTab(self.calendar, "Calendar")

        buttons = QDialogButtonBox()
        # Not the default button (the box makes an Accept button one): Enter saves the field it
        # is typed in, a number or a new category, and leaves the dialog open.
        self.close_button = buttons.addButton("Close", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)  # the window then says "Settings saved"
        saved_note = QLabel("Changes are saved as you make them.")
        saved_note.setObjectName("settingsSavedNote")
        self._mute(saved_note)
        bottom = QHBoxLayout()
        bottom.addWidget(saved_note, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)
        self.resize(640, 580)
        self._quiet = False  # True while the fields are filled in or read: nothing to save then
        self._write_failed = False  # the last save met a storage error
        self.show_settings(service.settings.get())
        self._save_when_changed(general)

    def _save_when_changed(self, general: QWidget) -> None:
        """Save the General tab whenever one of its fields changes; a field added to the tab
        (and to ``values``) is saved like the others without more wiring."""
        for box in general.findChildren(QAbstractSpinBox):
            box.setKeyboardTracking(False)  # "65" is one change, not "6" and then "65"
            box.editingFinished.connect(self.save_general)
            if isinstance(box, QSpinBox | QDoubleSpinBox):
                box.valueChanged.connect(self.save_general)
        for combo in general.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.save_general)
        for check in general.findChildren(QCheckBox):
            check.toggled.connect(self.save_general)

    @staticmethod
    def _mute(label: QLabel) -> None:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        label.setWordWrap(True)

    # -- values -----------------------------------------------------------------------------
    def show_settings(self, settings: Settings) -> None:
        """Put ``settings`` in the fields (without saving them again)."""
        self._quiet = True
        try:
            self._show_settings(settings)
        finally:
            self._quiet = False

    def _show_settings(self, settings: Settings) -> None:
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
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(settings.date_order)))
        for edit, at in ((self.work_start, settings.work_start), (self.work_end, settings.work_end)):
            edit.setTime(QTime(at.hour, at.minute))

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
            "date_order": self.date_order.currentData(),
            "work_start": time(self.work_start.time().hour(), self.work_start.time().minute()),
            "work_end": time(self.work_end.time().hour(), self.work_end.time().minute()),
        }

    def _field(self, name: str) -> QWidget:
        if name == "working_days":
            return self.working_days[0]
        return getattr(self, name)

    def check(self, focus: bool = True) -> str | None:
        """Return what is wrong with the fields (and focus that field when asked), or None when
        all is well."""
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
            if focus:
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

    def save_general(self, *_: object) -> bool:
        """Save the General values that changed, in one call, when all are valid; return False
        (and say why inside the dialog) when something is wrong or could not be written."""
        if self._quiet:
            return True
        problem = self.check(focus=False)
        if problem:
            self.show_error(problem)
            return False
        saved = self._service.settings.get()
        changed = {name: value for name, value in self.values().items()
                   if format_setting(name, value) != format_setting(name, getattr(saved, name))}
        if changed:
            try:
                self._service.settings.update(**changed)
            except ValidationError as error:
                self.show_error(str(error))
                return False
            except StorageError as error:
                self._write_failed = True
                self.show_error("The settings could not be saved; nothing was changed.")
                messages.show_error(self, "Could not save the settings",
                                    f"{error}\n\nNothing was changed.")
                return False
        self._write_failed = False
        self.show_error("")
        return True

    def done(self, result: int) -> None:
        """Close (Close, Esc or the window's ×) once what is typed is saved; on a problem with
        a value, say why, show the field and stay open."""
        problem = self.check()
        if problem:
            self.show_error(problem)
            return
        self._quiet = True
        try:  # a number typed but not yet read: Esc takes no focus away from it
            for box in self.tabs.widget(0).findChildren(QAbstractSpinBox):
                box.interpretText()
        finally:
            self._quiet = False
        # A database that cannot be written (read-only, locked) was reported, and waiting
        # would not help: the dialog closes then, rather than keep the PM in it.
        if self.save_general() or self._write_failed:
            super().done(result)
