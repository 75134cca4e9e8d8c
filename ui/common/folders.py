"""Where file dialogs start: the folder the user last saved in, else Documents.

Kept in QSettings (the window's state, not the data), so each dialog opens where the last
export went instead of the working directory or Documents every time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER_KEY = "files/last_folder"


def documents() -> str:
    """Return the user's Documents folder (home if the desktop names none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder or str(Path.home())


def start_path(suggested: str = "", settings: QSettings | None = None) -> str:
    """Return where a dialog starts: the last folder used (if it is still there), else
    Documents, with the suggested file name in it."""
    saved = (settings if settings is not None else QSettings()).value(LAST_FOLDER_KEY)
    folder = saved if isinstance(saved, str) and saved and Path(saved).is_dir() else documents()
    return str(Path(folder) / suggested) if suggested else folder


def remember(path: str | None, settings: QSettings | None = None) -> None:
    """Keep the folder of a file just chosen (or the folder itself) for the next dialog."""
    if not path:
        return  # cancelled: the next dialog starts where this one did
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    settings = settings if settings is not None else QSettings()
    settings.setValue(LAST_FOLDER_KEY, str(folder))
