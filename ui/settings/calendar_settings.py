"""The Calendar tab of Settings: the .ics file the Log page reads (choose…, clear) and the
PM's address in it (their declines are left out). Saved as soon as they change."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import StorageError, ValidationError
from app.workload import WorkloadService
from ui.log import calendar_panel


class CalendarSettings(QWidget):
    """The calendar file and "my address", saved at once through service.settings."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        settings = service.settings.get()
        self.file = QLineEdit(settings.calendar_file)
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("No calendar file")
        self.file.setAccessibleName("Calendar file")
        self.choose_button = QPushButton("Choose…")
        self.clear_button = QPushButton("Clear")
        self.me = QLineEdit(settings.calendar_me)
        self.me.setPlaceholderText("pm@example.com")
        self.me.setAccessibleName("My address in the calendar")
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        form = QFormLayout(self)
        form.addRow("Calendar file:", row)
        form.addRow("My address:", self.me)
        form.addRow("", QLabel("Events you declined are not suggested."))
        form.addRow("", self.message)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self._save("calendar_file", ""))
        self.me.editingFinished.connect(lambda: self._save("calendar_me", self.me.text()))

    def choose(self) -> None:
        path = calendar_panel.ask_calendar_path(self)
        if path:
            self._save("calendar_file", path)

    def _save(self, name: str, value: str) -> None:
        try:
            saved = self._service.settings.update(**{name: value})
        except (ValidationError, StorageError) as error:
            self.message.setText(str(error))
            return
        self.file.setText(saved.calendar_file)
        self.me.setText(saved.calendar_me)
        self.message.setText("Saved; the Log page uses it at once.")
