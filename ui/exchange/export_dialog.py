"""Export to CSV: the entries (or a summary safe to share) of a range, written off the GUI thread.

The file is written to a temporary name and renamed when complete (app.exchange.exporting), so a
cancelled or failed export leaves nothing half-written.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.display import day_words
from app.exchange.exporting import export_entries, export_summary, summary_preamble
from app.exchange.peers import MAX_LABEL
from app.weeks import week_label
from app.workload import WorkloadService
from ui.common import folders, messages
from ui.common.feedback import MessageLine
from ui.common.workers import EXPECTED_ERRORS, BackgroundTask, ProgressRow, own_service

CSV_FILTER = "CSV files (*.csv);;All files (*)"
SUMMARY_HINT = "Summary: hours per week, category, kind and task key — no titles or notes, safe to share"
ENTRIES_HINT = "Entries: one row per entry, with its title, kind, category and note"
THIS_WEEK, LAST_WEEKS, DATES, EVERYTHING = range(4)


def ask_save_path(parent: QWidget | None, caption: str, suggested: str) -> str | None:
    """Ask where to save a CSV file (tests replace this); return the path, or None if cancelled."""
    path, _chosen = QFileDialog.getSaveFileName(parent, caption, folders.start_path(suggested),
                                                CSV_FILTER)
    folders.remember(path)
    return path or None


class ExportRange(NamedTuple):
    first: date
    last: date
    name: str       # for the suggested file name: 2026-W48, 2026-W45-to-W48, …
    words: str      # for people: "Mon 23 Nov 2026 – Sun 29 Nov 2026"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ExportDialog(QDialog):
    """Choose a range, entries or summary and the Excel option; Export asks where to save."""

    exported = Signal(str)  # the status message: "Exported 1,234 entries to …"

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.task: BackgroundTask | None = None
        self._closing = False
        self.setWindowTitle("Export to CSV")
        today = service.clock.today()
        self._this_week = service.week_of(today)

        # -- what ---------------------------------------------------------------------------
        self.entries_choice = QRadioButton("Entries")
        self.summary_choice = QRadioButton("Summary")
        self.entries_choice.setChecked(True)
        self.what_hint = QLabel(ENTRIES_HINT)
        self.what_hint.setStyleSheet("color: palette(placeholder-text);")
        self._what = QButtonGroup(self)
        self._what.addButton(self.entries_choice)
        self._what.addButton(self.summary_choice)
        what_row = QHBoxLayout()
        what_row.addWidget(self.entries_choice)
        what_row.addWidget(self.summary_choice)
        what_row.addStretch(1)
        what_box = QGroupBox("What to export")
        what_layout = QVBoxLayout(what_box)
        what_layout.addLayout(what_row)
        what_layout.addWidget(self.what_hint)
        # A summary says what it holds at its top; the same lines are shown before saving.
        self.label = QLineEdit()
        self.label.setMaxLength(MAX_LABEL)
        self.label.setPlaceholderText("optional, e.g. Anna (else PM 1, PM 2 … in a team report)")
        self.label.setAccessibleName("Your name in a team report")
        self.label_row = QWidget()
        label_layout = QHBoxLayout(self.label_row)
        label_layout.setContentsMargins(0, 0, 0, 0)
        label_layout.addWidget(QLabel("Your name in a team report:"))
        label_layout.addWidget(self.label, 1)
        self.preamble = QLabel()
        self.preamble.setWordWrap(True)
        self.preamble.setAccessibleName("What the file says it holds")
        self.preamble.setStyleSheet("color: palette(placeholder-text); font-family: monospace;")
        what_layout.addWidget(self.label_row)
        what_layout.addWidget(self.preamble)

        # -- range --------------------------------------------------------------------------
        self.this_week = QRadioButton("This week")
        self.last_weeks = QRadioButton("The last")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 520)
        self.weeks.setValue(4)
        self.weeks.setSuffix(" weeks")
        self.weeks.setAccessibleName("Number of weeks")
        self.dates = QRadioButton("From")
        self.first_day = QDateEdit(_qdate(self._this_week[0] - timedelta(weeks=3)))
        self.last_day = QDateEdit(_qdate(today))
        for edit, name in ((self.first_day, "First day"), (self.last_day, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.everything = QRadioButton("Everything logged")
        self.this_week.setChecked(True)
        self._range = QButtonGroup(self)
        for number, button in enumerate((self.this_week, self.last_weeks, self.dates, self.everything)):
            self._range.addButton(button, number)
        grid = QGridLayout()
        grid.addWidget(self.this_week, 0, 0)
        grid.addWidget(self.last_weeks, 1, 0)
        grid.addWidget(self.weeks, 1, 1)
        grid.addWidget(self.dates, 2, 0)
        between = QHBoxLayout()
        between.addWidget(self.first_day)
        between.addWidget(QLabel("to"))
        between.addWidget(self.last_day)
        between.addStretch(1)
        grid.addLayout(between, 2, 1, 1, 2)
        grid.addWidget(self.everything, 3, 0)
        grid.setColumnStretch(2, 1)
        self.range_words = QLabel()
        self.range_words.setStyleSheet("color: palette(placeholder-text);")
        range_box = QGroupBox("Range")
        range_layout = QVBoxLayout(range_box)
        range_layout.addLayout(grid)
        range_layout.addWidget(self.range_words)

        self.excel = QCheckBox("For Excel: start the file with a byte-order mark so accents show right")

        # -- doing it -----------------------------------------------------------------------
        self.progress = ProgressRow(self)
        self.message = MessageLine(self, "Export message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Export…")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(what_box)
        layout.addWidget(range_box)
        layout.addWidget(self.excel)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._what.buttonToggled.connect(self._update)
        self._range.buttonToggled.connect(self._update)
        self.weeks.valueChanged.connect(self._on_weeks_changed)
        self.first_day.dateChanged.connect(self._on_dates_changed)
        self.last_day.dateChanged.connect(self._on_dates_changed)
        self.label.textChanged.connect(self._update)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self._update()
        # Wide enough for the longer of the two one-line explanations.
        hint_width = max(self.what_hint.fontMetrics().horizontalAdvance(t)
                         for t in (SUMMARY_HINT, ENTRIES_HINT))
        self.setMinimumWidth(hint_width + 80)

    # -- the choices ------------------------------------------------------------------------
    @property
    def summary(self) -> bool:
        return self.summary_choice.isChecked()

    @property
    def summary_label(self) -> str | None:
        """The name the summary gives its PM, or None for "PM 1, PM 2 …"."""
        return " ".join(self.label.text().split()) or None

    def export_range(self) -> ExportRange | None:
        """Return the chosen range, or None when its dates are the wrong way round."""
        choice = self._range.checkedId()
        first, last = self._this_week
        if choice == THIS_WEEK:
            return ExportRange(first, last, week_label(first), f"{day_words(first)} – {day_words(last)}")
        if choice == LAST_WEEKS:
            start = first - timedelta(weeks=self.weeks.value() - 1)
            name = week_label(start) if start == first else f"{week_label(start)}-to-{week_label(first)[5:]}"
            return ExportRange(start, last, name, f"{day_words(start)} – {day_words(last)}")
        if choice == DATES:
            start, end = _pydate(self.first_day.date()), _pydate(self.last_day.date())
            if start > end:
                return None
            return ExportRange(start, end, f"{start.isoformat()}-to-{end.isoformat()}",
                               f"{day_words(start)} – {day_words(end)}")
        today = self._service.clock.today()
        # Entries may be logged up to tomorrow (app.validation.check_day).
        return ExportRange(date(1970, 1, 1), today + timedelta(days=1), f"all-{today.isoformat()}",
                           "every entry, whatever its day")

    def suggested_name(self) -> str:
        chosen = self.export_range()
        name = chosen.name if chosen else "export"
        return f"pm-workload-{'summary-' if self.summary else ''}{name}.csv"

    def _on_weeks_changed(self) -> None:
        self.last_weeks.setChecked(True)
        self._update()

    def _on_dates_changed(self) -> None:
        self.dates.setChecked(True)
        self._update()

    def _update(self, *_: object) -> None:
        self.what_hint.setText(SUMMARY_HINT if self.summary else ENTRIES_HINT)
        chosen = self.export_range()
        self.label_row.setVisible(self.summary)
        self.preamble.setVisible(self.summary and chosen is not None)
        if self.summary and chosen is not None:
            last = min(chosen.last, self._service.clock.today())
            self.preamble.setText("\n".join(summary_preamble(chosen.first, last, self.summary_label)))
        running = self.task is not None and self.task.is_running
        self.export_button.setEnabled(chosen is not None and not running)
        if chosen is None:
            self.range_words.setText("")
            self.message.show_problem("the first day is after the last day.", "Cannot export: ")
        else:
            self.range_words.setText(chosen.words[0].upper() + chosen.words[1:])
            if self.message.state == "problem" and not running:
                self.message.clear()

    # -- exporting --------------------------------------------------------------------------
    def export(self) -> None:
        """Ask where to save, then write the file off the GUI thread."""
        chosen = self.export_range()
        if chosen is None or (self.task is not None and self.task.is_running):
            return
        what = "summary" if self.summary else "entries"
        path = ask_save_path(self, f"Export {what} as CSV", self.suggested_name())
        if not path:
            return
        if not Path(path).suffix:
            path += ".csv"
        self.start_export(path, chosen)

    def start_export(self, path: str, chosen: ExportRange) -> BackgroundTask:
        """Write the chosen range to ``path`` off the GUI thread; return the running task."""
        summary, label = self.summary, self.summary_label
        excel, service = self.excel.isChecked(), self._service

        def work(progress, cancelled) -> int:
            with own_service(service) as worker:
                if summary:
                    return export_summary(worker, path, chosen.first, chosen.last, label=label,
                                          excel=excel, progress=progress, cancelled=cancelled)
                return export_entries(worker, path, chosen.first, chosen.last, excel=excel,
                                      progress=progress, cancelled=cancelled)

        noun = ("summary row", "summary rows") if self.summary else ("entry", "entries")
        self.task = task = BackgroundTask(work, self, "pm-workload-export")
        task.succeeded.connect(lambda count: self._on_exported(count, noun, path))
        task.failed.connect(self._on_failed)
        task.cancelled.connect(lambda: self.message.show_hint("Export cancelled; no file was written."))
        task.finished.connect(self._on_finished)
        self.message.clear()
        self.progress.follow(task, f"Writing {Path(path).name}…")
        self._set_busy(True)
        task.start()
        return task

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.entries_choice, self.summary_choice, self.this_week, self.last_weeks,
                       self.weeks, self.dates, self.first_day, self.last_day, self.everything,
                       self.excel, self.label):
            widget.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.export_range() is not None)

    def _on_exported(self, count: int, noun: tuple[str, str], path: str) -> None:
        text = f"Exported {count:,} {noun[0] if count == 1 else noun[1]} to {path}"
        self.message.show_ok(text, text)
        self.exported.emit(text)
        if not self._closing:
            self.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            self.message.show_problem("an unexpected problem; see the error report.", "Not exported: ")
            raise error
        text = str(error) if not isinstance(error, OSError) else f"{error.strerror or error}."
        self.message.show_problem(f"{text} No file was written.", "Not exported: ")

    def _on_finished(self) -> None:
        self._set_busy(False)

    def done(self, result: int) -> None:
        """Close; an export still running is cancelled first (leaving no file)."""
        self._closing = True
        if self.task is not None and self.task.is_running:
            self.task.stop_and_wait()
        super().done(result)
        self._closing = False


def open_export_dialog(window: QWidget, service: WorkloadService) -> ExportDialog:
    """Open the export dialog over ``window`` (not blocking); a success shows in its status bar."""
    dialog = ExportDialog(service, window)
    dialog.exported.connect(lambda text: messages.show_status(window, text))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()  # window-modal, returns at once
    return dialog
