"""File > Back up now and File > Restore from backup…"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import backup
from app.errors import StorageError, ValidationError
from ui.common import crash, messages
from ui.common.workers import BackgroundTask


def _run(window: QWidget, work: Callable[[], object], on_done: Callable[[object], None],
         on_failed: Callable[[str], None]) -> BackgroundTask:
    """Run ``work`` on a background task; report its result or error on the GUI thread."""
    task = BackgroundTask(lambda progress, cancelled: work(), parent=window, name="pm-workload-backup")
    task.succeeded.connect(on_done)
    task.failed.connect(lambda error: on_failed(str(error)) if isinstance(
        error, (StorageError, ValidationError, OSError)) else crash.report(error))
    task.finished.connect(task.deleteLater)
    task.start()
    return task


def back_up_now(window: QWidget, service) -> BackgroundTask:
    """Take a backup off the GUI thread; say where it went in the status bar."""
    db_path = service.store.path
    messages.show_status(window, "Backing up…")
    return _run(window, lambda: backup.backup_database(db_path, service.clock),
                lambda path: messages.show_status(window, f"Backed up to {path}"),
                lambda message: messages.show_error(window, "The backup failed", message))


def start_daily_backup(window: QWidget, service) -> BackgroundTask:
    """Take the daily backup when it is due, quietly; a failure shows in the status bar."""
    db_path = service.store.path
    return _run(window, lambda: backup.auto_backup_database(db_path, service.clock),
                lambda path: path and messages.show_status(window, f"Daily backup written to {path}"),
                lambda message: messages.show_status(window, f"The daily backup failed: {message}"))


COL_TAKEN, COL_REASON, COL_SIZE = range(3)
_REASONS = {
    "daily": "daily", "manual": "backed up by you", "before-restore": "before a restore",
    "before-import": "before an import", "before-undo-import": "before undoing an import",
    "before-demo": "before demo data",
}


class BackupsModel(QAbstractTableModel):
    """The backups of one database, newest first."""

    HEADERS = ("Taken", "Why", "Size")

    def __init__(self, items: list[backup.BackupFile], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items = items

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if index.column() == COL_TAKEN:
            return item.taken_at.astimezone().strftime("%a %d %b %Y  %H:%M")
        if index.column() == COL_REASON:
            return _REASONS.get(item.reason, item.reason.replace("-", " "))
        return f"{item.size / 1024:,.0f} KB"

    def item(self, row: int) -> backup.BackupFile:
        return self._items[row]


def confirm_restore(parent: QWidget, text: str) -> bool:
    """Ask before replacing the database (tests replace this function)."""
    answer = QMessageBox.question(parent, "Restore from backup", text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def choose_backup_file(parent: QWidget, folder: str) -> str:
    """Ask for a backup file elsewhere (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Restore from a backup file", folder,
                                          "PM Workload databases (*.db);;All files (*)")
    return path


class RestoreDialog(QDialog):
    """Lists the backups; restoring one takes a backup of the current database first."""

    restored = Signal(object)  # app.backup.Restored

    def __init__(self, service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.resize(560, 360)
        items = backup.backups(service.store.path)
        self.model = BackupsModel(items, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(COL_TAKEN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Backups")
        self.table.doubleClicked.connect(lambda _: self.restore_selected())
        if items:
            self.table.selectRow(0)
        intro = QLabel(
            "Backups are taken every day the app is used, before imports and restores, and when "
            "you choose File > Back up now. Restoring replaces what is in the app now; a backup of "
            "it is taken first, so this can be undone by restoring that one."
            if items else "There are no backups yet. Use File > Back up now to take one.", self)
        intro.setWordWrap(True)
        self.restore_button = QPushButton("&Restore selected", self)
        self.restore_button.setEnabled(bool(items))
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton("From a &file…", self)
        self.file_button.clicked.connect(self.restore_from_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.model.item(rows[0].row())
            taken = item.taken_at.astimezone().strftime("%a %d %b %Y %H:%M")
            self._restore(item.path, f"the backup of {taken}")

    def restore_from_file(self) -> None:
        path = choose_backup_file(self, str(self.service.store.path.parent))
        if path:
            self._restore(Path(path), Path(path).name)

    def _restore(self, path: Path, what: str) -> None:
        count = self.service.entries.count()
        if not confirm_restore(self, f"Replace the {count:,} entries in PM Workload with {what}?\n\n"
                                     "A backup of the current data is taken first."):
            return
        try:
            done = backup.restore(self.service, path)
        except (ValidationError, StorageError) as error:
            messages.show_error(self, "Nothing was restored", str(error))
            return
        self.restored.emit(done)
        self.accept()


def open_restore_dialog(window: QWidget, service) -> RestoreDialog:
    """Open the restore dialog (non-modal use in tests: it is returned shown)."""
    dialog = RestoreDialog(service, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def after(done: backup.Restored) -> None:
        stack = getattr(window, "undo_stack", None)
        if stack is not None:
            stack.clear()  # entry ids of the restored data do not match the undo history
        messages.show_status(window, f"Restored {done.source.name}; the previous data is kept as "
                        f"{done.previous.name}.")

    dialog.restored.connect(after)
    dialog.open()
    return dialog
