"""Import from CSV: choose a file, see what would be imported, then import it.

Nothing is written until Import is pressed. Reading and writing run off the GUI thread
(ui.common.workers) with their own database connection; the window hears of the new entries through
``service.changed_elsewhere`` once the import is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.display import plural
from app.errors import ValidationError
from app.exchange.batches import UndoneImport, last_import, undo_last_import
from app.exchange.importing import (
    DateOrder,
    ImportMapping,
    ImportPlan,
    ImportResult,
    SummaryNotEntries,
    apply_import,
    read_import,
    skip_offer,
)
from app.workload import WorkloadService
from ui.common import crash, messages
from ui.common.richtext import escape
from ui.common.workers import EXPECTED_ERRORS, BackgroundTask, ProgressRow, own_service
from ui.exchange import files
from ui.exchange.import_preview import FoldingMessage, ImportPreview

PREVIEW_LIMIT = 100
REREAD_DELAY_MS = 250
_CLI_HINT = "; say which with --date-order dmy or --date-order mdy."
ABOUT_FORMATS = (
    "PM Workload imports its own <b>entries CSV</b> (File › Export…),<br>a <b>Toggl Track</b> "
    "or a <b>Clockify</b> detailed report:<br>comma-separated, UTF-8, with the header row they "
    "were exported with.<br><br>You see what would be imported before anything is written.")
_MUTED = "color: palette(placeholder-text); padding: 24px;"


class ImportDialog(QDialog):
    """Choose a file, read it off the GUI thread, show the preview, import on request."""

    imported = Signal(str)   # the summary, for the window's status bar

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.task: BackgroundTask | None = None
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self._base_mapping: ImportMapping | None = None   # as remembered when the file was chosen
        self._date_order: DateOrder | None = None
        self._reread_when_idle = False
        self.setWindowTitle("Import from CSV")
        self.resize(1000, 700)

        self.file_label = QLabel("Choose a PM Workload entries CSV, or a Toggl Track or Clockify "
                                 "detailed report.")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        self.message = FoldingMessage(self, "Import message")
        self.peer_button = QPushButton("Import it as a peer's summary…")
        self.peer_button.setAutoDefault(False)
        self.peer_button.hide()
        peer_row = QHBoxLayout()
        peer_row.addWidget(self.peer_button)
        peer_row.addStretch(1)

        # Only when the file's dates could be read either way (01/07/2026).
        self.day_first = QRadioButton("Day first: 01/07/2026 is 1 July")
        self.month_first = QRadioButton("Month first: 01/07/2026 is 7 January")
        self._order_group = QButtonGroup(self)
        self._order_group.addButton(self.day_first)
        self._order_group.addButton(self.month_first)
        self.date_order_box = QFrame()
        order_row = QHBoxLayout(self.date_order_box)
        order_row.setContentsMargins(0, 0, 0, 0)
        order_row.addWidget(QLabel("Read the dates:"))
        order_row.addWidget(self.day_first)
        order_row.addWidget(self.month_first)
        order_row.addStretch(1)
        self.date_order_box.hide()

        self.preview = ImportPreview(service, self)
        self.preview.hide()
        self.filler = QLabel(ABOUT_FORMATS)  # stands in for the preview while there is none
        self.filler.setWordWrap(True)
        self.filler.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.filler.setStyleSheet(_MUTED)
        self.filler.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = ProgressRow(self)
        self.hint = FoldingMessage(self, "Import hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.good_rows_button = QPushButton("Import only the good rows")
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        for button in (self.good_rows_button, self.import_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.message)
        layout.addLayout(peer_row)
        layout.addWidget(self.date_order_box)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self._reread_timer = QTimer(self)
        self._reread_timer.setSingleShot(True)
        self._reread_timer.setInterval(REREAD_DELAY_MS)
        self._reread_timer.timeout.connect(self.read)
        self.choose_button.clicked.connect(self.choose_file)
        self.peer_button.clicked.connect(self.import_as_peer)
        self._order_group.buttonToggled.connect(self._on_date_order)
        self.preview.mappingEdited.connect(self._on_mapping_edited)
        self.import_button.clicked.connect(lambda: self.start_import(skip_bad_rows=False))
        self.good_rows_button.clicked.connect(lambda: self.start_import(skip_bad_rows=True))
        self.buttons.rejected.connect(self.reject)
        self._update_buttons()

    # -- choosing and reading -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def choose_file(self) -> bool:
        """Ask for a file and read it; return False if none was chosen."""
        if self.busy:
            return False
        path = files.ask_open_path(self, "Import entries from CSV")
        if not path:
            return False
        self.set_file(path)
        return True

    def set_file(self, path: str | Path) -> None:
        """Read ``path`` afresh, with the remembered mapping and the file's own date order."""
        self.path = Path(path)
        self.plan = self.result = None
        self._base_mapping = None
        self._date_order = None
        self._order_group.setExclusive(False)
        self.day_first.setChecked(False)
        self.month_first.setChecked(False)
        self._order_group.setExclusive(True)
        self.date_order_box.hide()
        self.peer_button.hide()
        self._show_preview(False)
        self.filler.setText(ABOUT_FORMATS)
        self.filler.setStyleSheet(_MUTED)
        self.file_label.setText(f"<b>{escape(self.path.name)}</b>")
        self.file_label.setToolTip(str(self.path))
        self.choose_button.setText("Choose another file…")
        self.read()

    def read(self) -> BackgroundTask | None:
        """Read the file off the GUI thread with the shown mapping and date order."""
        if self.path is None:
            return None
        if self.busy:  # a mapping changed while reading: read again once this read stops
            self._reread_when_idle = True
            self.task.cancel()  # type: ignore[union-attr]
            return None
        self._reread_timer.stop()
        self._reread_when_idle = False
        service, path, order = self._service, self.path, self._date_order
        mapping = None if self._base_mapping is None else self.preview.mapping(self._base_mapping)

        def work(progress, cancelled):
            with own_service(service) as worker:
                plan = read_import(worker, path, mapping=mapping, date_order=order,
                                   progress=progress, cancelled=cancelled)
            return plan, plan.first_rows(PREVIEW_LIMIT)

        task = self._start(work, f"Reading {path.name}…")
        task.succeeded.connect(self._on_read)
        task.failed.connect(self._on_read_failed)
        task.cancelled.connect(self._on_read_cancelled)
        return task

    def _start(self, work, text: str) -> BackgroundTask:
        self.task = task = BackgroundTask(work, self, "pm-workload-import")
        task.finished.connect(self._on_task_finished)
        self.progress.follow(task, text)
        task.start()
        self._update_buttons()
        return task

    def _on_task_finished(self) -> None:
        self._update_buttons()
        if self._reread_when_idle:
            self.read()

    def _on_read(self, outcome: tuple[ImportPlan, list]) -> None:
        plan, rows = outcome
        self.plan = plan
        if self._base_mapping is None:
            self._base_mapping = plan.mapping
            self.preview.set_default_kind(plan.mapping.default_kind)
        self.message.clear()
        self.preview.show_plan(plan, rows)
        self.date_order_box.setVisible(self._date_order is not None)
        self._show_preview(True)

    def _on_read_failed(self, error: BaseException) -> None:
        self.plan = None
        self._show_preview(False)
        if not isinstance(error, EXPECTED_ERRORS):
            self.message.show_problem("an unexpected problem; see the error report.", "Cannot import: ")
            raise error
        if isinstance(error, ValidationError) and error.field == "date_order":
            self.message.show_problem(f"{str(error).replace(_CLI_HINT, '.')} Choose how to read them.",
                                      "Before importing: ")
            self.date_order_box.show()
            return
        if isinstance(error, SummaryNotEntries):
            name = self.path.name if self.path else "The file"
            self.message.show_problem(f"{name} is a summary (a peer's hours per week), not entries. "
                                      "Import it under the peer's label instead.", "Not entries: ")
            self.peer_button.show()
            return
        self.message.show_problem(f"{files.failure_text(error)} Nothing was imported.", "Cannot import: ")

    def import_as_peer(self) -> QDialog:
        """Close, and open the peers dialog ready to import this file under a label."""
        from ui.exchange.peers_dialog import open_peers_dialog

        window, path = self.parentWidget(), self.path
        self.reject()
        return open_peers_dialog(window, self._service, path)

    def _on_read_cancelled(self) -> None:
        if not self._reread_when_idle:
            self.plan = None
            self._show_preview(False)
            self.message.show_hint("Reading was cancelled; nothing was imported.")

    def _on_mapping_edited(self) -> None:
        # Read again once the edits pause; until then the plan shown is out of date.
        self._reread_timer.start()
        self._update_buttons()

    def _on_date_order(self, button, checked: bool) -> None:
        if checked:
            self._date_order = DateOrder.DMY if button is self.day_first else DateOrder.MDY
            self.read()

    def _show_preview(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        self.filler.setVisible(not shown)

    def _update_buttons(self) -> None:
        plan, busy, done = self.plan, self.busy, self.result is not None
        ready = plan is not None and not busy and not done and not self._reread_timer.isActive()
        self.import_button.setVisible(not done)
        self.import_button.setEnabled(ready and not plan.bad_rows and plan.to_import > 0)
        # Only offered when it would import something: never "import the 0 good rows".
        self.good_rows_button.setVisible(plan is not None and plan.bad_rows > 0 and plan.to_import > 0
                                         and not done)
        self.good_rows_button.setEnabled(ready and plan.to_import > 0)
        self.choose_button.setEnabled(not busy)
        self.date_order_box.setEnabled(not busy)
        self.preview.setEnabled(not done)
        if not ready:
            if not busy and not self._reread_timer.isActive():
                self.hint.clear()
            return
        if plan.bad_rows and plan.bad_rows == sum(plan.unmapped.values()):
            self.hint.show_hint(f"{plural(plan.bad_rows, 'row has', 'rows have')} no kind: choose one "
                                "for their project or a tag, or a kind for all other rows"
                                + (f"; or import only the {plural(plan.to_import, 'good row')}."
                                   if plan.to_import else "; until then there is nothing to import."))
        elif plan.bad_rows:
            self.hint.show_hint(f"Import is off: {plural(plan.bad_rows, 'row has', 'rows have')} "
                                "problems (see Problems). Fix the file and choose it again"
                                f"{skip_offer(plan, 'import only the {good}')}.")
        elif not plan.to_import:
            self.hint.show_hint("Nothing to import: every row is already there.")
        else:
            self.hint.show_hint("Nothing is written until you press Import; a copy of the database "
                                "is taken first.")

    # -- importing ------------------------------------------------------------------------------
    def start_import(self, skip_bad_rows: bool) -> BackgroundTask | None:
        """Write the plan's rows off the GUI thread (all of them, or only the good ones)."""
        plan = self.plan
        if plan is None or self.busy or self.result is not None or self._reread_timer.isActive():
            return None
        service = self._service

        def work(progress, cancelled):
            with own_service(service) as worker:
                return apply_import(worker, plan, skip_bad_rows=skip_bad_rows, progress=progress,
                                    cancelled=cancelled)

        self.message.clear()
        self.hint.clear()
        task = self._start(work, f"Importing {plural(plan.to_import, 'entry', 'entries')}…")
        task.succeeded.connect(self._on_imported)
        task.failed.connect(self._on_import_failed)
        task.cancelled.connect(
            lambda: self.message.show_hint("The import was cancelled; nothing was written."))
        return task

    def _on_imported(self, result: ImportResult) -> None:
        self.result = result
        self._service.changed_elsewhere(*result.changed)
        new = [plural(result.new_tasks, "new task")] if result.new_tasks else []
        if result.new_categories:
            new.append(f"new {'categories' if len(result.new_categories) > 1 else 'category'}: "
                       f"{', '.join(result.new_categories)}")
        name = self.path.name if self.path else "the file"
        summary = (f"Imported {plural(result.imported, 'entry', 'entries')}"
                   f"{' (' + '; '.join(new) + ')' if new else ''} from {name}"
                   f"{'; skipped ' + plural(result.duplicates, 'duplicate') if result.duplicates else ''}"
                   f"{'; left out ' + plural(result.rejected, 'bad row') if result.rejected else ''}.")
        self.message.show_ok(summary, summary)
        details = [f"<b>{plural(result.imported, 'entry', 'entries')}</b> imported from "
                   f"{escape(name)}."]
        if new:
            details.append(escape("With " + "; ".join(new) + "."))
        if result.duplicates:
            details.append(f"{plural(result.duplicates, 'entry', 'entries')} already there "
                           f"{'was' if result.duplicates == 1 else 'were'} skipped.")
        if result.rejected:
            details.append(f"{plural(result.rejected, 'bad row')} left out.")
        if result.backup:
            details.append(f"A copy of the database from before the import:<br>"
                           f"{escape(str(result.backup))}")
        self.filler.setText("<br>".join(details))
        self.filler.setStyleSheet("color: palette(text); padding: 24px;")
        self._show_preview(False)
        self.date_order_box.hide()
        self.imported.emit(summary)
        self._update_buttons()

    def _on_import_failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            self.message.show_problem("an unexpected problem; see the error report.", "Not imported: ")
            raise error
        self.message.show_problem(f"{files.failure_text(error)} Nothing was written.", "Not imported: ")

    def done(self, result: int) -> None:
        """Close; a read or an import still running is cancelled first (writing nothing)."""
        self._reread_timer.stop()
        self._reread_when_idle = False
        if self.task is not None:
            self.task.stop_and_wait()
        super().done(result)


def open_import_dialog(window: QWidget, service: WorkloadService,
                       path: str | Path | None = None) -> ImportDialog | None:
    """Open the import dialog over ``window`` (not blocking) on ``path`` or a file asked for.

    Returns None, showing nothing, when no file is chosen.
    """
    if path is None:
        path = files.ask_open_path(window, "Import entries from CSV")
        if not path:
            return None
    dialog = ImportDialog(service, window)
    dialog.imported.connect(lambda text: messages.show_status(window, text, 10_000))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()  # window-modal, returns at once
    dialog.set_file(path)
    return dialog


def undo_import(window: QWidget, service: WorkloadService) -> BackgroundTask | None:
    """File > Undo last import…: say what would be undone, ask, then undo it off the GUI thread.

    Returns the running task, or None when there is nothing to undo or the user said no. When
    done, the window refreshes and its status bar says what was removed (and what was kept).
    """
    batch = last_import(service)
    if batch is None:
        messages.show_status(window, "There is no import to undo.")
        return None
    kept = (f"\n\n{plural(batch.edited, 'entry', 'entries')} you changed since the import "
            f"{'is' if batch.edited == 1 else 'are'} kept.") if batch.edited else ""
    if not messages.confirm(window, "Undo last import",
                            f"Undo the import of {batch.describe()}{kept}\n\nIts entries are "
                            "removed, and the tasks and categories it created if nothing else uses "
                            "them. A backup of the database is taken first.", "Undo import"):
        return None
    batch_id = batch.id

    def work(progress, cancelled) -> UndoneImport:
        with own_service(service) as worker:
            return undo_last_import(worker, batch_id)

    def done(result: UndoneImport) -> None:
        service.changed_elsewhere(*result.changed)
        stack = getattr(window, "undo_stack", None)
        if stack is not None:
            stack.clear()  # its commands may name entries that are gone now
        messages.show_status(window, result.summary(), 15_000)

    def failed(error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            crash.report(error)
            return
        messages.show_error(window, "Could not undo the import",
                            f"{files.failure_text(error)}\n\nNothing was changed.")

    task = BackgroundTask(work, window, "pm-workload-undo-import")
    task.succeeded.connect(done)
    task.failed.connect(failed)
    task.finished.connect(task.deleteLater)
    messages.show_status(window, f"Undoing the import of {batch.source}…")
    task.start()
    return task
