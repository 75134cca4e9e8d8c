"""When the database cannot be used at start-up: say what is wrong, never overwrite the file.

For a file that is damaged, not ours or from a newer version, the user can restore the
newest backup or start a new database; either way the file is moved aside untouched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app import backup
from app.clock import Clock
from app.errors import UNUSABLE_FILE_ERRORS, StorageError

RESTORE, NEW, QUIT = "restore", "new", "quit"


def ask(error: StorageError, latest: backup.BackupFile | None) -> str:
    """Return RESTORE, NEW or QUIT as the user chooses (tests replace this function)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "PM Workload cannot use its database",
                      str(error))
    box.setInformativeText(
        "The file was left exactly as it is. You can restore the newest backup or start a "
        "new, empty database; either way the file is moved aside under a new name, never "
        "overwritten.")
    buttons = {}
    if latest is not None:
        taken = latest.taken_at.astimezone().strftime("%a %d %b %Y %H:%M")
        buttons[box.addButton(f"Restore the backup of {taken}",
                              QMessageBox.ButtonRole.AcceptRole)] = RESTORE
    buttons[box.addButton("Start a new database", QMessageBox.ButtonRole.DestructiveRole)] = NEW
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    buttons[quit_button] = QUIT
    box.setEscapeButton(quit_button)
    box.exec()
    return buttons.get(box.clickedButton(), QUIT)


def recover(error: StorageError, db_path: Path, clock: Clock) -> bool:
    """Offer the ways out for an unusable database file; return True when one was taken."""
    if not isinstance(error, UNUSABLE_FILE_ERRORS):
        return False  # locked, read-only, permission: nothing here would help
    usable = []
    for item in backup.backups(db_path):
        try:
            backup.check_backup(item.path)
        except StorageError:
            continue
        usable.append(item)
        break
    choice = ask(error, usable[0] if usable else None)
    if choice == RESTORE and usable:
        backup.restore_file(db_path, usable[0].path, clock.now())
        return True
    if choice == NEW:
        backup.set_aside(db_path, "unusable", clock.now())
        return True
    return False
