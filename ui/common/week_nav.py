"""WeekNavigator: previous / this / next week, a date picker and 'Week 48 · Mon 23 – Sun 29 Nov 2026'."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from app.weeks import week_label


def week_title(first: date, last: date) -> str:
    """Return 'Week 48 · Mon 23 – Sun 29 Nov 2026' (months and years shown where they change).

    Only a week starting on Monday is an ISO week with a number: another is
    'Week of Sun 22 – Sat 28 Nov 2026'.
    """
    def day(d: date, month: bool, year: bool) -> str:
        return f"{d:%a} {d.day}" + (f" {d:%b}" if month else "") + (f" {d.year}" if year else "")

    new_year = first.year != last.year
    new_month = new_year or first.month != last.month
    days = f"{day(first, new_month, new_year)} – {day(last, True, True)}"
    if first.weekday() != 0:
        return f"Week of {days}"
    return f"Week {int(week_label(first).rsplit('W', 1)[1])} · {days}"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class WeekNavigator(QWidget):
    """Buttons and a date picker; ``day_picked(date)`` asks to show the week holding that day."""

    previous_requested = Signal()
    next_requested = Signal()
    this_week_requested = Signal()
    day_picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        self.previous_button = QToolButton(self)
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.setToolTip("Previous week (Alt+Left)")
        self.previous_button.setAccessibleName("Previous week")
        self.this_week_button = QToolButton(self)
        self.this_week_button.setText("This week")
        self.this_week_button.setToolTip("Back to this week (Alt+Home)")
        self.this_week_button.setAccessibleName("This week")
        self.next_button = QToolButton(self)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setToolTip("Next week (Alt+Right)")
        self.next_button.setAccessibleName("Next week")
        self.title = QLabel(self)
        self.title.setAccessibleName("Shown week")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Go to the week of a date")
        self.date_edit.setToolTip("Go to the week of a date")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.this_week_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.date_edit)

        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.this_week_button.clicked.connect(self.this_week_requested)
        self.date_edit.dateChanged.connect(lambda d: self.day_picked.emit(from_qdate(d)))

    def show_week(self, first: date, last: date, *, picked: date, latest: date,
                  is_current: bool) -> None:
        """Show a week; ``latest`` is the last day one can log (tomorrow), bounding 'next'."""
        self.title.setText(week_title(first, last))
        self.title.setAccessibleDescription(self.title.text())
        self.this_week_button.setEnabled(not is_current)
        self.next_button.setEnabled(last < latest)
        with QSignalBlocker(self.date_edit):
            self.date_edit.setMaximumDate(to_qdate(latest))
            self.date_edit.setDate(to_qdate(picked))
