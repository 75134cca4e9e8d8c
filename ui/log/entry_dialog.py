"""EntryDialog: change every field of one entry; a problem shows inside it and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.display import format_duration
from app.domain import Entry, Kind
from app.errors import StorageError, ValidationError
from app.grammar import read_time_of_day
from app.workload import WorkloadService
from ui.common import messages, theme
from ui.common.delegates import NO_CATEGORY
from ui.common.feedback import MessageLine


def parse_start(text: str) -> time | None:
    """Return a start time as app.grammar reads one (9:30, 09:30, 1:30 PM); None for an empty
    field."""
    if not text.strip():
        return None
    try:
        return read_time_of_day(text)
    except ValidationError as error:
        raise ValidationError(f"{error}, or leave it empty.", "start") from None


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
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName("Date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setMaximumDate(self.service.clock.today() + timedelta(days=1))
        self.start_edit = QLineEdit(self)
        self.start_edit.setAccessibleName("Start time")
        self.start_edit.setPlaceholderText("HH:MM, optional")
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
        self.date_edit.setDate(QDate(entry.day.year, entry.day.month, entry.day.day))
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
        picked = self.date_edit.date()
        day = date(picked.year(), picked.month(), picked.day())
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
