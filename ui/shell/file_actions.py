"""FileActions: the File menu's import (and undoing it), export, backups and settings.

Import/export and backups live in their own dialog modules, imported only when first used
(they are not on the start-up path).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.changes import Change
from app.errors import StorageError, ValidationError
from app.exchange.batches import has_import_to_undo
from ui.common import messages
from ui.common.bridge import ServiceBridge

if TYPE_CHECKING:
    from app.workload import WorkloadService
    from ui.settings.dialog import SettingsDialog

log = logging.getLogger(__name__)


class FileActions(QObject):
    """Import…, Export…, Back up now, Restore from backup… and Settings… of one window.

    The dialogs open over ``window`` and work on ``service``; what they report goes to the
    window's status bar.
    """

    def __init__(self, window: QMainWindow, service: WorkloadService, bridge: ServiceBridge) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._bridge = bridge
        self.settings_dialog: SettingsDialog | None = None
        self.import_action = self._action(
            "&Import…", "Ctrl+Shift+I", "import entries",
            lambda: self.run_dialog("ui.exchange.dialogs", "open_import_dialog", "import entries"),
            "Import entries from a CSV file (PM Workload, Toggl Track, Clockify or a peer's summary)")
        # Not Ctrl+Z, which undoes edits: this removes a whole import (after asking).
        self.undo_import_action = self._action(
            "&Undo last import…", "Ctrl+Shift+U", "undo last import",
            lambda: self.run_dialog("ui.exchange.import_dialog", "undo_import", "undo the last import"),
            "Remove the entries of the last import (and the tasks and categories it created)")
        self.update_undo_import()
        self.export_action = self._action(
            "&Export…", "Ctrl+Shift+E", "export",
            lambda: self.run_dialog("ui.exchange.dialogs", "open_export_dialog", "export"),
            "Export entries or a summary without task titles as CSV")
        self.peers_action = self._action(
            "Compare with &peers…", "Ctrl+Shift+P", "compare with peers",
            lambda: self.run_dialog("ui.exchange.dialogs", "open_peers_dialog", "compare with peers"),
            "Import peers' summary CSVs and see your strategic share beside theirs")
        self.team_action = self._action(
            "&Team report…", "Ctrl+Shift+T", "team report",
            lambda: self.run_dialog("ui.exchange.team_page", "open_team_page", "open the team report"),
            "Read several PMs' summaries together: reclaimable hours by PM and category, in FTE")
        self.backup_action = self._action(
            "&Back up now", "Ctrl+Shift+B", "back up",
            lambda: self.run_dialog("ui.shell.backup_dialogs", "back_up_now", "back up"),
            "Take a copy of the database now")
        self.restore_action = self._action(
            "&Restore from backup…", "Ctrl+Shift+R", "restore",
            lambda: self.run_dialog("ui.shell.backup_dialogs", "open_restore_dialog", "restore the backup"),
            "Put the database back as it was in a backup (the current file is kept aside)")
        self.settings_action = self._action(
            "&Settings…", QKeySequence.StandardKey.Preferences, "settings", self.open_settings,
            "The strategic target, the working week, the reminder and the categories")
        if self.settings_action.shortcut().isEmpty():  # most Linux desktops bind no Preferences key
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def _action(self, text: str, shortcut: Any, name: str, slot: Callable[[], Any],
                tip: str) -> QAction:
        action = QAction(text, self._window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(f"{name.replace(' ', '_')}_action")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction | None]:
        """Return the File menu's actions in order, None where a separator goes."""
        return [self.import_action, self.undo_import_action, self.export_action, self.peers_action,
                self.team_action, None, self.backup_action, self.restore_action, None, self.settings_action]

    def update_undo_import(self, what: Change = Change.IMPORTS) -> None:
        """Enable Undo last import… only when there is an import to undo (on Change.IMPORTS)."""
        if what != Change.IMPORTS:
            return
        try:
            self.undo_import_action.setEnabled(has_import_to_undo(self._service))
        except StorageError as error:
            log.warning("Could not tell whether there is an import to undo: %s", error)

    # -- the dialog modules -------------------------------------------------------------------
    def run_dialog(self, module: str, function: str, what: str) -> bool:
        """Call ``<module>.<function>(window, service)``, importing the module on first use;
        return False when it failed on the database or the input (said in a message box)."""
        window = self._window
        handler = getattr(importlib.import_module(module), function)
        try:
            handler(window, self._service)
        except StorageError as error:
            messages.show_error(window, f"Could not {what}", f"{error}\n\nNothing was changed.")
            return False
        except ValidationError as error:
            messages.show_error(window, f"Could not {what}", str(error))
            return False
        return True

    # -- settings -----------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        """Open the settings dialog (window-modal, not blocking), or bring it up if it is open."""
        from ui.settings.dialog import SettingsDialog

        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        try:
            dialog = SettingsDialog(self._service, self._window, bridge=self._bridge)
        except StorageError as error:
            messages.show_error(self._window, "Could not open the settings", str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._settings_closed)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_closed(self, result: int) -> None:
        self.settings_dialog = None
        if result:
            self._window.statusBar().showMessage("Settings saved", 4000)
