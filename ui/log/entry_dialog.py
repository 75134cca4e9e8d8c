"""EntryDialog: change every field of one entry; a problem shows inside it and nothing is saved.

The day and the start time are two plain text fields, one Tab stop each, read by app.grammar
(read_day, read_time_of_day) like the quick-log line: a QDateEdit took four Tab stops and
read a time typed into it as a day or a month. A button beside the date picks it from a
calendar instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.display import day_words, format_duration
from app.domain import Entry, Kind
from app.errors import StorageError, ValidationError
from app.grammar import read_day, read_time_of_day
from app.workload import WorkloadService
from ui.common import messages, theme
from ui.common.delegates import NO_CATEGORY
from ui.common.feedback import MessageLine
from ui.common.week_nav import from_qdate, to_qdate


def parse_start(text: str) -> time | None:
    """Return a start time as app.grammar reads one (9:30, 09:30, 1:30 PM); None for an empty
    field."""
    if not text.strip():
        return None
    try:
        return read_time_of_day(text)
    except ValidationError as error:
        raise ValidationError(f"Start time: {error}, or leave it empty.", "start") from None


def parse_day(text: str, today: date) -> date:
    """Return the day a date field names (2026-11-24, yesterday, fri: see app.grammar.read_day)."""
    try:
        return read_day(text, today)
    except ValidationError as error:
        raise ValidationError(f"Date: {error}", "day") from None


class DateField(QWidget):
    """A date typed as app.grammar reads one, or picked from a calendar: one Tab stop."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today  # what 'yesterday' or 'fri' count from: the service's clock
        self.line = QLineEdit(self)
        self.line.setAccessibleName("Date")
        self.line.setPlaceholderText("e.g. 2026-11-24, yesterday or fri")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._show_typed_day)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip("Pick the date from a calendar")
        self.button.setAccessibleName("Pick the date")
        self.button.clicked.connect(  # a plain button opening the calendar: no menu arrow
            lambda: self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft())))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the date to the time
        self.setFocusProxy(self.line)
        # The day as people read it, so that 2026-11-23 is seen to be a Monday.
        self.day_name = QLabel(self)
        self.day_name.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.day_name.setMinimumWidth(self.fontMetrics().horizontalAdvance("Wed 30 Sep 2026") + 8)
        self.line.textChanged.connect(self._name_day)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.day_name)

    def set_day(self, day: date) -> None:
        """Show ``day`` as the app writes dates to be read back (ISO)."""
        self.line.setText(day.isoformat())

    def text(self) -> str:
        return self.line.text()

    def _name_day(self, text: str) -> None:
        try:
            self.day_name.setText(day_words(parse_day(text, self.today()), self.today()))
        except ValidationError:
            self.day_name.setText("not a date yet")

    def _show_typed_day(self) -> None:
        self.calendar.setMaximumDate(to_qdate(self.today() + timedelta(days=1)))  # as the service
        try:
            self.calendar.setSelectedDate(to_qdate(parse_day(self.line.text(), self.today())))
        except ValidationError:
            pass  # a half-typed date: the calendar opens where it was

    def _picked(self, day: QDate) -> None:
        self.set_day(from_qdate(day))
        self.menu.close()
        self.line.setFocus()


class EntryDialog(QDialog):
    """Edit one entry; ``save(changes)`` is called with the changed fields only."""

    def __init__(self, service: WorkloadService, entry: Entry,
                 save: Callable[[dict[str, Any]], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.entry = entry
        self._save = save
        self.setWindowTitle("Edit entry")
        self.setAccessibleName("Edit entry")
        self._build()
        self._fill(entry)

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.duration_edit = QLineEdit(self)
        self.duration_edit.setAccessibleName("Duration")
        self.duration_edit.setPlaceholderText("e.g. 45m, 1h30 or 1.5h")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of work")
        for kind in Kind:
            self.kind_combo.addItem(theme.kind_word(kind), kind.value)
        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Category")
        self.date_edit = DateField(self.service.clock.today, self)
        self.start_edit = QLineEdit(self)
        self.start_edit.setAccessibleName("Start time")
        self.start_edit.setPlaceholderText("e.g. 9:30; empty: no start time")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.problem = MessageLine(self, "Problem")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("D&uration", self.duration_edit)
        form.addRow("&Kind", self.kind_combo)
        form.addRow("&Category", self.category_combo)
        form.addRow("&Date", self.date_edit)
        form.addRow("&Start", self.start_edit)
        form.addRow("&Note", self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _fill(self, entry: Entry) -> None:
        self.title_edit.setText(entry.title)
        self.duration_edit.setText(format_duration(entry.minutes))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(entry.kind.value))
        names = [c.name for c in self.service.categories.list()]
        if entry.category and entry.category not in names:
            names.insert(0, entry.category)  # an archived category stays shown as it is
        self.category_combo.addItem(NO_CATEGORY, "")
        for name in names:
            self.category_combo.addItem(name, name)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(entry.category or "")))
        self.date_edit.set_day(entry.day)
        self.start_edit.setText(entry.start.strftime("%H:%M") if entry.start else "")
        self.note_edit.setPlainText(entry.note)

    def changes(self) -> dict[str, Any]:
        """Return the fields that differ from the entry; raise ValidationError on a bad field."""
        entry, out = self.entry, {}
        title = " ".join(self.title_edit.text().split())
        if title != entry.title:
            out["title"] = title
        minutes = self.service.entries.parse_duration(self.duration_edit.text())
        if minutes != entry.minutes:
            out["minutes"] = minutes
        kind = Kind(self.kind_combo.currentData())
        if kind != entry.kind:
            out["kind"] = kind
        category = self.category_combo.currentData() or ""
        if category != (entry.category or ""):
            out["category"] = category
        day = parse_day(self.date_edit.text(), self.service.clock.today())
        if day != entry.day:
            out["day"] = day
        start = parse_start(self.start_edit.text())
        if start != entry.start:
            out["start"] = start
        note = self.note_edit.toPlainText().strip()
        if note != entry.note:
            out["note"] = note
        return out

    def accept(self) -> None:
        """Save the changes and close; on a problem, say so here and keep everything typed."""
        try:
            changes = self.changes()
            if changes:
                self._save(changes)
        except ValidationError as error:
            self.problem.show_problem(str(error))
            self.problem.show()
            self._focus_field(error.field)
            return
        except StorageError as error:
            self.problem.show_problem("the database could not be written.")
            self.problem.show()
            messages.show_error(self, "Could not save the entry", str(error))
            return
        self.problem.clear()
        self.problem.hide()
        super().accept()

    def _focus_field(self, field: str | None) -> None:
        widget = {"title": self.title_edit, "minutes": self.duration_edit, "kind": self.kind_combo,
                  "category": self.category_combo, "day": self.date_edit,
                  "start": self.start_edit, "note": self.note_edit}.get(field or "")
        if widget is not None:
            widget.setFocus()
